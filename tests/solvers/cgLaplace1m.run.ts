/**
 * One-off timing (not part of the vitest suite): CG+IC(0) and CG+Jacobi on the 5-point Laplacian with
 * N×N = 1024² = 1,048,576 unknowns, b = 1, relTol 1e-8 (the peers' PETSc criterion). One run each.
 * Run: npx tsc --module nodenext --moduleResolution nodenext --target es2022 --types node --outDir /tmp/sb --rootDir . tests/solvers/cgLaplace1m.run.ts
 *      && node /tmp/sb/tests/solvers/cgLaplace1m.run.js [N]
 */
import { CgSolver } from '../../src/solvers/cg.js';
import { IC0Preconditioner } from '../../src/solvers/ic0.js';
import { JacobiPreconditioner } from '../../src/solvers/jacobi.js';
import { laplace2d } from './matrices.js';

const N = Number(process.argv[2] ?? 1024);
const A = laplace2d(N);
const b = new Float64Array(A.n).fill(1);
for (const pc of [new IC0Preconditioner(), new JacobiPreconditioner()]) {
  const s = new CgSolver({ relTol: 1e-8, maxIter: 20000, preconditioner: pc });
  s.setup(A);
  const x = new Float64Array(A.n);
  const rep = s.solve(A, b, x);
  console.log(`RESULT ${JSON.stringify({
    solver: rep.solver, n: A.n, iterations: rep.iterations, relResidual: rep.relResidual,
    setupMs: +(rep.setupSeconds * 1e3).toFixed(1), solveMs: +(rep.solveSeconds * 1e3).toFixed(0),
    msPerIteration: +((rep.solveSeconds * 1e3) / rep.iterations).toFixed(2),
  })}`);
}
