import type { CsrMatrix } from '../linalg/csr.js';
import { dot } from './vector.js';

/**
 * r ← b − A·x and return ‖r‖₂² (summed like {@link dot}). Used once or twice per solve (start and
 * the final true residual), so clarity wins over fusing the norm into the row loop.
 * `r` [n] must not alias `x`.
 */
export function residualNormSq(A: CsrMatrix, x: Float64Array, b: Float64Array, r: Float64Array): number {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s -= values[k]! * x[colIdx[k]!]!;
    r[i] = s;
  }
  return dot(r, r);
}
