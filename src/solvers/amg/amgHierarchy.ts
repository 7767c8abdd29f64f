import type { CsrMatrix } from '../../linalg/csr.js';
import { aggregateGreedy, type Aggregation } from './aggregation.js';
import { blockSmoothedProlongator, blockTentative } from './blockProlongator.js';
import { blockMultiply, blockRowsOf, blockTranspose, scalarRowsOf, type BlockRows } from './blockRows.js';
import { allocateDenseCholesky, factorDenseCholesky, type DenseCholesky } from './denseCholesky.js';
import { estimateLambdaMax } from './eigenEstimate.js';
import { smoothedProlongator, smoothedProlongatorValues } from './smoothedProlongator.js';
import { HEAP_ALLOC, SHARED_ALLOC, multiply, type ArrayAlloc, productValues, rectView, transpose, transposeValues, transposeWithMap, type SparseRect } from './sparseRect.js';
import { strengthGraph } from './strength.js';
import { tentativeProlongator } from './tentativeProlongator.js';

/** Lanczos steps for λmax(D⁻¹A): iteration counts were identical with 4…10 steps on Poisson and elasticity; 8 leaves margin. */
const LANCZOS_STEPS = 8;
/** Coarsening that keeps more than this fraction of the unknowns has stalled: stop there. */
const STALL_RATIO = 0.85;

/** One level of the smoothed-aggregation hierarchy. Fields after `A` are refilled by every setup. */
export interface AmgLevel {
  A: CsrMatrix;
  /** Dofs per aggregation node on this level (fine: the user's blockSize; coarse: k). */
  readonly blockSize: number;
  readonly invDiag: Float64Array;
  lambdaMax: number;
  readonly T?: SparseRect;
  /**
   * Smoothed prolongator [n × n_coarse] and its transpose R = Pᵀ (with the slot map for value refills). Levels built
   * by node blocks hold `Pb`, `Rb` instead and get scalar P, R only on demand ({@link scalarProlongator}).
   */
  P?: SparseRect;
  R?: SparseRect;
  /** P [nNodes × nAgg blocks of b×k] and R = Pᵀ by blocks (block path only). */
  readonly Pb?: BlockRows;
  readonly Rb?: BlockRows;
  readonly rSlotOf?: Int32Array;
  readonly AP?: SparseRect;
  /** Scratch [n_coarse] for the numeric products (T, R, rSlotOf, AP and pos are kept only for reuse). */
  readonly pos?: Int32Array;
  /** Dense Cholesky of the coarsest level (absent on other levels or when the coarsest level is too big). */
  readonly chol?: DenseCholesky;
  /** A in node blocks (one-off hierarchies of vector problems): what the block products used, kept for V-cycles. */
  readonly blocks?: BlockRows;
}

export interface HierarchyParams {
  readonly blockSize: number;
  readonly nearNullspace: Float64Array | undefined;
  readonly k: number;
  readonly strengthThreshold: number;
  readonly maxCoarse: number;
  readonly maxLevels: number;
  /** Prolongator damping numerator: ω = omega/λmax(D⁻¹A). */
  readonly omega: number;
  /** Largest coarsest level factored densely; above it the coarsest level is only smoothed. */
  readonly denseLimit: number;
  /** Keep T, R = Pᵀ and A·P so that {@link refreshHierarchy} can refill values. */
  readonly keepForReuse: boolean;
  /** Allocate what a V-cycle reads (invDiag, P, R, coarse A, Cholesky factor) on SharedArrayBuffers. */
  readonly sharedMemory: boolean;
}

/** Default near-nullspace [n × b] column-major: one translation per dof component (constant for b = 1). */
export function translationModes(n: number, blockSize: number): Float64Array {
  const B = new Float64Array(n * blockSize);
  for (let i = 0; i < n; i++) B[i + (i % blockSize) * n] = 1;
  return B;
}

/** 1/a_ii [n] (0 where a_ii ≤ 0, i.e. inactive coarse dofs). Throws if a row has no stored diagonal. */
export function inverseDiagonal(A: CsrMatrix, out: Float64Array): void {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    let d = NaN;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) if (colIdx[k] === i) { d = values[k]!; break; }
    if (Number.isNaN(d)) throw new Error(`AMG: row ${i} has no stored diagonal entry`);
    out[i] = d > 0 ? 1 / d : 0;
  }
}

