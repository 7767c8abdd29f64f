import type { CsrMatrix } from '../linalg/csr.js';
import type { Preconditioner } from '../linalg/preconditioner.js';
import { PatternCache, diagonalSlots } from './patternCache.js';

/**
 * Incomplete LU ILU(0) for a general (nonsymmetric) CSR matrix: A ≈ L·U with unit lower L and upper
 * U stored in the pattern of A (no fill), row-wise IKJ elimination (Saad, Iterative Methods for Sparse
 * Linear Systems, 2nd ed., Alg. 10.4). Exact (L·U = A) when elimination creates no fill, e.g. for a
 * tridiagonal matrix.
 *
 * Diagonal slots and a column→slot work array are built once per pattern and reused.
 * Limitation: no pivoting; throws if a pivot |u_ii| ≤ pivotTol·max_j |a_ij| (ILU(0) exists for
 * M-matrices; for other matrices it may not).
 */
export class ILU0Preconditioner implements Preconditioner {
  readonly name = 'ilu0';
  /** Relative pivot threshold for breakdown. */
  pivotTol = 1e-14;

  private readonly pattern = new PatternCache();
  private n = 0;
  private rowPtr: Int32Array = new Int32Array(1);
  private colIdx: Int32Array = new Int32Array(0);
  private diagSlot: Int32Array = new Int32Array(0);
  private lu: Float64Array = new Float64Array(0);
  private invDiag: Float64Array = new Float64Array(0);
  private work: Int32Array = new Int32Array(0);

  setup(A: CsrMatrix): void {
    if (!this.pattern.matches(A)) {
      this.n = A.n;
      this.rowPtr = A.rowPtr;
      this.colIdx = A.colIdx;
      this.diagSlot = diagonalSlots(A, 'ILU(0)');
      this.lu = new Float64Array(A.values.length);
      this.invDiag = new Float64Array(A.n);
      this.work = new Int32Array(A.n).fill(-1);
      this.pattern.remember(A);
    }
    const n = this.n, rp = this.rowPtr, col = this.colIdx, diag = this.diagSlot;
    const lu = this.lu, inv = this.invDiag, pos = this.work;
    lu.set(A.values);
    for (let i = 0; i < n; i++) {
      const start = rp[i]!, end = rp[i + 1]!, di = diag[i]!;
      let rowMax = 0;
      for (let p = start; p < end; p++) {
        pos[col[p]!] = p;
        const v = Math.abs(lu[p]!);
        if (v > rowMax) rowMax = v;
      }
      for (let p = start; p < di; p++) {
        const k = col[p]!;
        const lik = lu[p]! * inv[k]!;
        lu[p] = lik;
        const kEnd = rp[k + 1]!;
        for (let q = diag[k]! + 1; q < kEnd; q++) {
          const pj = pos[col[q]!]!;
          if (pj >= 0) lu[pj]! -= lik * lu[q]!;
        }
      }
      for (let p = start; p < end; p++) pos[col[p]!] = -1;
      const uii = lu[di]!;
      if (!(Math.abs(uii) > this.pivotTol * rowMax)) {
        throw new Error(`ILU(0): pivot ${uii} at row ${i} is zero or tiny (|u_ii| ≤ ${this.pivotTol}·max|a_ij|); ILU(0) does not exist for this matrix`);
      }
      inv[i] = 1 / uii;
    }
  }

  apply(r: Float64Array, z: Float64Array): void {
    const n = this.n, rp = this.rowPtr, col = this.colIdx, diag = this.diagSlot, lu = this.lu, inv = this.invDiag;
    for (let i = 0; i < n; i++) {
      let s = r[i]!;
      const di = diag[i]!;
      for (let p = rp[i]!; p < di; p++) s -= lu[p]! * z[col[p]!]!;
      z[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = z[i]!;
      const end = rp[i + 1]!;
      for (let p = diag[i]! + 1; p < end; p++) s -= lu[p]! * z[col[p]!]!;
      z[i] = s * inv[i]!;
    }
  }
}
