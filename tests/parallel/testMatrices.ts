import type { CsrMatrix } from '../../src/linalg/csr.js';
import { seededRandom } from '../../src/mesh/generators/porePlacement.js';

/**
 * 5-point Laplacian (4 on the diagonal, −1 to the N/S/E/W neighbours; Dirichlet rows eliminated) on an nx × ny
 * grid, row = j·nx + i, built straight into SharedArrayBuffer arrays. SPD; rows couple nx apart.
 */
export function laplacian5(nx: number, ny: number): CsrMatrix {
  const n = nx * ny;
  const rowPtr = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
  const nnzMax = 5 * n;
  const colIdx = new Int32Array(new SharedArrayBuffer(4 * nnzMax));
  const values = new Float64Array(new SharedArrayBuffer(8 * nnzMax));
  let k = 0;
  const put = (c: number, v: number): void => { colIdx[k] = c; values[k] = v; k++; };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const r = j * nx + i;
      if (j > 0) put(r - nx, -1);
      if (i > 0) put(r - 1, -1);
      put(r, 4);
      if (i < nx - 1) put(r + 1, -1);
      if (j < ny - 1) put(r + nx, -1);
      rowPtr[r + 1] = k;
    }
  }
  return { n, rowPtr, colIdx, values };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so failures are reproducible. */
export const rng = seededRandom;

/** Unsymmetric random sparse matrix on SharedArrayBuffers: 0–12 entries per row (row 0 is empty), sorted columns. */
export function randomSparse(n: number, seed: number): CsrMatrix {
  const rand = rng(seed);
  const rowPtr = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const len = i === 0 ? 0 : Math.floor(rand() * 13);
    const set = new Set<number>();
    while (set.size < Math.min(len, n)) set.add(Math.floor(rand() * n));
    for (const c of [...set].sort((a, b) => a - b)) { cols.push(c); vals.push(rand() * 2 - 1); }
    rowPtr[i + 1] = cols.length;
  }
  const colIdx = new Int32Array(new SharedArrayBuffer(4 * cols.length));
  const values = new Float64Array(new SharedArrayBuffer(8 * vals.length));
  colIdx.set(cols);
  values.set(vals);
  return { n, rowPtr, colIdx, values };
}

/** A SharedArrayBuffer Float64Array [n] filled by f(i). */
export function sharedVector(n: number, f: (i: number) => number): Float64Array {
  const v = new Float64Array(new SharedArrayBuffer(8 * n));
  for (let i = 0; i < n; i++) v[i] = f(i);
  return v;
}

/** Byte-for-byte equality of two Float64Arrays (distinguishes −0/+0 and NaN payloads, unlike ===). */
export function sameBytes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** max_i |a_i − b_i| / max_i |b_i|. */
export function relMaxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0, m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / m;
}
