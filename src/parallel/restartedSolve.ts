/**
 * The restart loop shared by the pool's Krylov solvers: run the one-command kernel, check the TRUE residual
 * ‖b − Ax‖/‖b‖, and restart from the current x (at most 3 times) when the kernel's recursive residual claimed
 * convergence that the true one does not confirm. Restarting only on that claim (status 1) with progress made
 * and budget left keeps a stagnating solve from looping. A solve that stops short of relTol with a normwise backward
 * error at the rounding level is accepted (see linalg/backwardError.ts).
 */
import type { CsrMatrix } from '../linalg/csr.js';
import type { WorkerPool } from './pool.js';
import { parallelResidualNorm } from './ops.js';
import { BACKWARD_TOL, backwardError } from '../linalg/backwardError.js';

const MAX_RESTARTS = 3;

export interface RestartSlots {
  /** Index of the 'iterations allowed' argument in `args`. */
  readonly maxIterArg: number;
  /** Indices of the iteration count and status (1 = claims convergence) in `out`. */
  readonly outIterations: number;
  readonly outStatus: number;
}

export function runWithRestarts(
  pool: WorkerPool, kernel: string, args: Float64Array, out: Float64Array, slots: RestartSlots,
  A: CsrMatrix, x: Float64Array, b: Float64Array, bnorm: number, relTol: number, maxIter: number,
): { iterations: number; rel: number; converged: boolean } {
  let iterations = 0, rel = 0, converged = false;
  for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
    args[slots.maxIterArg] = maxIter - iterations;
    pool.run(kernel, args);
    const its = out[slots.outIterations]!, status = out[slots.outStatus]!;
    iterations += its;
    rel = parallelResidualNorm(pool, A, x, b) / bnorm;
    converged = rel <= relTol;
    if (converged || status !== 1 || its === 0 || iterations >= maxIter) break;
  }
  // Rounding floor (σ spanning decades: ‖A‖‖x‖ ≫ ‖b‖): accepted when the backward error is at ulp level.
  if (!converged) converged = backwardError(A, x, b) <= BACKWARD_TOL;
  return { iterations, rel, converged };
}
