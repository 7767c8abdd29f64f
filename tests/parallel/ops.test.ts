import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spmv } from '../../src/linalg/csr.js';
import { parallelAxpy, parallelDot, parallelResidualNorm, parallelSpmv } from '../../src/parallel/ops.js';
import { createWorkerPool, type WorkerPool } from '../../src/parallel/pool.js';
import { laplacian5, randomSparse, relMaxDiff, sameBytes, sharedVector } from './testMatrices.js';

const THREADS = [1, 2, 3, 4];
/** Small chunks so the 20k-row problems have ~80 chunks spread over every thread; the default is tested too. */
const CHUNK = 256;

/** Σ x·y with Neumaier compensation: an independent, more accurate serial reference. */
function compensatedDot(x: Float64Array, y: Float64Array): { sum: number; abs: number } {
  let s = 0, c = 0, abs = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! * y[i]!;
    abs += Math.abs(v);
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  return { sum: s + c, abs };
}

describe('parallel SpMV / dot / axpy', { timeout: 30_000 }, () => {
  const pools: WorkerPool[] = [];
  const defaultPools: WorkerPool[] = [];
  beforeAll(() => {
    for (const t of THREADS) pools.push(createWorkerPool(t, { chunkRows: CHUNK }));
    for (const t of [1, 2]) defaultPools.push(createWorkerPool(t));
  });
  afterAll(async () => {
    await Promise.all([...pools, ...defaultPools].map((p) => p.close()));
  });

  it('runs 1 thread without workers and n threads with n − 1', () => {
    expect(pools.map((p) => p.workerCount)).toEqual([0, 1, 2, 3]);
  });

  it('SpMV is bitwise identical for 1–4 threads and equals the serial CSR product', () => {
    const A = randomSparse(20_011, 7); // odd size: last chunk partial; includes an empty row
    const x = sharedVector(A.n, (i) => Math.sin(0.1 * i) + 0.01 * (i % 13));
    const ref = new Float64Array(A.n);
    spmv(A, x, ref);
    const ys = pools.map((pool) => {
      const y = sharedVector(A.n, () => NaN); // every row must be written
      parallelSpmv(pool, A, x, y);
      return y;
    });
    for (const y of ys) expect(sameBytes(y, ys[0]!)).toBe(true);
    // Same per-row operation order as linalg's spmv, so equality is expected; 1e-12 is the brief's bound.
    expect(relMaxDiff(ys[0]!, ref)).toBeLessThanOrEqual(1e-12);
  });

  it('SpMV with the default 8192-row chunks on a 5-point Laplacian matches the serial product', () => {
    const A = laplacian5(300, 100); // 30k rows: 4 chunks, rows couple 300 apart across chunk borders
    const x = sharedVector(A.n, (i) => Math.cos(0.003 * i));
    const ref = new Float64Array(A.n);
    spmv(A, x, ref);
    const ys = defaultPools.map((pool) => {
      const y = sharedVector(A.n, () => NaN);
      parallelSpmv(pool, A, x, y);
      return y;
    });
    expect(sameBytes(ys[0]!, ys[1]!)).toBe(true);
    expect(relMaxDiff(ys[1]!, ref)).toBeLessThanOrEqual(1e-12);
  });

  it('dot is bitwise identical for 1–4 threads and within 1e-12 of a compensated serial sum', () => {
    const n = 50_003;
    const x = sharedVector(n, (i) => Math.sin(0.37 * i));
    const y = sharedVector(n, (i) => Math.cos(0.11 * i) + 0.2);
    const dots = pools.map((pool) => parallelDot(pool, x, y));
    const bits = dots.map((d) => new Float64Array([d]));
    for (const b of bits) expect(sameBytes(b, bits[0]!)).toBe(true);
    const ref = compensatedDot(x, y);
    // Recursive summation error ≤ γ_k·Σ|xᵢyᵢ| with k ≈ chunkRows/4 + chunks ≈ 260 terms per path: ≈ 3e-14·Σ|xᵢyᵢ|.
    expect(Math.abs(dots[0]! - ref.sum) / ref.abs).toBeLessThanOrEqual(1e-12);
    // A chunk count that is not a multiple of 4 nor of the thread counts, and a prefix length.
    expect(parallelDot(pools[2]!, x, y, 1000)).toBe(parallelDot(pools[0]!, x.subarray(0, 1000), y.subarray(0, 1000)));
  });

  it('axpy is bitwise identical for 1–4 threads and equals the serial loop exactly', () => {
    const n = 30_001;
    const x = sharedVector(n, (i) => 1 / (i + 1));
    const ref = new Float64Array(n);
    for (let i = 0; i < n; i++) ref[i] = Math.sin(i) + -0.75 * x[i]!;
    const ys = pools.map((pool) => {
      const y = sharedVector(n, (i) => Math.sin(i));
      parallelAxpy(pool, -0.75, x, y);
      return y;
    });
    // One rounding per entry whatever the schedule: the serial loop is matched exactly.
    for (const y of ys) expect(sameBytes(y, ref)).toBe(true);
  });

  it('residual norm ‖b − Ax‖ agrees across threads and with a serial computation', () => {
    const A = randomSparse(12_345, 3);
    const x = sharedVector(A.n, (i) => (i % 7) - 3);
    const b = sharedVector(A.n, (i) => Math.sin(i));
    const Ax = new Float64Array(A.n);
    spmv(A, x, Ax);
    let ss = 0;
    for (let i = 0; i < A.n; i++) ss += (b[i]! - Ax[i]!) ** 2;
    const norms = pools.map((p) => parallelResidualNorm(p, A, x, b));
    for (const v of norms) expect(v).toBe(norms[0]);
    // Sum of ~12k positive terms in two different orders: relative difference ≤ n·eps ≈ 1.4e-12, typically 1e-15.
    expect(Math.abs(norms[0]! - Math.sqrt(ss)) / Math.sqrt(ss)).toBeLessThanOrEqual(1e-12);
  });

  it('refuses arrays that are not on a SharedArrayBuffer, with a hint', () => {
    const A = laplacian5(4, 4);
    expect(() => parallelSpmv(pools[1]!, A, new Float64Array(16), sharedVector(16, () => 0))).toThrow(/toShared/);
  });
});
