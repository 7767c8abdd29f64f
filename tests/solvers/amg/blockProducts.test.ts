import { describe, it, expect } from 'vitest';
import { Matrix } from 'ml-matrix';
import { blockMultiply, blockRowsOf, blockTranspose, scalarRowsOf, type BlockRows } from '../../../src/solvers/amg/blockRows.js';
import { blockSmoothedProlongator, blockTentative } from '../../../src/solvers/amg/blockProlongator.js';
import { multiply, rectView, transpose, type SparseRect } from '../../../src/solvers/amg/sparseRect.js';
import { smoothedProlongator } from '../../../src/solvers/amg/smoothedProlongator.js';
import { tentativeProlongator } from '../../../src/solvers/amg/tentativeProlongator.js';
import { aggregateGreedy } from '../../../src/solvers/amg/aggregation.js';
import { strengthGraph } from '../../../src/solvers/amg/strength.js';
import { buildHierarchy, inverseDiagonal, type HierarchyParams } from '../../../src/solvers/amg/amgHierarchy.js';
import { rigidBodyModes2D } from '../../../src/solvers/amg/index.js';
import type { CsrMatrix } from '../../../src/linalg/csr.js';
import { elasticityP1 } from './helpers/structuredFem.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

/** Random block rows: each block present with probability `density`, ascending columns, dense random blocks. */
function randomBlocks(nRows: number, nCols: number, br: number, bc: number, density: number, rand: () => number): BlockRows {
  const ptr = new Int32Array(nRows + 1);
  const col: number[] = [], val: number[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      if (rand() >= density) continue;
      col.push(j);
      for (let e = 0; e < br * bc; e++) val.push(rand() - 0.5);
    }
    ptr[i + 1] = col.length;
  }
  return { nRows, nCols, br, bc, ptr, col: Int32Array.from(col), val: Float64Array.from(val) };
}

function denseOfBlocks(M: BlockRows): Matrix {
  const D = Matrix.zeros(M.nRows * M.br, M.nCols * M.bc);
  for (let i = 0; i < M.nRows; i++) {
    for (let s = M.ptr[i]!; s < M.ptr[i + 1]!; s++) {
      for (let r = 0; r < M.br; r++) for (let q = 0; q < M.bc; q++) {
        D.set(i * M.br + r, M.col[s]! * M.bc + q, M.val[(s * M.br + r) * M.bc + q]!);
      }
    }
  }
  return D;
}

function denseOf(M: SparseRect): Matrix {
  const D = Matrix.zeros(M.nRows, M.nCols);
  for (let i = 0; i < M.nRows; i++) for (let s = M.rowPtr[i]!; s < M.rowPtr[i + 1]!; s++) D.set(i, M.colIdx[s]!, D.get(i, M.colIdx[s]!) + M.values[s]!);
  return D;
}

function maxAbs(M: Matrix): number {
  let m = 0;
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.columns; j++) m = Math.max(m, Math.abs(M.get(i, j)));
  return m;
}

const relDiff = (A: Matrix, B: Matrix): number => maxAbs(Matrix.sub(A, B)) / maxAbs(B);

function expectAscending(M: BlockRows): void {
  for (let i = 0; i < M.nRows; i++) for (let s = M.ptr[i]! + 1; s < M.ptr[i + 1]!; s++) expect(M.col[s]!).toBeGreaterThan(M.col[s - 1]!);
}

