import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrFromTriplets, spmv, type CsrMatrix } from '../../src/linalg/csr.js';
import { LinearSolveError, type SolveReport } from '../../src/linalg/linearSolver.js';
import { createParallelCg } from '../../src/parallel/parallelCg.js';
import { createWorkerPool, type WorkerPool } from '../../src/parallel/pool.js';
import { laplacian5, relMaxDiff, rng, sameBytes } from './testMatrices.js';

const THREADS = [1, 2, 3, 4];

/** Independent serial reference: textbook PCG (Jacobi or none), plain loops, exactly `iters` iterations from x = 0. */
function referencePcg(A: CsrMatrix, b: Float64Array, iters: number, jacobi: boolean): Float64Array {
  const n = A.n, x = new Float64Array(n), r = Float64Array.from(b), z = new Float64Array(n), p = new Float64Array(n), q = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) if (A.colIdx[k] === i) d[i] = A.values[k]!;
  const prec = (): void => { for (let i = 0; i < n; i++) z[i] = jacobi ? r[i]! / d[i]! : r[i]!; };
  const dot = (u: Float64Array, v: Float64Array): number => { let s = 0; for (let i = 0; i < n; i++) s += u[i]! * v[i]!; return s; };
  prec();
  p.set(z);
  let rz = dot(r, z);
  for (let it = 0; it < iters; it++) {
    spmv(A, p, q);
    const alpha = rz / dot(p, q);
    for (let i = 0; i < n; i++) { x[i]! += alpha * p[i]!; r[i]! -= alpha * q[i]!; }
    prec();
    const rzNew = dot(r, z);
    for (let i = 0; i < n; i++) p[i] = z[i]! + (rzNew / rz) * p[i]!;
    rz = rzNew;
  }
  return x;
}

/** Runs `solve`, returning the report also when it throws LinearSolveError (x is written either way). */
function solveCatching(f: () => SolveReport): SolveReport {
  try {
    return f();
  } catch (e) {
    if (e instanceof LinearSolveError) return e.report;
    throw e;
  }
}

/** A 2D Laplacian with a variable diagonal shift (plain, non-shared arrays: the solver must copy them). */
function shiftedLaplacian(nx: number, ny: number, seed: number): CsrMatrix {
  const L = laplacian5(nx, ny), rand = rng(seed);
  const values = Float64Array.from(L.values);
  for (let i = 0; i < L.n; i++) for (let k = L.rowPtr[i]!; k < L.rowPtr[i + 1]!; k++) if (L.colIdx[k] === i) values[k]! += 4 * rand();
  return { n: L.n, rowPtr: Int32Array.from(L.rowPtr), colIdx: Int32Array.from(L.colIdx), values };
}

