import { HEAP_ALLOC, RowBuilder, multiply, trimmed, type ArrayAlloc, type ProductOptions, type SparseRect } from './sparseRect.js';

/**
 * C = A·B like {@link multiply}, for block matrices whose rows come in groups of `g` consecutive rows with the same
 * column pattern (the dofs of one node at level 0 of elasticity, g = 2; the k coarse dofs of one aggregate on
 * coarser levels and in R = Pᵀ, g = 3). A group's rows share one marker pass and one sorted column list, with g
 * accumulators: the index work of the product (its cost in JS) is paid once per group instead of once per row,
 * while every value gets the same products summed in the same order as in {@link multiply}.
 * A group whose rows do not share a pattern (e.g. one component of a node constrained) is multiplied row by row.
 * With `skipZeros`, an entry of A is skipped when it is zero in every row of its group, so C may store a few
 * explicit zeros that multiply() would omit. g = 1 is multiply() itself.
 */
export function multiplyGrouped(
  A: SparseRect, B: SparseRect, g: number, skipZeros = false, alloc: ArrayAlloc = HEAP_ALLOC, opts: ProductOptions = {},
): SparseRect {
  if (g <= 1 || A.nRows % g !== 0) return multiply(A, B, skipZeros, alloc, opts);
  const sorted = opts.sorted ?? true;
  const nRows = A.nRows, nCols = B.nCols;
  const aPtr = A.rowPtr, aCol = A.colIdx, aVal = A.values, bPtr = B.rowPtr, bCol = B.colIdx, bVal = B.values;
  const marker = new Int32Array(nCols).fill(-1);
  const acc = new Float64Array(g * nCols); // acc[c·g + r]: row r of the group (a column's g sums share a cache line)
  const av = new Float64Array(g);
  // finishRow copies acc[col] into the row; the group path overwrites those values, so a zero-filled stand-in will do.
  const dummy = new Float64Array(nCols);
  const single = new Float64Array(nCols); // accumulator of rows multiplied alone
  const rowPtr = alloc.i32(nRows + 1);
  const out = new RowBuilder(aPtr[nRows]! + bPtr[B.nRows]!);
  let stamp = 0;
  for (let i0 = 0; i0 < nRows; i0 += g) {
    const len = aPtr[i0 + 1]! - aPtr[i0]!;
    let shared = true;
    for (let r = 1; r < g && shared; r++) {
      const o = aPtr[i0 + r]!, o0 = aPtr[i0]!;
      if (aPtr[i0 + r + 1]! - o !== len) { shared = false; break; }
      for (let t = 0; t < len; t++) if (aCol[o + t] !== aCol[o0 + t]) { shared = false; break; }
    }
    if (!shared) {
      for (let r = 0; r < g; r++) { singleRow(i0 + r, ++stamp); rowPtr[i0 + r + 1] = out.nz; }
      continue;
    }
    const s = ++stamp;
    const start = out.nz;
    const a0 = aPtr[i0]!;
    for (let t = 0; t < len; t++) {
      const j = aCol[a0 + t]!;
      let any = false;
      for (let r = 0; r < g; r++) { const v = aVal[aPtr[i0 + r]! + t]!; av[r] = v; if (v !== 0) any = true; }
      if (skipZeros && !any) continue;
      const b0 = bPtr[j]!, bEnd = bPtr[j + 1]!;
      out.reserve(bEnd - b0);
      const col = out.col;
      let nz = out.nz;
      for (let b = b0; b < bEnd; b++) {
        const c = bCol[b]!, bv = bVal[b]!;
        if (marker[c] !== s) {
          marker[c] = s; col[nz++] = c;
          const o = c * g;
          for (let r = 0; r < g; r++) acc[o + r] = av[r]! * bv;
        } else {
          const o = c * g;
          for (let r = 0; r < g; r++) acc[o + r]! += av[r]! * bv;
        }
      }
      out.nz = nz;
    }
    // Sort the group's columns once (a value-free finishRow), then write the g rows from their accumulators.
    out.finishRow(start, dummy, sorted);
    const w = out.nz - start;
    out.reserve((g - 1) * w);
    const col = out.col, val = out.val;
    for (let q = 0; q < w; q++) val[start + q] = acc[col[start + q]! * g]!;
    rowPtr[i0 + 1] = out.nz;
    for (let r = 1; r < g; r++) {
      const dst = out.nz;
      for (let q = 0; q < w; q++) { const c = col[start + q]!; col[dst + q] = c; val[dst + q] = acc[c * g + r]!; }
      out.nz = dst + w;
      rowPtr[i0 + r + 1] = out.nz;
    }
  }
  if (opts.temporary) return { nRows, nCols, rowPtr, colIdx: out.col.subarray(0, out.nz), values: out.val.subarray(0, out.nz) };
  return { nRows, nCols, rowPtr, colIdx: trimmed(out.col, out.nz, alloc), values: trimmed(out.val, out.nz, alloc) };

  /** Row i alone (the scalar Gustavson step of multiply), appended to `out`. */
  function singleRow(i: number, s: number): void {
    const start = out.nz;
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const j = aCol[a]!, v = aVal[a]!;
      if (skipZeros && v === 0) continue;
      const b0 = bPtr[j]!, bEnd = bPtr[j + 1]!;
      out.reserve(bEnd - b0);
      const col = out.col;
      for (let b = b0; b < bEnd; b++) {
        const c = bCol[b]!;
        if (marker[c] !== s) { marker[c] = s; single[c] = v * bVal[b]!; col[out.nz++] = c; }
        else single[c]! += v * bVal[b]!;
      }
    }
    out.finishRow(start, single, sorted);
  }
}
