/**
 * Manual benchmark (not a test), run after compiling with tsc:
 * `node <out>/tests/solvers/amg/helpers/bench.js poisson|elasticity N [smoother] [degree] [theta]`
 * (theta defaults to the library default). Uses the project's CgSolver (src/solvers/cg.ts) with
 * relTol 1e-8 on ‖b − A x‖/‖b‖, like the DOLFINx peer runs, and prints assembly, AMG setup and CG times.
 */
import { CgSolver } from '../../../../src/solvers/cg.js';
import { createAmgPreconditioner, rigidBodyModes2D, type AmgSmoother } from '../../../../src/solvers/amg/index.js';
import { elasticityP1, poissonP1 } from './structuredFem.js';

const [problem = 'poisson', nArg = '256', smoother = 'chebyshev', degArg = '2', thetaArg = ''] = process.argv.slice(2);
const N = Number(nArg);
const t0 = performance.now();
const sys = problem === 'poisson' ? poissonP1(N) : elasticityP1(N, 1, 0.3);
const tAsm = (performance.now() - t0) / 1000;
const elastic = problem !== 'poisson';
const M = createAmgPreconditioner({
  blockSize: elastic ? 2 : 1,
  ...(elastic ? { nearNullspace: rigidBodyModes2D(sys.coords), k: 3 } : {}),
  smoother: smoother as AmgSmoother, presmooth: Number(degArg), postsmooth: Number(degArg),
  ...(thetaArg ? { strengthThreshold: Number(thetaArg) } : {}),
});
const cg = new CgSolver({ relTol: 1e-8, maxIter: 500, preconditioner: M });
const x = new Float64Array(sys.A.n);
cg.setup(sys.A);
const rep = cg.solve(sys.A, sys.b, x);
console.log(JSON.stringify({
  problem, N, n: sys.A.n, asm: +tAsm.toFixed(3), setup: +rep.setupSeconds.toFixed(3), solve: +rep.solveSeconds.toFixed(3),
  iters: rep.iterations, relRes: rep.relResidual, levels: M.levels, opC: +M.operatorComplexity.toFixed(3),
  gridC: +M.gridComplexity.toFixed(3), sizes: M.levelInfo.map((l) => l.n), maxU: x.reduce((a, v) => Math.max(a, Math.abs(v)), 0),
}));
