import type { CsrMatrix } from '../../linalg/csr.js';
import type { BlockCsr, BlockRect } from '../../linalg/blockCsr.js';
import type { Preconditioner } from '../../linalg/preconditioner.js';
import { buildHierarchy, refreshHierarchy, samePattern, scalarProlongator, type AmgLevel, type HierarchyParams } from './amgHierarchy.js';
import { solveDenseCholesky } from './denseCholesky.js';
import { chebyshevSmooth, hybridGaussSeidel, jacobiSmooth, symmetricGaussSeidel } from './smoothers.js';
import { rectMulAdd, type SparseRect } from './sparseRect.js';

export type AmgSmoother = 'jacobi' | 'chebyshev' | 'gs-symmetric' | 'gs-hybrid';

/** Options of {@link createAmgPreconditioner}; every field is optional. */
export interface AmgOptions {
  /**
   * Near-nullspace B [n × k], **column-major** (mode j of dof i at B[i + j·n]), dofs interleaved by node like
   * the matrix. Default: one translation per dof component (the constant vector for blockSize 1).
   * For 2D elasticity pass {@link rigidBodyModes2D} with k = 3.
   */
  readonly nearNullspace?: Float64Array;
  /** Number of near-nullspace vectors (columns of B). Default: 3 when blockSize is 2 and B is given, else blockSize. */
  readonly k?: number;
  /** Dofs per node, interleaved (x0,y0,x1,y1,… for blockSize 2). Default 1. */
  readonly blockSize?: number;
  /**
   * θ of the strength test ‖A_ij‖ ≥ θ·sqrt(‖A_ii‖‖A_jj‖). Default 0.08: the same iterations as θ = 0 on P1
   * Poisson, and 21 instead of 37 CG iterations on 2D elasticity at 131k dofs (θ = 0 over-coarsens level 1).
   */
  readonly strengthThreshold?: number;
  /** Stop coarsening once a level has at most this many unknowns; it is solved by dense Cholesky. Default 400. */
  readonly maxCoarse?: number;
  /** Maximum number of levels. Default 20. */
  readonly maxLevels?: number;
  /**
   * Relaxation. Default for blockSize 1: 'gs-hybrid', forward Gauss–Seidel before and backward after the coarse
   * correction, in blocks of {@link gsBlockRows} rows coupled by l1-Jacobi between blocks (so a worker pool runs the
   * same sweep on any thread count). On P1 Poisson at 1.05M unknowns it takes 13 CG iterations against 12 with
   * Chebyshev of degree 2, but a level-0 pre + post smoothing costs ~1.5 instead of 3 products with A (measured
   * 6.8 + 13.7 ms against 37 ms): CG time 0.88 s instead of 1.08 s (1 thread). Default for blockSize > 1:
   * 'chebyshev' (degree = presmooth/postsmooth), as on plane-strain elasticity (512², 526k dofs) Gauss–Seidel took 21
   * instead of 18 iterations for only 5 % less CG time, and its iterations grew faster with N.
   * 'jacobi' and 'gs-symmetric' (forward + backward sweeps on both sides) remain.
   */
  readonly smoother?: AmgSmoother;
  /**
   * Rows per Gauss–Seidel block of 'gs-hybrid'. Default 8192, the worker pool's default chunkRows: the pool
   * solver (src/parallel) uses its own chunkRows as blocks, so both V-cycles agree when the two are equal.
   */
  readonly gsBlockRows?: number;
  /**
   * 'V' (one coarse cycle per level) or 'W' (two, the second from the first's result: symmetric, so still a CG
   * preconditioner). Default 'V'.
   */
  readonly cycle?: 'V' | 'W';
  /**
   * Relaxation steps before/after the coarse correction: the polynomial degree for Chebyshev (default 2),
   * sweeps for Jacobi (default 2), symmetric and hybrid Gauss–Seidel (default 1). The V-cycle is a symmetric
   * operator only when presmooth === postsmooth (enforced defaults).
   */
  readonly presmooth?: number;
  readonly postsmooth?: number;
  /**
   * Damping numerator over λmax(D⁻¹A), used both for prolongator smoothing P = (I − ω/λ·D⁻¹A)T and for the
   * Jacobi smoother. Default 4/3 (Vaněk–Mandel–Brezina; for the Laplacian λmax ≈ 2 so Jacobi gets 2/3).
   */
  readonly omega?: number;
  /**
   * When true, a later `setup(A)` with the same sparsity pattern keeps the aggregates and every sparse
   * pattern and only recomputes values (time loops). Values are always recomputed. Default false.
   */
  readonly reuseAggregation?: boolean;
  /**
   * Allocate the arrays a V-cycle reads (inverse diagonals, P, R, coarse operators, coarsest factor) on
   * SharedArrayBuffers, so a worker pool (src/parallel createParallelAmgCg) uses {@link AmgPreconditioner.exportLevels}
   * in place instead of copying. Default false.
   */
  readonly sharedMemory?: boolean;
}

