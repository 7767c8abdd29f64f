import type { CsrMatrix } from './csr.js';
import { sortRow } from './sortRow.js';

/**
 * A square CSR matrix with interleaved dofs (node i owns dofs i·bs … i·bs+bs−1) stored by dense bs×bs node blocks.
 * Shapes: `ptr` [nNodes+1] block offsets, `col` [nBlocks] block columns ascending within a row, `val`
 * [nBlocks × bs × bs] row-major blocks. One column index per block: products of 2D vector problems (bs = 2) read
 * a quarter of the indices of CSR, and each x pair once per node instead of once per row.
 */
export interface BlockCsr {
  readonly nNodes: number;
  readonly bs: number;
  readonly ptr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

/**
 * A rectangular matrix by dense `br × bc` blocks: `ptr` [nRows+1] block-row offsets, `col` [nBlocks] block columns
 * (ascending within a row unless a producer says otherwise), `val` [nBlocks × br × bc] row-major blocks; the scalar
 * matrix is [nRows·br × nCols·bc]. AMG prolongators (b×k blocks), restrictions and Galerkin products use it.
 */
export interface BlockRect {
  readonly nRows: number;
  readonly nCols: number;
  readonly br: number;
  readonly bc: number;
  readonly ptr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

/** Where arrays are allocated (heap or SharedArrayBuffer). */
export interface BlockAlloc {
  f64(n: number): Float64Array;
  i32(n: number): Int32Array;
}
const HEAP: BlockAlloc = { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n) };

/** Node of column c: c >> 1 for bs = 2 (the common case), else integer division. */
function nodeOf(c: number, bs: number): number {
  return bs === 2 ? c >> 1 : (c / bs) | 0;
}

/**
 * The node blocks of A. A block whose stored entries are all exact zeros (off the diagonal) is left out: it adds
 * nothing to any product. Entries of a kept block that A does not store are zeros. Two passes (count, fill), so
 * the arrays are exact-size and can come from `alloc` (e.g. SharedArrayBuffers for a worker pool).
 */
export function blockCsrOf(A: CsrMatrix, bs: number, alloc: BlockAlloc = HEAP): BlockCsr {
  const { n, rowPtr, colIdx, values } = A;
  if (!Number.isInteger(bs) || bs < 1 || n % bs !== 0) throw new Error(`blockCsrOf: size ${n} is not a multiple of block size ${bs}`);
  const nNodes = n / bs, bb = bs * bs;
  const marker = new Int32Array(nNodes).fill(-1);
  const ptr = alloc.i32(nNodes + 1);
  let nb = 0;
  for (let I = 0; I < nNodes; I++) {
    for (let row = I * bs; row < I * bs + bs; row++) {
      const end = rowPtr[row + 1]!;
      for (let s = rowPtr[row]!; s < end; s++) {
        const J = nodeOf(colIdx[s]!, bs);
        if (marker[J] !== I && (values[s] !== 0 || J === I)) { marker[J] = I; nb++; }
      }
    }
    ptr[I + 1] = nb;
  }
  const B: BlockCsr = { nNodes, bs, ptr, col: alloc.i32(nb), val: alloc.f64(nb * bb) };
  marker.fill(-1);
  fillBlocks(A, B, marker, true);
  return B;
}

/**
 * Copies A's values into B (built by {@link blockCsrOf} from a matrix with A's pattern). False when a nonzero of A
 * falls in a block B left out (B no longer represents A: rebuild it).
 */
export function refillBlockCsr(A: CsrMatrix, B: BlockCsr): boolean {
  if (A.n !== B.nNodes * B.bs) throw new Error(`refillBlockCsr: sizes differ (${A.n} vs ${B.nNodes}·${B.bs})`);
  B.val.fill(0);
  return fillBlocks(A, B, new Int32Array(B.nNodes).fill(-1), false);
}

/**
 * Block columns (when `withColumns`, in first-seen order, then sorted) and values of every node row. Rows of A are
 * sorted, so only a node first seen in a later row of the block can be out of order.
 */
function fillBlocks(A: CsrMatrix, B: BlockCsr, slot: Int32Array, withColumns: boolean): boolean {
  const { rowPtr, colIdx, values } = A;
  const { nNodes, bs, ptr, col, val } = B;
  const bb = bs * bs;
  for (let I = 0; I < nNodes; I++) {
    const start = ptr[I]!, end = ptr[I + 1]!;
    if (withColumns) {
      let q = start;
      for (let row = I * bs; row < I * bs + bs; row++) {
        for (let s = rowPtr[row]!; s < rowPtr[row + 1]!; s++) {
          const J = nodeOf(colIdx[s]!, bs);
          if (slot[J] !== -2 - I && (values[s] !== 0 || J === I)) { slot[J] = -2 - I; col[q++] = J; }
        }
      }
      sortRow(col, start, end);
    }
    for (let s = start; s < end; s++) slot[col[s]!] = s;
    for (let r = 0; r < bs; r++) {
      const row = I * bs + r, rEnd = rowPtr[row + 1]!;
      for (let s = rowPtr[row]!; s < rEnd; s++) {
        const c = colIdx[s]!, J = nodeOf(c, bs), q = slot[J]!;
        if (q >= start && q < end && col[q] === J) val[q * bb + r * bs + (c - J * bs)] = values[s]!;
        else if (values[s] !== 0) return false;
      }
    }
  }
  return true;
}
