import { describe, it, expect } from 'vitest';
import type { CsrMatrix } from '../../src/linalg/csr.js';
import { LinearSolveError } from '../../src/linalg/linearSolver.js';
import type { Preconditioner } from '../../src/linalg/preconditioner.js';
import { createLinearSolver } from '../../src/solvers/createLinearSolver.js';
import type { LinearSolverSpec } from '../../src/solvers/createLinearSolver.js';
import { convectionDiffusion2d, laplace2d, multiply, randomVector, relError, relResidual } from './matrices.js';

describe('createLinearSolver', () => {
  const spd = laplace2d(20);
  const nonsym = convectionDiffusion2d(20, 0.05, 1, 1);

  const cases: Array<[LinearSolverSpec, CsrMatrix]> = [
    [{ method: 'cg' }, spd],
    [{ method: 'cg', preconditioner: 'jacobi' }, spd],
    [{ method: 'cg', preconditioner: 'ic0', relTol: 1e-12 }, spd],
    [{ method: 'bicgstab', preconditioner: 'ilu0' }, nonsym],
    [{ method: 'gmres', preconditioner: 'ilu0', restart: 10 }, nonsym],
    [{ method: 'gmres' }, spd],
    [{ method: 'direct' }, spd],
    [{ method: 'direct' }, nonsym],
  ];

  it.each(cases)('%j solves to its relTol with a full report', (spec, A) => {
    const s = createLinearSolver(spec);
    const xStar = randomVector(A.n, 1);
    const b = multiply(A, xStar);
    const x = new Float64Array(A.n);
    s.setup(A);
    const rep = s.solve(A, b, x);
    const tol = spec.relTol ?? 1e-10;
    expect(rep.converged).toBe(true);
    expect(relResidual(A, x, b)).toBeLessThanOrEqual(tol);
    expect(relError(x, xStar)).toBeLessThan(1e3 * tol); // κ ≤ ~200 for these 20×20 grids
    expect(rep.solver).toBe(s.name);
    expect(rep.setupSeconds).toBeGreaterThanOrEqual(0);
    expect(rep.solveSeconds).toBeGreaterThanOrEqual(0);
  });

  it("'amg' needs a factory; with one it is used as the preconditioner", () => {
    expect(() => createLinearSolver({ method: 'cg', preconditioner: 'amg' })).toThrow(/amgFactory/);
    let applies = 0;
    const fakeAmg = (): Preconditioner => {
      let inv = new Float64Array(0);
      return {
        name: 'amg',
        setup(A: CsrMatrix) { inv = new Float64Array(A.n).fill(1 / 4); },
        apply(r: Float64Array, z: Float64Array) { applies++; for (let i = 0; i < r.length; i++) z[i] = inv[i]! * r[i]!; },
      };
    };
    const s = createLinearSolver({ method: 'cg', preconditioner: 'amg' }, fakeAmg);
    expect(s.name).toBe('cg+amg');
    const b = new Float64Array(spd.n).fill(1);
    s.setup(spd);
    s.solve(spd, b, new Float64Array(spd.n));
    expect(applies).toBeGreaterThan(0);
  });

  it('rejects unknown names and reports nonconvergence with LinearSolveError', () => {
    expect(() => createLinearSolver({ method: 'lu' as never })).toThrow(/unknown method/);
    expect(() => createLinearSolver({ method: 'cg', preconditioner: 'ssor' as never })).toThrow(/unknown preconditioner/);
    const s = createLinearSolver({ method: 'cg', maxIter: 2 });
    expect(() => s.solve(spd, new Float64Array(spd.n).fill(1), new Float64Array(spd.n))).toThrow(LinearSolveError);
  });
});
