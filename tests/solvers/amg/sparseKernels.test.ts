import { describe, it, expect } from 'vitest';
import { Matrix } from 'ml-matrix';
import { multiply, productValues, transpose, transposeValues, transposeWithMap, type SparseRect } from '../../../src/solvers/amg/sparseRect.js';
import { smoothedProlongator, smoothedProlongatorValues } from '../../../src/solvers/amg/smoothedProlongator.js';
import { allocateDenseCholesky, factorDenseCholesky, solveDenseCholesky } from '../../../src/solvers/amg/denseCholesky.js';
import { csrFromTriplets, type CsrMatrix } from '../../../src/linalg/csr.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

function randomSparse(nRows: number, nCols: number, density: number, rand: () => number): SparseRect {
  const rowPtr = new Int32Array(nRows + 1);
  const cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) if (rand() < density) { cols.push(j); vals.push(rand() - 0.5); }
    rowPtr[i + 1] = cols.length;
  }
  return { nRows, nCols, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}

function toDense(M: SparseRect): Matrix {
  const D = Matrix.zeros(M.nRows, M.nCols);
  for (let i = 0; i < M.nRows; i++) for (let s = M.rowPtr[i]!; s < M.rowPtr[i + 1]!; s++) D.set(i, M.colIdx[s]!, D.get(i, M.colIdx[s]!) + M.values[s]!);
  return D;
}

function maxAbsDiff(A: Matrix, B: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) m = Math.max(m, Math.abs(A.get(i, j) - B.get(i, j)));
  return m;
}

function expectSortedRows(M: SparseRect): void {
  for (let i = 0; i < M.nRows; i++) for (let s = M.rowPtr[i]! + 1; s < M.rowPtr[i + 1]!; s++) expect(M.colIdx[s]!).toBeGreaterThan(M.colIdx[s - 1]!);
}

const asRect = (A: CsrMatrix): SparseRect => ({ nRows: A.n, nCols: A.n, rowPtr: A.rowPtr, colIdx: A.colIdx, values: A.values });

describe('AMG sparse kernels against dense ml-matrix products', () => {
  // Entries are O(1) sums of ≤ 40 products of O(1) numbers: round-off is ~1e-15, so 1e-13 is a safe bound.
  it('multiply gives A·B with sorted, duplicate-free rows; productValues refills the same pattern', () => {
    const rand = rng(7);
    const A = randomSparse(30, 40, 0.15, rand);
    const B = randomSparse(40, 25, 0.2, rand);
    const C = multiply(A, B);
    expectSortedRows(C);
    expect(maxAbsDiff(toDense(C), toDense(A).mmul(toDense(B)))).toBeLessThan(1e-13);
    for (let s = 0; s < A.values.length; s++) A.values[s] = rand() - 0.5;
    productValues(A, B, C, new Int32Array(B.nCols));
    expect(maxAbsDiff(toDense(C), toDense(A).mmul(toDense(B)))).toBeLessThan(1e-13);
  });

  it('transposeWithMap and transposeValues give Pᵀ', () => {
    const rand = rng(11);
    const P = randomSparse(50, 12, 0.3, rand);
    const { R, slotOf } = transposeWithMap(P);
    expectSortedRows(R);
    expect(maxAbsDiff(toDense(R), toDense(P).transpose())).toBe(0);
    for (let s = 0; s < P.values.length; s++) P.values[s] = rand();
    transposeValues(P, R, slotOf);
    expect(maxAbsDiff(toDense(R), toDense(P).transpose())).toBe(0);
    // The map-free transpose gives the same arrays (a copy is exact, hence the 0 tolerance).
    const R2 = transpose(P);
    expect(Array.from(R2.rowPtr)).toEqual(Array.from(R.rowPtr));
    expect(Array.from(R2.colIdx)).toEqual(Array.from(R.colIdx));
    expect(Array.from(R2.values)).toEqual(Array.from(R.values));
  });

  it('smoothed prolongator equals (I − s·D⁻¹A)·T computed densely, on build and on refill', () => {
    const rand = rng(3);
    const n = 40;
    const rows: number[] = [], cols: number[] = [], vals: number[] = [];
    for (let i = 0; i < n; i++) {
      rows.push(i); cols.push(i); vals.push(4 + rand());
      for (const j of [i - 1, i + 1, i + 7]) if (j >= 0 && j < n) { rows.push(i); cols.push(j); vals.push(-rand()); }
    }
    const A = csrFromTriplets(n, rows, cols, vals);
    const invDiag = new Float64Array(n);
    for (let i = 0; i < n; i++) invDiag[i] = 1 / toDense(asRect(A)).get(i, i);
    const T = randomSparse(n, 9, 0.15, rand);
    const s = 0.6;
    const expected = (): Matrix => {
      const DinvA = toDense(asRect(A));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) DinvA.set(i, j, -s * invDiag[i]! * DinvA.get(i, j) + (i === j ? 1 : 0));
      return DinvA.mmul(toDense(T));
    };
    const P = smoothedProlongator(A, invDiag, T, s);
    expectSortedRows(P);
    expect(maxAbsDiff(toDense(P), expected())).toBeLessThan(1e-13);
    for (let k = 0; k < T.values.length; k++) T.values[k] = rand();
    smoothedProlongatorValues(A, invDiag, T, P, s, new Int32Array(T.nCols));
    expect(maxAbsDiff(toDense(P), expected())).toBeLessThan(1e-13);
  });
});

describe('dense Cholesky of the coarsest level', () => {
  it('solves an SPD system to round-off', () => {
    const rand = rng(5);
    const n = 60;
    const G = Matrix.rand(n, n, { random: rand });
    const S = G.mmul(G.transpose()).add(Matrix.eye(n).mul(n)); // SPD, condition number O(10)
    const rows: number[] = [], cols: number[] = [], vals: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { rows.push(i); cols.push(j); vals.push(S.get(i, j)); }
    const A = csrFromTriplets(n, rows, cols, vals);
    const f = allocateDenseCholesky(n);
    expect(factorDenseCholesky(A, f)).toBe(0);
    const b = Float64Array.from({ length: n }, () => rand() - 0.5);
    const x = new Float64Array(n);
    solveDenseCholesky(f, b, x);
    const r = S.mmul(Matrix.columnVector(Array.from(x))).sub(Matrix.columnVector(Array.from(b)));
    // κ ≈ 10 and ‖S‖ ≈ n²/4: a backward-stable solve leaves a residual ~1e-15·‖S‖‖x‖.
    expect(r.norm() / Matrix.columnVector(Array.from(b)).norm()).toBeLessThan(1e-12);
  });

  it('drops a zero pivot and solves the remaining system (semidefinite coarse operator)', () => {
    // diag(2, 0, 3) with a coupling between dofs 0 and 2: dof 1 is inactive.
    const A = csrFromTriplets(3, [0, 0, 1, 2, 2], [0, 2, 1, 0, 2], [2, 1, 0, 1, 3]);
    const f = allocateDenseCholesky(3);
    expect(factorDenseCholesky(A, f)).toBe(1);
    const x = new Float64Array(3);
    solveDenseCholesky(f, Float64Array.from([1, 5, 2]), x);
    // [[2,1],[1,3]]·(x0, x2) = (1, 2) → x0 = 1/5, x2 = 3/5; x1 = 0.
    expect(x[0]).toBeCloseTo(0.2, 14);
    expect(x[1]).toBe(0);
    expect(x[2]).toBeCloseTo(0.6, 14);
  });
});
