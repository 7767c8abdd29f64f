import { describe, expect, it } from 'vitest';
import { assembleFacetVector, assembleSystem } from '../../src/fem/assemble.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import { addDirichlet, createConstraints, expandSolution } from '../../src/fem/constraints.js';
import { createFacetValues } from '../../src/fem/facetValues.js';
import { errorNorms } from '../../src/fem/functionals.js';
import { createSpace } from '../../src/fem/functionSpace.js';
import { lineRule, triangleRule } from '../../src/fem/quadrature.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { fitRate, solveCG } from './helpers/linear.js';
import { poissonKernel } from './helpers/poisson.js';
import { rectangleMesh } from './helpers/rectangleMesh.js';

/** A manufactured problem −∇·(k∇u) = f (plane) or its (r, z) form (axisymmetric). */
interface Problem {
  readonly box: [number, number, number, number];
  readonly axisymmetric: boolean;
  readonly u: (x: number, y: number) => number;
  readonly grad: (x: number, y: number) => [number, number];
  readonly k: (x: number, y: number) => number;
  readonly f: (x: number, y: number) => number;
  readonly dirichlet: readonly string[];
  /** Neumann boundaries with their outward normals: g = k ∇u·n is assembled as ∫ g v ds. */
  readonly neumann: readonly { name: string; n: [number, number] }[];
  readonly regionOf?: (x: number, y: number) => number;
}

const A = 1.5 * Math.PI;
// Plane: u = sin(1.5πx + 0.3) e^y, k = 1 + x² + y.
const plane = {
  box: [0, 1, 0, 1] as [number, number, number, number],
  axisymmetric: false,
  u: (x: number, y: number) => Math.sin(A * x + 0.3) * Math.exp(y),
  grad: (x: number, y: number): [number, number] => [A * Math.cos(A * x + 0.3) * Math.exp(y), Math.sin(A * x + 0.3) * Math.exp(y)],
  k: (x: number, y: number) => 1 + x * x + y,
  f: (x: number, y: number) => {
    const s = Math.sin(A * x + 0.3) * Math.exp(y);
    const ux = A * Math.cos(A * x + 0.3) * Math.exp(y);
    const k = 1 + x * x + y;
    return -(2 * x * ux + k * (-A * A * s) + 1 * s + k * s);
  },
};
// Axisymmetric on (r, z) ∈ [0.5, 1.5] × [0, 1]: u = cos(1.3r) e^{0.7z}, k = 2 + r.
const axi = {
  box: [0.5, 1.5, 0, 1] as [number, number, number, number],
  axisymmetric: true,
  u: (r: number, z: number) => Math.cos(1.3 * r) * Math.exp(0.7 * z),
  grad: (r: number, z: number): [number, number] => [-1.3 * Math.sin(1.3 * r) * Math.exp(0.7 * z), 0.7 * Math.cos(1.3 * r) * Math.exp(0.7 * z)],
  k: (r: number) => 2 + r,
  f: (r: number, z: number) => {
    const e = Math.exp(0.7 * z);
    const ur = -1.3 * Math.sin(1.3 * r) * e;
    const urr = -1.69 * Math.cos(1.3 * r) * e;
    const uzz = 0.49 * Math.cos(1.3 * r) * e;
    const k = 2 + r;
    return -((k / r) * ur + 1 * ur + k * urr + k * uzz);
  },
};
// Conductivity jump k = 1 | 10 across x = 0.5: u_i = (1 + sin(2(x−½))/k_i)·cos(πy/2), so u and k ∂u/∂x are continuous.
const K = [1, 10];
const side = (x: number): number => (x < 0.5 ? 0 : 1);
const H = Math.PI / 2;
const jump = {
  box: [0, 1, 0, 1] as [number, number, number, number],
  axisymmetric: false,
  u: (x: number, y: number) => (1 + Math.sin(2 * (x - 0.5)) / K[side(x)]!) * Math.cos(H * y),
  grad: (x: number, y: number): [number, number] => [
    ((2 * Math.cos(2 * (x - 0.5))) / K[side(x)]!) * Math.cos(H * y),
    -(1 + Math.sin(2 * (x - 0.5)) / K[side(x)]!) * H * Math.sin(H * y),
  ],
  k: (x: number) => K[side(x)]!,
  f: (x: number, y: number) => {
    const ki = K[side(x)]!;
    return 4 * Math.sin(2 * (x - 0.5)) * Math.cos(H * y) + ki * (1 + Math.sin(2 * (x - 0.5)) / ki) * H * H * Math.cos(H * y);
  },
  regionOf: (x: number) => side(x),
};

