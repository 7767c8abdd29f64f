import { describe, it, expect } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { LinearSolveError } from '../../src/linalg/linearSolver.js';
import { BiCgStabSolver } from '../../src/solvers/bicgstab.js';
import { GmresSolver } from '../../src/solvers/gmres.js';
import { ILU0Preconditioner } from '../../src/solvers/ilu0.js';
import type { KrylovSolver, KrylovSolveReport } from '../../src/solvers/krylovSolver.js';
import { convectionDiffusion2d, denseToCsr, multiply, randomVector, relError, relResidual } from './matrices.js';

// Convection-dominated (cell Péclet |b|h/(2ε) ≈ 1.2 at N = 40), upwinded: nonsymmetric M-matrix.
const N = 40;
const A = convectionDiffusion2d(N, 0.01, 1, 0.5);
const xStar = randomVector(A.n, 41);
const b = multiply(A, xStar);

function run(s: KrylovSolver): { x: Float64Array; rep: KrylovSolveReport } {
  s.setup(A);
  const x = new Float64Array(A.n);
  const rep = s.solve(A, b, x);
  return { x, rep };
}

describe('BiCGSTAB and GMRES on a nonsymmetric convection–diffusion matrix', () => {
  it('converge with and without ILU(0), true residual ≤ relTol, error small', () => {
    const results: Record<string, number> = {};
    const solvers: KrylovSolver[] = [
      new BiCgStabSolver({ relTol: 1e-10 }),
      new BiCgStabSolver({ relTol: 1e-10, preconditioner: new ILU0Preconditioner() }),
      new GmresSolver({ relTol: 1e-10, restart: 30 }),
      new GmresSolver({ relTol: 1e-10, restart: 30, preconditioner: new ILU0Preconditioner() }),
      new GmresSolver({ relTol: 1e-10, restart: 5, preconditioner: new ILU0Preconditioner() }),
    ];
    for (const s of solvers) {
      const { x, rep } = run(s);
      results[s.name] = rep.iterations;
      expect(rep.converged).toBe(true);
      expect(relResidual(A, x, b)).toBeLessThanOrEqual(1e-10);
      // Diagonally dominant M-matrix with κ of order 10²–10³: error ≤ κ·residual ≪ 1e-6.
      expect(relError(x, xStar)).toBeLessThan(1e-6);
    }
    console.log('nonsymmetric N=40 iterations:', JSON.stringify(results));
    // ILU(0) must reduce the work of both methods.
    expect(results['bicgstab+ilu0']!).toBeLessThan(results['bicgstab']!);
    expect(results['gmres+ilu0(30)']!).toBeLessThan(results['gmres(30)']!);
  });

  it('GMRES with restart ≥ n is exact in at most n steps on a small dense matrix (ml-matrix reference)', () => {
    const n = 12;
    const r = randomVector(n * n, 5);
    const dense = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => r[i * n + j]! + (i === j ? 4 : 0)));
    const D = denseToCsr(dense);
    const rhs = randomVector(n, 6);
    const ref = Float64Array.from(solve(new Matrix(dense), Matrix.columnVector(Array.from(rhs))).getColumn(0));
    const s = new GmresSolver({ relTol: 1e-12, restart: n });
    const x = new Float64Array(n);
    const rep = s.solve(D, rhs, x);
    expect(rep.iterations).toBeLessThanOrEqual(n);
    expect(relError(x, ref)).toBeLessThan(1e-10);
    const y = new Float64Array(n);
    new BiCgStabSolver({ relTol: 1e-12 }).solve(D, rhs, y);
    expect(relError(y, ref)).toBeLessThan(1e-10);
  });

  it('throw LinearSolveError with converged=false when they cannot converge in maxIter', () => {
    for (const s of [new BiCgStabSolver({ maxIter: 3 }), new GmresSolver({ maxIter: 3, restart: 2 })]) {
      let err: unknown;
      try { run(s); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(LinearSolveError);
      const rep = (err as LinearSolveError).report;
      expect(rep.converged).toBe(false);
      expect(rep.iterations).toBeLessThanOrEqual(3);
    }
  });

  it('b = 0 gives x = 0', () => {
    for (const s of [new BiCgStabSolver(), new GmresSolver()]) {
      const x = randomVector(A.n, 8);
      expect(s.solve(A, new Float64Array(A.n), x).iterations).toBe(0);
      expect(Array.from(x).every((v) => v === 0)).toBe(true);
    }
  });
});
