import type { CsrMatrix } from '../../linalg/csr.js';

/**
 * Node graph of strong connections (no self loops): node j is a strong neighbour of node i when
 * ‖A_ij‖ ≥ θ·sqrt(‖A_ii‖·‖A_jj‖), the symmetric diagonally scaled criterion of Vaněk, Mandel & Brezina (1996).
 * For blockSize b > 1 the dofs are interleaved (node i owns dofs i·b … i·b+b−1) and ‖·‖ is the Frobenius
 * norm of the b×b node block. Entries stored as exact zeros are never strong (the P1 pattern keeps them).
 */
export interface StrengthGraph {
  readonly nNodes: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
}

/** Strength graph of A [n × n], n divisible by `blockSize`; θ ≥ 0 (θ = 0 keeps every nonzero link). */
export function strengthGraph(A: CsrMatrix, blockSize: number, theta: number): StrengthGraph {
  if (A.n % blockSize !== 0) throw new Error(`matrix size ${A.n} is not a multiple of blockSize ${blockSize}`);
  return blockSize === 1 ? scalarStrength(A, theta) : blockStrength(A, blockSize, theta);
}

function scalarStrength(A: CsrMatrix, theta: number): StrengthGraph {
  const { n, rowPtr, colIdx, values } = A;
  const absDiag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) if (colIdx[k] === i) absDiag[i] = Math.abs(values[k]!);
  }
  const t2 = theta * theta;
  const sPtr = new Int32Array(n + 1);
  const sCol = new Int32Array(rowPtr[n]!);
  let nz = 0;
  for (let i = 0; i < n; i++) {
    const di = absDiag[i]!;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) {
      const j = colIdx[k]!;
      const v = values[k]!;
      if (j !== i && v !== 0 && v * v >= t2 * di * absDiag[j]!) sCol[nz++] = j;
    }
    sPtr[i + 1] = nz;
  }
  return { nNodes: n, rowPtr: sPtr, colIdx: sCol.slice(0, nz) };
}

function blockStrength(A: CsrMatrix, b: number, theta: number): StrengthGraph {
  const { rowPtr, colIdx, values } = A;
  const nNodes = A.n / b;
  // Squared Frobenius norms of node blocks, accumulated row by row with a marker array.
  const marker = new Int32Array(nNodes).fill(-1);
  const acc = new Float64Array(nNodes);
  const touched = new Int32Array(nNodes);
  const nPtr = new Int32Array(nNodes + 1);
  // A node row touches at most b·(row length) node columns; nnz(A) bounds the node pattern size.
  const nCol = new Int32Array(rowPtr[A.n]!);
  const nNorm = new Float64Array(rowPtr[A.n]!);
  const diagNorm = new Float64Array(nNodes);
  let nz = 0;
  for (let I = 0; I < nNodes; I++) {
    let nt = 0;
    for (let r = I * b; r < I * b + b; r++) {
      const end = rowPtr[r + 1]!;
      for (let k = rowPtr[r]!; k < end; k++) {
        const J = (colIdx[k]! / b) | 0;
        const v = values[k]!;
        if (marker[J] !== I) { marker[J] = I; acc[J] = 0; touched[nt++] = J; }
        acc[J]! += v * v;
      }
    }
    for (let t = 0; t < nt; t++) {
      const J = touched[t]!;
      if (J === I) diagNorm[I] = Math.sqrt(acc[J]!);
      else if (acc[J]! > 0) { nCol[nz] = J; nNorm[nz] = Math.sqrt(acc[J]!); nz++; }
    }
    nPtr[I + 1] = nz;
  }
  const sPtr = new Int32Array(nNodes + 1);
  const sCol = new Int32Array(nz);
  let sz = 0;
  for (let I = 0; I < nNodes; I++) {
    const end = nPtr[I + 1]!;
    for (let k = nPtr[I]!; k < end; k++) {
      const J = nCol[k]!;
      if (nNorm[k]! >= theta * Math.sqrt(diagNorm[I]! * diagNorm[J]!)) sCol[sz++] = J;
    }
    sPtr[I + 1] = sz;
  }
  return { nNodes, rowPtr: sPtr, colIdx: sCol.slice(0, sz) };
}
