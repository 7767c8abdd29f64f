import { describe, it, expect } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import type { CsrMatrix } from '../../src/linalg/csr.js';
import { DirectSolver, isNumericallySymmetric } from '../../src/solvers/direct.js';
import { rcmOrdering } from '../../src/solvers/ordering.js';
import { convectionDiffusion2d, denseToCsr, laplace2d, multiply, permuteSymmetric, randomSpdDense, randomVector, relError, relResidual, rng } from './matrices.js';

function bandwidth(A: CsrMatrix): number {
  let bw = 0;
  for (let i = 0; i < A.n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) bw = Math.max(bw, Math.abs(i - A.colIdx[k]!));
  return bw;
}

function shuffled(n: number, seed: number): Int32Array {
  const r = rng(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); const t = p[i]!; p[i] = p[j]!; p[j] = t; }
  return p;
}

function denseSolve(dense: number[][], b: Float64Array): Float64Array {
  return Float64Array.from(solve(new Matrix(dense), Matrix.columnVector(Array.from(b))).getColumn(0));
}

describe('reverse Cuthill–McKee', () => {
  it('returns a permutation that restores a small bandwidth on a scrambled 5-point Laplacian', () => {
    const N = 30;
    const scrambled = permuteSymmetric(laplace2d(N), shuffled(N * N, 1));
    expect(bandwidth(scrambled)).toBeGreaterThan(10 * N);
    const perm = rcmOrdering(scrambled);
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: N * N }, (_, i) => i));
    // The natural order has bandwidth N; RCM level sets on a grid are anti-diagonals of ≤ N nodes,
    // so its bandwidth is at most about 2N (measured ≈ N + 1).
    expect(bandwidth(permuteSymmetric(scrambled, perm))).toBeLessThanOrEqual(2 * N);
  });

  it('handles disconnected graphs (block diagonal) and isolated nodes', () => {
    const dense = [[2, -1, 0, 0, 0], [-1, 2, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 2, -1], [0, 0, 0, -1, 2]];
    const perm = rcmOrdering(denseToCsr(dense));
    expect(Array.from(perm).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('direct profile solver', () => {
  it('LDLᵀ on the 5-point Laplacian: error ≤ 1e-10 relative, profile smaller than natural-order after scrambling', () => {
    const N = 40;
    const A = permuteSymmetric(laplace2d(N), shuffled(N * N, 2));
    const xStar = randomVector(A.n, 3);
    const b = multiply(A, xStar);
    const s = new DirectSolver();
    s.setup(A);
    const x = new Float64Array(A.n);
    const rep = s.solve(A, b, x);
    expect(rep.symmetric).toBe(true);
    // κ ≈ 690 and LDLᵀ of an SPD matrix is backward stable: error ~ κ·1e-16 ≪ 1e-10.
    expect(relError(x, xStar)).toBeLessThan(1e-10);
    expect(relResidual(A, x, b)).toBeLessThan(1e-13);
    // RCM envelope of a grid: ≈ N entries per row, i.e. ≤ 1.5·N·n (natural order of the scrambled matrix ~ n²/3).
    expect(rep.profileEntries).toBe(s.profileEntries);
    expect(rep.profileEntries).toBeLessThan(1.5 * N * A.n);
    const natural = new DirectSolver({ ordering: 'natural' });
    natural.setup(A);
    expect(natural.profileEntries).toBeGreaterThan(5 * rep.profileEntries);
    console.log(`direct N=40 Laplacian: profile RCM ${rep.profileEntries}, natural ${natural.profileEntries}, setup ${(rep.setupSeconds * 1e3).toFixed(1)} ms`);
  });

  it('LDLᵀ on a random SPD matrix matches ml-matrix LU', () => {
    const dense = randomSpdDense(50, 4);
    const b = randomVector(50, 5);
    const x = new Float64Array(50);
    new DirectSolver().solve(denseToCsr(dense), b, x);
    expect(relError(x, denseSolve(dense, b))).toBeLessThan(1e-12);
  });

  it('LU on nonsymmetric convection–diffusion and a dense nonsymmetric matrix matches the references', () => {
    const A = convectionDiffusion2d(30, 0.01, 1, -0.7);
    expect(isNumericallySymmetric(A, 1e-13)).toBe(false);
    const xStar = randomVector(A.n, 6);
    const b = multiply(A, xStar);
    const x = new Float64Array(A.n);
    const rep = new DirectSolver().solve(A, b, x);
    expect(rep.symmetric).toBe(false);
    expect(relError(x, xStar)).toBeLessThan(1e-10);

    const n = 20;
    const r = randomVector(n * n, 7);
    const dense = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => r[i * n + j]! + (i === j ? 5 : 0)));
    const bd = randomVector(n, 8);
    const xd = new Float64Array(n);
    new DirectSolver().solve(denseToCsr(dense), bd, xd);
    // Diagonally dominant-ish random matrix, κ ~ 10: LU without pivoting is stable here.
    expect(relError(xd, denseSolve(dense, bd))).toBeLessThan(1e-12);
  });

  it('refactors new values on the same pattern', () => {
    const A = laplace2d(10);
    const s = new DirectSolver();
    s.setup(A);
    const ordering = (s as unknown as { ordering: unknown }).ordering;
    const B = { ...A, values: A.values.map((v) => (v > 0 ? v + 1 : v)) }; // diagonal 4 → 5, same pattern
    s.setup(B);
    expect((s as unknown as { ordering: unknown }).ordering).toBe(ordering); // symbolic work reused
    const xStar = randomVector(A.n, 9);
    const x = new Float64Array(A.n);
    s.solve(B, multiply(B, xStar), x);
    expect(relError(x, xStar)).toBeLessThan(1e-12);
  });

  it('throws a clear error on a zero pivot or a singular matrix', () => {
    expect(() => new DirectSolver().setup(denseToCsr([[0, 1], [1, 0]]))).toThrow(/pivot/);
    expect(() => new DirectSolver().setup(denseToCsr([[1, 2], [2, 4]]))).toThrow(/pivot/);
    expect(() => new DirectSolver().setup(denseToCsr([[1, 2], [3, 6]]))).toThrow(/LU/);
  });

  it('b = 0 gives x = 0', () => {
    const A = laplace2d(4);
    const x = randomVector(A.n, 1);
    const rep = new DirectSolver().solve(A, new Float64Array(A.n), x);
    expect(rep.converged).toBe(true);
    expect(Array.from(x).every((v) => v === 0)).toBe(true);
  });
});
