import type { CsrMatrix } from '../linalg/csr.js';
import { BACKWARD_TOL, backwardError } from '../linalg/backwardError.js';
import { findSlot } from '../linalg/csr.js';
import type { LinearSolver, SolveReport } from '../linalg/linearSolver.js';
import { LinearSolveError } from '../linalg/linearSolver.js';
import { nowSeconds } from './krylovSolver.js';
import { inversePermutation, rcmOrdering } from './ordering.js';
import { PatternCache } from './patternCache.js';
import { ProfileFactorization } from './profileFactorization.js';
import { residualNormSq } from './residual.js';
import { norm2 } from './vector.js';

/** Options of {@link DirectSolver}. */
export interface DirectSolverOptions {
  /** LDLᵀ (true), LU (false), or decide from the values at each setup ('auto', default). */
  readonly symmetric?: boolean | 'auto';
  /** Fill-reducing ordering: reverse Cuthill–McKee (default) or the natural order. */
  readonly ordering?: 'rcm' | 'natural';
  /** Relative pivot threshold: |pivot| ≤ pivotTol·max|a_i·| throws. Default 1e-12. */
  readonly pivotTol?: number;
  /** Required ‖b − A·x‖/‖b‖ after the solve (and refinement). Default 1e-10. */
  readonly relTol?: number;
  /** Iterative-refinement steps allowed when relTol is not met at once. Default 3. */
  readonly maxRefinement?: number;
  /** Refuse (throw at setup) when the envelope would hold more entries than this. Default 2e8 (1.6 GB). */
  readonly maxProfileEntries?: number;
}

/** {@link SolveReport} of the direct solver; `iterations` = refinement steps taken (0 normally). */
export interface DirectSolveReport extends SolveReport {
  /** Stored off-diagonal entries of one triangular factor (the envelope/profile size). */
  readonly profileEntries: number;
  /** Whether LDLᵀ (true) or LU (false) was used. */
  readonly symmetric: boolean;
}

/**
 * Sparse direct solver for small and medium systems: fill-reducing reverse Cuthill–McKee ordering +
 * envelope (profile) factorization, LDLᵀ for symmetric A and LU without pivoting otherwise
 * (see {@link ProfileFactorization}). Ordering and envelope are cached per sparsity pattern; `setup`
 * refactors the values. The solve recomputes the true residual, applies up to `maxRefinement` steps
 * of iterative refinement if needed, and throws {@link LinearSolveError} if relTol is still not met.
 *
 * Cost on a 2D mesh with n unknowns: envelope ~ n^1.5 entries, factorization ~ n² flops (use AMG/CG
 * beyond ~10⁵ unknowns). Symmetric-'auto' detection needs |a_ij − a_ji| ≤ 1e-13·max(|a_ij|, |a_ji|).
 */
export class DirectSolver implements LinearSolver {
  readonly name = 'direct';
  private readonly opts: Required<DirectSolverOptions>;
  private readonly pattern = new PatternCache();
  private ordering: { perm: Int32Array; iperm: Int32Array } | null = null;
  private fact: ProfileFactorization | null = null;
  private setupSeconds = 0;
  private r: Float64Array = new Float64Array(0);
  private d: Float64Array = new Float64Array(0);

  constructor(opts: DirectSolverOptions = {}) {
    this.opts = {
      symmetric: opts.symmetric ?? 'auto',
      ordering: opts.ordering ?? 'rcm',
      pivotTol: opts.pivotTol ?? 1e-12,
      relTol: opts.relTol ?? 1e-10,
      maxRefinement: opts.maxRefinement ?? 3,
      maxProfileEntries: opts.maxProfileEntries ?? 2e8,
    };
  }

  /** Envelope size of the current factorization (0 before setup). */
  get profileEntries(): number {
    return this.fact?.profile ?? 0;
  }

