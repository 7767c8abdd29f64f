/**
 * Dense vector kernels for the Krylov solvers. None allocates. Lengths are taken from the first
 * argument; the other arrays must be at least that long.
 *
 * Reductions use 4 partial sums in a fixed order (lane k sums indices ≡ k mod 4, then
 * (s0 + s1) + (s2 + s3), then the tail), so a result depends only on the data, never on timing:
 * runs are bit-reproducible, and a 2-worker split could reproduce it by using the same lanes.
 */

/** xᵀy with 4 fixed partial sums. */
export function dot(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const m = n - (n & 3);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < m; i += 4) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
    s2 += x[i + 2]! * y[i + 2]!;
    s3 += x[i + 3]! * y[i + 3]!;
  }
  let s = (s0 + s1) + (s2 + s3);
  for (let i = m; i < n; i++) s += x[i]! * y[i]!;
  return s;
}

/** ‖x‖₂ (same summation order as {@link dot}). */
export function norm2(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

/** y ← y + a·x. */
export function axpy(a: number, x: Float64Array, y: Float64Array): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i]! += a * x[i]!;
}

/** y ← x + a·y (the CG search-direction update p ← z + βp). */
export function xpay(x: Float64Array, a: number, y: Float64Array): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = x[i]! + a * y[i]!;
}

/**
 * y ← y + a·x and return the new yᵀy, fused so the residual update and its norm cost one pass.
 * Same lanes and order as {@link dot}.
 */
export function axpyNormSq(a: number, x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const m = n - (n & 3);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < m; i += 4) {
    const v0 = y[i]! + a * x[i]!;
    const v1 = y[i + 1]! + a * x[i + 1]!;
    const v2 = y[i + 2]! + a * x[i + 2]!;
    const v3 = y[i + 3]! + a * x[i + 3]!;
    y[i] = v0; y[i + 1] = v1; y[i + 2] = v2; y[i + 3] = v3;
    s0 += v0 * v0; s1 += v1 * v1; s2 += v2 * v2; s3 += v3 * v3;
  }
  let s = (s0 + s1) + (s2 + s3);
  for (let i = m; i < n; i++) {
    const v = y[i]! + a * x[i]!;
    y[i] = v;
    s += v * v;
  }
  return s;
}

/** dst ← src; `dst` must be at least as long as `src`. */
export function copy(src: Float64Array, dst: Float64Array): void {
  dst.set(src);
}

/** x ← v everywhere. */
export function fill(x: Float64Array, v: number): void {
  x.fill(v);
}
