import type { KernelContext } from './kernelTypes.js';
import { chunkCount } from './kernelTypes.js';
import { dotRows, residualRows, sumInOrder } from './vectorKernels.js';
import { gsForwardZeroRows, gsRows } from '../linalg/blockGaussSeidel.js';
import { chebStepBlocks, rectBlocks, residualBlocks, spmvDotBlocks } from './blockRowKernels.js';

/**
 * Slots of one level in the AMG-PCG descriptor (a shared Float64Array): array ids (−1 = absent) and scalars.
 * Level 0's f and x are the CG vectors r and z.
 */
export const AMG_LEVEL = {
  n: 0, aRowPtr: 1, aColIdx: 2, aValues: 3, invDiag: 4, lower: 5, upper: 6, degree: 7,
  pRowPtr: 8, pColIdx: 9, pValues: 10, rRowPtr: 11, rColIdx: 12, rValues: 13,
  f: 14, x: 15, d: 16, y: 17, res: 18, cholL: 19, cholInv: 20,
  /** Coarse cycles per visit of the next level: 1 = V-cycle, 2 = W-cycle. */
  visits: 21,
  /** Relaxation, an {@link AMG_SMOOTHER} code. */
  smoother: 22,
  /**
   * Optional node-block copy of A (src/linalg/blockCsr.ts) for Chebyshev levels: block size (0 = none), block row
   * offsets, block columns, block values. Products with A then run by node blocks (same sums, fewer index loads).
   */
  bs: 23, bPtr: 24, bCol: 25, bVal: 26,
  /** Block shapes of P and R (0 = scalar CSR in the p…/r… slots; else those slots hold block ptr, col, val). */
  pBr: 27, pBc: 28, rBr: 29, rBc: 30,
  size: 31,
} as const;

/** Smoother codes of the {@link AMG_LEVEL} smoother slot. */
export const AMG_SMOOTHER = { chebyshev: 0, gsHybrid: 1 } as const;

/** Argument slots of {@link amgPcgKernel} (array ids unless noted). */
export const AMG_PCG_ARG = {
  /** Float64Array: [nLevels, level 0 fields …, level 1 fields …] ({@link AMG_LEVEL}). */
  desc: 0,
  b: 1, x: 2, p: 3, q: 4,
  /** Float64Array [3·nChunks(level 0)] partial sums: rᵀz, pᵀq, rᵀr in separate thirds (a phase may write one
   * third while a slower thread still sums another, since no barrier separates a sum from the next phase). */
  partials: 5,
  /** Float64Array [AMG_PCG_OUT.length] written by thread 0. */
  out: 6,
  /** Scalars: iteration limit, absolute stopping threshold on ‖r‖₂². */
  maxIter: 7, tol2: 8,
  count: 9,
} as const;

/** Output slots of {@link amgPcgKernel}. */
export const AMG_PCG_OUT = { iterations: 0, rr: 1, status: 2, length: 3 } as const;

/** A level's arrays resolved from ids once per command. */
interface Level {
  n: number; rp: Int32Array; ci: Int32Array; va: Float64Array; inv: Float64Array;
  lower: number; upper: number; degree: number; visits: number; gs: boolean;
  prp: Int32Array | null; pci: Int32Array | null; pva: Float64Array | null;
  rrp: Int32Array | null; rci: Int32Array | null; rva: Float64Array | null;
  f: Float64Array; x: Float64Array; d: Float64Array; y: Float64Array; res: Float64Array;
  L: Float64Array | null; linv: Float64Array | null;
  /** Node-block operator (bs > 1) or bs = 0. */
  bs: number; bp: Int32Array | null; bc: Int32Array | null; bv: Float64Array | null;
  /** Block shapes of P and R (0: scalar CSR). */
  pBr: number; pBc: number; rBr: number; rBc: number;
}

