import { describe, expect, it } from 'vitest';
import { assembleSystem } from '../../src/fem/assemble.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import {
  addDirichlet, addDirichletDofs, addPeriodic, boundaryNodes, createConstraints, DIRICHLET, expandSolution, FREE, SLAVE,
} from '../../src/fem/constraints.js';
import { errorNorms } from '../../src/fem/functionals.js';
import { createSpace } from '../../src/fem/functionSpace.js';
import { triangleRule } from '../../src/fem/quadrature.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import { fitRate, solveCG, solveDense, toDense } from './helpers/linear.js';
import { poissonKernel } from './helpers/poisson.js';
import { rectangleMesh } from './helpers/rectangleMesh.js';

const TWO_PI = 2 * Math.PI;

describe('boundaryNodes', () => {
  it('returns sorted unique field nodes incl. P2 midsides; throws on unknown names listing the known ones', () => {
    const mesh = rectangleMesh(3, 2, 0, 1, 0, 1, { order: 2 });
    const space = createSpace(mesh, 2);
    const left = boundaryNodes(space, 'left');
    expect(left.length).toBe(2 * 2 + 1);
    for (const n of left) expect(mesh.points[2 * n]).toBe(0);
    for (let i = 1; i < left.length; i++) expect(left[i]!).toBeGreaterThan(left[i - 1]!);
    expect(() => boundaryNodes(space, 'outlet')).toThrow(/unknown boundary 'outlet'.*right.*left/);
  });
});

describe('periodic constraints', () => {
  it('periodic in x: u = cos(2πx)(1 + y²) reproduced with P1 L2 rate 2 (±0.15)', () => {
    // −Δu = 4π²u − 2cos(2πx); Dirichlet top/bottom from u; right slaved to left.
    const u = (x: number, y: number): number => Math.cos(TWO_PI * x) * (1 + y * y);
    const grad = (x: number, y: number): [number, number] => [-TWO_PI * Math.sin(TWO_PI * x) * (1 + y * y), 2 * y * Math.cos(TWO_PI * x)];
    const f = (x: number, y: number): number => TWO_PI * TWO_PI * u(x, y) - 2 * Math.cos(TWO_PI * x);
    const ns = [8, 16, 32];
    const errs = ns.map((n) => {
      const mesh = rectangleMesh(n, n, 0, 1, 0, 1);
      const space = createSpace(mesh, 1);
      const cons = createConstraints(space.nDofs);
      addPeriodic(cons, space, 'right', 'left', [1, 0]);
      addDirichlet(cons, space, 'bottom', u);
      addDirichlet(cons, space, 'top', u);
      const pattern = buildAssemblyPattern(space, cons);
      const b = new Float64Array(space.nDofs);
      const A = assembleSystem(pattern, createCellValues(space, triangleRule(4)), poissonKernel(() => 1, f), b);
      const x = new Float64Array(space.nDofs);
      solveCG(A, b, x, 1e-13);
      expandSolution(cons, x);
      // Slaves equal their masters exactly.
      for (let d = 0; d < space.nDofs; d++) if (cons.kind[d] === SLAVE) expect(x[d]).toBe(x[cons.master[d]!]);
      return errorNorms(space, x, u, grad).l2;
    });
    const rate = fitRate(ns.map((n) => 1 / n), errs);
    console.log(`periodic P1 L2 errors ${errs.map((e) => e.toExponential(2)).join(', ')}, rate ${rate.toFixed(3)}`);
    expect(Math.abs(rate - 2)).toBeLessThanOrEqual(0.15);
  });

  for (const degree of [1, 2] as const) {
    it(`offset u_right = u_left + 1 with insulated top/bottom reproduces u = x to round-off (P${degree})`, () => {
      const mesh = rectangleMesh(6, 5, 0, 1, 0, 1, { order: degree });
      const space = createSpace(mesh, degree);
      const cons = createConstraints(space.nDofs);
      addPeriodic(cons, space, 'right', 'left', [1, 0], [1]);
      // Pin the constant: u(0,0) = 0 (point 0). Its partner (1,0) becomes Dirichlet 1 through the offset.
      addDirichletDofs(cons, Int32Array.of(0), 0);
      const corner = boundaryNodes(space, 'right')[0]!;
      expect(cons.kind[corner]).toBe(DIRICHLET);
      expect(cons.value[corner]).toBe(1);
      const pattern = buildAssemblyPattern(space, cons);
      const b = new Float64Array(space.nDofs);
      const A = assembleSystem(pattern, createCellValues(space, triangleRule(2 * degree)), poissonKernel(() => 1, () => 0), b);
      const x = solveDense(toDense(A), b);
      expandSolution(cons, x);
      let err = 0;
      for (let n = 0; n < space.dofMap.nNodes; n++) err = Math.max(err, Math.abs(x[n]! - mesh.points[2 * space.dofMap.nodeToPoint[n]!]!));
      // Dense solve of a ~100-unknown Laplacian: round-off ~1e-15.
      expect(err).toBeLessThan(1e-12);
    });
  }

  it('doubly periodic corners collapse onto one free master; chains resolve offsets', () => {
    const mesh = rectangleMesh(4, 4, 0, 1, 0, 1);
    const space = createSpace(mesh, 1);
    const cons = createConstraints(space.nDofs);
    addPeriodic(cons, space, 'right', 'left', [1, 0], [1]);
    addPeriodic(cons, space, 'top', 'bottom', [0, 1], [10]);
    const id = (i: number, j: number): number => j * 5 + i;
    // Every master is free; corners (1,0), (0,1), (1,1) all point at (0,0) with offsets 1, 10, 11.
    for (let d = 0; d < space.nDofs; d++) if (cons.kind[d] === SLAVE) expect(cons.kind[cons.master[d]!]).toBe(FREE);
    expect(cons.kind[id(0, 0)]).toBe(FREE);
    for (const [d, off] of [[id(4, 0), 1], [id(0, 4), 10], [id(4, 4), 11]] as const) {
      expect(cons.kind[d]).toBe(SLAVE);
      expect(cons.master[d]).toBe(id(0, 0));
      expect(cons.value[d]).toBeCloseTo(off, 14);
    }
    // A Dirichlet value anywhere in a class fixes the whole class (every master stays free).
    addDirichletDofs(cons, Int32Array.of(id(4, 4)), 5);
    expect(cons.kind[id(0, 0)]).toBe(DIRICHLET);
    expect(cons.value[id(0, 0)]).toBeCloseTo(-6, 14);
    expect(cons.value[id(4, 0)]).toBeCloseTo(-5, 14);
    expect(cons.value[id(4, 4)]).toBe(5);
    const x = new Float64Array(space.nDofs);
    expandSolution(cons, x);
    expect(x[id(0, 4)]).toBeCloseTo(4, 14);
  });

  it('throws for unmatched nodes and for contradictory offsets', () => {
    const mesh = rectangleMesh(4, 3, 0, 1, 0, 1);
    const space = createSpace(mesh, 1);
    expect(() => addPeriodic(createConstraints(space.nDofs), space, 'right', 'left', [0.9, 0])).toThrow(/no node on 'left'/);
    const cons = createConstraints(space.nDofs);
    addPeriodic(cons, space, 'right', 'left', [1, 0], [1]);
    expect(() => addPeriodic(cons, space, 'left', 'right', [-1, 0], [1])).toThrow(/contradict/);
  });
});
