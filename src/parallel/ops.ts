import type { CsrMatrix } from '../linalg/csr.js';
import { chunkCount } from './kernelTypes.js';
import type { WorkerPool } from './pool.js';
import { sumInOrder } from './vectorKernels.js';

/*
 * One-call parallel BLAS-1/SpMV operations. Every array must live on a SharedArrayBuffer (toShared /
 * toSharedCsr); arrays are registered with the pool on first use and stay registered (pool.release to drop).
 * Results are bitwise identical for every thread count of pools with the same chunkRows.
 */

function checkLength(what: string, got: number, n: number): void {
  if (got < n) throw new RangeError(`${what}: array of length ${got}, expected at least ${n}`);
}

/** y = A·x, rows split into fixed chunks. x [n], y [n], y must not alias x. */
export function parallelSpmv(pool: WorkerPool, A: CsrMatrix, x: Float64Array, y: Float64Array): void {
  checkLength('parallelSpmv x', x.length, A.n);
  checkLength('parallelSpmv y', y.length, A.n);
  if (x.buffer === y.buffer && x.byteOffset === y.byteOffset) throw new Error('parallelSpmv: y must not alias x');
  pool.run('spmv', [pool.idOf(A.rowPtr), pool.idOf(A.colIdx), pool.idOf(A.values), pool.idOf(x), pool.idOf(y), A.n]);
}

/** xᵀy over the first `n` entries (default x.length): per-chunk partials summed in chunk order on the caller. */
export function parallelDot(pool: WorkerPool, x: Float64Array, y: Float64Array, n: number = x.length): number {
  checkLength('parallelDot y', y.length, n);
  const nc = chunkCount(n, pool.chunkRows);
  const part = pool.scratch(nc);
  pool.run('dot', [pool.idOf(x), pool.idOf(y), n, pool.idOf(part)]);
  return sumInOrder(part, 0, nc);
}

/** y += alpha·x over the first `n` entries (default x.length). */
export function parallelAxpy(pool: WorkerPool, alpha: number, x: Float64Array, y: Float64Array, n: number = x.length): void {
  checkLength('parallelAxpy y', y.length, n);
  pool.run('axpy', [alpha, pool.idOf(x), pool.idOf(y), n]);
}

/** ‖b − A·x‖₂ (true residual). If `r` is given it receives b − A·x. */
export function parallelResidualNorm(pool: WorkerPool, A: CsrMatrix, x: Float64Array, b: Float64Array, r?: Float64Array): number {
  const nc = chunkCount(A.n, pool.chunkRows);
  const part = pool.scratch(nc);
  pool.run('residual', [pool.idOf(A.rowPtr), pool.idOf(A.colIdx), pool.idOf(A.values), pool.idOf(x), pool.idOf(b), A.n, pool.idOf(part), r === undefined ? -1 : pool.idOf(r)]);
  return Math.sqrt(sumInOrder(part, 0, nc));
}
