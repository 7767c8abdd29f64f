import type { KernelContext } from './kernelTypes.js';
import { chunkCount } from './kernelTypes.js';
import { residualRows, sumInOrder } from './vectorKernels.js';

/** Argument slots of {@link pcgKernel} (array ids unless noted). */
export const PCG_ARG = {
  rowPtr: 0, colIdx: 1, values: 2, b: 3, x: 4, r: 5, z: 6, p: 7, q: 8,
  /** Jacobi inverse diagonal id, or −1 for no preconditioner (then z ≡ r). */
  invDiag: 9,
  /** Float64Array [3·nChunks]: p·q, r·z, r·r partials per chunk. */
  partials: 10,
  /** Float64Array [PCG_OUT.length] written by thread 0. */
  out: 11,
  /** Scalars: rows, iteration limit, absolute stopping threshold on ‖r‖₂². */
  n: 12, maxIter: 13, tol2: 14,
  count: 15,
} as const;

/** Output slots of {@link pcgKernel}. */
export const PCG_OUT = {
  iterations: 0,
  /** Recursive ‖r‖₂² at exit. */
  rr: 1,
  /** 1 = ‖r‖² ≤ tol2, 0 = iteration limit, −1 = breakdown (pᵀAp ≤ 0 or not finite). */
  status: 2,
  length: 3,
} as const;

/** r = b − A·x, z = M⁻¹r, p = z on rows [i0, i1); returns nothing, partials are written by the caller. */
function startRows(rp: Int32Array, ci: Int32Array, va: Float64Array, b: Float64Array, x: Float64Array, r: Float64Array, z: Float64Array, p: Float64Array, inv: Float64Array | null, part: Float64Array, nc: number, c: number, i0: number, i1: number): void {
  const rr = residualRows(rp, ci, va, x, b, r, i0, i1);
  let rz = rr;
  if (inv !== null) {
    rz = 0;
    for (let i = i0; i < i1; i++) { const zi = r[i]! * inv[i]!; z[i] = zi; p[i] = zi; rz += r[i]! * zi; }
  } else {
    for (let i = i0; i < i1; i++) p[i] = r[i]!;
  }
  part[nc + c] = rz;
  part[2 * nc + c] = rr;
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

/** x += αp, r −= αq, z = D⁻¹r on rows [i0, i1), fused with the chunk's rᵀz and rᵀr. */
function updateJacobiRows(alpha: number, x: Float64Array, r: Float64Array, z: Float64Array, p: Float64Array, q: Float64Array, inv: Float64Array, part: Float64Array, nc: number, c: number, i0: number, i1: number): void {
  let rz = 0, rr = 0;
  for (let i = i0; i < i1; i++) {
    x[i]! += alpha * p[i]!;
    const ri = r[i]! - alpha * q[i]!;
    r[i] = ri;
    const zi = ri * inv[i]!;
    z[i] = zi;
    rz += ri * zi;
    rr += ri * ri;
  }
  part[nc + c] = rz;
  part[2 * nc + c] = rr;
}

/** x += αp, r −= αq on rows [i0, i1), fused with the chunk's rᵀr (unpreconditioned: z ≡ r). */
function updatePlainRows(alpha: number, x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, i0: number, i1: number): number {
  let rr = 0;
  for (let i = i0; i < i1; i++) {
    x[i]! += alpha * p[i]!;
    const ri = r[i]! - alpha * q[i]!;
    r[i] = ri;
    rr += ri * ri;
  }
  return rr;
}

/** p = z + βp on rows [i0, i1). */
function directionRows(beta: number, z: Float64Array, p: Float64Array, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) p[i] = z[i]! + beta * p[i]!;
}

/**
 * Preconditioned conjugate gradients (Jacobi or none), run by every participant on shared vectors.
 *
 * Per iteration three fused passes separated by barriers: (1) q = Ap with pᵀq, (2) x, r, z update with rᵀz and
 * rᵀr, (3) p = z + βp. After each barrier every thread sums the chunk partials in chunk order itself, so all
 * threads hold bitwise the same α, β and ‖r‖² and take the same branch, with no extra hand-over. Starts from the
 * initial guess in x (r = b − Ax); stops when the recursive ‖r‖₂² ≤ tol2 or after maxIter iterations.
 */
export function pcgKernel(ctx: KernelContext, a: Float64Array): void {
  const A = PCG_ARG;
  const rp = ctx.i32(a[A.rowPtr]!), ci = ctx.i32(a[A.colIdx]!), va = ctx.f64(a[A.values]!);
  const b = ctx.f64(a[A.b]!), x = ctx.f64(a[A.x]!), r = ctx.f64(a[A.r]!), p = ctx.f64(a[A.p]!), q = ctx.f64(a[A.q]!);
  const inv = a[A.invDiag]! >= 0 ? ctx.f64(a[A.invDiag]!) : null;
  const z = inv !== null ? ctx.f64(a[A.z]!) : r;
  const part = ctx.f64(a[A.partials]!), out = ctx.f64(a[A.out]!);
  const n = a[A.n]!, maxIter = a[A.maxIter]!, tol2 = a[A.tol2]!, cr = ctx.chunkRows;
  const nc = chunkCount(n, cr);
  const hi = (c: number): number => Math.min(n, (c + 1) * cr);

  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) startRows(rp, ci, va, b, x, r, z, p, inv, part, nc, c, c * cr, hi(c));
  ctx.barrier();
  let rz = sumInOrder(part, nc, nc);
  let rr = sumInOrder(part, 2 * nc, nc);
  let it = 0, status = rr <= tol2 ? 1 : 0;
  while (status === 0 && it < maxIter) {
    for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) part[c] = spmvDotRows(rp, ci, va, p, q, c * cr, hi(c));
    ctx.barrier();
    const pq = sumInOrder(part, 0, nc);
    if (!(pq > 0) || !Number.isFinite(pq)) { status = -1; break; }
    const alpha = rz / pq;
    if (inv !== null) {
      for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) updateJacobiRows(alpha, x, r, z, p, q, inv, part, nc, c, c * cr, hi(c));
    } else {
      for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) part[2 * nc + c] = updatePlainRows(alpha, x, r, p, q, c * cr, hi(c));
    }
    ctx.barrier();
    it++;
    rr = sumInOrder(part, 2 * nc, nc);
    const rzNew = inv !== null ? sumInOrder(part, nc, nc) : rr;
    if (rr <= tol2) { status = 1; break; }
    if (!Number.isFinite(rr)) { status = -1; break; }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) directionRows(beta, z, p, c * cr, hi(c));
    ctx.barrier();
  }
  if (ctx.thread === 0) {
    out[PCG_OUT.iterations] = it;
    out[PCG_OUT.rr] = rr;
    out[PCG_OUT.status] = status;
  }
}
