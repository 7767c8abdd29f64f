import type { CsrMatrix } from '../../linalg/csr.js';
import { blockCsrOf, type BlockRect } from '../../linalg/blockCsr.js';
import { sortRow } from '../../linalg/sortRow.js';
import { HEAP_ALLOC, type ArrayAlloc, type SparseRect } from './sparseRect.js';

/**
 * Block sparse rows (BSR) for the Galerkin products of vector problems (src/linalg/blockCsr.ts BlockRect).
 * One index per block instead of per entry: the products of plane elasticity (2×2 node blocks, 2×3 prolongator
 * blocks, 3×3 coarse blocks) read 4–9× fewer indices and test one marker per block.
 */
export type BlockRows = BlockRect;

/**
 * The b×b node blocks of a square CSR matrix as block rows (see blockCsrOf: all-zero off-diagonal blocks left out),
 * exact-size arrays from `alloc`.
 */
export function blockRowsOf(A: CsrMatrix, b: number, alloc: ArrayAlloc = HEAP_ALLOC): BlockRows {
  const B = blockCsrOf(A, b, alloc);
  return { nRows: B.nNodes, nCols: B.nNodes, br: b, bc: b, ptr: B.ptr, col: B.col, val: B.val };
}

/** Growable block-column and block-value buffers for row-by-row products. */
export class BlockBuilder {
  col: Int32Array;
  val: Float64Array;
  constructor(capacity: number, readonly bsz: number) {
    this.col = new Int32Array(Math.max(16, capacity));
    this.val = new Float64Array(Math.max(16, capacity) * bsz);
  }
  /** Room for `need` blocks in total (geometric growth). */
  ensure(need: number, used: number): void {
    if (need <= this.col.length) return;
    const cap = Math.max(2 * this.col.length, need);
    const c = new Int32Array(cap); c.set(this.col.subarray(0, used)); this.col = c;
    const v = new Float64Array(cap * this.bsz); v.set(this.val.subarray(0, used * this.bsz)); this.val = v;
  }
}

/**
 * C = A·B for block rows with A.bc = B.br (Gustavson row by row over block columns: one marker test per block
 * pair, dense block accumulators). Columns sorted within rows when `sorted` (default true); an operand only
 * read row by row can skip it.
 */
export function blockMultiply(A: BlockRows, B: BlockRows, sorted = true): BlockRows {
  if (A.bc !== B.br || A.nCols !== B.nRows) throw new Error('blockMultiply: inner dimensions differ');
  const br = A.br, bm = A.bc, bc = B.bc;
  const aBs = br * bm, bBs = bm * bc, cBs = br * bc;
  const nRows = A.nRows, nCols = B.nCols;
  const aPtr = A.ptr, aCol = A.col, aVal = A.val, bPtr = B.ptr, bCol = B.col, bVal = B.val;
  const marker = new Int32Array(nCols).fill(-1);
  const acc = new Float64Array(nCols * cBs);
  const ptr = new Int32Array(nRows + 1);
  const out = new BlockBuilder(aPtr[nRows]! + bPtr[B.nRows]!, cBs);
  const shape = br <= 9 && bm <= 9 && bc <= 9 ? 100 * br + 10 * bm + bc : 0;
  let col = out.col, nz = 0;
  for (let i = 0; i < nRows; i++) {
    const start = nz;
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const j = aCol[a]!;
      const ao = a * aBs;
      const b0 = bPtr[j]!, b1 = bPtr[j + 1]!;
      if (nz + (b1 - b0) > col.length) { out.ensure(nz + (b1 - b0), nz); col = out.col; }
      for (let s = b0; s < b1; s++) {
        const c = bCol[s]!;
        const co = c * cBs, bo = s * bBs;
        if (marker[c] !== i) { marker[c] = i; col[nz++] = c; for (let e = 0; e < cBs; e++) acc[co + e] = 0; }
        // acc_c += A_ij · B_jc, small dense product (the shapes of plane elasticity unrolled).
        if (shape === 223) mulAdd223(aVal, ao, bVal, bo, acc, co);
        else if (shape === 323) mulAdd323(aVal, ao, bVal, bo, acc, co);
        else if (shape === 333) mulAdd333(aVal, ao, bVal, bo, acc, co);
        else mulAddBlock(br, bm, bc, aVal, ao, bVal, bo, acc, co);
      }
    }
    if (sorted) sortRow(col, start, nz);
    const val = out.val;
    for (let s = start; s < nz; s++) {
      const co = col[s]! * cBs, vo = s * cBs;
      for (let e = 0; e < cBs; e++) val[vo + e] = acc[co + e]!;
    }
    ptr[i + 1] = nz;
  }
  return { nRows, nCols, br, bc, ptr, col: out.col.subarray(0, nz), val: out.val.subarray(0, nz * cBs) };
}

/** c[co..] += a[ao..] (br×bm) · b[bo..] (bm×bc), row-major blocks. */
function mulAddBlock(br: number, bm: number, bc: number, a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number): void {
  for (let r = 0; r < br; r++) {
    for (let m = 0; m < bm; m++) {
      const av = a[ao + r * bm + m]!;
      const bRow = bo + m * bc, cRow = co + r * bc;
      for (let q = 0; q < bc; q++) c[cRow + q]! += av * b[bRow + q]!;
    }
  }
}