/**
 * Aggregates of one level. Isolated nodes get no coarse dof, which is right for decoupled (Dirichlet) rows
 * but wrong when θ merely declares a flat coarse Galerkin stencil weak. So when θ > 0 isolates more than
 * 10 % of the nodes, the θ = 0 graph (every nonzero link strong) is used instead if it isolates fewer.
 */
function aggregateLevel(A: CsrMatrix, b: number, theta: number): Aggregation {
  const agg = aggregateGreedy(strengthGraph(A, b, theta));
  if (theta === 0) return agg;
  const isolated = countIsolated(agg);
  if (isolated <= 0.1 * agg.aggOf.length) return agg;
  const agg0 = aggregateGreedy(strengthGraph(A, b, 0));
  return countIsolated(agg0) < isolated ? agg0 : agg;
}

function countIsolated(agg: Aggregation): number {
  let c = 0;
  for (let i = 0; i < agg.aggOf.length; i++) if (agg.aggOf[i]! < 0) c++;
  return c;
}

/** max_i Σ_j |a_ij|·invDiag_i ≥ λmax(D⁻¹A) (‖D⁻¹A‖∞; rows with invDiag = 0 count as 0). */
export function rowSumBound(A: CsrMatrix, invDiag: Float64Array): number {
  const { n, rowPtr, values } = A;
  let bound = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) sum += Math.abs(values[k]!);
    bound = Math.max(bound, sum * invDiag[i]!);
  }
  return bound;
}

/**
 * λmax(D⁻¹A) of level l. Level 0 takes the row-sum bound max_i Σ_j |a_ij|/a_ii: an upper bound, and a tight one on
 * finite-element matrices (P1 Laplacian 2 against a Lanczos estimate of 1.96; P1 plane strain at 526k dofs 2.943
 * against 2.879 with 8 and 2.914 with 12 Lanczos steps), so it serves the Chebyshev interval (inside its 10 %
 * margin) and the prolongator damping alike. One pass replaces 8 Lanczos steps: 110 of ~560 ms of Poisson setup at
 * 1.05M unknowns, 110–140 ms on the plane-strain matrix. Coarse Galerkin operators keep Lanczos: their row sums
 * overestimate λmax enough to damp P too much (P1 Poisson at 1.05M unknowns: 18 instead of 13 CG iterations when
 * every level used the bound).
 */
function lambdaOf(A: CsrMatrix, invDiag: Float64Array, l: number, work: LanczosWork): number {
  return l === 0 ? rowSumBound(A, invDiag) : estimateLambdaMax(A, invDiag, LANCZOS_STEPS, work.get(A.n));
}

/** Lanczos vectors allocated on first use, sized for the first (largest) level that needs them. */
class LanczosWork {
  private work: Float64Array[] | null = null;
  get(n: number): Float64Array[] { return (this.work ??= lanczosWork(n)); }
}

function lanczosWork(n: number): Float64Array[] {
  return [0, 1, 2, 3, 4].map(() => new Float64Array(n));
}

/** Fraction of stored zeros from which {@link dropStoredZeros} copies. */
const MIN_ZERO_FRACTION = 0.2;

/**
 * A copy of A without its off-diagonal entries stored as exact zeros (diagonals always kept), or A itself when it
 * stores none. The P1 Laplacian on right-angled meshes stores 2 zeros in each 7-entry row and eliminated Dirichlet
 * columns add more: every level-0 pass of setup (Lanczos, strength, prolongator smoothing, A·P) and every
 * V-cycle and CG product then reads ~30 % fewer entries. Same operator: a dropped term adds exactly 0.
 * Returns A itself when fewer than a fifth of its entries are such zeros.
 */