function resolveLevels(ctx: KernelContext, desc: Float64Array): Level[] {
  const levels: Level[] = [];
  const nl = desc[0]!;
  const F = AMG_LEVEL;
  for (let l = 0; l < nl; l++) {
    const o = 1 + l * F.size;
    const id = (k: number): number => desc[o + k]!;
    const f64 = (k: number): Float64Array | null => (id(k) >= 0 ? ctx.f64(id(k)) : null);
    const i32 = (k: number): Int32Array | null => (id(k) >= 0 ? ctx.i32(id(k)) : null);
    levels.push({
      n: id(F.n), rp: i32(F.aRowPtr)!, ci: i32(F.aColIdx)!, va: f64(F.aValues)!, inv: f64(F.invDiag)!,
      lower: id(F.lower), upper: id(F.upper), degree: id(F.degree), visits: id(F.visits), gs: id(F.smoother) === AMG_SMOOTHER.gsHybrid,
      prp: i32(F.pRowPtr), pci: i32(F.pColIdx), pva: f64(F.pValues),
      rrp: i32(F.rRowPtr), rci: i32(F.rColIdx), rva: f64(F.rValues),
      f: f64(F.f)!, x: f64(F.x)!, d: f64(F.d)!, y: f64(F.y)!, res: f64(F.res)!,
      L: f64(F.cholL), linv: f64(F.cholInv),
      pBr: Math.max(0, id(F.pBr)), pBc: Math.max(0, id(F.pBc)), rBr: Math.max(0, id(F.rBr)), rBc: Math.max(0, id(F.rBc)),
      bs: id(F.bs) > 1 ? id(F.bs) : 0, bp: id(F.bs) > 1 ? i32(F.bPtr) : null, bc: id(F.bs) > 1 ? i32(F.bCol) : null, bv: id(F.bs) > 1 ? f64(F.bVal) : null,
    });
  }
  return levels;
}

/** First Chebyshev step from a zero guess (no product): d = c·D⁻¹f, next = d. */
function chebFirstRows(inv: Float64Array, f: Float64Array, d: Float64Array, next: Float64Array, c: number, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) { const di = c * inv[i]! * f[i]!; d[i] = di; next[i] = di; }
}

/** One Chebyshev step on rows [i0, i1): d ← c1·d + c2·D⁻¹(f − A·cur), next = cur + d (same as the serial smoother). */
function chebStepRows(rp: Int32Array, ci: Int32Array, va: Float64Array, inv: Float64Array, f: Float64Array, cur: Float64Array, next: Float64Array, d: Float64Array, c1: number, c2: number, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) {
    let s = f[i]!;
    const end = rp[i + 1]!;
    for (let k = rp[i]!; k < end; k++) s -= va[k]! * cur[ci[k]!]!;
    const di = c1 * d[i]! + c2 * inv[i]! * s;
    d[i] = di;
    next[i] = cur[i]! + di;
  }
}

/** A Chebyshev step of level L on rows [i0, i1), by node blocks when the level has them. */
function chebStep(L: Level, cur: Float64Array, next: Float64Array, c1: number, c2: number, i0: number, i1: number): void {
  if (L.bs > 1) chebStepBlocks(L.bs, L.bp!, L.bc!, L.bv!, L.inv, L.f, cur, next, L.d, c1, c2, i0, i1);
  else chebStepRows(L.rp, L.ci, L.va, L.inv, L.f, cur, next, L.d, c1, c2, i0, i1);
}

/** r = b − A·x of level L on rows [i0, i1) (r may be null); returns Σ r_i². */
function residual(L: Level, x: Float64Array, b: Float64Array, r: Float64Array | null, i0: number, i1: number): number {
  return L.bs > 1 ? residualBlocks(L.bs, L.bp!, L.bc!, L.bv!, x, b, r, i0, i1) : residualRows(L.rp, L.ci, L.va, x, b, r, i0, i1);
}

/** y[i0:i1] += (M·x)[i0:i1] (prolongation), or y = M·x when `add` is false (restriction). */
function rectRows(rp: Int32Array, ci: Int32Array, va: Float64Array, x: Float64Array, y: Float64Array, add: boolean, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) {
    let s = 0;
    const end = rp[i + 1]!;
    for (let k = rp[i]!; k < end; k++) s += va[k]! * x[ci[k]!]!;
    y[i] = add ? y[i]! + s : s;
  }
}