/** Level sizes for reports and tests. */
export interface AmgLevelInfo {
  readonly n: number;
  readonly nnz: number;
  readonly blockSize: number;
}

export interface AmgPreconditioner extends Preconditioner {
  readonly levels: number;
  /** Σ nnz(A_l) / nnz(A_0). */
  readonly operatorComplexity: number;
  /** Σ n_l / n_0. */
  readonly gridComplexity: number;
  /** Per-level sizes, finest first (empty before the first setup). */
  readonly levelInfo: readonly AmgLevelInfo[];
  /** Seconds spent in the last setup. */
  readonly setupSeconds: number;
  /**
   * The current hierarchy as plain arrays (shared with the preconditioner, not copied), finest first, for
   * V-cycles run elsewhere (the worker-pool AMG-PCG of src/parallel). Chebyshev and hybrid Gauss–Seidel smoothers
   * with presmooth = postsmooth only (throws otherwise).
   */
  exportLevels(): AmgLevelExport[];
}

/** Rectangular CSR [nRows × nCols] of an exported level (same layout as CsrMatrix). */
export interface AmgRectExport {
  readonly nRows: number;
  readonly nCols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}


/**
 * One exported level: operator A, 1/diag [n], Chebyshev interval [chebLower, chebUpper] on D⁻¹A and the
 * polynomial degree (pre = post; Gauss–Seidel sweeps for 'gs-hybrid'), relaxation kind, prolongator P [n × n_c] and restriction R = Pᵀ (absent on the coarsest level),
 * and on the coarsest level the dense Cholesky factor (L [n × n] row-major, invPivot [n], 0 = dropped pivot) or,
 * when it is too big to factor, nothing (it is then only smoothed).
 */
export interface AmgLevelExport {
  readonly A: CsrMatrix;
  readonly invDiag: Float64Array;
  readonly chebLower: number;
  readonly chebUpper: number;
  /** Chebyshev degree, or Gauss–Seidel sweeps per side for 'gs-hybrid'. */
  readonly degree: number;
  /** Coarse cycles per visit of this level's coarse level: 1 (V-cycle) or 2 (W-cycle). */
  readonly coarseVisits: number;
  /**
   * Relaxation: Chebyshev on [chebLower, chebUpper], or hybrid Gauss–Seidel (forward before, backward after the
   * coarse correction) in blocks of the runner's chunk rows.
   */
  readonly smoother: 'chebyshev' | 'gs-hybrid';
  readonly P?: AmgRectExport;
  readonly R?: AmgRectExport;
  /** P and R by dense blocks (levels built by node blocks), given instead of P and R. */
  readonly blockP?: BlockRect;
  readonly blockR?: BlockRect;
  readonly chol?: { readonly n: number; readonly L: Float64Array; readonly invPivot: Float64Array };
  /**
   * A by node blocks (vector problems, one-off hierarchies, Chebyshev smoothing): the same operator as `A`, for
   * V-cycles whose products run faster by blocks. Absent otherwise.
   */
  readonly blocks?: BlockCsr;
}

/**
 * Chebyshev interval on D⁻¹A: [λ·UPPER/RATIO, λ·UPPER], λ the Lanczos estimate (a lower bound, hence the
 * margin). RATIO 7 gave 10 CG iterations on P1 Poisson at 65k unknowns against 12 with 15 and 16 with 30.
 */
const CHEB_UPPER = 1.1;
const CHEB_RATIO = 7;
/**
 * Largest coarsest level factored densely. Normally the coarsest level has ≤ maxCoarse unknowns; a bigger
 * one only appears when coarsening stalls or maxLevels is hit. n³/3 flops: 1500 → 1.1 Gflop (~1 s in JS);
 * above that the coarsest level is relaxed instead of solved.
 */
const DENSE_LIMIT = 1500;
/** Default rows per hybrid Gauss–Seidel block: the worker pool's DEFAULT_CHUNK_ROWS (src/solvers may not import it). */
const GS_BLOCK_ROWS = 8192;

