import type { FacetSet, Mesh } from '../../../src/mesh/mesh.js';

/** Test-only structured mesh options. */
export interface RectOptions {
  /** 1: tri3, 2: tri6 with straight midside nodes (before `mapPoint`). */
  readonly order?: 1 | 2;
  /** Region index of a cell from its centroid; `regionNames` must list the names. */
  readonly regionOf?: (cx: number, cy: number) => number;
  readonly regionNames?: readonly string[];
  /**
   * Moves points after generation: receives the point, its fine-grid indices (I, J) in [0, order·nx] × [0, order·ny]
   * and whether it is a vertex; returns the new position.
   */
  readonly mapPoint?: (x: number, y: number, I: number, J: number, isVertex: boolean) => [number, number];
}

/**
 * [x0,x1]×[y0,y1] split into nx×ny squares, each cut along its (i,j)–(i+1,j+1) diagonal into two counter-clockwise
 * triangles. Boundaries 'bottom', 'right', 'top', 'left'. For order 2 the points form the (2nx+1)×(2ny+1) grid, so
 * every midside node (including diagonal midpoints) is a grid point.
 */
export function rectangleMesh(
  nx: number, ny: number, x0: number, x1: number, y0: number, y1: number, opts: RectOptions = {},
): Mesh {
  const s = opts.order ?? 1;
  const NX = s * nx + 1;
  const NY = s * ny + 1;
  const points = new Float64Array(2 * NX * NY);
  for (let J = 0; J < NY; J++) {
    for (let I = 0; I < NX; I++) {
      let x = x0 + ((x1 - x0) * I) / (s * nx);
      let y = y0 + ((y1 - y0) * J) / (s * ny);
      if (opts.mapPoint) [x, y] = opts.mapPoint(x, y, I, J, I % s === 0 && J % s === 0);
      points[2 * (J * NX + I)] = x;
      points[2 * (J * NX + I) + 1] = y;
    }
  }
  const id = (I: number, J: number): number => J * NX + I;
  const npc = s === 1 ? 3 : 6;
  const nCells = 2 * nx * ny;
  const cells = new Int32Array(nCells * npc);
  const cellRegion = new Int32Array(nCells);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const I = s * i;
      const J = s * j;
      const t1 = 2 * (j * nx + i);
      const t2 = t1 + 1;
      cells.set([id(I, J), id(I + s, J), id(I + s, J + s)], t1 * npc);
      cells.set([id(I, J), id(I + s, J + s), id(I, J + s)], t2 * npc);
      if (s === 2) {
        cells.set([id(I + 1, J), id(I + 2, J + 1), id(I + 1, J + 1)], t1 * npc + 3);
        cells.set([id(I + 1, J + 1), id(I + 1, J + 2), id(I, J + 1)], t2 * npc + 3);
      }
      if (opts.regionOf) {
        const xa = x0 + ((x1 - x0) * (i + 0.5)) / nx;
        const ya = y0 + ((y1 - y0) * (j + 0.5)) / ny;
        const h = (x1 - x0) / nx / 6;
        const v = (y1 - y0) / ny / 6;
        cellRegion[t1] = opts.regionOf(xa + h, ya - v);
        cellRegion[t2] = opts.regionOf(xa - h, ya + v);
      }
    }
  }
  const facets = (list: [number, number][]): FacetSet => ({
    cells: Int32Array.from(list.map((p) => p[0])),
    localFacets: Int8Array.from(list.map((p) => p[1])),
  });
  const bottom: [number, number][] = [];
  const top: [number, number][] = [];
  const left: [number, number][] = [];
  const right: [number, number][] = [];
  for (let i = 0; i < nx; i++) {
    bottom.push([2 * i, 0]);
    top.push([2 * ((ny - 1) * nx + i) + 1, 1]);
  }
  for (let j = 0; j < ny; j++) {
    right.push([2 * (j * nx + nx - 1), 1]);
    left.push([2 * (j * nx) + 1, 2]);
  }
  return {
    cellType: s === 1 ? 'tri3' : 'tri6',
    nodesPerCell: npc,
    nPoints: NX * NY,
    nCells,
    points,
    cells,
    cellRegion,
    regionNames: opts.regionNames ?? ['domain'],
    boundaries: new Map([
      ['bottom', facets(bottom)], ['right', facets(right)], ['top', facets(top)], ['left', facets(left)],
    ]),
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (LCG), so perturbed meshes are reproducible. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