/** Forward and back substitution with the dense Cholesky factor (dropped pivots give 0), as in denseCholesky.ts. */
function denseSolve(n: number, L: Float64Array, inv: Float64Array, b: Float64Array, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[ri + k]! * x[k]!;
    x[i] = s * inv[i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[i]! * inv[i]!;
    x[i] = xi;
    for (let k = 0; k < i; k++) x[k]! -= L[i * n + k]! * xi;
  }
}

/**
 * Levels with at most this many chunks' worth of rows (and everything below them) are cycled by one thread while
 * the others wait at a single barrier: their work is small, and each barrier saved matters when a core is shared
 * (a descheduled participant stalls everybody at every barrier).
 */
const SERIAL_TAIL_CHUNKS = 2;

/**
 * The V-cycle of one participant. Every phase loops over fixed chunks of its level and ends with a barrier (or,
 * in the serial tail, runs over the whole level on one thread); all arithmetic is row-local, so results do not
 * depend on which thread handled which rows, nor on the thread count.
 */
class AmgPcgRunner {
  private readonly cr: number;
  /** True while this thread runs the serial tail alone: one "chunk" spans the level and there are no barriers. */
  private serial = false;
  private taken = 0;
  constructor(private readonly ctx: KernelContext, private readonly levels: Level[]) {
    this.cr = ctx.chunkRows;
  }

  private chunks(n: number): number { return this.serial ? 1 : chunkCount(n, this.cr); }
  private claim(nc: number): number { return this.serial ? (this.taken++ === 0 ? 0 : -1) : this.ctx.nextChunk(nc); }
  private lo(c: number): number { return this.serial ? 0 : c * this.cr; }
  private hi(c: number, n: number): number { return this.serial ? n : Math.min(n, (c + 1) * this.cr); }
  private sync(): void { if (this.serial) this.taken = 0; else this.ctx.barrier(); }

