import { describe, it, expect } from 'vitest';
import { Matrix, inverse, solve } from 'ml-matrix';
import type { CsrMatrix } from '../../src/linalg/csr.js';
import { findSlot } from '../../src/linalg/csr.js';
import type { Preconditioner } from '../../src/linalg/preconditioner.js';
import { JacobiPreconditioner } from '../../src/solvers/jacobi.js';
import { IC0Preconditioner } from '../../src/solvers/ic0.js';
import { ILU0Preconditioner } from '../../src/solvers/ilu0.js';
import { convectionDiffusion2d, csrToDense, denseToCsr, laplace2d, randomVector, relError, tridiagonalMMatrix } from './matrices.js';

/** Dense M from a preconditioner: columns of M⁻¹ by applying it to unit vectors, then invert (small n only). */
function denseOperator(pc: Preconditioner, n: number): Matrix {
  const minv = new Matrix(n, n);
  const e = new Float64Array(n), z = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0); e[j] = 1;
    pc.apply(e, z);
    for (let i = 0; i < n; i++) minv.set(i, j, z[i]!);
  }
  return inverse(minv);
}

/** max over the pattern of A of |M_ij − a_ij|, and max |M_ij| off the pattern. */
function patternMismatch(M: Matrix, A: CsrMatrix): { onPattern: number; offPattern: number } {
  let on = 0, off = 0;
  for (let i = 0; i < A.n; i++) for (let j = 0; j < A.n; j++) {
    const s = findSlot(A, i, j);
    if (s >= 0) on = Math.max(on, Math.abs(M.get(i, j) - A.values[s]!));
    else off = Math.max(off, Math.abs(M.get(i, j)));
  }
  return { onPattern: on, offPattern: off };
}

function exactSolve(A: CsrMatrix, r: Float64Array): Float64Array {
  const x = solve(new Matrix(csrToDense(A)), Matrix.columnVector(Array.from(r)));
  return Float64Array.from(x.getColumn(0));
}

describe('Jacobi', () => {
  it('applies D⁻¹ and rejects a zero diagonal', () => {
    const A = convectionDiffusion2d(4, 1, 3, -2);
    const pc = new JacobiPreconditioner();
    pc.setup(A);
    const r = randomVector(A.n, 5), z = new Float64Array(A.n);
    pc.apply(r, z);
    for (let i = 0; i < A.n; i++) expect(z[i]).toBeCloseTo(r[i]! / A.values[findSlot(A, i, i)]!, 14);
    expect(() => new JacobiPreconditioner().setup(denseToCsr([[0, 1], [1, 2]]))).toThrow(/zero diagonal/);
  });
});

