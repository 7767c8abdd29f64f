import type { CellType, FacetSet, Mesh } from './mesh.js';

/** Facets given as typed arrays or plain number lists (converted once). */
export interface FacetSetInput {
  readonly cells: Int32Array | readonly number[];
  readonly localFacets: Int8Array | readonly number[];
}

/**
 * Input of {@link createMesh}. Typed arrays are used as given (no copy); plain arrays are converted.
 * - `points` [nPoints × 2], metres.
 * - `cells` [nCells × nodesPerCell], counter-clockwise (see `mesh.ts` for the tri6 node order).
 * - `cellRegion` [nCells] indexes `regionNames`; both default to one region named 'domain'.
 * - `boundaries`: name → (cell, local facet) pairs.
 */
export interface CreateMeshInput {
  readonly cellType: CellType;
  readonly points: Float64Array | readonly number[];
  readonly cells: Int32Array | readonly number[];
  readonly cellRegion?: Int32Array | readonly number[];
  readonly regionNames?: readonly string[];
  readonly boundaries?: ReadonlyMap<string, FacetSetInput> | Readonly<Record<string, FacetSetInput>>;
}

/**
 * Builds a {@link Mesh} and checks its shape: array lengths, node indices in [0, nPoints), region indices in
 * [0, regionNames.length), facet cells in [0, nCells) and local facets in 0..2. Throws an `Error` naming the
 * first offending entry. Geometry (orientation, degenerate cells) is checked by `validateMesh`, not here.
 */
export function createMesh(input: CreateMeshInput): Mesh {
  const { cellType } = input;
  if (cellType !== 'tri3' && cellType !== 'tri6') {
    throw new Error(`createMesh: cellType must be 'tri3' or 'tri6', got '${String(cellType)}'`);
  }
  const nodesPerCell = cellType === 'tri3' ? 3 : 6;
  const points = input.points instanceof Float64Array ? input.points : Float64Array.from(input.points);
  const cells = input.cells instanceof Int32Array ? input.cells : Int32Array.from(input.cells);
  if (points.length % 2 !== 0) {
    throw new Error(`createMesh: points has length ${points.length}, expected a multiple of 2 ([nPoints × 2])`);
  }
  if (cells.length % nodesPerCell !== 0) {
    throw new Error(`createMesh: cells has length ${cells.length}, expected a multiple of ${nodesPerCell} for ${cellType}`);
  }
  const nPoints = points.length / 2;
  const nCells = cells.length / nodesPerCell;
  for (let i = 0; i < cells.length; i++) {
    const p = cells[i]!;
    if (p < 0 || p >= nPoints) {
      const c = Math.floor(i / nodesPerCell);
      throw new Error(`createMesh: cell ${c} node ${i - c * nodesPerCell} is point ${p}, outside [0, ${nPoints})`);
    }
  }

  const regionNames = input.regionNames ?? ['domain'];
  if (new Set(regionNames).size !== regionNames.length) {
    throw new Error(`createMesh: duplicate region names in [${regionNames.join(', ')}]`);
  }
  let cellRegion: Int32Array;
  if (input.cellRegion === undefined) {
    if (regionNames.length < 1) throw new Error('createMesh: regionNames is empty');
    cellRegion = new Int32Array(nCells);
  } else {
    cellRegion = input.cellRegion instanceof Int32Array ? input.cellRegion : Int32Array.from(input.cellRegion);
    if (cellRegion.length !== nCells) {
      throw new Error(`createMesh: cellRegion has length ${cellRegion.length}, expected nCells = ${nCells}`);
    }
    for (let c = 0; c < nCells; c++) {
      const r = cellRegion[c]!;
      if (r < 0 || r >= regionNames.length) {
        throw new Error(`createMesh: cellRegion[${c}] = ${r}, outside [0, ${regionNames.length}) (regions: ${regionNames.join(', ')})`);
      }
    }
  }

  const boundaries = new Map<string, FacetSet>();
  const entries: [string, FacetSetInput][] =
    input.boundaries === undefined ? [] : input.boundaries instanceof Map ? [...input.boundaries.entries()] : Object.entries(input.boundaries);
  for (const [name, fs] of entries) {
    const fc = fs.cells instanceof Int32Array ? fs.cells : Int32Array.from(fs.cells);
    const fk = fs.localFacets instanceof Int8Array ? fs.localFacets : Int8Array.from(fs.localFacets);
    if (fc.length !== fk.length) {
      throw new Error(`createMesh: boundary '${name}' has ${fc.length} cells but ${fk.length} localFacets`);
    }
    for (let i = 0; i < fc.length; i++) {
      const c = fc[i]!;
      const k = fk[i]!;
      if (c < 0 || c >= nCells) throw new Error(`createMesh: boundary '${name}' facet ${i} names cell ${c}, outside [0, ${nCells})`);
      if (k < 0 || k > 2) throw new Error(`createMesh: boundary '${name}' facet ${i} has local facet ${k}, expected 0, 1 or 2`);
    }
    boundaries.set(name, { cells: fc, localFacets: fk });
  }

  return { cellType, nodesPerCell, nPoints, nCells, points, cells, cellRegion, regionNames: [...regionNames], boundaries };
}
