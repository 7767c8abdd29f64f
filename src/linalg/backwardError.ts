import type { CsrMatrix } from './csr.js';

/**
 * Normwise backward error below which a solution is accepted even when ‖b − Ax‖/‖b‖ misses relTol (≈ 500 ulps):
 * x then solves a problem whose data differ from (A, b) by rounding only, and no solver can do better in float64.
 */
export const BACKWARD_TOL = 1e-13;

/**
 * Normwise backward error β = ‖b − Ax‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞) (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., §7.1), in one pass over A without storing the residual. Systems whose coefficients span
 * decades (σ of Si vs a solid electrolyte) can have ‖A‖‖x‖ ≫ ‖b‖: their relative residual bottoms out near
 * ε·‖A‖‖x‖/‖b‖, which may exceed relTol, while β is at the rounding level.
 */
export function backwardError(A: CsrMatrix, x: Float64Array, b: Float64Array): number {
  const { n, rowPtr, colIdx, values } = A;
  let an = 0, xn = 0, bn = 0, rn = 0;
  for (let i = 0; i < n; i++) {
    let s = 0, r = b[i]!;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) {
      const v = values[k]!;
      s += Math.abs(v);
      r -= v * x[colIdx[k]!]!;
    }
    an = Math.max(an, s);
    xn = Math.max(xn, Math.abs(x[i]!));
    bn = Math.max(bn, Math.abs(b[i]!));
    rn = Math.max(rn, Math.abs(r));
  }
  const scale = an * xn + bn;
  return scale > 0 ? rn / scale : rn === 0 ? 0 : Infinity;
}
