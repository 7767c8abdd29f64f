/**
 * The restart loop shared by the pool's Krylov solvers: run the one-command kernel, check the TRUE residual
 * ‖b − Ax‖/‖b‖, and restart from the current x (at most 3 times) when the kernel's recursive residual claimed
 * convergence that the true one does not confirm. Restarting only on that claim (status 1) with progress made
 * and budget left keeps a stagnating solve from looping.
 */
import type { CsrMatrix } from '../linalg/csr.js';
import type { WorkerPool } from './pool.js';
import { parallelResidualNorm } from './ops.js';

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
  return { iterations, rel, converged };
}
