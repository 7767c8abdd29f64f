import type { CsrMatrix } from '../linalg/csr.js';

/**
 * Envelope (profile, "skyline") factorization of a permuted sparse matrix P·A·Pᵀ (Jennings 1966;
 * George & Liu, Computer Solution of Large Sparse Positive Definite Systems, 1981, ch. 4).
 *
 * Row i of the envelope spans columns first[i] … i−1, where first[i] is the smallest column of a
 * nonzero in row i or column i of P·A·Pᵀ (the envelope of A + Aᵀ). No fill occurs outside it, so
 * each row of L (and each column of U) is stored densely there: `start` [n+1] offsets into `lower`
 * (and `upper`) [profile], `diag` [n]. Inner products run over contiguous segments.
 *
 * - symmetric: A = L·D·Lᵀ, unit lower L; reads only entries with new column ≤ new row.
 * - nonsymmetric: A = L·U without pivoting, L unit lower (rows), U upper (columns), diag = U's diagonal.
 * A pivot |d_i| ≤ pivotTol·max|a_i·| throws (no pivoting is done, so a tiny pivot means a wrong answer).
 * Memory: profile·8 bytes (×2 for LU); work ~ Σ_i (i − first[i])².
 */
export class ProfileFactorization {
  readonly n: number;
  readonly symmetric: boolean;
  /** perm[new] = old and its inverse, [n] each. */
  readonly perm: Int32Array;
  readonly iperm: Int32Array;
  readonly first: Int32Array;
  readonly start: Int32Array;
  /** Number of stored off-diagonal entries of one triangle (the profile size). */
  readonly profile: number;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly diag: Float64Array;
  private readonly rowScale: Float64Array;
  private readonly work: Float64Array;

  constructor(A: CsrMatrix, perm: Int32Array, iperm: Int32Array, symmetric: boolean, maxProfileEntries: number) {
    const { n, rowPtr, colIdx } = A;
    this.n = n;
    this.symmetric = symmetric;
    this.perm = perm;
    this.iperm = iperm;
    const first = new Int32Array(n);
    for (let i = 0; i < n; i++) first[i] = i;
    for (let p = 0; p < n; p++) {
      const i = iperm[p]!;
      for (let k = rowPtr[p]!; k < rowPtr[p + 1]!; k++) {
        const j = iperm[colIdx[k]!]!;
        if (j < i) { if (j < first[i]!) first[i] = j; } else if (i < first[j]!) first[j] = i;
      }
    }
    const start = new Int32Array(n + 1);
    let profile = 0;
    for (let i = 0; i < n; i++) {
      profile += i - first[i]!;
      if (profile > maxProfileEntries) {
        throw new Error(`direct solver: envelope exceeds ${maxProfileEntries} entries (n=${n}); use an iterative solver for a system this large`);
      }
      start[i + 1] = profile;
    }
    this.first = first;
    this.start = start;
    this.profile = profile;
    this.lower = new Float64Array(profile);
    this.upper = new Float64Array(symmetric ? 0 : profile);
    this.diag = new Float64Array(n);
    this.rowScale = new Float64Array(n);
    this.work = new Float64Array(n);
  }

  /** Numeric factorization for the current values of A (same pattern as at construction). */
  factor(A: CsrMatrix, pivotTol: number): void {
    this.scatter(A);
    if (this.symmetric) this.factorLdlt(pivotTol); else this.factorLu(pivotTol);
  }

  /** x = A⁻¹·b with the last factorization (b and x are in the original numbering; may alias). */
  solve(b: Float64Array, x: Float64Array): void {
    const { n, perm, first, start, lower, diag } = this;
    const y = this.work;
    for (let i = 0; i < n; i++) y[i] = b[perm[i]!]!;
    // Forward: unit lower L, one contiguous dot per row.
    for (let i = 0; i < n; i++) {
      y[i] = y[i]! - segmentDot(lower, start[i]! - first[i]!, y, 0, first[i]!, i);
    }
    const U = this.symmetric ? lower : this.upper; // Lᵀ is stored as L's rows = Uᵀ's columns.
    if (this.symmetric) for (let i = 0; i < n; i++) y[i]! /= diag[i]!;
    // Backward, column-oriented over U's stored columns.
    for (let i = n - 1; i >= 0; i--) {
      const yi = this.symmetric ? y[i]! : y[i]! / diag[i]!;
      y[i] = yi;
      const fi = first[i]!, base = start[i]! - fi;
      for (let k = fi; k < i; k++) y[k]! -= U[base + k]! * yi;
    }
    for (let i = 0; i < n; i++) x[perm[i]!] = y[i]!;
  }

