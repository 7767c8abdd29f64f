import type { FacetSet } from '../mesh.js';

/** How each grid square is cut: 'right' along (x0,y0)–(x1,y1), 'left' along (x1,y0)–(x0,y1) (DOLFINx names). */
export type DiagonalType = 'right' | 'left';

/**
 * Node coordinates [n + 1] from `a` to `b` with n cells in geometric progression: `ratio` = last / first cell
 * size (1 = uniform). The end points are exact.
 */
export function gradedCoordinates(a: number, b: number, n: number, ratio = 1): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`gradedCoordinates: number of cells must be an integer ≥ 1, got ${n}`);
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new Error(`gradedCoordinates: grading ratio must be a positive number, got ${ratio}`);
  const out = new Float64Array(n + 1);
  if (ratio === 1) {
    // Uniform: a + (b − a)·i/n, exactly as DOLFINx places its nodes (no accumulated rounding).
    for (let i = 0; i <= n; i++) out[i] = a + ((b - a) * i) / n;
    out[n] = b;
    return out;
  }
  const q = n > 1 ? Math.pow(ratio, 1 / (n - 1)) : 1;
  // Sum of sizes h0·q^i, i < n, must equal (b − a).
  const total = Math.abs(q - 1) < 1e-14 ? n : (Math.pow(q, n) - 1) / (q - 1);
  const h0 = (b - a) / total;
  let x = a;
  let h = h0;
  out[0] = a;
  for (let i = 1; i < n; i++) {
    x += h;
    out[i] = x;
    h *= q;
  }
  out[n] = b;
  return out;
}

/**
 * Triangles of the tensor grid `xs` [nx+1] × `ys` [ny+1]: point (i, j) is index j·(nx+1) + i; the square (i, j)
 * gives cells 2·(j·nx + i) and 2·(j·nx + i) + 1, counter-clockwise. Returns `points` [nPoints × 2] and
 * `cells` [nCells × 3] (on SharedArrayBuffers when `sharedMemory`, for worker pools). 'right' cells are (v0, v1, v3) and (v0, v3, v2) with v0 the lower-left corner,
 * v1 lower-right, v2 upper-left, v3 upper-right: the same cells as DOLFINx `create_rectangle` with
 * `DiagonalType.right` (the second one listed counter-clockwise).
 */
export function structuredTriangles(
  xs: Float64Array, ys: Float64Array, diagonal: DiagonalType, sharedMemory = false,
): { points: Float64Array; cells: Int32Array } {
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  const stride = nx + 1;
  const nPts = 2 * stride * (ny + 1), nCellEntries = 6 * nx * ny;
  const points = sharedMemory ? new Float64Array(new SharedArrayBuffer(8 * nPts)) : new Float64Array(nPts);
  let p = 0;
  for (let j = 0; j <= ny; j++) {
    const y = ys[j]!;
    for (let i = 0; i <= nx; i++) {
      points[p++] = xs[i]!;
      points[p++] = y;
    }
  }
  const cells = sharedMemory ? new Int32Array(new SharedArrayBuffer(4 * nCellEntries)) : new Int32Array(nCellEntries);
  let q = 0;
  const right = diagonal === 'right';
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v0 = j * stride + i;
      const v1 = v0 + 1;
      const v2 = v0 + stride;
      const v3 = v2 + 1;
      if (right) {
        cells[q++] = v0; cells[q++] = v1; cells[q++] = v3;
        cells[q++] = v0; cells[q++] = v3; cells[q++] = v2;
      } else {
        cells[q++] = v0; cells[q++] = v1; cells[q++] = v2;
        cells[q++] = v1; cells[q++] = v3; cells[q++] = v2;
      }
    }
  }
  return { points, cells };
}

/** Which (cell of the square, local facet) lies on each side of a grid square, per diagonal. */
const SIDE_FACET: Record<DiagonalType, Record<'left' | 'right' | 'bottom' | 'top', readonly [number, number]>> = {
  right: { bottom: [0, 0], right: [0, 1], top: [1, 1], left: [1, 2] },
  left: { bottom: [0, 0], left: [0, 2], right: [1, 0], top: [1, 1] },
};

/**
 * Facets of {@link structuredTriangles} on one side of a line of squares: side 'bottom'/'top' of the squares
 * of row `line`, columns [from, to); side 'left'/'right' of the squares of column `line`, rows [from, to).
 * Ordered by increasing column/row.
 */
export function structuredSideFacets(
  nx: number,
  diagonal: DiagonalType,
  side: 'left' | 'right' | 'bottom' | 'top',
  line: number,
  from: number,
  to: number,
): FacetSet {
  const [t, k] = SIDE_FACET[diagonal][side];
  const n = Math.max(0, to - from);
  const cells = new Int32Array(n);
  const localFacets = new Int8Array(n).fill(k);
  const horizontal = side === 'bottom' || side === 'top';
  for (let m = 0; m < n; m++) {
    const s = from + m;
    const square = horizontal ? line * nx + s : s * nx + line;
    cells[m] = 2 * square + t;
  }
  return { cells, localFacets };
}
