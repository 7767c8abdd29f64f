import { describe, expect, it } from 'vitest';
import { spmv, type CsrMatrix } from '../../../src/linalg/csr.js';
import { createAmgPreconditioner } from '../../../src/solvers/amg/index.js';
import { hybridGaussSeidel } from '../../../src/solvers/amg/smoothers.js';
import { inverseDiagonal, rowSumBound } from '../../../src/solvers/amg/amgHierarchy.js';
import { estimateLambdaMax } from '../../../src/solvers/amg/eigenEstimate.js';
import { elasticityP1, poissonP1 } from './helpers/structuredFem.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296 - 0.5; };
}

/**
 * Dense reference of one hybrid sweep: x ← x + M⁻¹(f − A·x) with M = D + ½·diag(Σ_off-block |a_ij|) + (strictly
 * lower (forward) or upper (backward) part of A inside the row's block), by dense triangular substitution.
 */
function denseSweep(A: CsrMatrix, f: Float64Array, x: Float64Array, block: number, backward: boolean): Float64Array {
  const n = A.n;
  const M = Array.from({ length: n }, () => new Float64Array(n));
  const r = new Float64Array(n);
  spmv(A, x, r);
  for (let i = 0; i < n; i++) {
    r[i] = f[i]! - r[i]!;
    const b0 = Math.floor(i / block) * block, b1 = Math.min(n, b0 + block);
    for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) {
      const j = A.colIdx[k]!, v = A.values[k]!;
      if (j === i) M[i]![i]! += v;
      else if (j < b0 || j >= b1) M[i]![i]! += 0.5 * Math.abs(v);
      else if (backward ? j > i : j < i) M[i]![j] = v;
    }
  }
  const e = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const i = backward ? n - 1 - q : q;
    let s = r[i]!;
    for (let j = 0; j < n; j++) if (j !== i) s -= M[i]![j]! * e[j]!;
    e[i] = s / M[i]![i]!;
  }
  return x.map((xi, i) => xi + e[i]!);
}

describe('hybrid l1 Gauss–Seidel smoother', () => {
  it('matches a dense triangular solve per sweep, forward from zero and from a guess, and backward', () => {
    const { A } = poissonP1(9); // 64 interior unknowns
    const n = A.n, rand = rng(5);
    const inv = new Float64Array(n);
    inverseDiagonal(A, inv);
    const f = Float64Array.from({ length: n }, rand), x0 = Float64Array.from({ length: n }, rand);
    const old = new Float64Array(n);
    for (const block of [7, 16, n]) {
      for (const [backward, zero] of [[false, true], [false, false], [true, false], [true, true]] as const) {
        const x = zero ? new Float64Array(n).fill(NaN) : x0.slice(); // a zero guess must ignore the contents
        hybridGaussSeidel(A, inv, f, x, old, block, 1, backward, zero);
        const ref = denseSweep(A, f, zero ? new Float64Array(n) : x0, block, backward);
        // Same arithmetic up to summation order and s/(d + l1) vs inv·s: rounding only (values O(1), n = 64).
        for (let i = 0; i < n; i++) expect(Math.abs(x[i]! - ref[i]!)).toBeLessThan(1e-12);
      }
    }
  });

  it('gives a symmetric V-cycle and converging CG on elasticity with blocks that split the domain into many parts', () => {
    const sys = elasticityP1(16, 1, 0.3);
    const M = createAmgPreconditioner({ blockSize: 2, smoother: 'gs-hybrid', gsBlockRows: 24, maxCoarse: 40 });
    M.setup(sys.A);
    const rand = rng(9);
    const u = Float64Array.from({ length: sys.A.n }, rand), v = Float64Array.from({ length: sys.A.n }, rand);
    const mu = new Float64Array(sys.A.n), mv = new Float64Array(sys.A.n);
    M.apply(u, mu);
    M.apply(v, mv);
    let uMv = 0, vMu = 0, uMu = 0;
    for (let i = 0; i < sys.A.n; i++) { uMv += u[i]! * mv[i]!; vMu += v[i]! * mu[i]!; uMu += u[i]! * mu[i]!; }
    // Forward sweeps before and backward after the coarse correction are adjoint: equal up to rounding.
    expect(Math.abs(uMv - vMu)).toBeLessThan(1e-10 * Math.abs(uMv));
    // l1 weighting keeps M⁻¹ positive definite even with 24-row blocks (plain hybrid GS broke CG down there).
    expect(uMu).toBeGreaterThan(0);
  });

  it('rowSumBound is ‖D⁻¹A‖∞ and bounds λmax(D⁻¹A) from above (level-0 damping of Gauss–Seidel hierarchies)', () => {
    for (const { A } of [poissonP1(12), elasticityP1(8, 1, 0.3)]) {
      const inv = new Float64Array(A.n);
      inverseDiagonal(A, inv);
      let ref = 0;
      for (let i = 0; i < A.n; i++) {
        let s = 0;
        for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) s += Math.abs(A.values[k]!);
        ref = Math.max(ref, s * inv[i]!);
      }
      const bound = rowSumBound(A, inv);
      expect(bound).toBe(ref); // same sums in the same order
      // 60 Lanczos steps on ≤ 242 unknowns converge the top Ritz value to λmax: the bound must not be below it.
      const work = [0, 1, 2, 3, 4].map(() => new Float64Array(A.n));
      expect(bound).toBeGreaterThanOrEqual(estimateLambdaMax(A, inv, 60, work) * (1 - 1e-12));
    }
  });
});
