import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSlot, spmv, type CsrMatrix } from '../../src/linalg/csr.js';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { createSpace } from '../../src/fem/functionSpace.js';
import { addDirichlet, createConstraints } from '../../src/fem/constraints.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import { createParallelAssembler, parallelAssemblyModule } from '../../src/fem/parallelAssembly.js';
import { createElasticityProblem, nodeCoordinates } from '../../src/physics/elasticity.js';
import { createAmgPreconditioner, rigidBodyModes2D, type AmgOptions } from '../../src/solvers/amg/index.js';
import { createLinearSolver } from '../../src/solvers/createLinearSolver.js';
import { createParallelAmgCg } from '../../src/parallel/parallelAmgCg.js';
import { createWorkerPool, type WorkerPool } from '../../src/parallel/pool.js';
import { sameBytes } from './testMatrices.js';
import { scalarRowsOf } from '../../src/solvers/amg/blockRows.js';

const THREADS = [1, 2, 4];
const TOL = 1e-8;
/** The pools' chunk rows, also the serial hybrid Gauss–Seidel blocks, so that both run the same V-cycle. */
const CHUNK = 64;

function trueRel(A: CsrMatrix, x: Float64Array, b: Float64Array): number {
  const r = new Float64Array(A.n);
  spmv(A, x, r);
  let s = 0, t = 0;
  for (let i = 0; i < A.n; i++) { s += (b[i]! - r[i]!) ** 2; t += b[i]! ** 2; }
  return Math.sqrt(s / t);
}

/** Poisson −Δu = 1, u = 0 on the boundary, P1 on the N×N mesh, assembled on `pool`. */
function poisson(pool: WorkerPool, N: number): { A: CsrMatrix; b: Float64Array } {
  const mesh = unitSquareMesh(N, N, 'right');
  const space = createSpace(mesh, 1, 1);
  const cons = createConstraints(space.nDofs);
  for (const s of ['left', 'right', 'bottom', 'top']) addDirichlet(cons, space, s, 0);
  const pattern = buildAssemblyPattern(space, cons, { sharedMemory: true });
  const nc = mesh.nCells;
  const b = new Float64Array(space.nDofs);
  const A = createParallelAssembler(pool, pattern).assemble({ type: 'poisson', k: new Float64Array(nc).fill(1), source: new Float64Array(nc).fill(1) }, b);
  return { A, b };
}

/**
 * The pool solver against the serial CG + AMG (same hierarchy, same V-cycle up to the summation order of the
 * restriction): both must reach the true residual 1e-8, within one iteration of each other, and agree to
 * ‖Δx‖∞/‖x‖∞ ≤ 1e-6 (the error of a 1e-8 residual times a condition number ≤ ~1e2 on these small grids,
 * with margin). Results for 1, 2 and 4 threads must be bitwise identical.
 */
function check(pools: WorkerPool[], make: (pool: WorkerPool) => { A: CsrMatrix; b: Float64Array }, amgOpts: AmgOptions): number {
  const xs: Float64Array[] = [];
  const its: number[] = [];
  let sys: { A: CsrMatrix; b: Float64Array } | null = null;
  for (const pool of pools) {
    sys = make(pool);
    const solver = createParallelAmgCg(pool, createAmgPreconditioner({ ...amgOpts, gsBlockRows: CHUNK, sharedMemory: true }), { relTol: TOL, maxIter: 200 });
    const x = new Float64Array(sys.A.n);
    const rep = solver.solve(sys.A, sys.b, x);
    expect(rep.converged).toBe(true);
    expect(solver.levels).toBeGreaterThan(2);
    expect(trueRel(sys.A, x, sys.b)).toBeLessThanOrEqual(TOL);
    xs.push(x);
    its.push(rep.iterations);
    solver.release();
  }
  for (const x of xs.slice(1)) expect(sameBytes(x, xs[0]!)).toBe(true);
  const { A, b } = sys!;
  const serial = createLinearSolver({ method: 'cg', preconditioner: 'amg', relTol: TOL, maxIter: 200 }, () => createAmgPreconditioner({ ...amgOpts, gsBlockRows: CHUNK }));
  const xs0 = new Float64Array(A.n);
  const rep = serial.solve(A, b, xs0);
  expect(Math.abs(rep.iterations - its[0]!)).toBeLessThanOrEqual(1);
  let d = 0, m = 0;
  for (let i = 0; i < A.n; i++) { d = Math.max(d, Math.abs(xs[0]![i]! - xs0[i]!)); m = Math.max(m, Math.abs(xs0[i]!)); }
  expect(d / m).toBeLessThan(1e-6);
  return its[0]!;
}

