import { describe, it, expect } from 'vitest';
import { createAmgPreconditioner, rigidBodyModes2D } from '../../../src/solvers/amg/index.js';
import { elasticityP1, poissonP1 } from './helpers/structuredFem.js';
import { pcg } from './helpers/pcg.js';

const REL_TOL = 1e-8;

describe('Dirichlet dofs kept as identity rows (full pattern) instead of eliminated', () => {
  it('Poisson: same solution and about the same iterations as the eliminated system', () => {
    const N = 128;
    const elim = poissonP1(N);
    const full = poissonP1(N, 1, 'identity');
    const its: number[] = [];
    const sols: Float64Array[] = [];
    for (const sys of [elim, full]) {
      const M = createAmgPreconditioner();
      M.setup(sys.A);
      const x = new Float64Array(sys.A.n);
      const res = pcg(sys.A, sys.b, x, M, REL_TOL);
      expect(res.converged).toBe(true);
      its.push(res.iterations);
      sols.push(x);
    }
    // Identity rows are isolated in the strength graph, get no coarse dof, and are solved by the smoother.
    // Measured 9 and 9 iterations.
    expect(its[1]!).toBeLessThanOrEqual(its[0]! + 2);
    // Interior node (i, j) is dof (j−1)(N−1) + i−1 when eliminated and j(N+1) + i with the full pattern.
    let maxDiff = 0, maxU = 0;
    for (let j = 1; j < N; j++) for (let i = 1; i < N; i++) {
      const a = sols[0]![(j - 1) * (N - 1) + i - 1]!, b = sols[1]![j * (N + 1) + i]!;
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
      maxU = Math.max(maxU, Math.abs(a));
    }
    // Both solves stop at relative residual 1e-8 with κ ≈ 7e3: errors ≤ ~1e-4 relative, in practice far less.
    expect(maxDiff).toBeLessThan(1e-5 * maxU);
  });

  it('elasticity with rigid-body modes on every node (clamped rows included) converges like the eliminated system', () => {
    const N = 64;
    const its: number[] = [];
    for (const mode of ['eliminate', 'identity'] as const) {
      const sys = elasticityP1(N, 1, 0.3, true, mode);
      const M = createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: rigidBodyModes2D(sys.coords) });
      M.setup(sys.A);
      const x = new Float64Array(sys.A.n);
      const res = pcg(sys.A, sys.b, x, M, REL_TOL);
      expect(res.converged).toBe(true);
      its.push(res.iterations);
    }
    // Measured 18 and 18: clamped nodes are isolated (their blocks are zeroed), so the modes there are unused.
    expect(its[1]!).toBeLessThanOrEqual(its[0]! + 3);
  });
});
