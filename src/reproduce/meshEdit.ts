/**
 * Small mesh edits the reproductions need beyond the generators: cutting cells out (a void gap between
 * contact spots) and naming a sub-set of a facet set (the part of an interface under a contact spot).
 */
import { createMesh } from '../mesh/createMesh.js';
import { TRI_FACET_VERTICES, type FacetSet, type Mesh } from '../mesh/mesh.js';

/**
 * The mesh without the cells where `keep(cell)` is false: unused points are dropped and renumbered, facets of
 * removed cells leave their boundary sets (empty sets are dropped), region names are kept (a region may end
 * up empty). The new free edges carry no name: natural conditions (insulation, traction-free, no flow).
 */
export function removeCells(mesh: Mesh, keep: (cell: number) => boolean): Mesh {
  const npc = mesh.nodesPerCell;
  const newCell = new Int32Array(mesh.nCells).fill(-1);
  let nc = 0;
  for (let c = 0; c < mesh.nCells; c++) if (keep(c)) newCell[c] = nc++;
  const newPoint = new Int32Array(mesh.nPoints).fill(-1);
  let np = 0;
  for (let c = 0; c < mesh.nCells; c++) {
    if (newCell[c]! < 0) continue;
    for (let a = 0; a < npc; a++) {
      const p = mesh.cells[c * npc + a]!;
      if (newPoint[p]! < 0) newPoint[p] = np++;
    }
  }
  const points = new Float64Array(2 * np);
  for (let p = 0; p < mesh.nPoints; p++) {
    const q = newPoint[p]!;
    if (q >= 0) { points[2 * q] = mesh.points[2 * p]!; points[2 * q + 1] = mesh.points[2 * p + 1]!; }
  }
  const cells = new Int32Array(nc * npc);
  const cellRegion = new Int32Array(nc);
  for (let c = 0; c < mesh.nCells; c++) {
    const d = newCell[c]!;
    if (d < 0) continue;
    for (let a = 0; a < npc; a++) cells[d * npc + a] = newPoint[mesh.cells[c * npc + a]!]!;
    cellRegion[d] = mesh.cellRegion[c]!;
  }
  const boundaries = new Map<string, FacetSet>();
  for (const [name, fs] of mesh.boundaries) {
    const cs: number[] = [], ks: number[] = [];
    for (let f = 0; f < fs.cells.length; f++) {
      const d = newCell[fs.cells[f]!]!;
      if (d >= 0) { cs.push(d); ks.push(fs.localFacets[f]!); }
    }
    if (cs.length > 0) boundaries.set(name, { cells: Int32Array.from(cs), localFacets: Int8Array.from(ks) });
  }
  return createMesh({ cellType: mesh.cellType, points, cells, cellRegion, regionNames: mesh.regionNames, boundaries });
}

/** Centroid (x, y) of cell c (vertices only), m. */
export function cellCentroid(mesh: Mesh, c: number): [number, number] {
  const npc = mesh.nodesPerCell;
  let x = 0, y = 0;
  for (let a = 0; a < 3; a++) {
    const p = mesh.cells[c * npc + a]!;
    x += mesh.points[2 * p]!;
    y += mesh.points[2 * p + 1]!;
  }
  return [x / 3, y / 3];
}

/** A copy of `mesh` with one more boundary: the facets of `from` whose midpoint (x, y) passes `select`. */
export function withFacetSubset(mesh: Mesh, from: string, name: string, select: (x: number, y: number) => boolean): Mesh {
  const fs = mesh.boundaries.get(from);
  if (!fs) throw new Error(`withFacetSubset: unknown boundary '${from}'`);
  const npc = mesh.nodesPerCell;
  const cs: number[] = [], ks: number[] = [];
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!, k = fs.localFacets[f]!;
    const [a, b] = TRI_FACET_VERTICES[k]!;
    const p = mesh.cells[c * npc + a]!, q = mesh.cells[c * npc + b]!;
    if (select(0.5 * (mesh.points[2 * p]! + mesh.points[2 * q]!), 0.5 * (mesh.points[2 * p + 1]! + mesh.points[2 * q + 1]!))) {
      cs.push(c);
      ks.push(k);
    }
  }
  if (cs.length === 0) throw new Error(`withFacetSubset: no facet of '${from}' selected for '${name}'`);
  const boundaries = new Map(mesh.boundaries);
  boundaries.set(name, { cells: Int32Array.from(cs), localFacets: Int8Array.from(ks) });
  return { ...mesh, boundaries };
}
