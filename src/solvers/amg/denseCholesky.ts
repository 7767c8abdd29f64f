import type { CsrMatrix } from '../../linalg/csr.js';

/**
 * Dense Cholesky A = L·Lᵀ for the coarsest AMG level. `L` [n × n] row-major, lower triangle used.
 * A pivot ≤ `tol`·max|diag| (an inactive coarse dof or a near-singular direction, e.g. a floating
 * aggregate mode) is dropped: its row and column act as zero and the solve returns 0 there, which keeps
 * the coarse solve symmetric positive semidefinite instead of failing.
 */
export interface DenseCholesky {
  readonly n: number;
  readonly L: Float64Array;
  /** 1/L_ii, or 0 for dropped pivots. */
  readonly invPivot: Float64Array;
}

/** Storage for an n×n factor; `shared` puts it on SharedArrayBuffers (for worker pools). */
export function allocateDenseCholesky(n: number, shared = false): DenseCholesky {
  if (shared) return { n, L: new Float64Array(new SharedArrayBuffer(8 * n * n)), invPivot: new Float64Array(new SharedArrayBuffer(8 * n)) };
  return { n, L: new Float64Array(n * n), invPivot: new Float64Array(n) };
}

/** Factors the CSR matrix A (n must match) into `f`, overwriting it. Returns the number of dropped pivots. */
export function factorDenseCholesky(A: CsrMatrix, f: DenseCholesky, tol = 1e-12): number {
  const { n, L, invPivot } = f;
  L.fill(0);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    const end = A.rowPtr[i + 1]!;
    for (let k = A.rowPtr[i]!; k < end; k++) {
      const j = A.colIdx[k]!;
      if (j <= i) L[i * n + j] = A.values[k]!;
      if (j === i) maxDiag = Math.max(maxDiag, Math.abs(A.values[k]!));
    }
  }
  let dropped = 0;
  // Row-oriented (Cholesky–Crout): row i of L from rows j < i; inner loops run over contiguous memory.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = L[ri + j]!;
      for (let k = 0; k < j; k++) s -= L[ri + k]! * L[rj + k]!;
      if (j < i) {
        L[ri + j] = s * invPivot[j]!;
      } else if (s > tol * maxDiag && s > 0) {
        const d = Math.sqrt(s);
        L[ri + i] = d;
        invPivot[i] = 1 / d;
      } else {
        L[ri + i] = 0;
        invPivot[i] = 0;
        dropped++;
      }
    }
  }
  return dropped;
}

/** Solves L·Lᵀ·x = b (x may alias b). Dropped pivots give x_i = 0. No allocation. */
export function solveDenseCholesky(f: DenseCholesky, b: Float64Array, x: Float64Array): void {
  const { n, L, invPivot } = f;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[ri + k]! * x[k]!;
    x[i] = s * invPivot[i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[i]! * invPivot[i]!;
    x[i] = xi;
    for (let k = 0; k < i; k++) x[k]! -= L[i * n + k]! * xi;
  }
}
