import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { createSpace, type FunctionSpace } from '../../src/fem/functionSpace.js';
import { addDirichlet, addEquality, addPeriodic, boundaryNodes, createConstraints, type DofConstraints } from '../../src/fem/constraints.js';
import { buildAssemblyPattern, type AssemblyPattern } from '../../src/fem/sparsity.js';
import { buildAssemblyPatternOnPool } from '../../src/fem/parallelSparsity.js';
import { parallelAssemblyModule } from '../../src/fem/parallelAssembly.js';
import { createWorkerPool, type WorkerPool } from '../../src/parallel/pool.js';
import { assembleSystem } from '../../src/fem/assemble.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import { triangleRule } from '../../src/fem/quadrature.js';
import { sameBytes } from './testMatrices.js';

// 3 threads: the row ranges do not align with anything in the mesh numbering.
const THREADS = [1, 2, 3];

/** Every array of the pattern, element by element (the reference is the serial build, an independent code path). */
function expectSamePattern(got: AssemblyPattern, ref: AssemblyPattern): void {
  expect(got.nLoc).toBe(ref.nLoc);
  expect(got.A.n).toBe(ref.A.n);
  for (const key of ['rowPtr', 'colIdx'] as const) expect(Array.from(got.A[key])).toEqual(Array.from(ref.A[key]));
  expect(got.A.values.length).toBe(ref.A.colIdx.length);
  for (const key of ['cellSlots', 'cellDofs', 'cellRows', 'cellConstrained', 'diagSlot'] as const) {
    expect(Array.from(got[key]), key).toEqual(Array.from(ref[key]));
  }
}

describe('worker-pool sparsity pattern', { timeout: 60_000 }, () => {
  const pools: WorkerPool[] = [];
  beforeAll(() => { for (const t of THREADS) pools.push(createWorkerPool(t, { kernelModules: [parallelAssemblyModule()] })); });
  afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

  function check(space: FunctionSpace, cons: DofConstraints): void {
    const ref = buildAssemblyPattern(space, cons);
    for (const pool of pools) {
      const got = buildAssemblyPatternOnPool(pool, space, cons);
      expectSamePattern(got, ref);
      // With workers every array a kernel reads must be shared; with one thread plain arrays suffice.
      expect(got.A.colIdx.buffer instanceof SharedArrayBuffer).toBe(pool.nThreads > 1);
    }
  }

  it('P1 scalar with Dirichlet rows equals the serial build for 1, 2, 3 threads', () => {
    const mesh = unitSquareMesh(70, 50, 'right');
    const space = createSpace(mesh, 1, 1);
    const cons = createConstraints(space.nDofs);
    addDirichlet(cons, space, 'left', 1.5);
    addDirichlet(cons, space, 'top', 0);
    check(space, cons);
  });

  it('P2 vector with periodic slaves, an equality class and Dirichlet components equals the serial build', () => {
    const mesh = elevateToP2(unitSquareMesh(14, 11, 'left'));
    const space = createSpace(mesh, 2, 2);
    const cons = createConstraints(space.nDofs);
    addPeriodic(cons, space, 'right', 'left', [1, 0]);
    addDirichlet(cons, space, 'bottom', 0, 1);
    const top = boundaryNodes(space, 'top');
    addEquality(cons, Int32Array.from(top, (n) => 2 * n));
    // Slaves merge their couplings into masters, so rows get more distinct columns than in the unconstrained case.
    check(space, cons);
  });

  it('an empty constraint set gives the plain pattern', () => {
    const mesh = unitSquareMesh(9, 9, 'right');
    const space = createSpace(mesh, 1, 2);
    check(space, createConstraints(space.nDofs));
  });

  it('without the slot map: same CSR arrays, and assembly by row search equals assembly by slots bitwise', () => {
    // P2 vector space with slaves, an equality class and Dirichlet components: every branch of the scatter.
    const mesh = elevateToP2(unitSquareMesh(10, 9, 'left'));
    const space = createSpace(mesh, 2, 2);
    const cons = createConstraints(space.nDofs);
    addPeriodic(cons, space, 'right', 'left', [1, 0], [0.25, 0]);
    addDirichlet(cons, space, 'bottom', 0.5, 1);
    addEquality(cons, Int32Array.from(boundaryNodes(space, 'top'), (n) => 2 * n + 1));
    const ref = buildAssemblyPattern(space, cons);
    // An arbitrary symmetric element matrix and load that depend on the cell, so misplaced entries would show.
    const kernel = (_cv: unknown, cell: number, Ke: Float64Array, fe: Float64Array): void => {
      const n = 12;
      for (let i = 0; i < n; i++) {
        fe[i] = Math.sin(cell + i);
        for (let j = 0; j < n; j++) Ke[i * n + j] = (i === j ? 4 : 0) + Math.cos(cell * 0.1 + i + j);
      }
    };
    const cv = createCellValues(space, triangleRule(2));
    const bRef = new Float64Array(space.nDofs);
    const Aref = Float64Array.from(assembleSystem(ref, cv, kernel, bRef).values);
    for (const pool of pools) {
      const lean = buildAssemblyPatternOnPool(pool, space, cons, { cellSlots: false });
      expect(lean.cellSlots.length).toBe(0);
      expect(Array.from(lean.A.colIdx)).toEqual(Array.from(ref.A.colIdx));
      expect(Array.from(lean.diagSlot)).toEqual(Array.from(ref.diagSlot));
      const b = new Float64Array(space.nDofs);
      const A = assembleSystem(lean, cv, kernel, b);
      expect(sameBytes(Float64Array.from(A.values), Aref)).toBe(true);
      expect(sameBytes(b, bRef)).toBe(true);
    }
  });
});
