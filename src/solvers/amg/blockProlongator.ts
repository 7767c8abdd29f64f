import { BlockBuilder, mulAdd223, mulAdd333, type BlockRows } from './blockRows.js';
import { sortRow } from '../../linalg/sortRow.js';
import type { SparseRect } from './sparseRect.js';

/**
 * The tentative prolongator T (scalar CSR from tentativeProlongator: node i's b rows hold the k columns of its
 * aggregate) as block rows: one b×k block per aggregated node, none for isolated nodes.
 */
export function blockTentative(T: SparseRect, b: number, k: number): BlockRows {
  const nNodes = T.nRows / b;
  const ptr = new Int32Array(nNodes + 1);
  for (let I = 0; I < nNodes; I++) ptr[I + 1] = ptr[I]! + (T.rowPtr[I * b + 1]! > T.rowPtr[I * b]! ? 1 : 0);
  const nb = ptr[nNodes]!;
  const col = new Int32Array(nb), val = new Float64Array(nb * b * k);
  for (let I = 0; I < nNodes; I++) {
    if (ptr[I + 1] === ptr[I]) continue;
    const q = ptr[I]!;
    for (let r = 0; r < b; r++) {
      const s0 = T.rowPtr[I * b + r]!;
      if (r === 0) col[q] = (T.colIdx[s0]! / k) | 0;
      for (let j = 0; j < k; j++) val[(q * b + r) * k + j] = T.values[s0 + j]!;
    }
  }
  return { nRows: nNodes, nCols: T.nCols / k, br: b, bc: k, ptr, col, val };
}

/**
 * P = (I − ω D⁻¹A)·T in block rows (b×k blocks, ascending columns): the block form of smoothedProlongator, with the
 * point-Jacobi D⁻¹ (`invDiag` [n], per scalar row) and ω = `omegaOverLambda`. A [nNodes blocks of b×b] from
 * blockRowsOf (all-zero blocks already dropped), T from {@link blockTentative}. Pattern: (A·T) ∪ T.
 */
export function blockSmoothedProlongator(A: BlockRows, invDiag: Float64Array, T: BlockRows, omegaOverLambda: number): BlockRows {
  const b = A.br, k = T.bc;
  if (A.bc !== b || T.br !== b || A.nCols !== T.nRows) throw new Error('blockSmoothedProlongator: block shapes differ');
  const aBs = b * b, bs = b * k;
  const nRows = A.nRows, nCols = T.nCols;
  const aPtr = A.ptr, aCol = A.col, aVal = A.val, tPtr = T.ptr, tCol = T.col, tVal = T.val;
  const marker = new Int32Array(nCols).fill(-1);
  const acc = new Float64Array(nCols * bs);
  const scale = new Float64Array(b), sa = new Float64Array(aBs);
  const ptr = new Int32Array(nRows + 1);
  const out = new BlockBuilder(2 * tPtr[nRows]! + nRows, bs);
  const shape = b === 2 && k === 3 ? 23 : b === 3 && k === 3 ? 33 : 0;
  let col = out.col, nz = 0;
  for (let i = 0; i < nRows; i++) {
    const start = nz;
    if (nz + aPtr[i + 1]! - aPtr[i]! + 1 > col.length) { out.ensure(nz + aPtr[i + 1]! - aPtr[i]! + 1, nz); col = out.col; }
    for (let r = 0; r < b; r++) scale[r] = -omegaOverLambda * invDiag[i * b + r]!;
    // T's own block first: the pattern is (A·T) ∪ T even where A has no diagonal block.
    for (let t = tPtr[i]!; t < tPtr[i + 1]!; t++) {
      const c = tCol[t]!, co = c * bs, to = t * bs;
      marker[c] = i; col[nz++] = c;
      for (let e = 0; e < bs; e++) acc[co + e] = tVal[to + e]!;
    }
    const aEnd = aPtr[i + 1]!;
    for (let a = aPtr[i]!; a < aEnd; a++) {
      const j = aCol[a]!;
      const t = tPtr[j]!;
      if (t === tPtr[j + 1]!) continue; // isolated node: no coarse dofs
      const c = tCol[t]!, co = c * bs, to = t * bs, ao = a * aBs;
      if (marker[c] !== i) { marker[c] = i; col[nz++] = c; for (let e = 0; e < bs; e++) acc[co + e] = 0; }
      if (shape !== 0) {
        // Row r of the A block scaled by −ω/λ·(D⁻¹)_r, then the unrolled block product.
        for (let r = 0; r < b; r++) for (let m = 0; m < b; m++) sa[r * b + m] = aVal[ao + r * b + m]! * scale[r]!;
        if (shape === 23) mulAdd223(sa, 0, tVal, to, acc, co);
        else mulAdd333(sa, 0, tVal, to, acc, co);
      } else {
        for (let r = 0; r < b; r++) {
          const sr = scale[r]!, cRow = co + r * k;
          for (let m = 0; m < b; m++) {
            const av = aVal[ao + r * b + m]! * sr;
            const tRow = to + m * k;
            for (let q = 0; q < k; q++) acc[cRow + q]! += av * tVal[tRow + q]!;
          }
        }
      }
    }
    sortRow(col, start, nz);
    const val = out.val;
    for (let s = start; s < nz; s++) {
      const co = col[s]! * bs, vo = s * bs;
      for (let e = 0; e < bs; e++) val[vo + e] = acc[co + e]!;
    }
    ptr[i + 1] = nz;
  }
  return { nRows, nCols, br: b, bc: k, ptr, col: out.col.subarray(0, nz), val: out.val.subarray(0, nz * bs) };
}