describe('parallel CG + smoothed-aggregation AMG', { timeout: 30_000 }, () => {
  const pools: WorkerPool[] = [];
  // 64-row chunks: the coarse levels of these small problems still span several chunks.
  beforeAll(() => { for (const t of THREADS) pools.push(createWorkerPool(t, { chunkRows: CHUNK, kernelModules: [parallelAssemblyModule()] })); });
  afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

  it('Poisson P1 (N = 64): converges, matches the serial solver, bitwise identical for 1, 2, 4 threads', () => {
    check(pools, (pool) => poisson(pool, 64), { maxCoarse: 50 });
  });

  it('Chebyshev smoother (Poisson N = 64): same guarantees', () => {
    check(pools, (pool) => poisson(pool, 64), { maxCoarse: 50, smoother: 'chebyshev' });
  });

  it('W-cycle (Poisson N = 64): same guarantees, and fewer iterations than the V-cycle', () => {
    const its = check(pools, (pool) => poisson(pool, 64), { maxCoarse: 50, cycle: 'W' });
    const itsV = check(pools.slice(0, 1), (pool) => poisson(pool, 64), { maxCoarse: 50 });
    // A W-cycle is a better (never worse) approximate inverse than a V-cycle with the same smoothing.
    expect(its).toBeLessThan(itsV);
  });

  it('values changed in place (also where the hierarchy dropped a stored zero) are solved with the new operator', () => {
    for (const pool of [pools[0]!, pools[1]!]) {
      const { A, b } = poisson(pool, 32);
      const solver = createParallelAmgCg(pool, createAmgPreconditioner({ maxCoarse: 50, sharedMemory: true }), { relTol: TOL, maxIter: 200 });
      const x = new Float64Array(A.n);
      solver.solve(A, b, x);
      // Changing stored nonzeros in place (no new setup: the hierarchy stays, only the operator changes) refreshes
      // the level-0 copy: CG must still reach the true residual of the new matrix.
      const mid = (A.n >> 1) + 3;
      A.values[findSlot(A, mid, mid)]! += 0.5;
      const x2 = new Float64Array(A.n);
      solver.solve(A, b, x2);
      expect(trueRel(A, x2, b)).toBeLessThanOrEqual(TOL);
      // A stored zero between two interior nodes becomes −ε (with +ε on both diagonals: still SPD). The level-0
      // copy cannot hold it, so the solver must rebuild; a stale operator would leave a residual of order ε·‖x‖/‖b‖ ≫ 1e-8.
      let zi = -1, zj = -1;
      for (let i = 0; i < A.n && zi < 0; i++) {
        if (A.rowPtr[i + 1]! - A.rowPtr[i]! < 7) continue; // boundary rows and their neighbours
        for (let s = A.rowPtr[i]!; s < A.rowPtr[i + 1]!; s++) if (A.values[s] === 0 && A.colIdx[s] !== i && A.rowPtr[A.colIdx[s]! + 1]! - A.rowPtr[A.colIdx[s]!]! === 7) { zi = i; zj = A.colIdx[s]!; break; }
      }
      expect(zi).toBeGreaterThanOrEqual(0);
      const eps = 0.5;
      A.values[findSlot(A, zi, zj)] = -eps; A.values[findSlot(A, zj, zi)] = -eps;
      A.values[findSlot(A, zi, zi)]! += eps; A.values[findSlot(A, zj, zj)]! += eps;
      const x3 = new Float64Array(A.n);
      solver.solve(A, b, x3);
      expect(trueRel(A, x3, b)).toBeLessThanOrEqual(TOL);
      solver.release();
    }
  });

  it('plane-strain elasticity with rigid-body modes (N = 32): same guarantees', () => {
    check(pools, (pool) => {
      const mesh = unitSquareMesh(32, 32, 'right');
      const nc = mesh.nCells;
      const th = new Float64Array(nc);
      for (let c = 0; c < nc; c++) th[c] = c % 4 === 0 ? 0.1 : 0;
      const E = new Float64Array(nc).fill(90e9), nu = new Float64Array(nc).fill(0.22);
      const p = createElasticityProblem(mesh, { order: 1, formulation: 'planeStrain', bcs: [{ type: 'fixed', boundary: 'bottom' }], cellYoungs: E, cellPoisson: nu, cellEigenstrain: th });
      const b = new Float64Array(p.space.nDofs);
      const A = createParallelAssembler(pool, p.pattern).assemble({ type: 'planeStrain', E, nu, eigenstrain: th }, b);
      return { A, b };
    }, { blockSize: 2, k: 3, nearNullspace: rigidBodyModes2D(nodeCoordinatesOf(32)), maxCoarse: 60 });
  });

  it('node-block operators and transfers (A 2×2 fine / 3×3 coarse, P 2×3 / 3×3, R 3×2 / 3×3, 64-row chunks not divisible by 3) give the CSR kernels\' bits; in-place value changes refill them', () => {
    const make = (pool: WorkerPool): { A: CsrMatrix; b: Float64Array } => {
      const mesh = unitSquareMesh(24, 24, 'right');
      const nc = mesh.nCells;
      const th = new Float64Array(nc);
      for (let c = 0; c < nc; c++) th[c] = c % 3 === 0 ? 0.1 : 0;
      const E = new Float64Array(nc).fill(90e9), nu = new Float64Array(nc).fill(0.22);
      const p = createElasticityProblem(mesh, { order: 1, formulation: 'planeStrain', bcs: [{ type: 'fixed', boundary: 'bottom' }], cellYoungs: E, cellPoisson: nu, cellEigenstrain: th });
      const b = new Float64Array(p.space.nDofs);
      return { A: createParallelAssembler(pool, p.pattern).assemble({ type: 'planeStrain', E, nu, eigenstrain: th }, b), b };
    };
    const opts = { blockSize: 2, k: 3, nearNullspace: rigidBodyModes2D(nodeCoordinatesOf(24)), maxCoarse: 60, sharedMemory: true };
    for (const pool of [pools[0]!, pools[1]!]) {
      const { A, b } = make(pool);
      const amg = createAmgPreconditioner(opts);
      const withBlocks = createParallelAmgCg(pool, amg, { relTol: TOL, maxIter: 200 });
      // The same hierarchy exported without its block copies (P and R converted to CSR): every product runs
      // through the CSR kernels.
      const amgCsr = createAmgPreconditioner(opts);
      const csrOnly = createParallelAmgCg(pool, {
        name: amgCsr.name, setup: (M) => amgCsr.setup(M),
        exportLevels: () => amgCsr.exportLevels().map(({ blocks: _blocks, blockP, blockR, ...L }) => (
          blockP && blockR ? { ...L, P: scalarRowsOf(blockP), R: scalarRowsOf(blockR) } : L)),
      }, { relTol: TOL, maxIter: 200 });
      const x1 = new Float64Array(A.n), x2 = new Float64Array(A.n);
      withBlocks.solve(A, b, x1);
      csrOnly.solve(A, b, x2);
      expect(amg.exportLevels().filter((L) => L.blocks !== undefined).length).toBeGreaterThanOrEqual(2);
      expect(amg.exportLevels().filter((L) => L.blockP !== undefined && L.blockR !== undefined).length).toBeGreaterThanOrEqual(2);
      expect(sameBytes(x1, x2)).toBe(true);
      // Stiffen one node block in place (no new setup): the block copy must be refilled, or CG would iterate with
      // the old operator and miss the true residual of the new one.
      const i = (A.n >> 1) & ~1;
      A.values[findSlot(A, i, i)]! *= 3;
      A.values[findSlot(A, i + 1, i + 1)]! *= 3;
      const x3 = new Float64Array(A.n), x4 = new Float64Array(A.n);
      withBlocks.solve(A, b, x3);
      csrOnly.solve(A, b, x4);
      expect(trueRel(A, x3, b)).toBeLessThanOrEqual(TOL);
      expect(sameBytes(x3, x4)).toBe(true);
      // Values changed between an explicit setup and the solve: the solve still uses the current operator.
      withBlocks.setup(A);
      A.values[findSlot(A, i, i)]! *= 2;
      A.values[findSlot(A, i + 1, i + 1)]! *= 2;
      const x5 = new Float64Array(A.n);
      withBlocks.solve(A, b, x5);
      expect(trueRel(A, x5, b)).toBeLessThanOrEqual(TOL);
      // A on the heap (2 threads: the solver works on a shared copy of its values, refreshed before each solve).
      const Ah: CsrMatrix = { n: A.n, rowPtr: A.rowPtr.slice(), colIdx: A.colIdx.slice(), values: A.values.slice() };
      const x6 = new Float64Array(A.n), x7 = new Float64Array(A.n);
      withBlocks.solve(Ah, b, x6);
      Ah.values[findSlot(Ah, i, i)]! *= 0.5;
      Ah.values[findSlot(Ah, i + 1, i + 1)]! *= 0.5;
      withBlocks.solve(Ah, b, x7);
      expect(trueRel(Ah, x7, b)).toBeLessThanOrEqual(TOL);
      withBlocks.release(); csrOnly.release();
    }
  });
});

/** Node coordinates in dof order for the N×N elasticity problem (as the bench computes them). */
function nodeCoordinatesOf(N: number): Float64Array {
  const mesh = unitSquareMesh(N, N, 'right');
  const p = createElasticityProblem(mesh, {
    order: 1, formulation: 'planeStrain', bcs: [{ type: 'fixed', boundary: 'bottom' }],
    cellYoungs: new Float64Array(mesh.nCells).fill(1), cellPoisson: new Float64Array(mesh.nCells).fill(0.2), cellEigenstrain: new Float64Array(mesh.nCells),
  });
  return nodeCoordinates(p.space);
}