describe('IC(0)', () => {
  it('is exact for a tridiagonal SPD matrix (no fill to drop)', () => {
    const A = tridiagonalMMatrix(50, 1, 0); // symmetric 1D Laplacian
    const pc = new IC0Preconditioner();
    pc.setup(A);
    const r = randomVector(A.n, 7), z = new Float64Array(A.n);
    pc.apply(r, z);
    // Exact Cholesky of a matrix with condition ~1e3: forward/backward error ~1e-13.
    expect(relError(z, exactSolve(A, r))).toBeLessThan(1e-12);
    expect(pc.shift).toBe(0);
  });

  it('reproduces A on its pattern and drops fill on the 5-point Laplacian', () => {
    const A = laplace2d(5);
    const pc = new IC0Preconditioner();
    pc.setup(A);
    const { onPattern, offPattern } = patternMismatch(denseOperator(pc, A.n), A);
    // Defining property of IC(0): (L·Lᵀ)_ij = a_ij on the pattern; entries O(1), dense inverse round-off ~1e-13.
    expect(onPattern).toBeLessThan(1e-11);
    expect(offPattern).toBeGreaterThan(0.05); // the dropped fill is not negligible: it is incomplete
  });

  it('shifts the diagonal when IC(0) breaks down (Kershaw 1978 SPD matrix) and still preconditions', () => {
    const K = [[3, -2, 0, 2], [-2, 3, -2, 0], [0, -2, 3, -2], [2, 0, -2, 3]]; // eigenvalues 3 ± 2√2 > 0
    const A = dropZeros(denseToCsr(K)); // IC(0) pattern without the (0,2), (1,3) zeros
    const pc = new IC0Preconditioner();
    pc.setup(A);
    expect(pc.shift).toBeGreaterThan(0);
    expect(pc.shiftAttempts).toBeGreaterThan(0);
    // M = L·Lᵀ must be SPD: xᵀ·M·x > 0 for random x.
    const M = denseOperator(pc, 4);
    for (let s = 0; s < 20; s++) {
      const x = randomVector(4, 100 + s);
      const Mx = M.mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
      expect(Mx.reduce((acc, v, i) => acc + v * x[i]!, 0)).toBeGreaterThan(0);
    }
  });

  it('reuses its arrays for the same pattern and refactors new values correctly', () => {
    const A = laplace2d(6);
    const pc = new IC0Preconditioner();
    pc.setup(A);
    const before = (pc as unknown as { lVal: Float64Array }).lVal;
    const B = { ...A, values: A.values.map((v) => 2 * v) };
    pc.setup(B);
    expect((pc as unknown as { lVal: Float64Array }).lVal).toBe(before);
    const fresh = new IC0Preconditioner();
    fresh.setup(B);
    const r = randomVector(A.n, 9), z1 = new Float64Array(A.n), z2 = new Float64Array(A.n);
    pc.apply(r, z1);
    fresh.apply(r, z2);
    expect(Array.from(z1)).toEqual(Array.from(z2));
  });

  it('rejects a non-positive diagonal', () => {
    expect(() => new IC0Preconditioner().setup(denseToCsr([[1, 0], [0, -1]]))).toThrow(/not positive/);
  });
});

describe('ILU(0)', () => {
  it('is exact on a tridiagonal nonsymmetric M-matrix', () => {
    const A = tridiagonalMMatrix(80, 0.01, 1);
    const pc = new ILU0Preconditioner();
    pc.setup(A);
    const r = randomVector(A.n, 11), z = new Float64Array(A.n);
    pc.apply(r, z);
    // No fill for a tridiagonal matrix, so L·U = A; the M-matrix is well conditioned here (κ ~ 1e2).
    expect(relError(z, exactSolve(A, r))).toBeLessThan(1e-12);
  });

  it('reproduces A on its pattern for 2D convection–diffusion', () => {
    const A = convectionDiffusion2d(5, 0.1, 1, 0.5);
    const pc = new ILU0Preconditioner();
    pc.setup(A);
    const { onPattern, offPattern } = patternMismatch(denseOperator(pc, A.n), A);
    expect(onPattern).toBeLessThan(1e-12);
    expect(offPattern).toBeGreaterThan(1e-3);
  });

  it('reuses its arrays for the same pattern (even in new array objects) and refactors new values', () => {
    const A = convectionDiffusion2d(6, 0.1, 1, 0.5);
    const pc = new ILU0Preconditioner();
    pc.setup(A);
    const before = (pc as unknown as { lu: Float64Array }).lu;
    const B = { n: A.n, rowPtr: A.rowPtr.slice(), colIdx: A.colIdx.slice(), values: A.values.map((v) => v * (v > 0 ? 1.5 : 1)) };
    pc.setup(B);
    expect((pc as unknown as { lu: Float64Array }).lu).toBe(before);
    const fresh = new ILU0Preconditioner();
    fresh.setup(B);
    const r = randomVector(A.n, 12), z1 = new Float64Array(A.n), z2 = new Float64Array(A.n);
    pc.apply(r, z1);
    fresh.apply(r, z2);
    expect(Array.from(z1)).toEqual(Array.from(z2));
  });

  it('throws a clear error on a zero pivot', () => {
    expect(() => new ILU0Preconditioner().setup(denseToCsr([[1, 1], [1, 1]]))).toThrow(/pivot/);
  });
});

function dropZeros(A: CsrMatrix): CsrMatrix {
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < A.n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) {
    if (A.values[k] !== 0) { rows.push(i); cols.push(A.colIdx[k]!); vals.push(A.values[k]!); }
  }
  const rowPtr = new Int32Array(A.n + 1);
  for (const r of rows) rowPtr[r + 1]!++;
  for (let i = 0; i < A.n; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { n: A.n, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}