  setup(A: CsrMatrix): void {
    const t0 = nowSeconds();
    const sym = this.opts.symmetric === 'auto' ? isNumericallySymmetric(A, 1e-13) : this.opts.symmetric;
    if (!this.pattern.matches(A) || this.ordering === null) {
      const perm = this.opts.ordering === 'rcm' ? rcmOrdering(A) : Int32Array.from({ length: A.n }, (_, i) => i);
      this.ordering = { perm, iperm: inversePermutation(perm) };
      this.fact = null;
      this.pattern.remember(A);
    }
    if (this.fact === null || this.fact.symmetric !== sym) {
      this.fact = new ProfileFactorization(A, this.ordering.perm, this.ordering.iperm, sym, this.opts.maxProfileEntries);
    }
    try {
      this.fact.factor(A, this.opts.pivotTol);
    } catch (e) {
      // A zero/tiny pivot is a solver failure of this system (singular, or unstable without pivoting): report it
      // as one so callers can cut back or exit with the solver-failure code, not as an internal error.
      this.fact = null;
      this.setupSeconds = nowSeconds() - t0;
      throw new LinearSolveError(this.report(0, NaN, false, t0), (e as Error).message);
    }
    this.setupSeconds = nowSeconds() - t0;
  }

  solve(A: CsrMatrix, b: Float64Array, x: Float64Array): DirectSolveReport {
    if (b.length !== A.n || x.length !== A.n) throw new Error(`direct: size mismatch (n=${A.n}, b ${b.length}, x ${x.length})`);
    if (this.fact === null || this.fact.n !== A.n) this.setup(A);
    const fact = this.fact!;
    const t0 = nowSeconds();
    const bNorm = norm2(b);
    if (bNorm === 0) {
      x.fill(0);
      return this.report(0, 0, true, t0);
    }
    if (this.r.length !== A.n) { this.r = new Float64Array(A.n); this.d = new Float64Array(A.n); }
    const { r, d } = this;
    fact.solve(b, x);
    let rel = Math.sqrt(residualNormSq(A, x, b, r)) / bNorm;
    let steps = 0;
    while (!(rel <= this.opts.relTol) && steps < this.opts.maxRefinement && Number.isFinite(rel)) {
      fact.solve(r, d);
      for (let i = 0; i < A.n; i++) x[i]! += d[i]!;
      rel = Math.sqrt(residualNormSq(A, x, b, r)) / bNorm;
      steps++;
    }
    // A solution with a tiny normwise backward error is as good as the data allows, even when an
    // ill-conditioned system (σ spanning decades) cannot reach relTol: accept it (Higham, Accuracy and
    // Stability of Numerical Algorithms, §7.1: β = ‖r‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞)).
    const backward = rel <= this.opts.relTol ? 0 : backwardError(A, x, b);
    const report = this.report(steps, rel, rel <= this.opts.relTol || backward <= BACKWARD_TOL, t0);
    if (!report.converged) {
      throw new LinearSolveError(report, `direct solver: relative residual ${rel.toExponential(3)} > ${this.opts.relTol} after ${steps} refinement steps (ill-conditioned or unstable without pivoting)`);
    }
    return report;
  }

  private report(iterations: number, relResidual: number, converged: boolean, t0: number): DirectSolveReport {
    return {
      solver: this.name, iterations, relResidual, converged,
      setupSeconds: this.setupSeconds, solveSeconds: nowSeconds() - t0,
      profileEntries: this.profileEntries, symmetric: this.fact?.symmetric ?? false,
    };
  }
}

/** True if A's pattern is symmetric and |a_ij − a_ji| ≤ relTol·max(|a_ij|, |a_ji|) for every stored pair. */
export function isNumericallySymmetric(A: CsrMatrix, relTol: number): boolean {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      if (j <= i) continue;
      const t = findSlot(A, j, i);
      const a = values[k]!;
      const at = t >= 0 ? values[t]! : 0;
      if (Math.abs(a - at) > relTol * Math.max(Math.abs(a), Math.abs(at))) return false;
    }
  }
  // Entries (i, j), j < i, without a stored (j, i) partner.
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      if (j < i && values[k] !== 0 && findSlot(A, j, i) < 0) return false;
    }
  }
  return true;
}
