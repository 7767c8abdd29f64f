import { describe, expect, it } from 'vitest';
import { assembleSystem } from '../../src/fem/assemble.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import { addDirichlet, createConstraints, expandSolution } from '../../src/fem/constraints.js';
import { gradientAtQuad } from '../../src/fem/functionals.js';
import { createSpace } from '../../src/fem/functionSpace.js';
import { triangleRule } from '../../src/fem/quadrature.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { solveDense, toDense } from './helpers/linear.js';
import { poissonKernel } from './helpers/poisson.js';
import { lcg, rectangleMesh } from './helpers/rectangleMesh.js';

const lin = (x: number, y: number): number => 1 + 2 * x - 3 * y;

/** Solves −Δu = 0 with u = lin on the whole boundary; returns max nodal and gradient errors. */
function patch(mesh: Mesh, degree: 1 | 2, quadDegree: number): { nodal: number; grad: number } {
  const space = createSpace(mesh, degree);
  const cons = createConstraints(space.nDofs);
  for (const b of ['left', 'right', 'bottom', 'top']) addDirichlet(cons, space, b, lin);
  const pattern = buildAssemblyPattern(space, cons);
  const cv = createCellValues(space, triangleRule(quadDegree));
  const b = new Float64Array(space.nDofs);
  const A = assembleSystem(pattern, cv, poissonKernel(() => 1, () => 0), b);
  const u = solveDense(toDense(A), b);
  expandSolution(cons, u);
  let nodal = 0;
  for (let n = 0; n < space.dofMap.nNodes; n++) {
    const p = space.dofMap.nodeToPoint[n]!;
    nodal = Math.max(nodal, Math.abs(u[n]! - lin(mesh.points[2 * p]!, mesh.points[2 * p + 1]!)));
  }
  let grad = 0;
  const g = new Float64Array(2 * cv.nQuad);
  for (let c = 0; c < mesh.nCells; c++) {
    cv.reinit(c);
    gradientAtQuad(space, cv, u, 0, g);
    for (let q = 0; q < cv.nQuad; q++) grad = Math.max(grad, Math.abs(g[2 * q]! - 2), Math.abs(g[2 * q + 1]! + 3));
  }
  return { nodal, grad };
}

describe('patch test: a linear field is reproduced to round-off', () => {
  it('distorted tri3 mesh (interior vertices moved by up to ±0.3h)', () => {
    const rnd = lcg(7);
    const n = 6;
    const mesh = rectangleMesh(n, n, 0, 1, 0, 1, {
      mapPoint: (x, y, I, J) => (I > 0 && I < n && J > 0 && J < n ? [x + (0.6 * rnd() - 0.3) / n, y + (0.6 * rnd() - 0.3) / n] : [x, y]),
    });
    const e = patch(mesh, 1, 1);
    // Round-off of a dense solve of a 49-unknown, O(10)-conditioned system: ~1e-15; 1e-12 from the spec.
    expect(e.nodal).toBeLessThan(1e-12);
    expect(e.grad).toBeLessThan(1e-12);
  });

  it('tri6 mesh with curved interior midside nodes (P2 field)', () => {
    const rnd = lcg(11);
    const n = 5;
    const s = 2 * n;
    const mesh = rectangleMesh(n, n, 0, 1, 0, 1, {
      order: 2,
      // Interior nodes move by up to ±0.1h (vertices and midsides independently): edges become parabolas.
      mapPoint: (x, y, I, J) => (I > 0 && I < s && J > 0 && J < s ? [x + (0.2 * rnd() - 0.1) / n, y + (0.2 * rnd() - 0.1) / n] : [x, y]),
    });
    // Degree 2 is the minimum for which Σ_q adj(J)ᵀ∇̂N w_q is exact on a quadratic map (see fem notes); use 4.
    const e2 = patch(mesh, 2, 4);
    expect(e2.nodal).toBeLessThan(1e-12);
    expect(e2.grad).toBeLessThan(1e-12);
  });
});
