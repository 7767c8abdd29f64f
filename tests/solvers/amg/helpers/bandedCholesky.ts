import type { CsrMatrix } from '../../../../src/linalg/csr.js';

/**
 * Direct reference solve for SPD banded matrices (test only): dense band storage, Cholesky without
 * pivoting, O(n·w²). Independent of the AMG code paths.
 */
export function bandedCholeskySolve(A: CsrMatrix, b: Float64Array): Float64Array {
  const n = A.n;
  let w = 0;
  for (let i = 0; i < n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) w = Math.max(w, i - A.colIdx[k]!);
  const W = w + 1;
  const L = new Float64Array(n * W); // L[i*W + (j − i + w)] for i − w ≤ j ≤ i
  for (let i = 0; i < n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) {
    const j = A.colIdx[k]!;
    if (j <= i) L[i * W + j - i + w] = A.values[k]!;
  }
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - w); j <= i; j++) {
      let s = L[i * W + j - i + w]!;
      for (let k = Math.max(0, i - w, j - w); k < j; k++) s -= L[i * W + k - i + w]! * L[j * W + k - j + w]!;
      if (j < i) L[i * W + j - i + w] = s / L[j * W + w]!;
      else {
        if (!(s > 0)) throw new Error(`banded Cholesky: non-positive pivot at ${i}`);
        L[i * W + w] = Math.sqrt(s);
      }
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = Math.max(0, i - w); k < i; k++) s -= L[i * W + k - i + w]! * x[k]!;
    x[i] = s / L[i * W + w]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[i]! / L[i * W + w]!;
    x[i] = xi;
    for (let k = Math.max(0, i - w); k < i; k++) x[k]! -= L[i * W + k - i + w]! * xi;
  }
  return x;
}