export function dropStoredZeros(A: CsrMatrix, alloc: ArrayAlloc): CsrMatrix {
  const { n, rowPtr, colIdx, values } = A;
  const nz = rowPtr[n]!;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1]!;
    for (let s = rowPtr[i]!; s < end; s++) if (values[s] === 0 && colIdx[s] !== i) zeros++;
  }
  // Below a fifth the copy (and the refresh of it that a pool solver does before each solve) costs about what
  // the narrower products save: plane-strain P1 stores ~14 % zeros and is left alone, the P1 Laplacian ~29 %.
  if (zeros < MIN_ZERO_FRACTION * nz) return A;
  const rp = alloc.i32(n + 1), ci = alloc.i32(nz - zeros), va = alloc.f64(nz - zeros);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1]!;
    for (let s = rowPtr[i]!; s < end; s++) {
      const c = colIdx[s]!, v = values[s]!;
      if (v !== 0 || c === i) { ci[q] = c; va[q] = v; q++; }
    }
    rp[i + 1] = q;
  }
  return { n, rowPtr: rp, colIdx: ci, values: va };
}

function asSquare(M: SparseRect): CsrMatrix {
  return { n: M.nRows, rowPtr: M.rowPtr, colIdx: M.colIdx, values: M.values };
}

/** Builds the full hierarchy (aggregation, prolongators, Galerkin products) from scratch. */
export function buildHierarchy(A0: CsrMatrix, p: HierarchyParams): AmgLevel[] {
  const levels: AmgLevel[] = [];
  const alloc = p.sharedMemory ? SHARED_ALLOC : HEAP_ALLOC;
  // Reusable hierarchies keep A's structural pattern: a stored zero may become nonzero in the next setup.
  let A = p.keepForReuse ? A0 : dropStoredZeros(A0, alloc);
  let b = p.blockSize;
  const k = p.k;
  let B = p.nearNullspace ?? translationModes(A0.n, b);
  if (B.length !== A0.n * k) throw new Error(`AMG: near-nullspace has ${B.length} entries, expected n·k = ${A0.n * k}`);
  const work = new LanczosWork();
  // The previous level's coarse operator in k×k blocks (block path only), so it is not re-blocked.
  let blockA: BlockRows | undefined;
  for (;;) {
    const invDiag = alloc.f64(A.n);
    inverseDiagonal(A, invDiag);
    const lambdaMax = lambdaOf(A, invDiag, levels.length, work);
    const last = A.n <= p.maxCoarse || levels.length === p.maxLevels - 1;
    const agg = last ? undefined : aggregateLevel(A, b, p.strengthThreshold);
    if (!agg || agg.nAgg === 0 || agg.nAgg * k > STALL_RATIO * A.n) {
      let chol: DenseCholesky | undefined;
      if (A.n <= p.denseLimit) { chol = allocateDenseCholesky(A.n, p.sharedMemory); factorDenseCholesky(A, chol); }
      levels.push({ A, blockSize: b, invDiag, lambdaMax, ...(chol ? { chol } : {}), ...(blockA ? { blocks: blockA } : {}) });
      return levels;
    }
    const { T, Bc } = tentativeProlongator(agg, b, B, k);
    const omegaOverLambda = lambdaMax > 0 ? p.omega / lambdaMax : 0;
    if (!p.keepForReuse && b > 1) {
      // Vector problems: the products in node blocks (see blockRows.ts). P and R stay in blocks (scalar copies only on
      // demand, scalarProlongator); the coarse operator also goes to scalar CSR (strength, λ, smoothing on CSR).
      // What a V-cycle reads (A's blocks, P, R) goes to `alloc` (shared memory for a pool: no copies there).
      const Ab = blockA ?? blockRowsOf(A, b, alloc);
      const Pb = blockSmoothedProlongator(Ab, invDiag, blockTentative(T, b, k), omegaOverLambda);
      const Rb = blockTranspose(Pb);
      const Acb = blockRowsIn(blockMultiply(Rb, blockMultiply(Ab, Pb, false), true), alloc);
      levels.push({ A, blockSize: b, invDiag, lambdaMax, Pb: blockRowsIn(Pb, alloc), Rb: blockRowsIn(Rb, alloc), blocks: Ab });
      A = asSquare(scalarRowsOf(Acb, alloc));
      blockA = Acb;
      B = Bc;
      b = k;
      continue;
    }
    const pos = new Int32Array(T.nCols);
    // Reusable hierarchies need structural patterns (a stored zero may become nonzero in the next setup);
    // one-off ones skip stored zeros of A, which keeps P, A·P and Pᵀ·A·P narrower.
    const skipZeros = !p.keepForReuse;
    const P = smoothedProlongator(A, invDiag, T, omegaOverLambda, skipZeros, alloc);
    const { R, slotOf } = p.keepForReuse ? transposeWithMap(P, alloc) : { R: transpose(P, alloc), slotOf: undefined };
    // A·P is only read row by row (by Pᵀ·(A·P) and, on reuse, by productValues): no sorting; when it is not kept
    // for reuse, views of the build buffers avoid one more copy of the largest intermediate.
    const AP = multiply(rectView(A), P, skipZeros, HEAP_ALLOC, { sorted: false, temporary: !p.keepForReuse });
    const Ac = multiply(R, AP, false, alloc);
    // T and A·P are only needed to refill values later; without reuse they are left to the GC (arrays the
    // size of P and A·P). R is kept: row-parallel V-cycles restrict with R instead of scattering through P.
    levels.push(p.keepForReuse
      ? { A, blockSize: b, invDiag, lambdaMax, T, P, R, rSlotOf: slotOf!, AP, pos }
      : { A, blockSize: b, invDiag, lambdaMax, P, R });
    A = asSquare(Ac);
    B = Bc;
    // Every aggregate carries k coarse dofs, which form the next level's node block.
    b = k;
  }
}

