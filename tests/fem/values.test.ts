import { describe, expect, it } from 'vitest';
import { assembleSystem } from '../../src/fem/assemble.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import { createConstraints } from '../../src/fem/constraints.js';
import { buildDofMap } from '../../src/fem/dofMap.js';
import { createFacetValues } from '../../src/fem/facetValues.js';
import { evaluateAtQuad, gradientAtQuad, integrate } from '../../src/fem/functionals.js';
import { cellDofs, createSpace, interpolate } from '../../src/fem/functionSpace.js';
import { lineRule, triangleRule } from '../../src/fem/quadrature.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { fitRate } from './helpers/linear.js';
import { poissonKernel } from './helpers/poisson.js';
import { rectangleMesh } from './helpers/rectangleMesh.js';

/** Quarter annulus 1 ≤ ρ ≤ 2, 0 ≤ θ ≤ π/2: a (ρ, θ) grid mapped to polar coordinates (tri6: curved edges). */
function annulus(n: number, order: 1 | 2): Mesh {
  return rectangleMesh(n, n, 1, 2, 0, Math.PI / 2, { order, mapPoint: (r, t) => [r * Math.cos(t), r * Math.sin(t)] });
}

function boundaryIntegral(mesh: Mesh, deg: 1 | 2, f: (x: number, y: number, nx: number, ny: number) => number, axisymmetric = false, names?: string[]): number {
  const fv = createFacetValues(createSpace(mesh, deg), lineRule(8), { axisymmetric });
  let s = 0;
  for (const name of names ?? [...mesh.boundaries.keys()]) {
    const fs = mesh.boundaries.get(name)!;
    for (let i = 0; i < fs.cells.length; i++) {
      fv.reinit(fs.cells[i]!, fs.localFacets[i]!);
      for (let q = 0; q < fv.nQuad; q++) s += f(fv.xq[2 * q]!, fv.xq[2 * q + 1]!, fv.normal[2 * q]!, fv.normal[2 * q + 1]!) * fv.ds[q]!;
    }
  }
  return s;
}

