/**
 * The peers' Poisson benchmark (shared/peers/REPORT.md): −Δu = 1 on the unit square, u = 0 on the whole
 * boundary, P1 on the N×N 'right'-diagonal mesh (identical to DOLFINx create_unit_square(DiagonalType.right)),
 * CG + smoothed-aggregation AMG to ‖b − Ax‖/‖b‖ < 1e-8. Stages are timed like the peer script:
 * mesh; assembly = space/dofmap + constraints + pattern + matrix and right-hand side; solve = AMG setup + CG.
 */
import { performance } from 'node:perf_hooks';
import { unitSquareMesh } from '../mesh/generators/unitSquare.js';
import { createSpace } from '../fem/functionSpace.js';
import { createConstraints, addDirichlet, expandSolution } from '../fem/constraints.js';
import { buildAssemblyPattern } from '../fem/sparsity.js';
import { buildAssemblyPatternOnPool } from '../fem/parallelSparsity.js';
import { createCellValues } from '../fem/cellValues.js';
import { triangleRule } from '../fem/quadrature.js';
import { assembleSystem } from '../fem/assemble.js';
import { createParallelAssembler, parallelAssemblyModule } from '../fem/parallelAssembly.js';
import { createLinearSolver } from '../solvers/createLinearSolver.js';
import { createAmgPreconditioner } from '../solvers/amg/index.js';
import type { SolveReport } from '../linalg/linearSolver.js';
import { createWorkerPool, createParallelAmgCg, type WorkerPool } from '../parallel/index.js';

export interface PoissonBenchResult {
  problem: 'poisson';
  n: number;
  dofs: number;
  mesh: number;
  assembly: number;
  solve: number;
  pcSetup: number;
  iterations: number;
  relResidual: number;
  peakRssMiB: number;
  maxU: number;
  solver: string;
  threads: number;
  /** Worker start-up before the timed stages (like MPI start-up for the peer), seconds. */
  poolStart: number;
}

/**
 * Runs the benchmark once; times in seconds. With AMG the solve runs CG + V-cycles on a worker pool of
 * `threads` participants (1 = the calling thread only); results are bitwise identical for every thread count.
 */
export function runPoissonBench(
  n: number, opts: { preconditioner?: 'amg' | 'ic0' | 'jacobi'; threads?: number; pool?: WorkerPool } = {},
): PoissonBenchResult {
  const pc = opts.preconditioner ?? 'amg';
  const threads = opts.pool?.nThreads ?? opts.threads ?? 1;
  let t0 = performance.now();
  // A pool passed in (already started and warmed up by the caller) is used and left open.
  const pool = pc !== 'amg' ? null : opts.pool ?? createWorkerPool(threads, { kernelModules: [parallelAssemblyModule()] });
  const tPool = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const mesh = unitSquareMesh(n, n, 'right', { sharedMemory: threads > 1 });
  const tMesh = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const space = createSpace(mesh, 1, 1);
  const cons = createConstraints(space.nDofs);
  for (const b of ['left', 'right', 'bottom', 'top']) addDirichlet(cons, space, b, 0);
  // With a pool the pattern is built on it too (same CSR as the serial build, for any thread count), without the
  // cell → slot map: the P1 kernel searches the 7-entry rows instead (−72 MB and ~10 % faster at N = 1024).
  const pattern = pool !== null ? buildAssemblyPatternOnPool(pool, space, cons, { cellSlots: false }) : buildAssemblyPattern(space, cons);
  const rhs = new Float64Array(space.nDofs);
  // With a pool: the P1 kernel on the workers (colour-ordered, thread-count invariant); else the serial assembly.
  const A = pool !== null
    ? createParallelAssembler(pool, pattern).assemble({ type: 'poisson', k: 1, source: 1 }, rhs)
    : assembleSystem(pattern, createCellValues(space, triangleRule(1)), (c, _cell, Ke, fe) => {
    // P1: constant gradients, one-point rule is exact for the stiffness and for ∫ 1·v.
    const w = c.dx[0]!;
    const g = c.dNdx;
    for (let a = 0; a < 3; a++) {
      fe[a] += w * c.N[a]!;
      for (let b = 0; b < 3; b++) Ke[a * 3 + b] += w * (g[2 * a]! * g[2 * b]! + g[2 * a + 1]! * g[2 * b + 1]!);
    }
  }, rhs);
  const tAsm = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const solver = pool !== null
    ? createParallelAmgCg(pool, createAmgPreconditioner({ sharedMemory: threads > 1 }), { relTol: 1e-8, maxIter: 2000 })
    : createLinearSolver({ method: 'cg', preconditioner: pc, relTol: 1e-8, maxIter: 20000 });
  solver.setup(A);
  const tSetup = (performance.now() - t0) / 1000;
  const u = new Float64Array(space.nDofs);
  const report: SolveReport = solver.solve(A, rhs, u);
  if (pool !== null && opts.pool === undefined) void pool.close();
  expandSolution(cons, u);
  const tSolve = (performance.now() - t0) / 1000;
  let maxU = 0;
  for (let i = 0; i < u.length; i++) maxU = Math.max(maxU, u[i]!);
  return {
    problem: 'poisson', n, dofs: space.nDofs, mesh: tMesh, assembly: tAsm, solve: tSolve, pcSetup: tSetup,
    iterations: report.iterations, relResidual: report.relResidual,
    peakRssMiB: process.resourceUsage().maxRSS / 1024, maxU, solver: solver.name, threads: pool?.nThreads ?? 1,
    poolStart: tPool,
  };
}