  /**
   * Hybrid Gauss–Seidel on level `l` in place on L.x (smoothers.ts hybridGaussSeidel): blocks are the fixed chunks
   * (in the serial tail too, where one thread walks them in order), columns outside a block read L.y, a copy of x
   * made before each sweep; blocks are independent, so the result does not depend on who ran which block.
   */
  private gaussSeidel(L: Level, zeroGuess: boolean, backward: boolean): void {
    const n = L.n, nc = this.chunks(n), cr = this.cr, nb = chunkCount(n, cr);
    for (let sweep = 0; sweep < L.degree; sweep++) {
      const fromZero = sweep === 0 && zeroGuess;
      if (!(fromZero && !backward)) {
        for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) {
          const i1 = this.hi(c, n);
          if (fromZero) for (let i = this.lo(c); i < i1; i++) { L.x[i] = 0; L.y[i] = 0; }
          else for (let i = this.lo(c); i < i1; i++) L.y[i] = L.x[i]!;
        }
        this.sync();
      }
      for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) {
        const b0 = this.serial ? 0 : c, b1 = this.serial ? nb : c + 1;
        for (let b = b0; b < b1; b++) {
          const i0 = b * cr, i1 = Math.min(n, i0 + cr);
          if (fromZero && !backward) gsForwardZeroRows(L.rp, L.ci, L.va, L.inv, L.f, L.x, i0, i1);
          else gsRows(L.rp, L.ci, L.va, L.inv, L.f, L.x, L.y, backward, i0, i1);
        }
      }
      this.sync();
    }
  }

  /** Relaxation of level `l` before (`post` false) or after the coarse correction. */
  private relax(L: Level, zeroGuess: boolean, post: boolean): void {
    if (L.gs) this.gaussSeidel(L, zeroGuess, post);
    else this.smooth(L, zeroGuess);
  }

  /** Chebyshev smoothing of level `l` in place on L.x (same buffer choreography as smoothers.ts). */
  private smooth(L: Level, zeroGuess: boolean): void {
    const n = L.n, nc = this.chunks(n);
    const degree = L.degree, theta = 0.5 * (L.upper + L.lower), delta = 0.5 * (L.upper - L.lower);
    const sigma = theta / delta;
    let rho = 1 / sigma;
    let cur: Float64Array, next: Float64Array;
    if (zeroGuess) {
      next = (degree - 1) % 2 === 0 ? L.x : L.y;
      for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) chebFirstRows(L.inv, L.f, L.d, next, 1 / theta, this.lo(c), this.hi(c, n));
      this.sync();
    } else {
      cur = L.x;
      if (degree % 2 === 1) {
        for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) { const i1 = this.hi(c, n); for (let i = this.lo(c); i < i1; i++) L.y[i] = L.x[i]!; }
        this.sync();
        cur = L.y;
      }
      next = cur === L.x ? L.y : L.x;
      for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) chebStep(L, cur, next, 0, 1 / theta, this.lo(c), this.hi(c, n));
      this.sync();
    }
    for (let step = 1; step < degree; step++) {
      const rhoNew = 1 / (2 * sigma - rho);
      cur = next;
      next = cur === L.x ? L.y : L.x;
      const c1 = rhoNew * rho, c2 = (2 * rhoNew) / delta;
      for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) chebStep(L, cur, next, c1, c2, this.lo(c), this.hi(c, n));
      this.sync();
      rho = rhoNew;
    }
  }

  /** x_l = cycle(f_l) from x_l = 0 (`zeroGuess`) or from the current x_l; ends after a barrier. */
  vcycle(l: number, zeroGuess: boolean): void {
    const L = this.levels[l]!;
    if (!this.serial && l > 0 && L.n <= SERIAL_TAIL_CHUNKS * this.cr) {
      if (this.ctx.nextChunk(1) === 0) {
        this.serial = true;
        this.taken = 0;
        this.vcycle(l, zeroGuess);
        this.serial = false;
      }
      this.ctx.barrier();
      return;
    }
    if (l === this.levels.length - 1) {
      if (L.L !== null) {
        // Exact solve: the initial guess does not matter.
        for (let c = this.claim(1); c >= 0; c = this.claim(1)) denseSolve(L.n, L.L, L.linv!, L.f, L.x);
        this.sync();
      } else {
        this.relax(L, zeroGuess, false);
        this.relax(L, false, true);
      }
      return;
    }
    const C = this.levels[l + 1]!;
    const n = L.n, nc = this.chunks(n), ncc = this.chunks(C.n);
    this.relax(L, zeroGuess, false);
    for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) residual(L, L.x, L.f, L.res, this.lo(c), this.hi(c, n));
    this.sync();
    for (let c = this.claim(ncc); c >= 0; c = this.claim(ncc)) {
      if (L.rBr > 0) rectBlocks(L.rBr, L.rBc, L.rrp!, L.rci!, L.rva!, L.res, C.f, false, this.lo(c), this.hi(c, C.n));
      else rectRows(L.rrp!, L.rci!, L.rva!, L.res, C.f, false, this.lo(c), this.hi(c, C.n));
    }
    this.sync();
    this.vcycle(l + 1, true);
    // W-cycle: a second coarse cycle from the first one's result (pointless above an exact coarsest solve).
    if (L.visits > 1 && l + 1 < this.levels.length - 1) this.vcycle(l + 1, false);
    for (let c = this.claim(nc); c >= 0; c = this.claim(nc)) {
      if (L.pBr > 0) rectBlocks(L.pBr, L.pBc, L.prp!, L.pci!, L.pva!, C.x, L.x, true, this.lo(c), this.hi(c, n));
      else rectRows(L.prp!, L.pci!, L.pva!, C.x, L.x, true, this.lo(c), this.hi(c, n));
    }
    this.sync();
    this.relax(L, false, true);
  }
}

/** q = A·p on rows [i0, i1), fused with the chunk's pᵀq. */
function spmvDotRows(rp: Int32Array, ci: Int32Array, va: Float64Array, p: Float64Array, q: Float64Array, i0: number, i1: number): number {
  let pq = 0;
  for (let i = i0; i < i1; i++) {
    let s = 0;
    const end = rp[i + 1]!;
    for (let k = rp[i]!; k < end; k++) s += va[k]! * p[ci[k]!]!;
    q[i] = s;
    pq += p[i]! * s;
  }
  return pq;
}