describe('cell and facet values: geometry', () => {
  it('divergence theorem holds to round-off on a curved tri6 mesh (∫∇·F = ∮F·n for F = (2x + y², xy))', () => {
    // Both sides are exact integrals over the same discrete (piecewise-quadratic) domain: integrands are
    // polynomials of degree ≤ 4 (cells, rule 8) and ≤ 5 (edges, line rule 8).
    const mesh = annulus(3, 2);
    const cv = createCellValues(createSpace(mesh, 2), triangleRule(8));
    const lhs = integrate(cv, mesh, (v, q) => 2 + v.xq[2 * q]!);
    const rhs = boundaryIntegral(mesh, 2, (x, y, nx, ny) => (2 * x + y * y) * nx + x * y * ny);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12);
    // ∮ n ds = 0 and the arc length converge to the exact curve.
    expect(Math.abs(boundaryIntegral(mesh, 2, (_x, _y, nx) => nx))).toBeLessThan(1e-13);
  });

  it('area of the curved quarter annulus converges at rate ≈ 4 (tri6) and 2 (tri3)', () => {
    const exact = (3 * Math.PI) / 4;
    const ns = [2, 4, 8];
    for (const [order, expected] of [[2, 4], [1, 2]] as const) {
      const errs = ns.map((n) => {
        const mesh = annulus(n, order);
        return Math.abs(integrate(createCellValues(createSpace(mesh, 1), triangleRule(6)), mesh, () => 1) - exact);
      });
      const rate = fitRate(ns.map((n) => 1 / n), errs);
      console.log(`annulus area tri${order === 2 ? 6 : 3}: errors ${errs.map((e) => e.toExponential(2)).join(', ')} rate ${rate.toFixed(2)}`);
      // Chord (tri3) and parabola (tri6) interpolation of an arc: area defect O(h²) and O(h⁴) respectively.
      expect(Math.abs(rate - expected)).toBeLessThan(0.25);
    }
  });

  it('axisymmetric weights: volume and outer surface of a revolved rectangle are exact', () => {
    const mesh = rectangleMesh(3, 2, 0.5, 1.5, 0, 1);
    const cv = createCellValues(createSpace(mesh, 1), triangleRule(1), { axisymmetric: true });
    // ∫2πr dr dz over [0.5,1.5]×[0,1] = π(1.5² − 0.5²) = 2π (integrand linear: the 1-point rule is exact).
    expect(Math.abs(integrate(cv, mesh, () => 1) - 2 * Math.PI)).toBeLessThan(1e-13);
    expect(Math.abs(boundaryIntegral(mesh, 1, () => 1, true, ['right']) - 3 * Math.PI)).toBeLessThan(1e-13);
  });

  it('outward unit normals on the rectangle sides; ds sums to the side lengths', () => {
    const mesh = rectangleMesh(3, 2, 0, 2, 0, 1, { order: 2 });
    const expectN: Record<string, [number, number, number]> = { left: [-1, 0, 1], right: [1, 0, 1], bottom: [0, -1, 2], top: [0, 1, 2] };
    for (const [name, [nx, ny, len]] of Object.entries(expectN)) {
      expect(boundaryIntegral(mesh, 2, (_x, _y, a) => a, false, [name])).toBeCloseTo(nx * len, 14);
      expect(boundaryIntegral(mesh, 2, (_x, _y, _a, b) => b, false, [name])).toBeCloseTo(ny * len, 14);
      expect(boundaryIntegral(mesh, 2, () => 1, false, [name])).toBeCloseTo(len, 14);
    }
  });

  it('facet N, dNdx and xq reproduce a linear field on curved tri6 edges (isoparametric P2 contains it)', () => {
    const mesh = annulus(2, 2);
    const space = createSpace(mesh, 2);
    const lin = (x: number, y: number): number => 0.5 + 2 * x - 3 * y;
    const u = interpolate(space, lin);
    const fv = createFacetValues(space, lineRule(3));
    let worst = 0;
    for (const fs of mesh.boundaries.values()) {
      for (let i = 0; i < fs.cells.length; i++) {
        const c = fs.cells[i]!;
        fv.reinit(c, fs.localFacets[i]!);
        for (let q = 0; q < fv.nQuad; q++) {
          let v = 0, gx = 0, gy = 0;
          for (let a = 0; a < fv.nBasis; a++) {
            const ua = u[space.dofMap.cellNodes[6 * c + a]!]!;
            v += fv.N[q * fv.nBasis + a]! * ua;
            gx += fv.dNdx[2 * (q * fv.nBasis + a)]! * ua;
            gy += fv.dNdx[2 * (q * fv.nBasis + a) + 1]! * ua;
          }
          worst = Math.max(worst, Math.abs(v - lin(fv.xq[2 * q]!, fv.xq[2 * q + 1]!)), Math.abs(gx - 2), Math.abs(gy + 3));
        }
      }
    }
    // Exact representation: only round-off (values O(5), J⁻¹ O(4)).
    expect(worst).toBeLessThan(1e-12);
  });

  it('throws on an inverted cell, naming it', () => {
    const mesh = rectangleMesh(2, 2, 0, 1, 0, 1);
    const cells = mesh.cells.slice();
    [cells[3 * 5 + 1], cells[3 * 5 + 2]] = [cells[3 * 5 + 2]!, cells[3 * 5 + 1]!];
    const bad: Mesh = { ...mesh, cells };
    const space = createSpace(bad, 1);
    const cv = createCellValues(space, triangleRule(1));
    cv.reinit(4);
    expect(() => cv.reinit(5)).toThrow(/cell 5 is inverted/);
    expect(() => createFacetValues(space, lineRule(1)).reinit(5, 0)).toThrow(/cell 5/);
  });
});

