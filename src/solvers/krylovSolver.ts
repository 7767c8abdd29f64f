import type { CsrMatrix } from '../linalg/csr.js';
import type { LinearSolver, SolveReport } from '../linalg/linearSolver.js';
import { LinearSolveError } from '../linalg/linearSolver.js';
import { BACKWARD_TOL, backwardError } from '../linalg/backwardError.js';
import type { Preconditioner } from '../linalg/preconditioner.js';
import { residualNormSq } from './residual.js';
import { norm2 } from './vector.js';

/** Options shared by the Krylov solvers. */
export interface KrylovOptions {
  /** Stop when ‖b − A·x‖₂ / ‖b‖₂ ≤ relTol (unpreconditioned residual, like PETSc KSP_NORM_UNPRECONDITIONED). Default 1e-10. */
  readonly relTol?: number;
  /** Maximum iterations (matrix–vector products with A, counted over all restarts). Default 10000. */
  readonly maxIter?: number;
  /** Preconditioner M ≈ A; omitted or null means none. */
  readonly preconditioner?: Preconditioner | null;
}

/** Why an iteration loop stopped. */
export type KrylovStatus = 'converged' | 'max-iterations' | 'breakdown';

/** {@link SolveReport} plus why the Krylov loop stopped. */
export interface KrylovSolveReport extends SolveReport {
  readonly status: KrylovStatus | 'zero-rhs';
  /** Times the loop was restarted from the true residual because the recursively updated one had drifted. */
  readonly trueResidualRestarts: number;
}

/** Wall clock in seconds. */
export function nowSeconds(): number {
  return performance.now() / 1000;
}

/**
 * Common driver for the Krylov methods: preconditioner setup and its timing, b = 0 short cut,
 * the final true residual ‖b − A·x‖/‖b‖, and throwing {@link LinearSolveError} when not converged.
 *
 * When the method's own (recursive or estimated) residual says "converged" but the recomputed true
 * residual does not meet relTol (round-off drift), the method is restarted from the current x with the
 * remaining iteration budget, so `converged` always refers to the true residual.
 * `solve` calls `setup(A)` itself if `setup` was never called.
 */
export abstract class KrylovSolver implements LinearSolver {
  abstract readonly name: string;
  readonly relTol: number;
  readonly maxIter: number;
  readonly preconditioner: Preconditioner | null;
  private setupSeconds = 0;
  private isSetUp = false;
  /** Residual work vector [n] for the final true residual. */
  private rTrue: Float64Array = new Float64Array(0);

  constructor(opts: KrylovOptions = {}) {
    this.relTol = opts.relTol ?? 1e-10;
    this.maxIter = opts.maxIter ?? 10000;
    this.preconditioner = opts.preconditioner ?? null;
    if (!(this.relTol > 0)) throw new Error(`relTol must be > 0, got ${this.relTol}`);
    if (!(this.maxIter >= 1)) throw new Error(`maxIter must be ≥ 1, got ${this.maxIter}`);
  }

  setup(A: CsrMatrix): void {
    const t0 = nowSeconds();
    if (this.preconditioner !== null) this.preconditioner.setup(A);
    this.setupSeconds = nowSeconds() - t0;
    this.isSetUp = true;
  }

  solve(A: CsrMatrix, b: Float64Array, x: Float64Array): KrylovSolveReport {
    if (b.length !== A.n || x.length !== A.n) throw new Error(`${this.name}: size mismatch (n=${A.n}, b ${b.length}, x ${x.length})`);
    if (!this.isSetUp) this.setup(A);
    const t0 = nowSeconds();
    const bNorm = norm2(b);
    if (bNorm === 0) {
      x.fill(0);
      return this.report(0, 0, true, 'zero-rhs', 0, t0);
    }
    if (this.rTrue.length !== A.n) this.rTrue = new Float64Array(A.n);
    const target = this.relTol * bNorm;
    let iterations = 0, restarts = 0, trueNorm = Infinity;
    let status: KrylovStatus = 'max-iterations';
    for (;;) {
      const res = this.iterate(A, b, x, target, this.maxIter - iterations);
      iterations += res.iterations;
      status = res.status;
      trueNorm = Math.sqrt(residualNormSq(A, x, b, this.rTrue));
      // The methods test `norm ≤ target` on the same quantity, so a 0-iteration "converged" is final.
      if (status !== 'converged' || trueNorm <= target || res.iterations === 0 || iterations >= this.maxIter) break;
      restarts++;
    }
    // At the rounding floor (tiny backward error) no Krylov method can reach relTol: accept, like the direct solver.
    const converged = trueNorm <= target || backwardError(A, x, b) <= BACKWARD_TOL;
    const rel = trueNorm / bNorm;
    const report = this.report(iterations, rel, converged, converged ? 'converged' : status === 'converged' ? 'max-iterations' : status, restarts, t0);
    if (!converged) {
      throw new LinearSolveError(report, `${this.name} did not converge (${report.status}): ${iterations} iterations, relative residual ${rel.toExponential(3)} > ${this.relTol}`);
    }
    return report;
  }

  /**
   * Run the method from the initial guess in `x` for at most `maxIter` iterations, stopping when its
   * residual norm ≤ `target` (absolute, = relTol·‖b‖). Writes the iterate into `x`.
   */
  protected abstract iterate(A: CsrMatrix, b: Float64Array, x: Float64Array, target: number, maxIter: number): { iterations: number; status: KrylovStatus };

  private report(iterations: number, relResidual: number, converged: boolean, status: KrylovSolveReport['status'], restarts: number, t0: number): KrylovSolveReport {
    return {
      solver: this.name, iterations, relResidual, converged,
      setupSeconds: this.setupSeconds, solveSeconds: nowSeconds() - t0,
      status, trueResidualRestarts: restarts,
    };
  }
}

/** Name like "cg+ic0" or "cg". */
export function krylovName(method: string, M: Preconditioner | null): string {
  return M === null ? method : `${method}+${M.name}`;
}
