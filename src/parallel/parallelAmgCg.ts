import type { CsrMatrix } from '../linalg/csr.js';
import { refillBlockCsr, type BlockCsr, type BlockRect } from '../linalg/blockCsr.js';
import { LinearSolveError, type LinearSolver, type SolveReport } from '../linalg/linearSolver.js';
import { AMG_LEVEL, AMG_PCG_ARG, AMG_PCG_OUT, AMG_SMOOTHER } from './amgPcgKernel.js';
import { chunkCount, type SharedTypedArray } from './kernelTypes.js';
import { parallelDot } from './ops.js';
import type { WorkerPool } from './pool.js';
import { isShared } from './protocol.js';
import { sharedFloat64, toShared } from './sharedArrays.js';
import { runWithRestarts } from './restartedSolve.js';

/** Rectangular CSR [nRows × nCols] of a hierarchy level (structurally the AMG module's AmgRectExport). */
export interface AmgRectData {
  readonly nRows: number;
  readonly nCols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/**
 * One level of a multigrid hierarchy (structurally src/solvers/amg's AmgLevelExport, which src/parallel may not
 * import): operator, inverse diagonal [n], Chebyshev interval on D⁻¹A and degree (or Gauss–Seidel sweeps),
 * relaxation kind, P [n × n_c] and R = Pᵀ except
 * on the coarsest level, and there optionally a dense Cholesky factor (L [n × n] row-major, invPivot [n]).
 */
export interface AmgLevelData {
  readonly A: CsrMatrix;
  readonly invDiag: Float64Array;
  readonly chebLower: number;
  readonly chebUpper: number;
  readonly degree: number;
  /** 1: V-cycle; 2: W-cycle (a second coarse cycle from the first's result). */
  readonly coarseVisits: number;
  /**
   * Relaxation (default 'chebyshev'): 'gs-hybrid' runs forward Gauss–Seidel before and backward after the coarse
   * correction in blocks of the pool's chunkRows, Jacobi between blocks (`degree` sweeps per side).
   */
  readonly smoother?: 'chebyshev' | 'gs-hybrid';
  readonly P?: AmgRectData;
  readonly R?: AmgRectData;
  /** P and R by dense br×bc blocks (the AMG module exports its block levels so), given instead of P and R. */
  readonly blockP?: BlockRect;
  readonly blockR?: BlockRect;
  readonly chol?: { readonly n: number; readonly L: Float64Array; readonly invPivot: Float64Array };
  /** Optional copy of A by node blocks (Chebyshev levels): products with A then run by blocks, same results. */
  readonly blocks?: BlockCsr;
}

/** What the solver needs from an AMG preconditioner: a serial setup and its hierarchy as arrays. */
export interface AmgHierarchySource {
  readonly name: string;
  setup(A: CsrMatrix): void;
  exportLevels(): AmgLevelData[];
}

export interface ParallelAmgCgOptions {
  /** Stop when ‖b − A·x‖₂ / ‖b‖₂ ≤ relTol (true residual confirmed at the end). */
  readonly relTol: number;
  readonly maxIter: number;
}

/**
 * Copies A's values into the level-0 operator S, whose pattern is A's or A's without some entries (the hierarchy
 * drops stored zeros). False when a dropped entry of A is now nonzero (S no longer represents A).
 */
function refreshLevel0(A: CsrMatrix, S: CsrMatrix): boolean {
  if (S.rowPtr[S.n] === A.rowPtr[A.n]) { S.values.set(A.values); return true; }
  const { rowPtr, colIdx, values } = A, sCol = S.colIdx, sVal = S.values;
  let q = 0;
  for (let i = 0; i < A.n; i++) {
    const end = rowPtr[i + 1]!, sEnd = S.rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) {
      if (q < sEnd && sCol[q] === colIdx[k]) sVal[q++] = values[k]!;
      else if (values[k] !== 0) return false;
    }
  }
  return true;
}

/** A {@link LinearSolver} running CG + AMG V-cycles on a pool; `release()` drops its shared buffers from the pool. */
export interface ParallelAmgCgSolver extends LinearSolver {
  release(): void;
  /** Seconds of the last setup: AMG hierarchy (serial) + copying it to shared memory. */
  readonly lastSetupSeconds: number;
  /** Levels of the current hierarchy (0 before setup). */
  readonly levels: number;
}

