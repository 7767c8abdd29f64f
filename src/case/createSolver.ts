import type { LinearSolver } from '../linalg/linearSolver.js';
import { createLinearSolver } from '../solvers/createLinearSolver.js';
import { lagSetup } from '../solvers/laggedSetup.js';
import { createAmgPreconditioner } from '../solvers/amg/index.js';
import type { LinearSolverSpec } from './ohmicSpec.js';
import { createParallelAmgCg } from '../parallel/parallelAmgCg.js';
import { createWorkerPool, type WorkerPool } from '../parallel/pool.js';
import { stressRecoveryModule } from '../physics/parallelStressRecovery.js';

/** Threads of the CG + AMG solves (set once by the CLI's --threads; 1 = calling thread only). */
let solverThreads = 1;
const pools = new Map<number, WorkerPool>();

/**
 * Sets the thread count of CG + AMG solves created afterwards. Results do not depend on it (fixed chunks, fixed
 * reduction order), only the wall time does. The pool is created on first use and kept for the process.
 */
export function setSolverThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`setSolverThreads: expected a positive integer, got ${threads}`);
  solverThreads = threads;
}

function solverPool(): WorkerPool {
  let p = pools.get(solverThreads);
  if (p === undefined) { p = createWorkerPool(solverThreads, { kernelModules: [stressRecoveryModule()] }); pools.set(solverThreads, p); }
  return p;
}

/**
 * The case layer's worker pool for post-processing kernels (stress recovery, created with stressRecoveryModule):
 * the CG + AMG pool of the current thread count, or undefined with 1 thread (1-thread runs stay on the serial code;
 * the results are the same either way).
 */
export function casePool(): WorkerPool | undefined {
  return solverThreads > 1 ? solverPool() : undefined;
}

/** Unknowns below which 'auto' picks the direct solver. */
export const AUTO_DIRECT_LIMIT = 20_000;

/**
 * The linear solver a case asks for. 'auto' → direct (profile LDLᵀ after RCM) for small systems, CG + AMG
 * otherwise. `symmetric` = false switches 'auto' to GMRES + ILU(0) for large nonsymmetric systems.
 */
export function solverFromSpec(spec: LinearSolverSpec, nDofs: number, symmetric = true,
  nearNullspace?: { modes: Float64Array; k: number; blockSize: number }, blockSize?: number,
  /** Time loops: keep the AMG aggregates and level patterns across setups while A's pattern holds; values are recomputed. */
  reuseHierarchy = false): LinearSolver {
  let method = spec.method;
  let preconditioner = spec.preconditioner;
  if (method === 'auto') {
    if (nDofs <= AUTO_DIRECT_LIMIT) method = 'direct';
    else if (symmetric) { method = 'cg'; preconditioner ??= 'amg'; }
    else { method = 'gmres'; preconditioner ??= 'ilu0'; }
  }
  if (preconditioner === undefined) preconditioner = method === 'cg' ? 'amg' : method === 'direct' ? 'none' : 'ilu0';
  const shared = solverThreads > 1;
  const amg = () => createAmgPreconditioner(nearNullspace
    ? { nearNullspace: nearNullspace.modes, k: nearNullspace.k, blockSize: nearNullspace.blockSize, sharedMemory: shared, reuseAggregation: reuseHierarchy }
    : { blockSize: blockSize ?? 1, sharedMemory: shared, reuseAggregation: reuseHierarchy });
  // CG + AMG always runs on the pool (also with 1 thread), so results are the same for every --threads.
  if (method === 'cg' && preconditioner === 'amg') {
    const cg = createParallelAmgCg(solverPool(), amg(), { relTol: spec.relTol ?? 1e-10, maxIter: spec.maxIter ?? 10000 });
    // Time loops: the AMG hierarchy is rebuilt only when the iteration count has grown (lagged setup).
    return reuseHierarchy ? lagSetup(cg) : cg;
  }
  return createLinearSolver({ method, preconditioner, relTol: spec.relTol, maxIter: spec.maxIter }, amg);
}