describe('block (BSR) Galerkin kernels against dense ml-matrix products', () => {
  // Entries are sums of at most ~40 products of O(1) numbers: round-off ~1e-15, so 1e-13 relative is safe.
  it.each([[2, 2, 3], [3, 2, 3], [3, 3, 3], [1, 2, 4]])('blockMultiply %i×%i · %i×… equals the dense product', (br, bm, bc) => {
    const rand = rng(br * 100 + bm * 10 + bc);
    const A = randomBlocks(17, 13, br, bm, 0.25, rand);
    const B = randomBlocks(13, 11, bm, bc, 0.3, rand);
    const C = blockMultiply(A, B);
    expectAscending(C);
    expect(relDiff(denseOfBlocks(C), denseOfBlocks(A).mmul(denseOfBlocks(B)))).toBeLessThan(1e-13);
    const Cu = blockMultiply(A, B, false);
    expect(relDiff(denseOfBlocks(Cu), denseOfBlocks(C))).toBe(0);
  });

  it('blockTranspose transposes blocks and rows ascend; scalarRowsOf keeps every entry', () => {
    const rand = rng(3);
    const P = randomBlocks(20, 9, 2, 3, 0.3, rand);
    const R = blockTranspose(P);
    expectAscending(R);
    expect(relDiff(denseOfBlocks(R), denseOfBlocks(P).transpose())).toBe(0);
    const S = scalarRowsOf(P);
    expect(S.rowPtr[S.nRows]).toBe(P.ptr[P.nRows]! * 6);
    expect(relDiff(denseOf(S), denseOfBlocks(P))).toBe(0);
    for (let i = 0; i < S.nRows; i++) for (let s = S.rowPtr[i]! + 1; s < S.rowPtr[i + 1]!; s++) expect(S.colIdx[s]!).toBeGreaterThan(S.colIdx[s - 1]!);
  });

  it('blockRowsOf reproduces a plane-strain matrix and drops only all-zero off-diagonal blocks', () => {
    const { A } = elasticityP1(6, 1, 0.3);
    const Ab = blockRowsOf(A, 2);
    expectAscending(Ab);
    expect(relDiff(denseOfBlocks(Ab), denseOf(rectView(A)))).toBe(0);
    // A zeroed off-diagonal node block disappears; a zeroed diagonal block stays.
    const Z: CsrMatrix = { ...A, values: A.values.slice() };
    const row0 = Z.rowPtr[0]!, row0End = Z.rowPtr[1]!, row1 = Z.rowPtr[1]!, row1End = Z.rowPtr[2]!;
    const lastNode = (Z.colIdx[row0End - 1]! / 2) | 0;
    for (const [s0, s1] of [[row0, row0End], [row1, row1End]] as const) for (let s = s0; s < s1; s++) if (((Z.colIdx[s]! / 2) | 0) === lastNode) Z.values[s] = 0;
    const Zb = blockRowsOf(Z, 2);
    expect(Zb.ptr[1]! - Zb.ptr[0]!).toBe(Ab.ptr[1]! - Ab.ptr[0]! - 1);
    expect(relDiff(denseOfBlocks(Zb), denseOf(rectView(Z)))).toBe(0);
  });

  it('the block prolongator and Galerkin product equal the scalar ones on plane strain (30×30 nodes)', () => {
    const { A, coords } = elasticityP1(30, 1, 0.3);
    const inv = new Float64Array(A.n);
    inverseDiagonal(A, inv);
    const agg = aggregateGreedy(strengthGraph(A, 2, 0.08));
    const { T } = tentativeProlongator(agg, 2, rigidBodyModes2D(coords), 3);
    const w = 4 / 3 / 2.9;
    const P = smoothedProlongator(A, inv, T, w, true);
    const Ab = blockRowsOf(A, 2);
    const Pb = blockSmoothedProlongator(Ab, inv, blockTentative(T, 2, 3), w);
    expectAscending(Pb);
    expect(relDiff(denseOfBlocks(Pb), denseOf(P))).toBeLessThan(1e-14);
    const Ac = multiply(transpose(P), multiply(rectView(A), P, true));
    const Acb = blockMultiply(blockTranspose(Pb), blockMultiply(Ab, Pb, false));
    expect(relDiff(denseOfBlocks(Acb), denseOf(Ac))).toBeLessThan(1e-13);
  });

  it('buildHierarchy: the block path (one-off) and the scalar path (reusable) give the same levels', () => {
    const { A, coords } = elasticityP1(40, 1, 0.3);
    const base: HierarchyParams = {
      blockSize: 2, nearNullspace: rigidBodyModes2D(coords), k: 3, strengthThreshold: 0.08, maxCoarse: 50, maxLevels: 10,
      omega: 4 / 3, denseLimit: 2000, keepForReuse: false, sharedMemory: false,
    };
    const blockLevels = buildHierarchy(A, base);
    const scalarLevels = buildHierarchy(A, { ...base, keepForReuse: true });
    expect(blockLevels.length).toBe(scalarLevels.length);
    expect(blockLevels.length).toBeGreaterThanOrEqual(3);
    for (let l = 1; l < blockLevels.length; l++) {
      const a = denseOf(rectView(blockLevels[l]!.A)), b = denseOf(rectView(scalarLevels[l]!.A));
      // Same sums in another order: relative round-off growth over two levels of products stays far below 1e-12.
      expect(relDiff(a, b)).toBeLessThan(1e-12);
    }
  });
});