  private scatter(A: CsrMatrix): void {
    const { n, rowPtr, colIdx, values } = A;
    const { iperm, first, start, lower, upper, diag, rowScale } = this;
    lower.fill(0);
    upper.fill(0);
    diag.fill(0);
    rowScale.fill(0);
    for (let p = 0; p < n; p++) {
      const i = iperm[p]!;
      for (let k = rowPtr[p]!; k < rowPtr[p + 1]!; k++) {
        const j = iperm[colIdx[k]!]!;
        const v = values[k]!;
        const av = Math.abs(v);
        if (av > rowScale[i]!) rowScale[i] = av;
        if (av > rowScale[j]!) rowScale[j] = av;
        if (j === i) diag[i] = v;
        else if (j < i) lower[start[i]! + j - first[i]!] = v;
        else if (!this.symmetric) upper[start[j]! + i - first[j]!] = v;
      }
    }
  }

  private factorLdlt(pivotTol: number): void {
    const { n, first, start, lower: L, diag } = this;
    for (let i = 0; i < n; i++) {
      const fi = first[i]!, bi = start[i]! - fi;
      // t_j = l_ij·d_j = a_ij − Σ_k t_k·l_jk, in place over row i.
      for (let j = fi; j < i; j++) {
        const fj = first[j]!, bj = start[j]! - fj;
        L[bi + j] = L[bi + j]! - segmentDot(L, bi, L, bj, fi > fj ? fi : fj, j);
      }
      let d = diag[i]!;
      for (let j = fi; j < i; j++) {
        const t = L[bi + j]!;
        const l = t / diag[j]!;
        L[bi + j] = l;
        d -= t * l;
      }
      this.checkPivot(i, d, pivotTol);
      diag[i] = d;
    }
  }

  private factorLu(pivotTol: number): void {
    const { n, first, start, lower: L, upper: U, diag } = this;
    for (let i = 0; i < n; i++) {
      const fi = first[i]!, bi = start[i]! - fi;
      // Row i of L: l_ij = (a_ij − Σ_k l_ik·u_kj) / u_jj.
      for (let j = fi; j < i; j++) {
        const fj = first[j]!, bj = start[j]! - fj;
        L[bi + j] = (L[bi + j]! - segmentDot(L, bi, U, bj, fi > fj ? fi : fj, j)) / diag[j]!;
      }
      // Column i of U: u_ji = a_ji − Σ_k l_jk·u_ki.
      for (let j = fi; j < i; j++) {
        const fj = first[j]!, bj = start[j]! - fj;
        U[bi + j] = U[bi + j]! - segmentDot(L, bj, U, bi, fi > fj ? fi : fj, j);
      }
      let d = diag[i]!;
      for (let k = fi; k < i; k++) d -= L[bi + k]! * U[bi + k]!;
      this.checkPivot(i, d, pivotTol);
      diag[i] = d;
    }
  }

  private checkPivot(i: number, d: number, pivotTol: number): void {
    const scale = this.rowScale[i]!;
    if (!(Math.abs(d) > pivotTol * scale)) {
      throw new Error(
        `direct solver: pivot ${d} at row ${this.perm[i]} (step ${i}) is zero or tiny (|pivot| ≤ ${pivotTol}·max|a_i·| = ${pivotTol * scale}); ` +
        `the ${this.symmetric ? 'LDLᵀ' : 'LU'} factorization without pivoting is unsafe for this matrix (singular, or needs pivoting)`);
    }
  }
}

/** Σ_{k=from}^{to−1} a[ba + k]·b[bb + k], four accumulators (the factorization's inner loop). */
function segmentDot(a: Float64Array, ba: number, b: Float64Array, bb: number, from: number, to: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    s0 += a[ba + k]! * b[bb + k]!;
    s1 += a[ba + k + 1]! * b[bb + k + 1]!;
    s2 += a[ba + k + 2]! * b[bb + k + 2]!;
    s3 += a[ba + k + 3]! * b[bb + k + 3]!;
  }
  for (; k < to; k++) s0 += a[ba + k]! * b[bb + k]!;
  return (s0 + s1) + (s2 + s3);
}
