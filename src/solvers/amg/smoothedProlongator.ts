import type { CsrMatrix } from '../../linalg/csr.js';
import { HEAP_ALLOC, RowBuilder, trimmed, type ArrayAlloc, type SparseRect } from './sparseRect.js';

/**
 * Prolongator smoothing P = (I − ω D⁻¹A)·T with ω = `omega`/λmax(D⁻¹A) (Vaněk, Mandel & Brezina 1996 use
 * 4/3 over the spectral radius). {@link smoothedProlongator} builds pattern and values in one pass
 * (`skipZeros`: stored zeros of A do not widen the pattern, see {@link multiply});
 * {@link smoothedProlongatorValues} refills the values of an existing P (same A pattern, same T).
 */
export function smoothedProlongator(
  A: CsrMatrix, invDiag: Float64Array, T: SparseRect, omegaOverLambda: number, skipZeros = false, alloc: ArrayAlloc = HEAP_ALLOC,
): SparseRect {
  const n = A.n, nCols = T.nCols;
  const aPtr = A.rowPtr, aCol = A.colIdx, aVal = A.values;
  const tPtr = T.rowPtr, tCol = T.colIdx, tVal = T.values;
  const marker = new Int32Array(nCols).fill(-1);
  const acc = new Float64Array(nCols);
  const rowPtr = alloc.i32(n + 1);
  const out = new RowBuilder(2 * tPtr[n]! + n);
  // Fill count and buffer live in locals in the hot loop (see multiply); synchronised on growth and per row.
  let col = out.col, nz = 0;
  for (let i = 0; i < n; i++) {
    const start = nz;
    const scale = -omegaOverLambda * invDiag[i]!;
    // T's own row first, then the A·T terms: the pattern is (A·T) ∪ T even without a stored diagonal.
    const t0 = tPtr[i]!, t1 = tPtr[i + 1]!;
    if (nz + (t1 - t0) > col.length) { out.nz = nz; out.reserve(t1 - t0); col = out.col; }
    for (let t = t0; t < t1; t++) { const c = tCol[t]!; marker[c] = i; acc[c] = tVal[t]!; col[nz++] = c; }
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const j = aCol[a]!;
      const av = aVal[a]! * scale;
      if (skipZeros && aVal[a] === 0) continue;
      const b0 = tPtr[j]!, b1 = tPtr[j + 1]!;
      if (nz + (b1 - b0) > col.length) { out.nz = nz; out.reserve(b1 - b0); col = out.col; }
      for (let t = b0; t < b1; t++) {
        const c = tCol[t]!;
        if (marker[c] !== i) { marker[c] = i; acc[c] = av * tVal[t]!; col[nz++] = c; }
        else acc[c]! += av * tVal[t]!;
      }
    }
    out.nz = nz;
    out.finishRow(start, acc);
    rowPtr[i + 1] = nz;
  }
  return { nRows: n, nCols, rowPtr, colIdx: trimmed(out.col, out.nz, alloc), values: trimmed(out.val, out.nz, alloc) };
}

/** P = T − (omega/lambdaMax)·D⁻¹·A·T into the values of an existing P. `pos` scratch [T.nCols]. */
export function smoothedProlongatorValues(
  A: CsrMatrix, invDiag: Float64Array, T: SparseRect, P: SparseRect, omegaOverLambda: number, pos: Int32Array,
): void {
  const aPtr = A.rowPtr, aCol = A.colIdx, aVal = A.values;
  const tPtr = T.rowPtr, tCol = T.colIdx, tVal = T.values;
  const pPtr = P.rowPtr, pCol = P.colIdx, pVal = P.values;
  for (let i = 0; i < A.n; i++) {
    const pEnd = pPtr[i + 1]!;
    for (let s = pPtr[i]!; s < pEnd; s++) { pos[pCol[s]!] = s; pVal[s] = 0; }
    const scale = -omegaOverLambda * invDiag[i]!;
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const av = aVal[a]! * scale;
      if (av === 0) continue;
      const j = aCol[a]!;
      const tEnd = tPtr[j + 1]!;
      for (let t = tPtr[j]!; t < tEnd; t++) pVal[pos[tCol[t]!]!]! += av * tVal[t]!;
    }
    const tEnd = tPtr[i + 1]!;
    for (let t = tPtr[i]!; t < tEnd; t++) pVal[pos[tCol[t]!]!]! += tVal[t]!;
  }
}
