import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { createSpace } from '../../src/fem/functionSpace.js';
import { addDirichlet, createConstraints } from '../../src/fem/constraints.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import { buildAssemblyPatternOnPool } from '../../src/fem/parallelSparsity.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import { triangleRule } from '../../src/fem/quadrature.js';
import { assembleSystem } from '../../src/fem/assemble.js';
import { CELLS_PER_CHUNK, colourChunks, createParallelAssembler, parallelAssemblyModule, type P1Form } from '../../src/fem/parallelAssembly.js';
import { createElasticityProblem, elasticityKernel } from '../../src/physics/elasticity.js';
import { createWorkerPool, type WorkerPool } from '../../src/parallel/pool.js';
import { sameBytes } from './testMatrices.js';

const THREADS = [1, 2, 4];

/** max |a − b| / max |b|: the parallel kernel and assembleSystem differ only in summation order and in how the
 * element integrals are written (1/3 vs a tabulated N = 1/3), i.e. a few ulps of the largest entry. */
function relMax(a: Float64Array, b: Float64Array): number {
  let d = 0, m = 0;
  for (let i = 0; i < b.length; i++) { d = Math.max(d, Math.abs(a[i]! - b[i]!)); m = Math.max(m, Math.abs(b[i]!)); }
  return d / m;
}

function poissonCase(N: number, shared: boolean) {
  const mesh = unitSquareMesh(N, N, 'right');
  const space = createSpace(mesh, 1, 1);
  const cons = createConstraints(space.nDofs);
  // A nonzero Dirichlet value exercises the lifting (b_i −= K_ij g_j) of the constrained-cell path.
  addDirichlet(cons, space, 'left', 1.5);
  addDirichlet(cons, space, 'bottom', 0);
  const pattern = buildAssemblyPattern(space, cons, { sharedMemory: shared });
  const nc = mesh.nCells;
  const k = new Float64Array(nc), s = new Float64Array(nc);
  for (let c = 0; c < nc; c++) { k[c] = 1 + (c % 7) * 0.25; s[c] = Math.sin(c); }
  return { mesh, space, pattern, form: { type: 'poisson', k, source: s } as P1Form };
}

describe('parallel P1 assembly', { timeout: 30_000 }, () => {
  const pools: WorkerPool[] = [];
  beforeAll(() => { for (const t of THREADS) pools.push(createWorkerPool(t, { kernelModules: [parallelAssemblyModule()] })); });
  afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

  it('Poisson: equals assembleSystem to rounding and is bitwise identical for 1, 2, 4 threads', () => {
    // N = 96: 18k cells = 9 chunks of 2048, so several colours and chunks per colour are exercised.
    const ref = poissonCase(96, false);
    const { k, source } = ref.form as { k: Float64Array; source: Float64Array };
    const cv = createCellValues(ref.space, triangleRule(1));
    const bRef = new Float64Array(ref.space.nDofs);
    const Aref = assembleSystem(ref.pattern, cv, (c, cell, Ke, fe) => {
      const w = c.dx[0]!, g = c.dNdx;
      for (let a = 0; a < 3; a++) {
        fe[a] += w * c.N[a]! * source[cell]!;
        for (let b = 0; b < 3; b++) Ke[a * 3 + b] += w * k[cell]! * (g[2 * a]! * g[2 * b]! + g[2 * a + 1]! * g[2 * b + 1]!);
      }
    }, bRef);
    const outs: { A: Float64Array; b: Float64Array }[] = [];
    for (const pool of pools) {
      const par = poissonCase(96, true);
      const asm = createParallelAssembler(pool, par.pattern);
      expect(asm.colours).toBeGreaterThan(1);
      const b = new Float64Array(par.space.nDofs);
      const A = asm.assemble(par.form, b);
      expect(A).toBe(par.pattern.A); // shared pattern: filled in place
      outs.push({ A: Float64Array.from(A.values), b });
      asm.release();
    }
    expect(relMax(outs[0]!.A, Aref.values)).toBeLessThan(1e-14);
    expect(relMax(outs[0]!.b, bRef)).toBeLessThan(1e-14);
    for (const o of outs.slice(1)) {
      expect(sameBytes(o.A, outs[0]!.A)).toBe(true);
      expect(sameBytes(o.b, outs[0]!.b)).toBe(true);
    }
  });

  it('plane-strain elasticity with eigenstrain: equals the physics kernel to rounding, thread-count invariant', () => {
    const N = 64;
    const mesh = unitSquareMesh(N, N, 'right');
    const nc = mesh.nCells;
    const E = new Float64Array(nc), nu = new Float64Array(nc), th = new Float64Array(nc);
    for (let c = 0; c < nc; c++) { E[c] = 90e9 * (1 + (c % 3) * 0.1); nu[c] = 0.22 + (c % 5) * 0.02; th[c] = c % 2 ? 0.1 : 0; }
    const p = createElasticityProblem(mesh, {
      order: 1, formulation: 'planeStrain', bcs: [{ type: 'fixed', boundary: 'bottom' }],
      cellYoungs: E, cellPoisson: nu, cellEigenstrain: th,
    });
    const bRef = new Float64Array(p.space.nDofs);
    const Aref = Float64Array.from(assembleSystem(p.pattern, p.cv, elasticityKernel(p), bRef).values);
    const outs: { A: Float64Array; b: Float64Array }[] = [];
    for (const pool of pools) {
      // p.pattern is not shared: the assembler copies it and fills its own shared matrix.
      const asm = createParallelAssembler(pool, p.pattern);
      const b = new Float64Array(p.space.nDofs);
      const A = asm.assemble({ type: 'planeStrain', E, nu, eigenstrain: th }, b);
      outs.push({ A: Float64Array.from(A.values), b });
      asm.release();
    }
    expect(relMax(outs[0]!.A, Aref)).toBeLessThan(1e-14);
    expect(relMax(outs[0]!.b, bRef)).toBeLessThan(1e-14);
    for (const o of outs.slice(1)) {
      expect(sameBytes(o.A, outs[0]!.A)).toBe(true);
      expect(sameBytes(o.b, outs[0]!.b)).toBe(true);
    }
  });

  it('constant coefficients equal per-cell arrays holding the same constants, bitwise', () => {
    // Same products in the same order: a number read with stride 0 and an array of that number cannot differ.
    for (const pool of pools) {
      const out: Float64Array[] = [];
      for (const constant of [true, false]) {
        const par = poissonCase(40, true);
        const nc = par.mesh.nCells;
        const form: P1Form = constant
          ? { type: 'poisson', k: 2.5, source: -0.75 }
          : { type: 'poisson', k: new Float64Array(nc).fill(2.5), source: new Float64Array(nc).fill(-0.75) };
        const asm = createParallelAssembler(pool, par.pattern);
        const b = new Float64Array(par.space.nDofs);
        out.push(Float64Array.from(asm.assemble(form, b).values), b);
        asm.release();
      }
      expect(out[0]!.some((v) => v !== 0)).toBe(true);
      expect(sameBytes(out[0]!, out[2]!)).toBe(true);
      expect(sameBytes(out[1]!, out[3]!)).toBe(true);
    }
  });

  it('P1 kernel on a pattern without the slot map (row search) equals the slot path bitwise', () => {
    for (const pool of pools) {
      const withSlots = poissonCase(50, true);
      const asmA = createParallelAssembler(pool, withSlots.pattern);
      const bA = new Float64Array(withSlots.space.nDofs);
      const A = Float64Array.from(asmA.assemble(withSlots.form, bA).values);
      asmA.release();
      const lean = poissonCase(50, true);
      const cons = lean.pattern.constraints;
      const pattern = buildAssemblyPatternOnPool(pool, lean.space, cons, { cellSlots: false });
      const asmB = createParallelAssembler(pool, pattern);
      const bB = new Float64Array(lean.space.nDofs);
      const B = Float64Array.from(asmB.assemble(lean.form, bB).values);
      asmB.release();
      expect(A.some((v) => v !== 0)).toBe(true);
      expect(sameBytes(A, B)).toBe(true);
      expect(sameBytes(bA, bB)).toBe(true);
    }
  });
});

