import type { LinearSolver } from '../linalg/linearSolver.js';
import type { Preconditioner } from '../linalg/preconditioner.js';
import { BiCgStabSolver } from './bicgstab.js';
import { CgSolver } from './cg.js';
import { DirectSolver } from './direct.js';
import { GmresSolver } from './gmres.js';
import { IC0Preconditioner } from './ic0.js';
import { ILU0Preconditioner } from './ilu0.js';
import { JacobiPreconditioner } from './jacobi.js';

/** Which linear solver to build (the `solvers.linear` block of a case file). */
export interface LinearSolverSpec {
  readonly method: 'cg' | 'bicgstab' | 'gmres' | 'direct';
  /** Ignored by 'direct'. Default 'none'. */
  readonly preconditioner?: 'none' | 'jacobi' | 'ic0' | 'ilu0' | 'amg';
  /** ‖b − A·x‖/‖b‖ to reach. Default 1e-10. */
  readonly relTol?: number;
  /** Iteration limit of the Krylov methods. Default 10000. */
  readonly maxIter?: number;
  /** GMRES restart length m. Default 30. */
  readonly restart?: number;
}

/**
 * Build a {@link LinearSolver} from a spec. 'amg' needs `amgFactory` (this file does not import the AMG
 * implementation, so callers pass e.g. `() => new SmoothedAggregationAmg()`); without it this throws.
 * Throws on unknown names. CG expects SPD A and an SPD preconditioner (jacobi, ic0, amg); 'ilu0' is
 * meant for bicgstab/gmres.
 */
export function createLinearSolver(spec: LinearSolverSpec, amgFactory?: () => Preconditioner): LinearSolver {
  if (spec.method === 'direct') return new DirectSolver({ relTol: spec.relTol ?? 1e-10 });
  const pcName = spec.preconditioner ?? 'none';
  let preconditioner: Preconditioner | null;
  switch (pcName) {
    case 'none': preconditioner = null; break;
    case 'jacobi': preconditioner = new JacobiPreconditioner(); break;
    case 'ic0': preconditioner = new IC0Preconditioner(); break;
    case 'ilu0': preconditioner = new ILU0Preconditioner(); break;
    case 'amg':
      if (amgFactory === undefined) throw new Error("createLinearSolver: preconditioner 'amg' needs an amgFactory argument (src/solvers does not construct AMG itself)");
      preconditioner = amgFactory();
      break;
    default: throw new Error(`createLinearSolver: unknown preconditioner '${String(pcName)}' (expected none, jacobi, ic0, ilu0 or amg)`);
  }
  const opts = { relTol: spec.relTol ?? 1e-10, maxIter: spec.maxIter ?? 10000, preconditioner };
  switch (spec.method) {
    case 'cg': return new CgSolver(opts);
    case 'bicgstab': return new BiCgStabSolver(opts);
    case 'gmres': return new GmresSolver({ ...opts, restart: spec.restart ?? 30 });
    default: throw new Error(`createLinearSolver: unknown method '${String(spec.method)}' (expected cg, bicgstab, gmres or direct)`);
  }
}
