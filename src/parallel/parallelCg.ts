import type { CsrMatrix } from '../linalg/csr.js';
import { LinearSolveError, type LinearSolver, type SolveReport } from '../linalg/linearSolver.js';
import { PCG_ARG, PCG_OUT } from './cgKernel.js';
import { chunkCount } from './kernelTypes.js';
import { parallelDot } from './ops.js';
import type { WorkerPool } from './pool.js';
import type { SharedTypedArray } from './kernelTypes.js';
import { isShared } from './protocol.js';
import { sharedFloat64, toShared } from './sharedArrays.js';
import { runWithRestarts } from './restartedSolve.js';

export interface ParallelCgOptions {
  /** Stop when ‖b − A·x‖₂ / ‖b‖₂ ≤ relTol (unpreconditioned, true residual confirmed at the end). */
  readonly relTol: number;
  readonly maxIter: number;
  /** 'jacobi' (default): z = D⁻¹r; 'none': plain CG. */
  readonly preconditioner?: 'jacobi' | 'none';
}

/** A {@link LinearSolver} running on a pool; `release()` drops its shared buffers from the pool. */
export interface ParallelCgSolver extends LinearSolver {
  release(): void;
}

interface Vectors {
  readonly b: Float64Array; readonly x: Float64Array; readonly r: Float64Array; readonly p: Float64Array; readonly q: Float64Array;
  /** Preconditioned residual and inverse diagonal (Jacobi only). */
  readonly z: Float64Array | null; readonly inv: Float64Array | null;
  /** [3·nChunks] partial sums, [PCG_OUT.length] kernel outputs. */
  readonly part: Float64Array; readonly out: Float64Array;
}

/**
 * Fused, preconditioned conjugate gradients on a {@link WorkerPool}, for symmetric positive definite A.
 *
 * The whole iteration runs inside one pool command (kernel 'pcg', three barriers per iteration); results are
 * bitwise identical for every thread count. Matrix arrays already on a SharedArrayBuffer are used in place,
 * others are copied at `setup` (pattern once per pattern, values every setup). b and x are copied to shared
 * vectors per solve (O(n), negligible beside the iterations). Throws {@link LinearSolveError} when the true
 * relative residual is above relTol after maxIter iterations or on breakdown (pᵀAp ≤ 0: A not SPD).
 */
