import { describe, it, expect } from 'vitest';
import { createAmgPreconditioner, type AmgOptions, type AmgSmoother } from '../../../src/solvers/amg/index.js';
import { CgSolver } from '../../../src/solvers/cg.js';
import { poissonP1 } from './helpers/structuredFem.js';
import { pcg } from './helpers/pcg.js';
import { bandedCholeskySolve } from './helpers/bandedCholesky.js';

const REL_TOL = 1e-8;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296 - 0.5; };
}

describe('SA-AMG + CG on P1 Poisson (Dirichlet rows eliminated)', () => {
  it('iteration counts stay bounded from 64² to 256² and the hierarchy is cheap', () => {
    const iters: number[] = [];
    for (const N of [64, 128, 256]) {
      const { A, b } = poissonP1(N);
      const M = createAmgPreconditioner();
      M.setup(A);
      const x = new Float64Array(A.n);
      const res = pcg(A, b, x, M, REL_TOL);
      expect(res.converged).toBe(true);
      expect(res.relResidual).toBeLessThan(1.01 * REL_TOL); // true residual agrees with the recursive one
      expect(M.operatorComplexity).toBeLessThan(2);
      expect(M.gridComplexity).toBeLessThan(1.5);
      expect(M.levels).toBeGreaterThanOrEqual(3);
      iters.push(res.iterations);
    }
    // Measured 9, 9, 10 (Chebyshev degree 2): h-independent convergence is the point of multigrid.
    for (const it of iters) expect(it).toBeLessThanOrEqual(15);
    expect(iters[2]!).toBeLessThanOrEqual(1.3 * iters[0]!);
  });

  it('matches a banded-Cholesky direct solve at 64² to the accuracy the residual test allows', () => {
    const N = 64;
    const { A, b } = poissonP1(N);
    const xRef = bandedCholeskySolve(A, b);
    const M = createAmgPreconditioner();
    M.setup(A);
    const x = new Float64Array(A.n);
    pcg(A, b, x, M, REL_TOL);
    let e2 = 0, r2 = 0;
    for (let i = 0; i < A.n; i++) { e2 += (x[i]! - xRef[i]!) ** 2; r2 += xRef[i]! ** 2; }
    // ‖e‖/‖x‖ ≤ κ(A)·‖r‖/‖b‖ with κ = λmax/λmin ≈ 8/(2π²h²) ≈ 1.7e3 here, so ≤ 1.7e-5 is guaranteed by the
    // stopping test; 2e-5 leaves room for the round-off of the reference.
    expect(Math.sqrt(e2 / r2)).toBeLessThan(2e-5);
    // Discrete maximum of u near the centre: the peer anchor is 0.07367 (exact 0.0736714); P1 at h = 1/64 is
    // within 1e-4 of it.
    expect(Math.abs(Math.max(...x) - 0.0736714)).toBeLessThan(1e-4);
  });

  it('is a symmetric positive definite operator for every smoother (xᵀM⁻¹y = yᵀM⁻¹x to 1e-10)', () => {
    const { A } = poissonP1(48);
    const rand = rng(42);
    const x = Float64Array.from({ length: A.n }, rand);
    const y = Float64Array.from({ length: A.n }, rand);
    const mx = new Float64Array(A.n), my = new Float64Array(A.n);
    // Degree 3 exercises the odd-degree buffer path of the Chebyshev smoother.
    const variants: AmgOptions[] = [{ smoother: 'chebyshev' }, { smoother: 'chebyshev', presmooth: 3 }, { smoother: 'jacobi' }, { smoother: 'gs-symmetric' }];
    for (const opts of variants) {
      const M = createAmgPreconditioner(opts);
      M.setup(A);
      const xCopy = x.slice();
      M.apply(x, mx);
      expect(x).toEqual(xCopy); // apply must not modify its input
      my.fill(123); // stale output contents must not matter
      M.apply(y, my);
      let xMy = 0, yMx = 0, xMx = 0;
      for (let i = 0; i < A.n; i++) { xMy += x[i]! * my[i]!; yMx += y[i]! * mx[i]!; xMx += x[i]! * mx[i]!; }
      // Both sides are sums of n products evaluated in different orders: round-off ~1e-14 relative.
      expect(Math.abs(xMy - yMx)).toBeLessThan(1e-10 * Math.abs(xMy));
      expect(xMx).toBeGreaterThan(0);
    }
  });

  it('converges with Jacobi and symmetric Gauss–Seidel smoothing too', () => {
    const { A, b } = poissonP1(128);
    for (const smoother of ['jacobi', 'gs-symmetric'] as AmgSmoother[]) {
      const M = createAmgPreconditioner({ smoother });
      M.setup(A);
      const x = new Float64Array(A.n);
      const res = pcg(A, b, x, M, REL_TOL);
      expect(res.converged).toBe(true);
      // Measured 10 (Jacobi, 2 sweeps, ω = 4/3/λ) and 9 (one SGS sweep); unpreconditioned CG needs ~400.
      expect(res.iterations).toBeLessThanOrEqual(20);
    }
  });

  it('a large strength threshold does not stall coarsening (falls back to θ = 0 on flat coarse stencils)', () => {
    // Without the fallback, θ = 0.25 isolates every node of the first coarse level here: the hierarchy
    // stopped at 2 levels with a 10,943-unknown smoothed-only bottom level and CG took 77 iterations.
    const { A, b } = poissonP1(256);
    const M = createAmgPreconditioner({ strengthThreshold: 0.25 });
    M.setup(A);
    expect(M.levels).toBeGreaterThanOrEqual(3);
    const x = new Float64Array(A.n);
    const res = pcg(A, b, x, M, REL_TOL);
    expect(res.converged).toBe(true);
    expect(res.iterations).toBeLessThanOrEqual(15);
  });

  it('a problem below maxCoarse is one dense Cholesky level: CG converges in one step', () => {
    const { A, b } = poissonP1(12);
    const M = createAmgPreconditioner({ maxCoarse: 500 });
    M.setup(A);
    expect(M.levels).toBe(1);
    expect(M.operatorComplexity).toBe(1);
    const x = new Float64Array(A.n);
    const res = pcg(A, b, x, M, 1e-12);
    expect(res.iterations).toBe(1);
  });

  it('plugs into the project CgSolver (src/solvers/cg.ts) with the same iteration count as the local PCG', () => {
    const { A, b } = poissonP1(64);
    const M = createAmgPreconditioner();
    const cg = new CgSolver({ relTol: REL_TOL, preconditioner: M });
    cg.setup(A);
    const x = new Float64Array(A.n);
    const rep = cg.solve(A, b, x);
    expect(rep.converged).toBe(true);
    expect(rep.relResidual).toBeLessThan(REL_TOL);
    const x2 = new Float64Array(A.n);
    // Same algorithm and stopping test; only the summation order of the dots differs.
    expect(Math.abs(rep.iterations - pcg(A, b, x2, M, REL_TOL).iterations)).toBeLessThanOrEqual(1);
  });

  it('throws when applied before setup', () => {
    const M = createAmgPreconditioner();
    expect(() => M.apply(new Float64Array(4), new Float64Array(4))).toThrow(/before setup/);
  });
});
