/** Test matrices built independently of src/solvers (shared by the solver tests). */
import type { CsrMatrix } from '../../src/linalg/csr.js';
import { csrFromTriplets } from '../../src/linalg/csr.js';
import { seededRandom } from '../../src/mesh/generators/porePlacement.js';

/** Deterministic uniform [0, 1) generator (mulberry32) so tests are reproducible. */
export const rng = seededRandom;

export function randomVector(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 2 * r() - 1;
  return v;
}

/**
 * 5-point Laplacian on the N×N interior nodes of the unit square (Dirichlet nodes eliminated),
 * stencil [−1; −1 4 −1; −1] (h² scaling dropped). Built directly in CSR with sorted columns, so it
 * also works at 1M unknowns. Eigenvalues 4 − 2cos(πk/(N+1)) − 2cos(πl/(N+1)).
 */
export function laplace2d(N: number): CsrMatrix {
  const n = N * N;
  const rowPtr = new Int32Array(n + 1);
  let nz = 0;
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
    nz += 1 + (j > 0 ? 1 : 0) + (i > 0 ? 1 : 0) + (i < N - 1 ? 1 : 0) + (j < N - 1 ? 1 : 0);
    rowPtr[i + N * j + 1] = nz;
  }
  const colIdx = new Int32Array(nz);
  const values = new Float64Array(nz);
  let k = 0;
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
    const r = i + N * j;
    if (j > 0) { colIdx[k] = r - N; values[k++] = -1; }
    if (i > 0) { colIdx[k] = r - 1; values[k++] = -1; }
    colIdx[k] = r; values[k++] = 4;
    if (i < N - 1) { colIdx[k] = r + 1; values[k++] = -1; }
    if (j < N - 1) { colIdx[k] = r + N; values[k++] = -1; }
  }
  return { n, rowPtr, colIdx, values };
}

/** Condition number of {@link laplace2d}: λmax/λmin = (4 − 4cos(Nπh))/(4 − 4cos(πh)), h = 1/(N+1). */
export function laplace2dCondition(N: number): number {
  const h = 1 / (N + 1);
  return (1 - Math.cos(N * Math.PI * h)) / (1 - Math.cos(Math.PI * h));
}

/**
 * −ε·Δu + (bx, by)·∇u on the N×N interior grid of the unit square, first-order upwind convection,
 * scaled by h²: a nonsymmetric, irreducibly diagonally dominant M-matrix.
 */
export function convectionDiffusion2d(N: number, eps: number, bx: number, by: number): CsrMatrix {
  const h = 1 / (N + 1);
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  const add = (r: number, c: number, v: number): void => { rows.push(r); cols.push(c); vals.push(v); };
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
    const r = i + N * j;
    add(r, r, 4 * eps + (Math.abs(bx) + Math.abs(by)) * h);
    const west = -eps - Math.max(bx, 0) * h, east = -eps - Math.max(-bx, 0) * h;
    const south = -eps - Math.max(by, 0) * h, north = -eps - Math.max(-by, 0) * h;
    if (i > 0) add(r, r - 1, west);
    if (i < N - 1) add(r, r + 1, east);
    if (j > 0) add(r, r - N, south);
    if (j < N - 1) add(r, r + N, north);
  }
  return csrFromTriplets(N * N, rows, cols, vals);
}

/** 1D upwind convection–diffusion: tridiagonal nonsymmetric M-matrix [n × n]. */
export function tridiagonalMMatrix(n: number, eps: number, b: number): CsrMatrix {
  const h = 1 / (n + 1);
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(i); cols.push(i); vals.push(2 * eps + Math.abs(b) * h);
    if (i > 0) { rows.push(i); cols.push(i - 1); vals.push(-eps - Math.max(b, 0) * h); }
    if (i < n - 1) { rows.push(i); cols.push(i + 1); vals.push(-eps - Math.max(-b, 0) * h); }
  }
  return csrFromTriplets(n, rows, cols, vals);
}

/** Dense n×n matrix (row-major number[][]) as a CSR matrix with every entry stored. */
export function denseToCsr(a: number[][]): CsrMatrix {
  const n = a.length;
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { rows.push(i); cols.push(j); vals.push(a[i]![j]!); }
  return csrFromTriplets(n, rows, cols, vals);
}

/** CSR → dense number[][] (for ml-matrix references on small matrices). */
export function csrToDense(A: CsrMatrix): number[][] {
  const d = Array.from({ length: A.n }, () => new Array<number>(A.n).fill(0));
  for (let i = 0; i < A.n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) d[i]![A.colIdx[k]!] = A.values[k]!;
  return d;
}

/** Dense random SPD matrix BᵀB + n·I with B uniform in [−1, 1], n×n. */
export function randomSpdDense(n: number, seed: number): number[][] {
  const r = rng(seed);
  const B = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * r() - 1));
  const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += B[k]![i]! * B[k]![j]!;
    A[i]![j] = s + (i === j ? n : 0);
  }
  return A;
}

/** Symmetric permutation P·A·Pᵀ with row `new` = row perm[new] of A. */
export function permuteSymmetric(A: CsrMatrix, perm: Int32Array): CsrMatrix {
  const inv = new Int32Array(A.n);
  for (let i = 0; i < A.n; i++) inv[perm[i]!] = i;
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < A.n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) {
    rows.push(inv[i]!); cols.push(inv[A.colIdx[k]!]!); vals.push(A.values[k]!);
  }
  return csrFromTriplets(A.n, rows, cols, vals);
}

/** ‖x − y‖₂ / ‖y‖₂. */
export function relError(x: Float64Array, y: Float64Array): number {
  let d = 0, s = 0;
  for (let i = 0; i < x.length; i++) { d += (x[i]! - y[i]!) ** 2; s += y[i]! ** 2; }
  return Math.sqrt(d / s);
}

/** ‖b − A·x‖₂ / ‖b‖₂ computed independently of src/solvers. */
export function relResidual(A: CsrMatrix, x: Float64Array, b: Float64Array): number {
  let d = 0, s = 0;
  for (let i = 0; i < A.n; i++) {
    let r = b[i]!;
    for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) r -= A.values[k]! * x[A.colIdx[k]!]!;
    d += r * r; s += b[i]! ** 2;
  }
  return Math.sqrt(d / s);
}

/** b = A·x. */
export function multiply(A: CsrMatrix, x: Float64Array): Float64Array {
  const b = new Float64Array(A.n);
  for (let i = 0; i < A.n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) b[i]! += A.values[k]! * x[A.colIdx[k]!]!;
  return b;
}
