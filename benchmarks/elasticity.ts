/**
 * Elasticity benchmark on the peers' anchor problem (shared/peers/REPORT.md): unit square N×N ('right' diagonals),
 * plane strain P1, E = 90 GPa, ν = 0.22, bottom clamped, ε* = 0.1·I₃ on cells with centroid x < 0.5; CG +
 * smoothed-aggregation AMG with the rigid-body near-nullspace, ‖b − Ax‖/‖b‖ < 1e-8 (as DOLFINx).
 * Stages (wall seconds): mesh; assembly = space + constraints + pattern + matrix/rhs; solve = AMG setup + CG;
 * recovery = per-cell stresses and von Mises. Prints one JSON line: {"benchmark":"elasticity","runs":[…]}.
 * Usage: node dist/benchmarks/elasticity.js [N …]   (default 256 512)
 * Peers (1 rank, BoomerAMG): N=256 assembly 0.154 s, solve 0.626 s; N=512 assembly 0.669 s, solve 3.153 s.
 */
import { unitSquareMesh } from '../src/mesh/generators/unitSquare.js';
import { createElasticityProblem, elasticityKernel, nodeCoordinates } from '../src/physics/elasticity.js';
import { cellAverages, stressInvariants } from '../src/physics/stressRecovery.js';
import { assembleSystem } from '../src/fem/assemble.js';
import { expandSolution } from '../src/fem/constraints.js';
import { createLinearSolver } from '../src/solvers/createLinearSolver.js';
import { createAmgPreconditioner, rigidBodyModes2D } from '../src/solvers/amg/index.js';

function now(): number {
  return performance.now() / 1000;
}

function run(N: number): Record<string, unknown> {
  let t = now();
  const mesh = unitSquareMesh(N, N, 'right');
  const tMesh = now() - t;

  t = now();
  const n = mesh.nCells;
  const beta = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let x = 0;
    for (let a = 0; a < 3; a++) x += mesh.points[2 * mesh.cells[3 * c + a]!]!;
    if (x / 3 < 0.5) beta[c] = 0.1;
  }
  const p = createElasticityProblem(mesh, {
    order: 1, formulation: 'planeStrain', bcs: [{ type: 'fixed', boundary: 'bottom' }],
    cellYoungs: new Float64Array(n).fill(90e9), cellPoisson: new Float64Array(n).fill(0.22), cellEigenstrain: beta,
  });
  const tSetup = now() - t;
  t = now();
  const b = new Float64Array(p.space.nDofs);
  const A = assembleSystem(p.pattern, p.cv, elasticityKernel(p), b);
  const tMatrix = now() - t;

  t = now();
  const B = rigidBodyModes2D(nodeCoordinates(p.space));
  const solver = createLinearSolver({ method: 'cg', preconditioner: 'amg', relTol: 1e-8, maxIter: 2000 },
    () => createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: B }));
  solver.setup(A);
  const u = new Float64Array(p.space.nDofs);
  const report = solver.solve(A, b, u);
  expandSolution(p.constraints, u);
  const tSolve = now() - t;

  t = now();
  const vm = stressInvariants(cellAverages(p, u).stress).vonMises;
  let maxVm = 0;
  for (let c = 0; c < n; c++) maxVm = Math.max(maxVm, vm[c]!);
  let maxU = 0;
  for (let i = 0; i < u.length / 2; i++) maxU = Math.max(maxU, Math.hypot(u[2 * i]!, u[2 * i + 1]!));
  const tRecovery = now() - t;

  return {
    N, unknowns: p.space.nDofs, nnz: A.values.length,
    meshSeconds: tMesh, assemblySeconds: tSetup + tMatrix, patternSeconds: tSetup, matrixSeconds: tMatrix,
    solveSeconds: tSolve, amgSetupSeconds: report.setupSeconds, cgSeconds: report.solveSeconds,
    iterations: report.iterations, relResidual: report.relResidual, recoverySeconds: tRecovery,
    maxDisplacement: maxU, maxVonMisesPa: maxVm,
  };
}

const sizes = process.argv.slice(2).map(Number).filter((v) => Number.isInteger(v) && v > 0);
const runs = (sizes.length > 0 ? sizes : [256, 512]).map(run);
console.log(JSON.stringify({ benchmark: 'elasticity', runs }));