describe('chunk colouring', () => {
  /** Chunks of one colour must touch disjoint rows (the race-freedom of the parallel scatter). */
  function expectRowDisjoint(cellRows: Int32Array, nLoc: number, nCells: number, nDofs: number, col: ReturnType<typeof colourChunks>): void {
    const owner = new Int32Array(nDofs);
    let clashes = 0;
    for (let c = 0; c < col.n; c++) {
      owner.fill(-1);
      for (let t = col.ptr[c]!; t < col.ptr[c + 1]!; t++) {
        const k = col.list[t]!;
        for (let e = k * CELLS_PER_CHUNK * nLoc; e < Math.min(nCells, (k + 1) * CELLS_PER_CHUNK) * nLoc; e++) {
          const r = cellRows[e]!;
          if (r < 0) continue;
          if (owner[r] !== -1 && owner[r] !== k) clashes++;
          owner[r] = k;
        }
      }
    }
    expect(clashes).toBe(0);
  }

  it('sweep-numbered mesh: interval colouring, few colours, row-disjoint', () => {
    const { pattern, mesh } = poissonCase(200, false);
    const col = colourChunks(pattern.cellRows, 3, mesh.nCells, pattern.A.n);
    expect(col.method).toBe('interval');
    expect(col.n).toBeLessThanOrEqual(3);
    expectRowDisjoint(pattern.cellRows, 3, mesh.nCells, pattern.A.n, col);
    // The chunk row ranges computed on a 2-thread pool give the same colouring.
    const pool = createWorkerPool(2, { kernelModules: [parallelAssemblyModule()] });
    try {
      const shared = new Int32Array(new SharedArrayBuffer(4 * pattern.cellRows.length));
      shared.set(pattern.cellRows);
      const onPool = colourChunks(shared, 3, mesh.nCells, pattern.A.n, pool);
      expect(Array.from(onPool.list)).toEqual(Array.from(col.list));
      expect(Array.from(onPool.ptr)).toEqual(Array.from(col.ptr));
    } finally { void pool.close(); }
  });

  it('shuffled cell order: falls back to the exact colouring, still row-disjoint', () => {
    const { pattern, mesh } = poissonCase(200, false);
    // Cells in a strided order: every chunk then touches rows all over the mesh, so row intervals all overlap.
    const nLoc = 3, n = mesh.nCells, rows = new Int32Array(n * nLoc);
    for (let c = 0; c < n; c++) {
      const src = (c * 7919) % n; // 7919 is prime and does not divide n = 80 000, so this is a permutation
      for (let i = 0; i < nLoc; i++) rows[c * nLoc + i] = pattern.cellRows[src * nLoc + i]!;
    }
    const col = colourChunks(rows, nLoc, n, pattern.A.n);
    expect(col.method).toBe('exact');
    expectRowDisjoint(rows, nLoc, n, pattern.A.n, col);
  });
});
