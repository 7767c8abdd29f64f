import type { CsrMatrix } from '../linalg/csr.js';
import type { SharedTypedArray } from './kernelTypes.js';
import { isShared } from './protocol.js';

/** A copy of `a` on a new SharedArrayBuffer (same element type and length). */
export function toShared<T extends SharedTypedArray>(a: T): T {
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** `a` itself when it already lives on a SharedArrayBuffer, else {@link toShared}(a). */
export function ensureShared<T extends SharedTypedArray>(a: T): T {
  return isShared(a) ? a : toShared(a);
}

/** A new Float64Array [n] on a SharedArrayBuffer. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n));
}

/** `A` with every array on a SharedArrayBuffer (arrays already shared are kept, others copied). */
export function toSharedCsr(A: CsrMatrix): CsrMatrix {
  if (isShared(A.rowPtr) && isShared(A.colIdx) && isShared(A.values)) return A;
  return { n: A.n, rowPtr: ensureShared(A.rowPtr), colIdx: ensureShared(A.colIdx), values: ensureShared(A.values) };
}