describe('parallel fused PCG', { timeout: 30_000 }, () => {
  const small: WorkerPool[] = [];
  const big: WorkerPool[] = [];
  beforeAll(() => {
    for (const t of THREADS) small.push(createWorkerPool(t, { chunkRows: 64 }));
    for (const t of THREADS) big.push(createWorkerPool(t));
  });
  afterAll(async () => {
    await Promise.all([...small, ...big].map((p) => p.close()));
  });

  for (const preconditioner of ['jacobi', 'none'] as const) {
    it(`${preconditioner}: 25 iterations match an independent serial PCG within 1e-12, bitwise equal across threads`, () => {
      const A = shiftedLaplacian(40, 30, 11); // 1200 rows, 19 chunks of 64
      const b = Float64Array.from({ length: A.n }, (_, i) => Math.sin(0.05 * i) + 0.3);
      const ref = referencePcg(A, b, 25, preconditioner === 'jacobi');
      const xs = small.map((pool) => {
        const x = new Float64Array(A.n);
        const rep = solveCatching(() => createParallelCg(pool, { relTol: 1e-300, maxIter: 25, preconditioner }).solve(A, b, x));
        expect(rep.iterations).toBe(25);
        expect(rep.converged).toBe(false);
        return x;
      });
      for (const x of xs) expect(sameBytes(x, xs[0]!)).toBe(true);
      // Same recurrences, only the dot-product summation order differs (rounding ~1e-16 per step); after 25 steps of
      // a well-conditioned (κ < 30) system this stays ~1e-15. Measured: see the report.
      expect(relMaxDiff(xs[0]!, ref)).toBeLessThanOrEqual(1e-12);
    });
  }

  it('converges to a manufactured solution within κ·relTol', () => {
    const A = laplacian5(30, 30); // κ₂ = (1+cos(π/31))/(1−cos(π/31)) ≈ 389
    const rand = rng(5);
    const xe = Float64Array.from({ length: A.n }, () => rand() - 0.5);
    const b = new Float64Array(A.n);
    spmv(A, xe, b);
    const x = new Float64Array(A.n);
    const rep = createParallelCg(small[1]!, { relTol: 1e-11, maxIter: 1000 }).solve(A, b, x);
    expect(rep.converged).toBe(true);
    expect(rep.relResidual).toBeLessThanOrEqual(1e-11);
    // ‖x − xe‖/‖xe‖ ≤ κ·‖b − Ax‖/‖b‖ ≤ 389e-11.
    let e = 0, s = 0;
    for (let i = 0; i < A.n; i++) { e += (x[i]! - xe[i]!) ** 2; s += xe[i]! ** 2; }
    expect(Math.sqrt(e / s)).toBeLessThanOrEqual(389e-11);
  });

  it('5-point Laplacian with 200k unknowns: same iteration count and bitwise equal x for 1–4 threads', () => {
    const A = laplacian5(8000, 25); // 200 000 rows, 25 chunks of 8192, neighbours 8000 rows apart
    const b = new Float64Array(new SharedArrayBuffer(8 * A.n));
    for (let i = 0; i < A.n; i++) b[i] = Math.sin(0.37 * i) + 0.5;
    const runs = big.map((pool) => {
      const x = new Float64Array(A.n);
      const rep = createParallelCg(pool, { relTol: 1e-8, maxIter: 2000, preconditioner: 'jacobi' }).solve(A, b, x);
      return { x, rep };
    });
    for (const { x, rep } of runs) {
      expect(rep.converged).toBe(true);
      expect(rep.iterations).toBe(runs[0]!.rep.iterations);
      expect(sameBytes(x, runs[0]!.x)).toBe(true);
    }
    // Independent check of the stopping criterion: serial ‖b − Ax‖/‖b‖.
    const Ax = new Float64Array(A.n);
    spmv(A, runs[0]!.x, Ax);
    let rr = 0, bb = 0;
    for (let i = 0; i < A.n; i++) { rr += (b[i]! - Ax[i]!) ** 2; bb += b[i]! ** 2; }
    expect(Math.sqrt(rr / bb)).toBeLessThanOrEqual(1e-8);
    expect(runs[0]!.rep.iterations).toBeGreaterThan(50); // a real solve, not a trivial one
  });

  it('throws LinearSolveError when maxIter is too small, and on an indefinite matrix', () => {
    const A = laplacian5(20, 20);
    const b = new Float64Array(A.n).fill(1);
    const cg = createParallelCg(small[2]!, { relTol: 1e-10, maxIter: 5 });
    expect(() => cg.solve(A, b, new Float64Array(A.n))).toThrow(LinearSolveError);
    // diag(1, −1): pᵀAp = 0 for p = (1, 1) → breakdown must be reported, not a silent answer.
    const B = csrFromTriplets(2, [0, 1], [0, 1], [1, -1]);
    expect(() => createParallelCg(small[1]!, { relTol: 1e-10, maxIter: 50 }).solve(B, new Float64Array([1, 1]), new Float64Array(2))).toThrow(LinearSolveError);
  });

  it('handles b = 0, reuses setup after a value change, and rejects a zero diagonal for Jacobi', () => {
    const A = shiftedLaplacian(10, 10, 2);
    const cg = createParallelCg(small[1]!, { relTol: 1e-10, maxIter: 500 });
    const x = new Float64Array(A.n).fill(3);
    expect(cg.solve(A, new Float64Array(A.n), x).iterations).toBe(0);
    expect(x.every((v) => v === 0)).toBe(true);
    // Scale A by 2 in place and call setup: the solution must halve.
    const b = Float64Array.from({ length: A.n }, (_, i) => 1 + (i % 3));
    const x1 = new Float64Array(A.n);
    cg.solve(A, b, x1);
    for (let k = 0; k < A.values.length; k++) A.values[k]! *= 2;
    cg.setup(A);
    const x2 = new Float64Array(A.n);
    cg.solve(A, b, x2);
    for (let i = 0; i < A.n; i++) expect(x2[i]! * 2).toBeCloseTo(x1[i]!, 8);
    const Z = csrFromTriplets(2, [0, 0, 1], [0, 1, 0], [1, 1, 1]); // A[1,1] missing
    expect(() => createParallelCg(small[1]!, { relTol: 1e-8, maxIter: 10 }).setup(Z)).toThrow(/diagonal/);
    cg.release();
  });
});