/** B itself on the heap, or an exact-size copy on shared memory (builders leave over-allocated heap views). */
function blockRowsIn(B: BlockRows, alloc: ArrayAlloc): BlockRows {
  if (alloc === HEAP_ALLOC) return B;
  const ptr = alloc.i32(B.ptr.length), col = alloc.i32(B.col.length), val = alloc.f64(B.val.length);
  ptr.set(B.ptr); col.set(B.col); val.set(B.val);
  return { ...B, ptr, col, val };
}

/** Level l's prolongator as scalar CSR (converted from the blocks on first use, then kept). Undefined on the coarsest level. */
export function scalarProlongator(L: AmgLevel): SparseRect | undefined {
  if (!L.P && L.Pb) L.P = scalarRowsOf(L.Pb);
  return L.P;
}

/**
 * Recomputes every value of an existing hierarchy for a new fine matrix with the same pattern, keeping
 * aggregates, tentative prolongators and all sparsity patterns (the time-loop path).
 */
export function refreshHierarchy(levels: AmgLevel[], A0: CsrMatrix, p: HierarchyParams): void {
  const work = new LanczosWork();
  for (let l = 0; l < levels.length; l++) {
    const L = levels[l]!;
    if (l === 0) L.A = A0;
    const A = L.A;
    inverseDiagonal(A, L.invDiag);
    L.lambdaMax = lambdaOf(A, L.invDiag, l, work);
    if (L.chol) { factorDenseCholesky(A, L.chol); continue; }
    if (!L.P) continue;
    const next = levels[l + 1]!;
    smoothedProlongatorValues(A, L.invDiag, L.T!, L.P, L.lambdaMax > 0 ? p.omega / L.lambdaMax : 0, L.pos!);
    transposeValues(L.P, L.R!, L.rSlotOf!);
    productValues(rectView(A), L.P, L.AP!, L.pos!);
    productValues(L.R!, L.AP!, rectView(next.A), L.pos!);
  }
}

/** True when A has exactly the pattern the hierarchy was built for (so values can be refreshed in place). */
export function samePattern(A: CsrMatrix, B: CsrMatrix): boolean {
  if (A.n !== B.n || A.rowPtr[A.n] !== B.rowPtr[B.n]) return false;
  if (A.rowPtr === B.rowPtr && A.colIdx === B.colIdx) return true;
  const n = A.n, nz = A.rowPtr[n]!;
  for (let i = 0; i <= n; i++) if (A.rowPtr[i] !== B.rowPtr[i]) return false;
  for (let s = 0; s < nz; s++) if (A.colIdx[s] !== B.colIdx[s]) return false;
  return true;
}