export function createParallelCg(pool: WorkerPool, options: ParallelCgOptions): ParallelCgSolver {
  const { relTol, maxIter } = options;
  const precond = options.preconditioner ?? 'jacobi';
  if (!(relTol > 0)) throw new RangeError(`createParallelCg: relTol must be > 0, got ${relTol}`);
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`createParallelCg: maxIter must be an integer ≥ 0, got ${maxIter}`);
  const name = `parallel-cg(${precond}, ${pool.nThreads} threads)`;

  let source: CsrMatrix | null = null; // matrix given to the last setup, and its arrays at that time
  let sourceRowPtr: Int32Array | null = null, sourceColIdx: Int32Array | null = null, sourceValues: Float64Array | null = null;
  let matrix: CsrMatrix | null = null; // the same matrix with every array on a SharedArrayBuffer
  let vec: Vectors | null = null;
  const owned: SharedTypedArray[] = []; // shared copies and work vectors this solver allocated and registered
  let lastSetupSeconds = 0;

  /** `a` itself if shared, else a shared copy owned (and later released) by this solver; `old` is reused if it fits. */
  function sharedCopy<T extends Int32Array | Float64Array>(a: T, old: T | null): T {
    const oldOwned = old !== null && owned.includes(old);
    if (oldOwned && !isShared(a) && old.length === a.length) {
      old.set(a as never);
      return old;
    }
    if (oldOwned) { // replaced by the caller's shared array or by a copy of another size: drop the stale copy
      pool.release(old);
      owned.splice(owned.indexOf(old), 1);
    }
    if (isShared(a)) return a;
    const c = toShared(a);
    owned.push(c);
    return c;
  }

  function releaseAll(): void {
    for (const a of owned) pool.release(a);
    owned.length = 0;
    vec = null;
    matrix = null;
    source = sourceRowPtr = sourceColIdx = sourceValues = null;
  }

  function newVector(len: number): Float64Array {
    const v = sharedFloat64(len);
    owned.push(v);
    return v;
  }

  function setup(A: CsrMatrix): void {
    const t0 = performance.now();
    if (matrix !== null && A.n !== matrix.n) releaseAll();
    const samePattern = matrix !== null && A.rowPtr === sourceRowPtr && A.colIdx === sourceColIdx;
    const rowPtr = samePattern ? matrix!.rowPtr : sharedCopy(A.rowPtr, matrix?.rowPtr ?? null);
    const colIdx = samePattern ? matrix!.colIdx : sharedCopy(A.colIdx, matrix?.colIdx ?? null);
    const values = sharedCopy(A.values, matrix?.values ?? null); // values may have changed: always refreshed
    matrix = { n: A.n, rowPtr, colIdx, values };
    const n = A.n, nc = chunkCount(n, pool.chunkRows);
    if (vec === null) {
      const jacobi = precond === 'jacobi';
      vec = {
        b: newVector(n), x: newVector(n), r: newVector(n), p: newVector(n), q: newVector(n),
        z: jacobi ? newVector(n) : null, inv: jacobi ? newVector(n) : null,
        part: newVector(3 * nc), out: newVector(PCG_OUT.length),
      };
    }
    if (vec.inv !== null) {
      pool.run('jacobiInverse', [pool.idOf(rowPtr), pool.idOf(colIdx), n, pool.idOf(values), pool.idOf(vec.inv), pool.idOf(vec.part)]);
      let bad = 0;
      for (let c = 0; c < nc; c++) bad += vec.part[c]!;
      if (bad > 0) throw new Error(`${name}: the Jacobi preconditioner needs a nonzero finite diagonal; ${bad} row(s) violate it`);
    }
    source = A;
    sourceRowPtr = A.rowPtr;
    sourceColIdx = A.colIdx;
    sourceValues = A.values;
    lastSetupSeconds = (performance.now() - t0) / 1000;
  }

  function solve(A: CsrMatrix, b: Float64Array, x: Float64Array): SolveReport {
    let setupSeconds = 0;
    if (A !== source || A.rowPtr !== sourceRowPtr || A.colIdx !== sourceColIdx || A.values !== sourceValues) {
      setup(A);
      setupSeconds = lastSetupSeconds;
    }
    const S = matrix!, n = S.n;
    if (b.length !== n || x.length !== n) throw new RangeError(`${name}: b and x must have length ${n}, got ${b.length} and ${x.length}`);
    const t0 = performance.now();
    const v = vec!;
    v.b.set(b);
    v.x.set(x);
    const bnorm = Math.sqrt(parallelDot(pool, v.b, v.b));
    let iterations = 0, rel = 0, converged = false;
    if (bnorm === 0) {
      v.x.fill(0);
      converged = true;
    } else {
      const args = new Float64Array(PCG_ARG.count);
      args[PCG_ARG.rowPtr] = pool.idOf(S.rowPtr);
      args[PCG_ARG.colIdx] = pool.idOf(S.colIdx);
      args[PCG_ARG.values] = pool.idOf(S.values);
      args[PCG_ARG.b] = pool.idOf(v.b);
      args[PCG_ARG.x] = pool.idOf(v.x);
      args[PCG_ARG.r] = pool.idOf(v.r);
      args[PCG_ARG.z] = v.z !== null ? pool.idOf(v.z) : -1;
      args[PCG_ARG.p] = pool.idOf(v.p);
      args[PCG_ARG.q] = pool.idOf(v.q);
      args[PCG_ARG.invDiag] = v.inv !== null ? pool.idOf(v.inv) : -1;
      args[PCG_ARG.partials] = pool.idOf(v.part);
      args[PCG_ARG.out] = pool.idOf(v.out);
      args[PCG_ARG.n] = n;
      args[PCG_ARG.tol2] = (relTol * bnorm) ** 2;
      ({ iterations, rel, converged } = runWithRestarts(pool, 'pcg', args, v.out,
        { maxIterArg: PCG_ARG.maxIter, outIterations: PCG_OUT.iterations, outStatus: PCG_OUT.status },
        S, v.x, v.b, bnorm, relTol, maxIter));
    }
    x.set(v.x);
    const report: SolveReport = {
      solver: name, iterations, relResidual: rel, converged,
      setupSeconds, solveSeconds: (performance.now() - t0) / 1000,
    };
    if (!converged) throw new LinearSolveError(report);
    return report;
  }

  return { name, setup, solve, release: releaseAll };
}