describe('dof map and function space', () => {
  it('P1 on tri6 uses only vertices, renumbered compactly; it assembles the same matrix as P1 on tri3', () => {
    const m6 = rectangleMesh(3, 2, 0, 1, 0, 1, { order: 2 });
    const m3 = rectangleMesh(3, 2, 0, 1, 0, 1);
    const dm = buildDofMap(m6, 1, 1);
    expect(dm.nNodes).toBe(m3.nPoints);
    expect(dm.nodesPerCell).toBe(3);
    for (let n = 0; n < dm.nNodes; n++) {
      expect(dm.pointToNode[dm.nodeToPoint[n]!]).toBe(n);
      // Vertex order is preserved (ascending point index), so coordinates match the tri3 grid's points.
      expect(m6.points[2 * dm.nodeToPoint[n]!]).toBeCloseTo(m3.points[2 * n]!, 15);
      expect(m6.points[2 * dm.nodeToPoint[n]! + 1]).toBeCloseTo(m3.points[2 * n + 1]!, 15);
    }
    const assemble = (mesh: Mesh): Float64Array => {
      const space = createSpace(mesh, 1, 2);
      const p = buildAssemblyPattern(space, createConstraints(space.nDofs));
      return assembleSystem(p, createCellValues(space, triangleRule(2)), (cv, c, Ke, fe) => {
        // Two uncoupled scalar Laplacians written as a vector kernel.
        const sub = new Float64Array(9);
        poissonKernel(() => 1, () => 0)(cv, c, sub, fe);
        for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let k = 0; k < 2; k++) Ke[(2 * a + k) * 6 + 2 * b + k] = sub[3 * a + b]!;
      }, new Float64Array(space.nDofs)).values.slice();
    };
    const a6 = assemble(m6);
    const a3 = assemble(m3);
    expect(a6.length).toBe(a3.length);
    for (let i = 0; i < a3.length; i++) expect(a6[i]!).toBeCloseTo(a3[i]!, 13);
  });

  it('P2 needs a tri6 mesh', () => {
    expect(() => createSpace(rectangleMesh(2, 2, 0, 1, 0, 1), 2)).toThrow(/tri6/);
  });

  it('vector dofs are interleaved node-major; interpolate and evaluate/gradient at quadrature points', () => {
    const mesh = rectangleMesh(2, 2, 0, 1, 0, 1, { order: 2 });
    const space = createSpace(mesh, 2, 2);
    expect(space.nDofs).toBe(2 * mesh.nPoints);
    const dofs = new Int32Array(12);
    cellDofs(space, 3, dofs);
    for (let a = 0; a < 6; a++) {
      expect(dofs[2 * a]).toBe(2 * mesh.cells[6 * 3 + a]!);
      expect(dofs[2 * a + 1]).toBe(2 * mesh.cells[6 * 3 + a]! + 1);
    }
    // A quadratic per component is represented exactly by P2: values and gradients at quadrature points.
    const f = (x: number, y: number, c: number): number => (c === 0 ? x * x + y : 2 * x * y - y * y);
    const u = interpolate(space, f);
    const cv = createCellValues(space, triangleRule(4));
    const v = new Float64Array(cv.nQuad);
    const g = new Float64Array(2 * cv.nQuad);
    for (let c = 0; c < mesh.nCells; c++) {
      cv.reinit(c);
      evaluateAtQuad(space, cv, u, 1, v);
      gradientAtQuad(space, cv, u, 0, g);
      for (let q = 0; q < cv.nQuad; q++) {
        const x = cv.xq[2 * q]!;
        const y = cv.xq[2 * q + 1]!;
        expect(v[q]!).toBeCloseTo(f(x, y, 1), 14);
        expect(g[2 * q]!).toBeCloseTo(2 * x, 13);
        expect(g[2 * q + 1]!).toBeCloseTo(1, 13);
      }
    }
  });
});