/**
 * Conjugate gradients preconditioned by a smoothed-aggregation V-cycle, with the whole iteration (CG and every
 * level's smoothing, restriction, prolongation, coarsest solve) inside one pool command. The hierarchy is built
 * serially by `amg.setup` and shared once per setup: arrays already on a SharedArrayBuffer are used in place, the
 * others copied. Results are bitwise identical for every thread count of pools with the same chunkRows.
 * Throws {@link LinearSolveError} when the true relative residual is above relTol at the end or on breakdown.
 */
export function createParallelAmgCg(pool: WorkerPool, amg: AmgHierarchySource, options: ParallelAmgCgOptions): ParallelAmgCgSolver {
  const { relTol, maxIter } = options;
  if (!(relTol > 0)) throw new RangeError(`createParallelAmgCg: relTol must be > 0, got ${relTol}`);
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`createParallelAmgCg: maxIter must be an integer ≥ 0, got ${maxIter}`);
  const name = `parallel-cg+${amg.name} (${pool.nThreads} threads)`;
  let registered: SharedTypedArray[] = []; // every array this solver registered for the current hierarchy
  let desc: Float64Array | null = null;
  let top: { b: Float64Array; x: Float64Array; p: Float64Array; q: Float64Array; part: Float64Array; out: Float64Array } | null = null;
  let A0: CsrMatrix | null = null; // level-0 operator on shared memory
  let blocks0: BlockCsr | null = null; // its node-block copy, if the hierarchy has one
  let source: CsrMatrix | null = null, sourceValues: Float64Array | null = null;
  let setupSeconds = 0, nLevels = 0;

  function reg(a: SharedTypedArray): number {
    registered.push(a);
    return pool.idOf(a);
  }
  /** `a` if shared (or the pool has no workers), else a shared copy (the copy is what gets registered). */
  function shared<T extends Int32Array | Float64Array>(a: T): T {
    return isShared(a) || !pool.needsSharedMemory ? a : toShared(a);
  }
  function releaseAll(): void {
    for (const a of registered) pool.release(a);
    registered = [];
    desc = null; top = null; A0 = null; blocks0 = null; source = null; sourceValues = null; nLevels = 0;
  }

  function setup(A: CsrMatrix): void {
    const t0 = performance.now();
    amg.setup(A);
    const levels = amg.exportLevels();
    releaseAll();
    const F = AMG_LEVEL;
    desc = sharedFloat64(1 + levels.length * F.size);
    desc[0] = levels.length;
    levels.forEach((L, l) => {
      const o = 1 + l * F.size;
      const n = L.A.n;
      const rowPtr = shared(L.A.rowPtr), colIdx = shared(L.A.colIdx), values = shared(L.A.values);
      if (l === 0) A0 = { n, rowPtr, colIdx, values };
      const set = (k: number, v: number): void => { desc![o + k] = v; };
      set(F.n, n); set(F.aRowPtr, reg(rowPtr)); set(F.aColIdx, reg(colIdx)); set(F.aValues, reg(values));
      set(F.invDiag, reg(shared(L.invDiag)));
      set(F.lower, L.chebLower); set(F.upper, L.chebUpper); set(F.degree, L.degree); set(F.visits, L.coarseVisits);
      set(F.smoother, L.smoother === 'gs-hybrid' ? AMG_SMOOTHER.gsHybrid : AMG_SMOOTHER.chebyshev);
      // P and R as scalar CSR (block sizes 0) or by blocks (the same three slots then hold ptr, col, val).
      const rect = (M: AmgRectData | undefined, B: BlockRect | undefined, kp: number, kc: number, kv: number, kbr: number, kbc: number): void => {
        if (B) {
          set(kp, reg(shared(B.ptr))); set(kc, reg(shared(B.col))); set(kv, reg(shared(B.val))); set(kbr, B.br); set(kbc, B.bc);
          return;
        }
        set(kp, M ? reg(shared(M.rowPtr)) : -1); set(kc, M ? reg(shared(M.colIdx)) : -1); set(kv, M ? reg(shared(M.values)) : -1);
        set(kbr, 0); set(kbc, 0);
      };
      rect(L.P, L.blockP, F.pRowPtr, F.pColIdx, F.pValues, F.pBr, F.pBc);
      rect(L.R, L.blockR, F.rRowPtr, F.rColIdx, F.rValues, F.rBr, F.rBc);
      const vec = (): number => reg(pool.needsSharedMemory ? sharedFloat64(n) : new Float64Array(n));
      // Level 0's f and x are the CG residual and preconditioned residual.
      set(F.f, vec()); set(F.x, vec()); set(F.d, vec()); set(F.y, vec()); set(F.res, l < levels.length - 1 ? vec() : -1);
      set(F.cholL, L.chol ? reg(shared(L.chol.L)) : -1);
      set(F.cholInv, L.chol ? reg(shared(L.chol.invPivot)) : -1);
      const B = L.blocks;
      if (B && B.bs > 1 && B.nNodes * B.bs === n) {
        const Bs: BlockCsr = { nNodes: B.nNodes, bs: B.bs, ptr: shared(B.ptr), col: shared(B.col), val: shared(B.val) };
        if (l === 0) blocks0 = Bs;
        set(F.bs, B.bs); set(F.bPtr, reg(Bs.ptr)); set(F.bCol, reg(Bs.col)); set(F.bVal, reg(Bs.val));
      } else {
        set(F.bs, 0); set(F.bPtr, -1); set(F.bCol, -1); set(F.bVal, -1);
      }
    });
    // The kernel needs a residual id on every level only when it restricts; the coarsest never does.
    for (let l = 0; l < levels.length; l++) if (desc[1 + l * F.size + F.res]! < 0) desc[1 + l * F.size + F.res] = desc[1 + l * F.size + F.d]!;
    reg(desc);
    const n = A.n, nc = chunkCount(n, pool.chunkRows);
    const v = (len: number): Float64Array => { const a = pool.needsSharedMemory ? sharedFloat64(len) : new Float64Array(len); reg(a); return a; };
    top = { b: v(n), x: v(n), p: v(n), q: v(n), part: v(Math.max(1, 3 * nc)), out: v(AMG_PCG_OUT.length) };
    source = A; sourceValues = A.values; nLevels = levels.length;
    setupSeconds = (performance.now() - t0) / 1000;
  }

  function solve(A: CsrMatrix, b: Float64Array, x: Float64Array): SolveReport {
    if (A !== source || A.values !== sourceValues || top === null) setup(A);
    // A private copy of the level-0 values (A not on shared memory, or the hierarchy's copy without stored zeros)
    // is refreshed in case they changed in place (also since an explicit setup); a new nonzero outside the copy's
    // pattern needs a new setup. The node-block copy likewise (one pass over A, ~3 % of a 526k-dof CG solve).
    else if ((A0!.values !== A.values && !refreshLevel0(A, A0!)) || (blocks0 !== null && !refillBlockCsr(A, blocks0))) setup(A);
    const S = A0!, n = S.n, v = top!;
    if (b.length !== n || x.length !== n) throw new RangeError(`${name}: b and x must have length ${n}, got ${b.length} and ${x.length}`);
    const t0 = performance.now();
    v.b.set(b);
    v.x.set(x);
    const bnorm = Math.sqrt(parallelDot(pool, v.b, v.b));
    let iterations = 0, rel = 0, converged = false;
    if (bnorm === 0) {
      v.x.fill(0);
      converged = true;
    } else {
      const args = new Float64Array(AMG_PCG_ARG.count);
      args[AMG_PCG_ARG.desc] = pool.idOf(desc!);
      args[AMG_PCG_ARG.b] = pool.idOf(v.b);
      args[AMG_PCG_ARG.x] = pool.idOf(v.x);
      args[AMG_PCG_ARG.p] = pool.idOf(v.p);
      args[AMG_PCG_ARG.q] = pool.idOf(v.q);
      args[AMG_PCG_ARG.partials] = pool.idOf(v.part);
      args[AMG_PCG_ARG.out] = pool.idOf(v.out);
      args[AMG_PCG_ARG.tol2] = (relTol * bnorm) ** 2;
      ({ iterations, rel, converged } = runWithRestarts(pool, 'amgPcg', args, v.out,
        { maxIterArg: AMG_PCG_ARG.maxIter, outIterations: AMG_PCG_OUT.iterations, outStatus: AMG_PCG_OUT.status },
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

  return {
    name, setup, solve, release: releaseAll,
    get lastSetupSeconds() { return setupSeconds; },
    get levels() { return nLevels; },
  };
}