function solve(p: Problem, n: number, degree: 1 | 2): { l2: number; h1: number } {
  const [x0, x1, y0, y1] = p.box;
  const mesh: Mesh = rectangleMesh(n, n, x0, x1, y0, y1, {
    order: degree, ...(p.regionOf ? { regionOf: p.regionOf, regionNames: ['low', 'high'] } : {}),
  });
  const space = createSpace(mesh, degree);
  const cons = createConstraints(space.nDofs);
  for (const name of p.dirichlet) addDirichlet(cons, space, name, p.u);
  const pattern = buildAssemblyPattern(space, cons);
  const opts = { axisymmetric: p.axisymmetric };
  const cv = createCellValues(space, triangleRule(2 * degree + 2), opts);
  // The jump case reads k from the cell's region (as physics will), not from the quadrature point.
  const k = p.regionOf ? (_x: number, _y: number, cell: number) => K[mesh.cellRegion[cell]!]! : p.k;
  const b = new Float64Array(space.nDofs);
  const Amat = assembleSystem(pattern, cv, poissonKernel(k, p.f), b);
  const fv = createFacetValues(space, lineRule(2 * degree + 2), opts);
  for (const { name, n: nrm } of p.neumann) {
    assembleFacetVector(pattern, fv, name, (v, _c, _k, fe) => {
      for (let q = 0; q < v.nQuad; q++) {
        const x = v.xq[2 * q]!;
        const y = v.xq[2 * q + 1]!;
        const [gx, gy] = p.grad(x, y);
        const g = p.k(x, y) * (gx * nrm[0] + gy * nrm[1]) * v.ds[q]!;
        for (let a = 0; a < v.nBasis; a++) fe[a]! += g * v.N[q * v.nBasis + a]!;
      }
    }, b);
  }
  const u = new Float64Array(space.nDofs);
  solveCG(Amat, b, u, 1e-13);
  expandSolution(cons, u);
  const e = errorNorms(space, u, p.u, p.grad, opts);
  return { l2: e.l2, h1: e.h1semi };
}

function study(name: string, p: Problem, degree: 1 | 2, ns: number[]): void {
  it(`${name}, P${degree}: L2 rate ${degree + 1}, H1 rate ${degree} (±0.15)`, () => {
    const hs = ns.map((n) => (p.box[1] - p.box[0]) / n);
    const res = ns.map((n) => solve(p, n, degree));
    const rL2 = fitRate(hs, res.map((r) => r.l2));
    const rH1 = fitRate(hs, res.map((r) => r.h1));
    console.log(`${name} P${degree} n=${ns.join(',')} L2=${res.map((r) => r.l2.toExponential(2)).join(',')} rate ${rL2.toFixed(3)}; H1=${res.map((r) => r.h1.toExponential(2)).join(',')} rate ${rH1.toFixed(3)}`);
    expect(Math.abs(rL2 - (degree + 1))).toBeLessThanOrEqual(0.15);
    expect(Math.abs(rH1 - degree)).toBeLessThanOrEqual(0.15);
  });
}

const P1N = [8, 16, 32, 64];
const P2N = [4, 8, 16, 32];
const allSides = ['left', 'right', 'bottom', 'top'];

describe('manufactured Poisson, plane, Dirichlet everywhere', () => {
  const p: Problem = { ...plane, dirichlet: allSides, neumann: [] };
  study('plane', p, 1, P1N);
  study('plane', p, 2, P2N);
});

describe('manufactured Poisson, plane, Neumann on the right edge', () => {
  const p: Problem = { ...plane, dirichlet: ['left', 'bottom', 'top'], neumann: [{ name: 'right', n: [1, 0] }] };
  study('plane+neumann', p, 1, P1N);
  study('plane+neumann', p, 2, P2N);
});

describe('manufactured Poisson, axisymmetric (r, z) ∈ [0.5,1.5]×[0,1], Neumann at r = 0.5', () => {
  const p: Problem = { ...axi, dirichlet: ['right', 'bottom', 'top'], neumann: [{ name: 'left', n: [-1, 0] }] };
  study('axisymmetric', p, 1, P1N);
  study('axisymmetric', p, 2, P2N);
});

describe('manufactured Poisson, conductivity jump 1 | 10 at x = 0.5 (mesh-aligned)', () => {
  const p: Problem = { ...jump, dirichlet: allSides, neumann: [] };
  study('jump', p, 1, P1N);
  study('jump', p, 2, P2N);
});
