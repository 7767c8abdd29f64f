import type { LinearSolver } from '../linalg/linearSolver.js';
import { createLinearSolver } from '../solvers/createLinearSolver.js';
import { createAmgPreconditioner } from '../solvers/amg/index.js';
import type { LinearSolverSpec } from './ohmicSpec.js';

/** Unknowns below which 'auto' picks the direct solver. */
export const AUTO_DIRECT_LIMIT = 20_000;

/**
 * The linear solver a case asks for. 'auto' → direct (profile LDLᵀ after RCM) for small systems, CG + AMG
 * otherwise. `symmetric` = false switches 'auto' to GMRES + ILU(0) for large nonsymmetric systems.
 */
export function solverFromSpec(spec: LinearSolverSpec, nDofs: number, symmetric = true,
  nearNullspace?: { modes: Float64Array; k: number; blockSize: number }, blockSize?: number): LinearSolver {
  let method = spec.method;
  let preconditioner = spec.preconditioner;
  if (method === 'auto') {
    if (nDofs <= AUTO_DIRECT_LIMIT) method = 'direct';
    else if (symmetric) { method = 'cg'; preconditioner ??= 'amg'; }
    else { method = 'gmres'; preconditioner ??= 'ilu0'; }
  }
  if (preconditioner === undefined) preconditioner = method === 'cg' ? 'amg' : method === 'direct' ? 'none' : 'ilu0';
  const amg = () => createAmgPreconditioner(nearNullspace
    ? { nearNullspace: nearNullspace.modes, k: nearNullspace.k, blockSize: nearNullspace.blockSize }
    : { blockSize: blockSize ?? 1 });
  return createLinearSolver({ method, preconditioner, relTol: spec.relTol, maxIter: spec.maxIter }, amg);
}
