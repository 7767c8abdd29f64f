/**
 * Solves that cannot reach relTol in float64 are accepted on a rounding-level normwise backward error, by the
 * direct solver, the serial Krylov solvers and the pool's CG + AMG alike; genuinely unconverged solves still throw.
 * The system: a grid of conductances with σ = 1e4 everywhere except a layer of σ = 1e-4 (8 decades, like Li21Si5
 * vs SSE vs Si), grounded at the bottom, a tiny current injected along the top. Then ‖A‖‖x‖ ≫ ‖b‖ and the
 * relative residual bottoms out near ε·‖A‖‖x‖/‖b‖, far above relTol = 1e-12.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../../src/linalg/csr.js';
import { backwardError, BACKWARD_TOL } from '../../src/linalg/backwardError.js';
import { LinearSolveError } from '../../src/linalg/linearSolver.js';
import { createLinearSolver } from '../../src/solvers/createLinearSolver.js';
import { createAmgPreconditioner } from '../../src/solvers/amg/index.js';
import { createParallelAmgCg } from '../../src/parallel/parallelAmgCg.js';
import { createWorkerPool } from '../../src/parallel/pool.js';
import { relResidual } from '../solvers/matrices.js';

function layeredConductance(N: number): { A: CsrMatrix; b: Float64Array } {
  const sigma = (j: number): number => (j >= N / 2 && j < N / 2 + 3 ? 1e-4 : 1e4);
  const id = (i: number, j: number): number => j * N + i;
  const rowPtr = new Int32Array(N * N + 1), cols: number[] = [], vals: number[] = [];
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < N; i++) {
      const entries: [number, number][] = [];
      let diag = j === 0 ? 2 * sigma(0) : 0; // ground below the bottom row
      const link = (ii: number, jj: number, g: number): void => { entries.push([id(ii, jj), -g]); diag += g; };
      const hm = (a: number, c: number): number => (2 * a * c) / (a + c);
      if (j > 0) link(i, j - 1, hm(sigma(j), sigma(j - 1)));
      if (i > 0) link(i - 1, j, sigma(j));
      if (i < N - 1) link(i + 1, j, sigma(j));
      if (j < N - 1) link(i, j + 1, hm(sigma(j), sigma(j + 1)));
      entries.push([id(i, j), diag]);
      entries.sort((p, q) => p[0] - q[0]);
      for (const [c, v] of entries) { cols.push(c); vals.push(v); }
      rowPtr[id(i, j) + 1] = cols.length;
    }
  }
  const b = new Float64Array(N * N);
  for (let i = 0; i < N; i++) b[id(i, N - 1)] = 1e-9 / N;
  return { A: { n: N * N, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) }, b };
}

const N = 120;
const { A, b } = layeredConductance(N);
const RELTOL = 1e-12;
const direct = createLinearSolver({ method: 'direct', relTol: RELTOL });
const xd = new Float64Array(A.n);
direct.setup(A);
const rd = direct.solve(A, b, xd);

/** max |x − xd| / max |xd|. Forward error ≤ κ·β; with β ≤ 1e-13 and κ ~ 1e8·N² the solutions agree far below 1e-3. */
function forward(x: Float64Array): number {
  let d = 0, m = 0;
  for (let i = 0; i < x.length; i++) { d = Math.max(d, Math.abs(x[i]! - xd[i]!)); m = Math.max(m, Math.abs(xd[i]!)); }
  return d / m;
}

describe('rounding-floor acceptance (normwise backward error)', { timeout: 60_000 }, () => {
  const pool = createWorkerPool(2);
  afterAll(async () => { await pool.close(); });

  it('the test system really cannot reach relTol: the direct solution stops far above it', () => {
    expect(rd.relResidual).toBeGreaterThan(100 * RELTOL);
    expect(rd.converged).toBe(true);
    expect(backwardError(A, xd, b)).toBeLessThanOrEqual(BACKWARD_TOL);
  });

  it('pool CG + AMG and serial CG + AMG accept at the floor and agree with the direct solution', () => {
    const solvers = [
      createParallelAmgCg(pool, createAmgPreconditioner({ sharedMemory: true }), { relTol: RELTOL, maxIter: 400 }),
      createLinearSolver({ method: 'cg', preconditioner: 'amg', relTol: RELTOL, maxIter: 400 }, () => createAmgPreconditioner()),
    ];
    for (const s of solvers) {
      const x = new Float64Array(A.n);
      s.setup(A);
      const rep = s.solve(A, b, x);
      expect(rep.converged).toBe(true);
      expect(rep.relResidual).toBeGreaterThan(RELTOL); // accepted on β, not on relTol
      expect(backwardError(A, x, b)).toBeLessThanOrEqual(BACKWARD_TOL);
      expect(relResidual(A, x, b)).toBeLessThan(1e-3);
      expect(forward(x)).toBeLessThan(1e-6);
    }
  });

  it('an unconverged solve (2 iterations) is still an error', () => {
    const s = createLinearSolver({ method: 'cg', preconditioner: 'jacobi', relTol: RELTOL, maxIter: 2 });
    s.setup(A);
    expect(() => s.solve(A, b, new Float64Array(A.n))).toThrow(LinearSolveError);
    const p = createParallelAmgCg(pool, createAmgPreconditioner({ sharedMemory: true }), { relTol: RELTOL, maxIter: 2 });
    p.setup(A);
    expect(() => p.solve(A, b, new Float64Array(A.n))).toThrow(LinearSolveError);
  });
});
