import type { CsrMatrix } from './csr.js';

/** What every linear solve returns. `relResidual` is ‖b − A·x‖₂ / ‖b‖₂ (true residual, recomputed at the end). */
export interface SolveReport {
  readonly solver: string;
  readonly iterations: number;
  readonly relResidual: number;
  readonly converged: boolean;
  /** Wall seconds spent in preconditioner/factorization setup and in the iterations/solve. */
  readonly setupSeconds: number;
  readonly solveSeconds: number;
}

/**
 * A configured linear solver (Krylov + preconditioner, or direct).
 * `setup(A)` builds the preconditioner or factorization for the current values of A; call it again
 * whenever the values change (implementations may cache pattern-only work across calls).
 * `solve(A, b, x)` writes into `x` (the initial guess for iterative methods) and returns its report; it
 * throws {@link LinearSolveError} when it does not converge: never a silently wrong answer.
 */
export interface LinearSolver {
  readonly name: string;
  setup(A: CsrMatrix): void;
  solve(A: CsrMatrix, b: Float64Array, x: Float64Array): SolveReport;
}

/** Thrown when a solve fails; carries the report. */
export class LinearSolveError extends Error {
  constructor(readonly report: SolveReport, message?: string) {
    super(message ?? `${report.solver} did not converge: ${report.iterations} iterations, relative residual ${report.relResidual.toExponential(3)}`);
    this.name = 'LinearSolveError';
  }
}
