import { describe, it, expect } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { createLevelSetProblem, projectNodalGradient } from '../../src/physics/levelSet.js';
import { interpolate } from '../../src/fem/functionSpace.js';

/** Max |g_i − ∇f(x_i)| over the nodes at least `margin` away from the boundary, on an n × n 'left' mesh. */
function nodalGradientError(n: number, f: (x: number, y: number) => number, grad: (x: number, y: number) => [number, number], margin: number): number {
  const mesh = unitSquareMesh(n, n, 'left');
  const p = createLevelSetProblem(mesh);
  const phi = interpolate(p.space, f);
  const g = new Float64Array(2 * p.space.nDofs);
  projectNodalGradient(p, phi, g, new Float64Array(p.space.nDofs));
  let err = 0;
  for (let i = 0; i < p.space.nDofs; i++) {
    const x = mesh.points[2 * i]!, y = mesh.points[2 * i + 1]!;
    if (Math.min(x, y, 1 - x, 1 - y) < margin - 1e-12) continue;
    const [gx, gy] = grad(x, y);
    err = Math.max(err, Math.hypot(g[2 * i]! - gx, g[2 * i + 1]! - gy));
  }
  return err;
}

describe('level set: lumped nodal gradient for the interface normal', () => {
  it('is exact for a linear field at every node (all cell gradients equal)', () => {
    const e = nodalGradientError(7, (x, y) => 2 * x - 3 * y + 0.5, () => [2, -3], 0);
    // Round-off only: a weighted average of identical cell gradients (each exact for the P1 interpolant).
    expect(e).toBeLessThan(1e-12);
  });

  it('converges at second order at interior nodes for a smooth field (the per-cell gradient is first order)', () => {
    const f = (x: number, y: number) => Math.sin(3 * x) * Math.cos(2 * y);
    const grad = (x: number, y: number): [number, number] => [3 * Math.cos(3 * x) * Math.cos(2 * y), -2 * Math.sin(3 * x) * Math.sin(2 * y)];
    const e1 = nodalGradientError(16, f, grad, 0.1);
    const e2 = nodalGradientError(32, f, grad, 0.1);
    const rate = Math.log2(e1 / e2);
    console.log(`nodal gradient interior errors ${e1.toExponential(3)}, ${e2.toExponential(3)} rate ${rate.toFixed(2)}`);
    // Area-weighted averaging over the symmetric 6-cell patch of the structured mesh cancels the O(h) term.
    expect(rate).toBeGreaterThan(1.8);
  });
});
