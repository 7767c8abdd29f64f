import { describe, it, expect } from 'vitest';
import { csrFromTriplets, spmv, type CsrMatrix } from '../../src/linalg/csr.js';
import { createLinearSolver } from '../../src/solvers/createLinearSolver.js';
import { lagSetup } from '../../src/solvers/laggedSetup.js';

/** 1D Laplacian-like SPD matrix with a variable coefficient k_i between nodes (Dirichlet ends). */
function chain(k: (i: number) => number, n = 400): CsrMatrix {
  const r: number[] = [], c: number[] = [], v: number[] = [];
  for (let i = 0; i < n; i++) {
    const kl = k(i), kr = k(i + 1);
    r.push(i); c.push(i); v.push(kl + kr);
    if (i > 0) { r.push(i); c.push(i - 1); v.push(-kl); }
    if (i < n - 1) { r.push(i); c.push(i + 1); v.push(-kr); }
  }
  return csrFromTriplets(n, r, c, v);
}

describe('lagged preconditioner setup (time loops)', () => {
  it('keeps the preconditioner while iterations stay flat, rebuilds after they grow, and always meets the tolerance', () => {
    const solver = lagSetup(createLinearSolver({ method: 'cg', preconditioner: 'jacobi', relTol: 1e-10, maxIter: 5000 }));
    const b = new Float64Array(400).fill(1);
    const check = (A: CsrMatrix, x: Float64Array) => {
      const r = new Float64Array(400);
      spmv(A, x, r);
      let e = 0;
      for (let i = 0; i < 400; i++) e += (r[i]! - b[i]!) ** 2;
      return Math.sqrt(e / 400); // ‖b‖ = √400
    };
    // Slowly varying coefficient (a time loop): one build serves all ten systems (≈ 403–412 iterations each).
    for (let s = 1; s <= 10; s++) {
      const A = chain((i) => 1 + 0.01 * s * Math.sin(i / 30));
      const x = new Float64Array(400);
      solver.setup(A);
      solver.solve(A, b, x);
      expect(check(A, x)).toBeLessThan(1e-9);
    }
    expect(solver.rebuilds).toBe(1);
    // A coefficient jump of 10⁴ makes the old Jacobi scaling poor: iterations grow, so the next setup rebuilds.
    const jump = chain((i) => (i > 200 ? 1e4 : 1));
    const x = new Float64Array(400);
    solver.setup(jump);
    solver.solve(jump, b, x);
    expect(check(jump, x)).toBeLessThan(1e-9 * 1e4); // relative to ‖b‖, scale of A grew by 1e4
    solver.setup(jump);
    expect(solver.rebuilds).toBe(2);
  });
});
