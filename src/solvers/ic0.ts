import type { CsrMatrix } from '../linalg/csr.js';
import type { Preconditioner } from '../linalg/preconditioner.js';
import { PatternCache } from './patternCache.js';

/**
 * Incomplete Cholesky IC(0): A ≈ L·Lᵀ with L restricted to the lower-triangle pattern of A
 * (no fill). Reads only the lower triangle (j ≤ i) of a symmetric CSR matrix.
 *
 * Robustness (Manteuffel shift): if a pivot comes out ≤ {@link IC0Preconditioner.pivotTol}·a_ii
 * (IC(0) can break down even for SPD matrices that are not M-matrices), the factorization is
 * restarted on A + α·diag(A) with α = 1e-3, 2e-3, 4e-3, … until it succeeds. The final α is
 * {@link IC0Preconditioner.shift} (0 when no shift was needed); {@link IC0Preconditioner.shiftAttempts} counts retries.
 * Limitation: throws if a diagonal entry is missing or ≤ 0 (then A is not SPD and no shift helps).
 *
 * Storage: L in CSR over the lower pattern [nnzL], with the reciprocal of the diagonal kept apart [n]
 * so `apply` (one forward and one backward sweep) has no divisions.
 */
export class IC0Preconditioner implements Preconditioner {
  readonly name = 'ic0';
  /** Relative pivot threshold: a pivot d_i ≤ pivotTol·a_ii counts as breakdown. */
  pivotTol = 1e-12;
  /** Diagonal shift α of the last successful setup (factor of A + α·diag(A)). */
  shift = 0;
  /** Number of failed attempts (shift increases) in the last setup. */
  shiftAttempts = 0;

  private readonly pattern = new PatternCache();
  private n = 0;
  private lRowPtr: Int32Array = new Int32Array(1);
  private lCol: Int32Array = new Int32Array(0);
  private lVal: Float64Array = new Float64Array(0);
  /** Slot in A.values of each lower entry, diagonal last in each row [nnzL]. */
  private srcSlot: Int32Array = new Int32Array(0);
  private invDiag: Float64Array = new Float64Array(0);
  /** Column → slot in the current row of L, −1 elsewhere [n]. */
  private work: Int32Array = new Int32Array(0);

  setup(A: CsrMatrix): void {
    if (!this.pattern.matches(A)) this.buildPattern(A);
    this.shift = 0;
    this.shiftAttempts = 0;
    let alpha = 0;
    for (;;) {
      const badRow = this.factor(A.values, alpha);
      if (badRow < 0) { this.shift = alpha; return; }
      this.shiftAttempts++;
      if (this.shiftAttempts > 60) throw new Error(`IC(0): no diagonal shift up to α=${alpha} gives positive pivots (row ${badRow})`);
      alpha = alpha === 0 ? 1e-3 : 2 * alpha;
    }
  }

  apply(r: Float64Array, z: Float64Array): void {
    const n = this.n, rp = this.lRowPtr, col = this.lCol, val = this.lVal, inv = this.invDiag;
    // Forward: L·y = r (off-diagonal entries of row i are rp[i] … rp[i+1]−2; the diagonal is last).
    for (let i = 0; i < n; i++) {
      let s = r[i]!;
      const end = rp[i + 1]! - 1;
      for (let k = rp[i]!; k < end; k++) s -= val[k]! * z[col[k]!]!;
      z[i] = s * inv[i]!;
    }
    // Backward: Lᵀ·z = y, column-oriented over the rows of L.
    for (let i = n - 1; i >= 0; i--) {
      const zi = z[i]! * inv[i]!;
      z[i] = zi;
      const end = rp[i + 1]! - 1;
      for (let k = rp[i]!; k < end; k++) z[col[k]!]! -= val[k]! * zi;
    }
  }

  private buildPattern(A: CsrMatrix): void {
    const { n, rowPtr, colIdx } = A;
    const lRowPtr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      let cnt = 0, hasDiag = false;
      for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
        const c = colIdx[k]!;
        if (c < i) cnt++;
        else { hasDiag = c === i; break; }
      }
      if (!hasDiag) throw new Error(`IC(0): row ${i} has no diagonal entry in the sparsity pattern`);
      lRowPtr[i + 1] = lRowPtr[i]! + cnt + 1;
    }
    const nnzL = lRowPtr[n]!;
    const lCol = new Int32Array(nnzL);
    const srcSlot = new Int32Array(nnzL);
    for (let i = 0; i < n; i++) {
      let p = lRowPtr[i]!;
      for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
        const c = colIdx[k]!;
        if (c > i) break;
        lCol[p] = c;
        srcSlot[p++] = k;
      }
    }
    this.n = n;
    this.lRowPtr = lRowPtr;
    this.lCol = lCol;
    this.srcSlot = srcSlot;
    this.lVal = new Float64Array(nnzL);
    this.invDiag = new Float64Array(n);
    this.work = new Int32Array(n).fill(-1);
    this.pattern.remember(A);
  }

  /** Factor A + α·diag(A) into lVal/invDiag; returns −1 on success or the row whose pivot failed. */
  private factor(a: Float64Array, alpha: number): number {
    const n = this.n, rp = this.lRowPtr, col = this.lCol, L = this.lVal, src = this.srcSlot;
    const inv = this.invDiag, pos = this.work;
    for (let i = 0; i < n; i++) {
      const start = rp[i]!, dSlot = rp[i + 1]! - 1;
      for (let p = start; p < dSlot; p++) { L[p] = a[src[p]!]!; pos[col[p]!] = p; }
      // l_ik = (a_ik − Σ_{j<k} l_ij·l_kj) / l_kk, k ascending: every l_ij with j < k is final here.
      for (let p = start; p < dSlot; p++) {
        const k = col[p]!;
        let s = L[p]!;
        const kEnd = rp[k + 1]! - 1;
        for (let q = rp[k]!; q < kEnd; q++) {
          const pj = pos[col[q]!]!;
          if (pj >= 0) s -= L[pj]! * L[q]!;
        }
        L[p] = s * inv[k]!;
      }
      const aii = a[src[dSlot]!]!;
      let d = aii * (1 + alpha);
      for (let p = start; p < dSlot; p++) { d -= L[p]! * L[p]!; pos[col[p]!] = -1; }
      if (!(aii > 0)) throw new Error(`IC(0): diagonal entry a_${i}${i} = ${aii} is not positive (matrix not SPD)`);
      if (!(d > this.pivotTol * aii)) return i;
      const lii = Math.sqrt(d);
      L[dSlot] = lii;
      inv[i] = 1 / lii;
    }
    return -1;
  }
}
