import type { CsrMatrix } from '../../linalg/csr.js';
import { sortRow } from '../../linalg/sortRow.js';

/**
 * Rectangular CSR used inside AMG for prolongators P [nRows × nCols], restrictions R = Pᵀ and products A·P.
 * Same layout as {@link CsrMatrix}: `rowPtr` [nRows+1], `colIdx` [nnz] sorted ascending within each row,
 * `values` [nnz]. Patterns are built once (symbolic) and values refilled on reuse (numeric).
 */
export interface SparseRect {
  readonly nRows: number;
  readonly nCols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/**
 * Where hierarchy arrays are allocated: the ordinary heap, or SharedArrayBuffers so that a worker pool can read
 * the hierarchy in place (no copy, no second resident set).
 */
export interface ArrayAlloc {
  f64(n: number): Float64Array;
  i32(n: number): Int32Array;
}
export const HEAP_ALLOC: ArrayAlloc = { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n) };
export const SHARED_ALLOC: ArrayAlloc = {
  f64: (n) => new Float64Array(new SharedArrayBuffer(8 * n)),
  i32: (n) => new Int32Array(new SharedArrayBuffer(4 * n)),
};

/** The first `nz` entries of a builder buffer as an exact-length array from `alloc`. */
export function trimmed<T extends Int32Array | Float64Array>(a: T, nz: number, alloc: ArrayAlloc): T {
  const out = (a instanceof Int32Array ? alloc.i32(nz) : alloc.f64(nz)) as T;
  out.set(a.subarray(0, nz) as never);
  return out;
}

/** A square CSR matrix seen as a {@link SparseRect}, sharing its arrays. */
export function rectView(A: CsrMatrix): SparseRect {
  return { nRows: A.n, nCols: A.n, rowPtr: A.rowPtr, colIdx: A.colIdx, values: A.values };
}

/** Growable pair of column/value buffers for row-by-row construction of a sparse product. */
export class RowBuilder {
  col: Int32Array;
  val: Float64Array;
  nz = 0;
  constructor(capacity: number) {
    this.col = new Int32Array(Math.max(16, capacity));
    this.val = new Float64Array(Math.max(16, capacity));
  }
  /** Makes room for `extra` more entries (geometric growth: amortised O(1) per entry). */
  reserve(extra: number): void {
    if (this.nz + extra <= this.col.length) return;
    const cap = Math.max(2 * this.col.length, this.nz + extra);
    const c = new Int32Array(cap); c.set(this.col.subarray(0, this.nz)); this.col = c;
    const v = new Float64Array(cap); v.set(this.val.subarray(0, this.nz)); this.val = v;
  }
  /**
   * Sorts columns of the row that started at `start` (unless `sort` is false: operands that are only read row by
   * row need no order) and copies the accumulated values `acc[col]` in.
   */
  finishRow(start: number, acc: Float64Array, sort = true): void {
    const col = this.col, val = this.val, end = this.nz;
    if (sort) sortRow(col, start, end);
    for (let s = start; s < end; s++) val[s] = acc[col[s]!]!;
  }
}

/** Options of {@link multiply}. */
export interface ProductOptions {
  /** Sort columns within rows (default true). Operands only read row by row (A·P before Pᵀ·(A·P)) can skip it. */
  readonly sorted?: boolean;
  /** Return views into the (over-allocated) build buffers instead of exact copies: for short-lived products. */
  readonly temporary?: boolean;
}

/**
 * C = A·B, pattern and values in one pass (Gustavson row by row: a marker array and a dense accumulator
 * over the columns of B instead of per-entry maps). Columns sorted within rows.
 * With `skipZeros`, entries of A stored as exact zeros add nothing to the pattern (the P1 Laplacian on
 * right-angled meshes stores 2 zeros per row, which would otherwise widen every product); without it the
 * pattern is structural, so {@link productValues} can refill it for any values on the same patterns.
 */
export function multiply(A: SparseRect, B: SparseRect, skipZeros = false, alloc: ArrayAlloc = HEAP_ALLOC, opts: ProductOptions = {}): SparseRect {
  const sorted = opts.sorted ?? true;
  const nRows = A.nRows, nCols = B.nCols;
  const aPtr = A.rowPtr, aCol = A.colIdx, aVal = A.values, bPtr = B.rowPtr, bCol = B.colIdx, bVal = B.values;
  const marker = new Int32Array(nCols).fill(-1);
  const acc = new Float64Array(nCols);
  const rowPtr = alloc.i32(nRows + 1);
  const out = new RowBuilder(aPtr[nRows]! + bPtr[B.nRows]!);
  // The hot loop keeps the fill count and buffer in locals (a property write per entry costs ~2× here);
  // the builder is synchronised around each growth and each row end.
  let col = out.col, nz = 0;
  for (let i = 0; i < nRows; i++) {
    const start = nz;
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const j = aCol[a]!;
      const av = aVal[a]!;
      if (skipZeros && av === 0) continue;
      const b0 = bPtr[j]!, bEnd = bPtr[j + 1]!;
      if (nz + (bEnd - b0) > col.length) { out.nz = nz; out.reserve(bEnd - b0); col = out.col; }
      for (let b = b0; b < bEnd; b++) {
        const c = bCol[b]!;
        const v = av * bVal[b]!;
        if (marker[c] !== i) { marker[c] = i; acc[c] = v; col[nz++] = c; }
        else acc[c]! += v;
      }
    }
    out.nz = nz;
    out.finishRow(start, acc, sorted);
    rowPtr[i + 1] = nz;
  }
  if (opts.temporary) return { nRows, nCols, rowPtr, colIdx: out.col.subarray(0, out.nz), values: out.val.subarray(0, out.nz) };
  return { nRows, nCols, rowPtr, colIdx: trimmed(out.col, out.nz, alloc), values: trimmed(out.val, out.nz, alloc) };
}

