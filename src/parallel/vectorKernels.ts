import type { KernelContext } from './kernelTypes.js';
import { chunkCount } from './kernelTypes.js';

/*
 * Chunk-wise linear-algebra kernels. Every per-chunk routine is a plain function of typed arrays and a row range
 * [i0, i1), so V8 compiles one monomorphic loop that is shared by every thread and every caller. Reductions
 * return the chunk's partial sum; callers store it per chunk and sum chunks in order.
 */

/** y[i0:i1] = (A·x)[i0:i1]. */
export function spmvRows(rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, x: Float64Array, y: Float64Array, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) {
    let s = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    y[i] = s;
  }
}

/** Σ x[i]·y[i] over [i0, i1) with four interleaved accumulators (fixed order, so deterministic). */
export function dotRows(x: Float64Array, y: Float64Array, i0: number, i1: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = i0;
  for (; i + 3 < i1; i += 4) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
    s2 += x[i + 2]! * y[i + 2]!;
    s3 += x[i + 3]! * y[i + 3]!;
  }
  for (; i < i1; i++) s0 += x[i]! * y[i]!;
  return (s0 + s1) + (s2 + s3);
}

/** Σ (b − A·x)ᵢ² over rows [i0, i1); also stores the residual in r when `r` is given. */
export function residualRows(rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, x: Float64Array, b: Float64Array, r: Float64Array | null, i0: number, i1: number): number {
  let ss = 0;
  for (let i = i0; i < i1; i++) {
    let s = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    const ri = b[i]! - s;
    if (r !== null) r[i] = ri;
    ss += ri * ri;
  }
  return ss;
}

/** Sum of `part[off … off+count)` in index order: the one reduction order used everywhere. */
export function sumInOrder(part: Float64Array, off: number, count: number): number {
  let s = 0;
  for (let c = 0; c < count; c++) s += part[off + c]!;
  return s;
}

/** args: [rowPtr, colIdx, values, x, y, n] (array ids). y = A·x. */
export function spmvKernel(ctx: KernelContext, a: Float64Array): void {
  const rowPtr = ctx.i32(a[0]!), colIdx = ctx.i32(a[1]!), values = ctx.f64(a[2]!);
  const x = ctx.f64(a[3]!), y = ctx.f64(a[4]!), n = a[5]!, cr = ctx.chunkRows;
  const nc = chunkCount(n, cr);
  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
    spmvRows(rowPtr, colIdx, values, x, y, c * cr, Math.min(n, (c + 1) * cr));
  }
}

/** args: [x, y, n, partials]. partials[c] = chunk c of xᵀy. */
export function dotKernel(ctx: KernelContext, a: Float64Array): void {
  const x = ctx.f64(a[0]!), y = ctx.f64(a[1]!), n = a[2]!, part = ctx.f64(a[3]!), cr = ctx.chunkRows;
  const nc = chunkCount(n, cr);
  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
    part[c] = dotRows(x, y, c * cr, Math.min(n, (c + 1) * cr));
  }
}

/** args: [alpha, x, y, n]. y += alpha·x. */
export function axpyKernel(ctx: KernelContext, a: Float64Array): void {
  const alpha = a[0]!, x = ctx.f64(a[1]!), y = ctx.f64(a[2]!), n = a[3]!, cr = ctx.chunkRows;
  const nc = chunkCount(n, cr);
  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
    const i1 = Math.min(n, (c + 1) * cr);
    for (let i = c * cr; i < i1; i++) y[i]! += alpha * x[i]!;
  }
}

/** args: [rowPtr, colIdx, values, x, b, n, partials, r or −1]. partials[c] = chunk c of ‖b − A·x‖²; r = b − A·x if given. */
export function residualKernel(ctx: KernelContext, a: Float64Array): void {
  const rowPtr = ctx.i32(a[0]!), colIdx = ctx.i32(a[1]!), values = ctx.f64(a[2]!);
  const x = ctx.f64(a[3]!), b = ctx.f64(a[4]!), n = a[5]!, part = ctx.f64(a[6]!);
  const r = a[7]! >= 0 ? ctx.f64(a[7]!) : null, cr = ctx.chunkRows;
  const nc = chunkCount(n, cr);
  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
    part[c] = residualRows(rowPtr, colIdx, values, x, b, r, c * cr, Math.min(n, (c + 1) * cr));
  }
}

/**
 * args: [rowPtr, colIdx, n, values, invDiag, partials]. invDiag[i] = 1/A[i,i]; partials[c] = number of rows of
 * chunk c whose diagonal is missing, zero or not finite (their invDiag is set to NaN so misuse cannot go unseen).
 */
export function jacobiInverseKernel(ctx: KernelContext, a: Float64Array): void {
  const rowPtr = ctx.i32(a[0]!), colIdx = ctx.i32(a[1]!), n = a[2]!, values = ctx.f64(a[3]!);
  const inv = ctx.f64(a[4]!), part = ctx.f64(a[5]!), cr = ctx.chunkRows;
  const nc = chunkCount(n, cr);
  for (let c = ctx.nextChunk(nc); c >= 0; c = ctx.nextChunk(nc)) {
    let bad = 0;
    const i1 = Math.min(n, (c + 1) * cr);
    for (let i = c * cr; i < i1; i++) {
      // Columns are sorted within a row: binary search for the diagonal.
      let lo = rowPtr[i]!, hi = rowPtr[i + 1]! - 1, d = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1, j = colIdx[mid]!;
        if (j === i) { d = values[mid]!; break; }
        if (j < i) lo = mid + 1;
        else hi = mid - 1;
      }
      const v = 1 / d;
      if (d === 0 || !Number.isFinite(v)) { inv[i] = NaN; bad++; } else inv[i] = v;
    }
    part[c] = bad;
  }
}