/**
 * Smoothed-aggregation algebraic multigrid (Vaněk, Mandel & Brezina, Computing 56, 1996) as a symmetric
 * positive definite preconditioner for CG: one V-cycle per `apply`, symmetric relaxation, Galerkin coarse
 * operators Pᵀ A P and a dense Cholesky solve on the coarsest level. A must be symmetric positive (semi)definite
 * with every diagonal entry stored. `apply` allocates nothing.
 */
export function createAmgPreconditioner(opts: AmgOptions = {}): AmgPreconditioner {
  const blockSize = opts.blockSize ?? 1;
  const k = opts.k ?? (opts.nearNullspace && blockSize === 2 ? 3 : blockSize);
  const smoother = opts.smoother ?? (blockSize === 1 ? 'gs-hybrid' : 'chebyshev');
  const defaultSteps = smoother === 'gs-symmetric' || smoother === 'gs-hybrid' ? 1 : 2;
  const gsBlockRows = opts.gsBlockRows ?? GS_BLOCK_ROWS;
  if (!Number.isInteger(gsBlockRows) || gsBlockRows < 1) throw new Error(`AMG: gsBlockRows must be an integer ≥ 1, got ${gsBlockRows}`);
  const pre = opts.presmooth ?? defaultSteps;
  const post = opts.postsmooth ?? pre;
  const omega = opts.omega ?? 4 / 3;
  const wCycle = opts.cycle === 'W';
  for (const [name, v] of [['blockSize', blockSize], ['k', k], ['presmooth', pre], ['postsmooth', post]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`AMG: ${name} must be an integer ≥ 1, got ${v}`);
  }
  if (!(omega > 0 && omega < 2)) throw new Error(`AMG: omega must lie in (0, 2), got ${omega}`);
  const params: HierarchyParams = {
    blockSize, k, nearNullspace: opts.nearNullspace,
    strengthThreshold: opts.strengthThreshold ?? 0.08,
    maxCoarse: opts.maxCoarse ?? 400,
    maxLevels: opts.maxLevels ?? 20,
    omega,
    denseLimit: DENSE_LIMIT,
    keepForReuse: opts.reuseAggregation === true,
    sharedMemory: opts.sharedMemory === true,
  };
  let levels: AmgLevel[] = [];
  // Per-level V-cycle vectors: right-hand side f, solution x, smoother work d, y (level 0 uses the caller's f, x).
  let fs: Float64Array[] = [];
  let xs: Float64Array[] = [];
  let ds: Float64Array[] = [];
  let ys: Float64Array[] = [];
  let setupSeconds = 0;

  /** Relaxation on level l; `post` marks the smoothing after the coarse correction (backward sweeps for gs-hybrid). */
  function smooth(l: number, f: Float64Array, x: Float64Array, steps: number, zeroGuess: boolean, post: boolean): void {
    const L = levels[l]!;
    if (smoother === 'gs-hybrid') {
      hybridGaussSeidel(L.A, L.invDiag, f, x, ys[l]!, gsBlockRows, steps, post, zeroGuess);
    } else if (smoother === 'chebyshev') {
      const upper = CHEB_UPPER * L.lambdaMax;
      chebyshevSmooth(L.A, L.invDiag, f, x, ds[l]!, ys[l]!, upper / CHEB_RATIO, upper, steps, zeroGuess);
    } else if (smoother === 'jacobi') {
      jacobiSmooth(L.A, L.invDiag, f, x, ds[l]!, L.lambdaMax > 0 ? omega / L.lambdaMax : 0, steps, zeroGuess);
    } else {
      symmetricGaussSeidel(L.A, L.invDiag, f, x, steps, zeroGuess);
    }
  }

  /** One cycle on level l for f, into x (x enters as 0 when `zeroGuess`, else as the current iterate). */
  function cycle(l: number, f: Float64Array, x: Float64Array, zeroGuess: boolean): void {
    const L = levels[l]!;
    if (l === levels.length - 1) {
      if (L.chol) solveDenseCholesky(L.chol, f, x); // exact: the initial guess does not matter
      else { smooth(l, f, x, pre, zeroGuess, false); smooth(l, f, x, post, false, true); }
      return;
    }
    smooth(l, f, x, pre, zeroGuess, false);
    const fc = fs[l + 1]!, xc = xs[l + 1]!;
    const P = scalarProlongator(L)!;
    residualRestrict(L.A, P, f, x, fc);
    cycle(l + 1, fc, xc, true);
    // W-cycle: a second coarse cycle from the first one's result (not needed above an exact coarsest solve).
    if (wCycle && l + 1 < levels.length - 1) cycle(l + 1, fc, xc, false);
    rectMulAdd(P, xc, x);
    smooth(l, f, x, post, false, true);
  }

  const self: AmgPreconditioner = {
    name: 'amg-sa',
    get levels() { return levels.length; },
    get operatorComplexity() {
      if (levels.length === 0) return 0;
      let s = 0;
      for (const L of levels) s += L.A.rowPtr[L.A.n]!;
      return s / levels[0]!.A.rowPtr[levels[0]!.A.n]!;
    },
    get gridComplexity() {
      if (levels.length === 0) return 0;
      let s = 0;
      for (const L of levels) s += L.A.n;
      return s / levels[0]!.A.n;
    },
    get levelInfo() {
      return levels.map((L) => ({ n: L.A.n, nnz: L.A.rowPtr[L.A.n]!, blockSize: L.blockSize }));
    },
    get setupSeconds() { return setupSeconds; },
    exportLevels(): AmgLevelExport[] {
      if (levels.length === 0) throw new Error('AMG: exportLevels() before setup()');
      if ((smoother !== 'chebyshev' && smoother !== 'gs-hybrid') || pre !== post) {
        throw new Error('AMG: exportLevels() supports the Chebyshev and hybrid Gauss–Seidel smoothers with presmooth = postsmooth only');
      }
      return levels.map((L) => {
        const upper = CHEB_UPPER * L.lambdaMax;
        if (L.P && !L.R && !L.Rb) throw new Error('AMG: level without restriction');
        return {
          A: L.A, invDiag: L.invDiag, chebLower: upper / CHEB_RATIO, chebUpper: upper, degree: pre, coarseVisits: wCycle ? 2 : 1,
          smoother: smoother === 'gs-hybrid' ? 'gs-hybrid' as const : 'chebyshev' as const,
          ...(L.Pb && L.Rb ? { blockP: L.Pb, blockR: L.Rb } : L.P ? { P: L.P, R: L.R! } : {}),
          ...(L.chol ? { chol: L.chol } : {}),
          ...(L.blocks && smoother === 'chebyshev' ? { blocks: { nNodes: L.blocks.nRows, bs: L.blocks.br, ptr: L.blocks.ptr, col: L.blocks.col, val: L.blocks.val } } : {}),
        };
      });
    },
    setup(A: CsrMatrix): void {
      const t0 = performance.now();
      if (opts.reuseAggregation && levels.length > 0 && samePattern(A, levels[0]!.A)) {
        refreshHierarchy(levels, A, params);
      } else {
        levels = buildHierarchy(A, params);
        fs = levels.map((L, l) => (l === 0 ? new Float64Array(0) : new Float64Array(L.A.n)));
        xs = levels.map((L, l) => (l === 0 ? new Float64Array(0) : new Float64Array(L.A.n)));
        ds = levels.map((L) => new Float64Array(L.A.n));
        ys = levels.map((L) => new Float64Array(smoother === 'chebyshev' || smoother === 'gs-hybrid' ? L.A.n : 0));
      }
      setupSeconds = (performance.now() - t0) / 1000;
    },
    apply(r: Float64Array, z: Float64Array): void {
      if (levels.length === 0) throw new Error('AMG: apply() before setup()');
      const n = levels[0]!.A.n;
      if (r.length < n || z.length < n) throw new Error(`AMG: apply() vectors shorter than n = ${n}`);
      cycle(0, r, z, true);
    },
  };
  return self;
}

/**
 * fc = Pᵀ(f − A·x) in one pass over the rows: each residual entry is scattered into the coarse vector
 * right away, so the fine residual is never stored and R is not read during the cycle.
 */
function residualRestrict(A: CsrMatrix, P: SparseRect, f: Float64Array, x: Float64Array, fc: Float64Array): void {
  const { n, rowPtr, colIdx, values } = A;
  const pPtr = P.rowPtr, pCol = P.colIdx, pVal = P.values;
  fc.fill(0);
  for (let i = 0; i < n; i++) {
    let s = f[i]!;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s -= values[k]! * x[colIdx[k]!]!;
    const pEnd = pPtr[i + 1]!;
    for (let q = pPtr[i]!; q < pEnd; q++) fc[pCol[q]!]! += pVal[q]! * s;
  }
}