/**
 * Numeric product C = A·B into the values of `C`, whose pattern must contain that of A·B (from
 * {@link multiply}). `pos` is scratch [B.nCols]; its contents on entry do not matter.
 */
export function productValues(A: SparseRect, B: SparseRect, C: SparseRect, pos: Int32Array): void {
  const aPtr = A.rowPtr, aCol = A.colIdx, aVal = A.values;
  const bPtr = B.rowPtr, bCol = B.colIdx, bVal = B.values;
  const cPtr = C.rowPtr, cCol = C.colIdx, cVal = C.values;
  for (let i = 0; i < A.nRows; i++) {
    const cEnd = cPtr[i + 1]!;
    for (let s = cPtr[i]!; s < cEnd; s++) { pos[cCol[s]!] = s; cVal[s] = 0; }
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const av = aVal[a]!;
      if (av === 0) continue;
      const j = aCol[a]!;
      const bEnd = bPtr[j + 1]!;
      for (let b = bPtr[j]!; b < bEnd; b++) cVal[pos[bCol[b]!]!]! += av * bVal[b]!;
    }
  }
}

/**
 * R = Pᵀ (pattern and values) and, when `withMap`, `slotOf` [nnz]: P slot s lands in R slot slotOf[s] (for numeric
 * reuse). Rows of P are visited in order, so each row of R receives its columns ascending.
 */
function transposeRect(P: SparseRect, alloc: ArrayAlloc, withMap: boolean): { R: SparseRect; slotOf: Int32Array } {
  const { nRows, nCols, rowPtr, colIdx, values } = P;
  const nz = rowPtr[nRows]!;
  const rPtr = alloc.i32(nCols + 1);
  for (let s = 0; s < nz; s++) rPtr[colIdx[s]! + 1]!++;
  for (let c = 0; c < nCols; c++) rPtr[c + 1]! += rPtr[c]!;
  const fill = rPtr.slice(0, nCols);
  const rCol = alloc.i32(nz), rVal = alloc.f64(nz);
  const slotOf = new Int32Array(withMap ? nz : 0);
  // Values are copied in the same pass (a separate pass through slotOf would scatter over R a second time).
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1]!;
    for (let s = rowPtr[i]!; s < end; s++) {
      const t = fill[colIdx[s]!]!++;
      rCol[t] = i;
      rVal[t] = values[s]!;
      if (withMap) slotOf[s] = t;
    }
  }
  return { R: { nRows: nCols, nCols: nRows, rowPtr: rPtr, colIdx: rCol, values: rVal }, slotOf };
}

/** Transpose pattern and values of P, plus `slotOf` [nnz]: P slot s lands in R slot slotOf[s] (for numeric reuse). */
export function transposeWithMap(P: SparseRect, alloc: ArrayAlloc = HEAP_ALLOC): { R: SparseRect; slotOf: Int32Array } {
  return transposeRect(P, alloc, true);
}

/** R = Pᵀ, pattern and values (no slot map: for hierarchies that are never refreshed). */
export function transpose(P: SparseRect, alloc: ArrayAlloc = HEAP_ALLOC): SparseRect {
  return transposeRect(P, alloc, false).R;
}

/** Refills R = Pᵀ values from P through the slot map of {@link transposeWithMap}. */
export function transposeValues(P: SparseRect, R: SparseRect, slotOf: Int32Array): void {
  const pv = P.values, rv = R.values;
  const nz = P.rowPtr[P.nRows]!;
  for (let s = 0; s < nz; s++) rv[slotOf[s]!] = pv[s]!;
}

/** y = M·x for a rectangular M. */
export function rectMul(M: SparseRect, x: Float64Array, y: Float64Array): void {
  const { nRows, rowPtr, colIdx, values } = M;
  for (let i = 0; i < nRows; i++) {
    let s = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    y[i] = s;
  }
}

/** y += M·x for a rectangular M (prolongation of a coarse correction). */
export function rectMulAdd(M: SparseRect, x: Float64Array, y: Float64Array): void {
  const { nRows, rowPtr, colIdx, values } = M;
  for (let i = 0; i < nRows; i++) {
    let s = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    y[i]! += s;
  }
}
