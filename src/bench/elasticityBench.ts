/**
 * The peers' elasticity benchmark (shared/peers/REPORT.md): unit square N×N ('right' diagonals), plane strain P1,
 * E = 90 GPa, ν = 0.22, bottom clamped, ε* = 0.1·I₃ on cells with centroid x < 0.5; CG + smoothed-aggregation
 * AMG with the rigid-body near-nullspace to ‖b − Ax‖/‖b‖ < 1e-8 (as DOLFINx). Stages (wall seconds): mesh;
 * assembly = space + constraints + pattern + matrix/rhs; solve = AMG setup + CG. Anchors: max|u| and the max
 * von Mises (with σ_zz) over cells — DOLFINx: 0.152984 m and 44.101 GPa at N = 256.
 */
import { performance } from 'node:perf_hooks';
import { unitSquareMesh } from '../mesh/generators/unitSquare.js';
import type { Mesh } from '../mesh/mesh.js';
import { createElasticityProblem, nodeCoordinates, type ElasticityProblem } from '../physics/elasticity.js';
import { stressInvariants } from '../physics/stressRecovery.js';
import { cellAveragesOnPool, stressRecoveryModule } from '../physics/parallelStressRecovery.js';
import { createParallelAssembler, parallelAssemblyModule } from '../fem/parallelAssembly.js';
import { buildAssemblyPatternOnPool } from '../fem/parallelSparsity.js';
import type { FunctionSpace } from '../fem/functionSpace.js';
import type { DofConstraints } from '../fem/constraints.js';
import { expandSolution } from '../fem/constraints.js';
import { createWorkerPool, createParallelAmgCg, type WorkerPool } from '../parallel/index.js';
import { createAmgPreconditioner, rigidBodyModes2D } from '../solvers/amg/index.js';

export interface ElasticityBenchResult {
  problem: 'elasticity';
  n: number;
  dofs: number;
  mesh: number;
  assembly: number;
  solve: number;
  pcSetup: number;
  iterations: number;
  relResidual: number;
  peakRssMiB: number;
  maxDisp: number;
  maxVonMises: number;
  solver: string;
  threads: number;
  /** Worker start-up before the timed stages, seconds. */
  poolStart: number;
  /** Stress recovery (cell-average stresses on the pool, for the max von Mises), seconds; not in assembly/solve. */
  stress: number;
}

/** The peers' material (shared/peers/REPORT.md): E = 90 GPa, ν = 0.22 on every cell. */
const YOUNGS = 90e9, POISSON = 0.22;

/** The peers' elasticity problem on a unit-square mesh: ε* = 0.1·I₃ on cells with centroid x < 0.5. */
export function peersElasticityProblem(mesh: Mesh, pool?: WorkerPool): ElasticityProblem {
  const n = mesh.nCells;
  const beta = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let x = 0;
    for (let a = 0; a < 3; a++) x += mesh.points[2 * mesh.cells[3 * c + a]!]!;
    if (x / 3 < 0.5) beta[c] = 0.1;
  }
  return createElasticityProblem(mesh, {
    order: 1, formulation: 'planeStrain', bcs: [{ type: 'fixed', boundary: 'bottom' }],
    cellYoungs: new Float64Array(n).fill(YOUNGS), cellPoisson: new Float64Array(n).fill(POISSON), cellEigenstrain: beta,
    ...(pool ? { buildPattern: (s: FunctionSpace, c: DofConstraints) => buildAssemblyPatternOnPool(pool, s, c, { cellSlots: false }) } : {}),
  });
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Runs the benchmark once with CG + AMG on a pool of `threads` participants (results independent of it). */
export function runElasticityBench(N: number, threads = 1, sharedPool?: WorkerPool): ElasticityBenchResult {
  let t0 = performance.now();
  // A pool passed in (already started and warmed up by the caller, with both modules) is used and left open.
  const pool = sharedPool ?? createWorkerPool(threads, { kernelModules: [parallelAssemblyModule(), stressRecoveryModule()] });
  threads = pool.nThreads;
  const tPool = seconds(t0);
  t0 = performance.now();
  const mesh = unitSquareMesh(N, N, 'right', { sharedMemory: threads > 1 });
  const tMesh = seconds(t0);

  t0 = performance.now();
  const p = peersElasticityProblem(mesh, pool);
  const n = mesh.nCells;
  const b = new Float64Array(p.space.nDofs);
  // Pattern on the pool without the slot map (rows searched, same time at N = 512, −70 MB).
  // Same element as physics/elasticity's kernel (P1 plane strain, σ* = E/(1−2ν)·θ), assembled on the pool.
  const A = createParallelAssembler(pool, p.pattern).assemble({ type: 'planeStrain', E: YOUNGS, nu: POISSON, eigenstrain: p.cellEigenstrain }, b);
  const tAsm = seconds(t0);

  t0 = performance.now();
  const B = rigidBodyModes2D(nodeCoordinates(p.space));
  const solver = createParallelAmgCg(pool, createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: B, sharedMemory: threads > 1 }), { relTol: 1e-8, maxIter: 2000 });
  solver.setup(A);
  const tSetup = seconds(t0);
  const u = new Float64Array(p.space.nDofs);
  const report = solver.solve(A, b, u);
  expandSolution(p.constraints, u);
  const tSolve = seconds(t0);

  t0 = performance.now();
  const vm = stressInvariants(cellAveragesOnPool(pool, p, u).stress).vonMises;
  const tStress = seconds(t0);
  if (sharedPool === undefined) void pool.close();
  let maxVm = 0;
  for (let c = 0; c < n; c++) maxVm = Math.max(maxVm, vm[c]!);
  let maxU = 0;
  for (let i = 0; i < u.length / 2; i++) maxU = Math.max(maxU, Math.hypot(u[2 * i]!, u[2 * i + 1]!));
  return {
    problem: 'elasticity', n: N, dofs: p.space.nDofs, mesh: tMesh, assembly: tAsm, solve: tSolve, pcSetup: tSetup,
    iterations: report.iterations, relResidual: report.relResidual, peakRssMiB: process.resourceUsage().maxRSS / 1024,
    maxDisp: maxU, maxVonMises: maxVm, solver: solver.name, threads: pool.nThreads, poolStart: tPool,
    stress: tStress,
  };
}