/** x += αp, r −= αq on rows [i0, i1), fused with the chunk's rᵀr. */
function updateRows(alpha: number, x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, i0: number, i1: number): number {
  let rr = 0;
  for (let i = i0; i < i1; i++) {
    x[i]! += alpha * p[i]!;
    const ri = r[i]! - alpha * q[i]!;
    r[i] = ri;
    rr += ri * ri;
  }
  return rr;
}

/**
 * Conjugate gradients preconditioned by one smoothed-aggregation V-cycle (Chebyshev or hybrid l1 Gauss–Seidel
 * smoothing per level, dense coarsest solve), run by every participant on shared vectors. Per iteration: V-cycle
 * z = M⁻¹r, rᵀz, p = z + βp, q = Ap with pᵀq, then x, r update with rᵀr. (Fusing rᵀz into the last smoothing step,
 * p into the product via q = A·z + βq, or the first zero-guess step into the update saved ≤ 0.3 ms per 1.05M-row
 * pass each, within noise of a ~90 ms iteration: the passes are bound by the products with A, so they stay apart;
 * a residual fused with a scatter through P's rows took 15.1 ms against 13.5 ms for residual + R gather.) Starts from x (r = b − Ax); stops when the recursive ‖r‖₂² ≤ tol2,
 * after maxIter iterations, or on breakdown (pᵀAp ≤ 0 or rᵀz ≤ 0).
 */
export function amgPcgKernel(ctx: KernelContext, a: Float64Array): void {
  const G = AMG_PCG_ARG;
  const levels = resolveLevels(ctx, ctx.f64(a[G.desc]!));
  const L0 = levels[0]!;
  const { rp, ci, va } = L0;
  const r = L0.f, z = L0.x;
  const b = ctx.f64(a[G.b]!), x = ctx.f64(a[G.x]!), p = ctx.f64(a[G.p]!), q = ctx.f64(a[G.q]!);
  const part = ctx.f64(a[G.partials]!), out = ctx.f64(a[G.out]!);
  const maxIter = a[G.maxIter]!, tol2 = a[G.tol2]!, cr = ctx.chunkRows, n = L0.n;
  const nc = chunkCount(n, cr);
  const hi = (c: number): number => Math.min(n, (c + 1) * cr);
  const runner = new AmgPcgRunner(ctx, levels);

  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) part[2 * nc + c] = residual(L0, x, b, r, c * cr, hi(c));
  ctx.barrier();
  let rr = sumInOrder(part, 2 * nc, nc);
  let it = 0, status = rr <= tol2 ? 1 : 0, rz = 0;
  while (status === 0 && it < maxIter) {
    runner.vcycle(0, true);
    for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) part[c] = dotRows(r, z, c * cr, hi(c));
    ctx.barrier();
    const rzNew = sumInOrder(part, 0, nc);
    if (!(rzNew > 0) || !Number.isFinite(rzNew)) { status = -1; break; }
    const beta = it === 0 ? 0 : rzNew / rz;
    rz = rzNew;
    for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
      const i1 = hi(c);
      if (it === 0) for (let i = c * cr; i < i1; i++) p[i] = z[i]!;
      else for (let i = c * cr; i < i1; i++) p[i] = z[i]! + beta * p[i]!;
    }
    ctx.barrier();
    for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
      part[nc + c] = L0.bs > 1 ? spmvDotBlocks(L0.bs, L0.bp!, L0.bc!, L0.bv!, p, q, c * cr, hi(c)) : spmvDotRows(rp, ci, va, p, q, c * cr, hi(c));
    }
    ctx.barrier();
    const pq = sumInOrder(part, nc, nc);
    if (!(pq > 0) || !Number.isFinite(pq)) { status = -1; break; }
    const alpha = rz / pq;
    for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) part[2 * nc + c] = updateRows(alpha, x, r, p, q, c * cr, hi(c));
    ctx.barrier();
    it++;
    rr = sumInOrder(part, 2 * nc, nc);
    if (rr <= tol2) { status = 1; break; }
    if (!Number.isFinite(rr)) { status = -1; break; }
  }
  if (ctx.thread === 0) {
    out[AMG_PCG_OUT.iterations] = it;
    out[AMG_PCG_OUT.rr] = rr;
    out[AMG_PCG_OUT.status] = status;
  }
}
