import { createMesh } from './createMesh.js';
import type { CellType, FacetSet, Mesh } from './mesh.js';

/**
 * Plain JSON form of a mesh: `points` [[x, y], …] (metres), `cells` [[n0, n1, n2(, n3, n4, n5)], …],
 * `regions` name → cell indices (every cell in exactly one region; optional: all cells in 'domain'),
 * `boundaries` name → [cell, localFacet] pairs (optional).
 */
export interface MeshJson {
  cellType: CellType;
  points: number[][];
  cells: number[][];
  regions: Record<string, number[]>;
  boundaries: Record<string, [number, number][]>;
}

/** The JSON form of a mesh (regions in `regionNames` order, cells ascending). */
export function meshToJson(mesh: Mesh): MeshJson {
  const points: number[][] = [];
  for (let p = 0; p < mesh.nPoints; p++) points.push([mesh.points[2 * p]!, mesh.points[2 * p + 1]!]);
  const cells: number[][] = [];
  const npc = mesh.nodesPerCell;
  for (let c = 0; c < mesh.nCells; c++) cells.push(Array.from(mesh.cells.subarray(c * npc, (c + 1) * npc)));
  const regions: Record<string, number[]> = {};
  for (const n of mesh.regionNames) regions[n] = [];
  for (let c = 0; c < mesh.nCells; c++) regions[mesh.regionNames[mesh.cellRegion[c]!]!]!.push(c);
  const boundaries: Record<string, [number, number][]> = {};
  for (const [name, fs] of mesh.boundaries) {
    boundaries[name] = Array.from(fs.cells, (c, i) => [c, fs.localFacets[i]!] as [number, number]);
  }
  return { cellType: mesh.cellType, points, cells, regions, boundaries };
}

/**
 * Builds a mesh from its JSON form (e.g. `JSON.parse` output). Bad data throws an `Error` whose message names
 * the JSON path, e.g. `mesh.cells[12][1]: point index 90 is outside [0, 81)`. Geometry is not checked here
 * (use `validateMesh`).
 */
export function meshFromJson(obj: unknown, path = 'mesh'): Mesh {
  const fail = (where: string, what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  const show = (v: unknown): string => {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const index = (v: unknown, where: string, n: number, what: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(where, `expected an integer ${what}, got ${show(v)}`);
    if (v < 0 || v >= n) return fail(where, `${what} ${v} is outside [0, ${n})`);
    return v;
  };

  if (!isObject(obj)) fail(path, `expected an object {cellType, points, cells, regions, boundaries}, got ${show(obj)}`);
  const o = obj as Record<string, unknown>;
  const cellType = o.cellType;
  if (cellType !== 'tri3' && cellType !== 'tri6') fail(`${path}.cellType`, `expected 'tri3' or 'tri6', got ${show(cellType)}`);
  const npc = cellType === 'tri3' ? 3 : 6;

  if (!Array.isArray(o.points)) fail(`${path}.points`, `expected an array of [x, y] pairs, got ${show(o.points)}`);
  const pts = o.points as unknown[];
  const nPoints = pts.length;
  const points = new Float64Array(2 * nPoints);
  pts.forEach((pt, i) => {
    if (!Array.isArray(pt) || pt.length !== 2) fail(`${path}.points[${i}]`, `expected [x, y], got ${show(pt)}`);
    for (let d = 0; d < 2; d++) {
      const v = (pt as unknown[])[d];
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.points[${i}][${d}]`, `expected a finite number, got ${show(v)}`);
      points[2 * i + d] = v as number;
    }
  });

  if (!Array.isArray(o.cells)) fail(`${path}.cells`, `expected an array of ${npc}-node lists, got ${show(o.cells)}`);
  const cl = o.cells as unknown[];
  const nCells = cl.length;
  const cells = new Int32Array(npc * nCells);
  cl.forEach((cell, c) => {
    if (!Array.isArray(cell) || cell.length !== npc) fail(`${path}.cells[${c}]`, `expected ${npc} point indices for ${cellType}, got ${show(cell)}`);
    for (let a = 0; a < npc; a++) cells[c * npc + a] = index((cell as unknown[])[a], `${path}.cells[${c}][${a}]`, nPoints, 'point index');
  });

  let regionNames: string[] = ['domain'];
  const cellRegion = new Int32Array(nCells);
  if (o.regions !== undefined) {
    if (!isObject(o.regions)) fail(`${path}.regions`, `expected an object {name: [cell indices]}, got ${show(o.regions)}`);
    regionNames = Object.keys(o.regions as object);
    if (regionNames.length === 0) fail(`${path}.regions`, 'expected at least one region');
    cellRegion.fill(-1);
    regionNames.forEach((name, r) => {
      const list = (o.regions as Record<string, unknown>)[name];
      const where = `${path}.regions[${JSON.stringify(name)}]`;
      if (!Array.isArray(list)) fail(where, `expected an array of cell indices, got ${show(list)}`);
      (list as unknown[]).forEach((v, i) => {
        const c = index(v, `${where}[${i}]`, nCells, 'cell index');
        if (cellRegion[c] !== -1) fail(`${where}[${i}]`, `cell ${c} is already in region '${regionNames[cellRegion[c]!]}'`);
        cellRegion[c] = r;
      });
    });
    const missing = cellRegion.indexOf(-1);
    if (missing >= 0) fail(`${path}.regions`, `cell ${missing} is in no region (every cell needs exactly one)`);
  }

  const boundaries = new Map<string, FacetSet>();
  if (o.boundaries !== undefined) {
    if (!isObject(o.boundaries)) fail(`${path}.boundaries`, `expected an object {name: [[cell, localFacet], …]}, got ${show(o.boundaries)}`);
    for (const [name, list] of Object.entries(o.boundaries as Record<string, unknown>)) {
      const where = `${path}.boundaries[${JSON.stringify(name)}]`;
      if (!Array.isArray(list)) fail(where, `expected an array of [cell, localFacet] pairs, got ${show(list)}`);
      const n = (list as unknown[]).length;
      const fc = new Int32Array(n);
      const fk = new Int8Array(n);
      (list as unknown[]).forEach((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) fail(`${where}[${i}]`, `expected [cell, localFacet], got ${show(pair)}`);
        fc[i] = index((pair as unknown[])[0], `${where}[${i}][0]`, nCells, 'cell index');
        fk[i] = index((pair as unknown[])[1], `${where}[${i}][1]`, 3, 'local facet');
      });
      boundaries.set(name, { cells: fc, localFacets: fk });
    }
  }
  return createMesh({ cellType: cellType as CellType, points, cells, cellRegion, regionNames, boundaries });
}