/** {@link mulAddBlock} for 2×2 · 2×3 (A·P on a 2D vector level). */
export function mulAdd223(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number): void {
  const a00 = a[ao]!, a01 = a[ao + 1]!, a10 = a[ao + 2]!, a11 = a[ao + 3]!;
  const b00 = b[bo]!, b01 = b[bo + 1]!, b02 = b[bo + 2]!, b10 = b[bo + 3]!, b11 = b[bo + 4]!, b12 = b[bo + 5]!;
  c[co]! += a00 * b00 + a01 * b10;
  c[co + 1]! += a00 * b01 + a01 * b11;
  c[co + 2]! += a00 * b02 + a01 * b12;
  c[co + 3]! += a10 * b00 + a11 * b10;
  c[co + 4]! += a10 * b01 + a11 * b11;
  c[co + 5]! += a10 * b02 + a11 * b12;
}

/** {@link mulAddBlock} for 3×2 · 2×3 (Pᵀ·(A·P) from a 2D vector level). */
function mulAdd323(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number): void {
  const b00 = b[bo]!, b01 = b[bo + 1]!, b02 = b[bo + 2]!, b10 = b[bo + 3]!, b11 = b[bo + 4]!, b12 = b[bo + 5]!;
  for (let r = 0; r < 3; r++) {
    const x = a[ao + 2 * r]!, y = a[ao + 2 * r + 1]!, o = co + 3 * r;
    c[o]! += x * b00 + y * b10;
    c[o + 1]! += x * b01 + y * b11;
    c[o + 2]! += x * b02 + y * b12;
  }
}

/** {@link mulAddBlock} for 3×3 · 3×3 (coarse levels with three modes per aggregate). */
export function mulAdd333(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number): void {
  const b00 = b[bo]!, b01 = b[bo + 1]!, b02 = b[bo + 2]!, b10 = b[bo + 3]!, b11 = b[bo + 4]!, b12 = b[bo + 5]!;
  const b20 = b[bo + 6]!, b21 = b[bo + 7]!, b22 = b[bo + 8]!;
  for (let r = 0; r < 3; r++) {
    const x = a[ao + 3 * r]!, y = a[ao + 3 * r + 1]!, z = a[ao + 3 * r + 2]!, o = co + 3 * r;
    c[o]! += x * b00 + y * b10 + z * b20;
    c[o + 1]! += x * b01 + y * b11 + z * b21;
    c[o + 2]! += x * b02 + y * b12 + z * b22;
  }
}

/** Pᵀ with transposed blocks; each row of the result receives its columns ascending. */
export function blockTranspose(P: BlockRows): BlockRows {
  const { nRows, nCols, br, bc, ptr, col, val } = P;
  const bs = br * bc;
  const nb = ptr[nRows]!;
  const rPtr = new Int32Array(nCols + 1);
  for (let s = 0; s < nb; s++) rPtr[col[s]! + 1]!++;
  for (let c = 0; c < nCols; c++) rPtr[c + 1]! += rPtr[c]!;
  const fill = rPtr.slice(0, nCols);
  const rCol = new Int32Array(nb), rVal = new Float64Array(nb * bs);
  for (let i = 0; i < nRows; i++) {
    const end = ptr[i + 1]!;
    for (let s = ptr[i]!; s < end; s++) {
      const t = fill[col[s]!]!++;
      rCol[t] = i;
      const so = s * bs, to = t * bs;
      for (let r = 0; r < br; r++) for (let q = 0; q < bc; q++) rVal[to + q * br + r] = val[so + r * bc + q]!;
    }
  }
  return { nRows: nCols, nCols: nRows, br: bc, bc: br, ptr: rPtr, col: rCol, val: rVal };
}

/**
 * The same matrix as scalar CSR [nRows·br × nCols·bc] (rows interleaved by block); every entry of a stored block
 * is kept, so the pattern is block-structural. Needs ascending block columns.
 */
export function scalarRowsOf(M: BlockRows, alloc: ArrayAlloc = HEAP_ALLOC): SparseRect {
  const { nRows, nCols, br, bc, ptr, col, val } = M;
  const n = nRows * br;
  const rowPtr = alloc.i32(n + 1);
  const nz = ptr[nRows]! * br * bc;
  const colIdx = alloc.i32(nz), values = alloc.f64(nz);
  const bs = br * bc;
  let q = 0;
  for (let i = 0; i < nRows; i++) {
    const b0 = ptr[i]!, b1 = ptr[i + 1]!;
    for (let r = 0; r < br; r++) {
      for (let s = b0; s < b1; s++) {
        const c0 = col[s]! * bc, vo = s * bs + r * bc;
        for (let e = 0; e < bc; e++) { colIdx[q] = c0 + e; values[q] = val[vo + e]!; q++; }
      }
      rowPtr[i * br + r + 1] = q;
    }
  }
  return { nRows: n, nCols: nCols * bc, rowPtr, colIdx, values };
}
