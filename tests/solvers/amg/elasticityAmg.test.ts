import { describe, it, expect } from 'vitest';
import { createAmgPreconditioner, rigidBodyModes2D } from '../../../src/solvers/amg/index.js';
import { elasticityP1 } from './helpers/structuredFem.js';
import { pcg } from './helpers/pcg.js';
import { bandedCholeskySolve } from './helpers/bandedCholesky.js';

const REL_TOL = 1e-8;
const E = 1, NU = 0.3;

describe('SA-AMG + CG on P1 plane-strain elasticity (E = 1, ν = 0.3, clamped bottom)', () => {
  it('with rigid-body modes: bounded iterations over 32², 64², 128², fewer than translations only', () => {
    const withRbm: number[] = [];
    const translationsOnly: number[] = [];
    for (const N of [32, 64, 128]) {
      const sys = elasticityP1(N, E, NU);
      const M = createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: rigidBodyModes2D(sys.coords) });
      M.setup(sys.A);
      expect(M.operatorComplexity).toBeLessThan(2);
      expect(M.levelInfo[1]!.blockSize).toBe(3); // coarse nodes carry the 3 modes
      const x = new Float64Array(sys.A.n);
      const res = pcg(sys.A, sys.b, x, M, REL_TOL);
      expect(res.converged).toBe(true);
      expect(res.relResidual).toBeLessThan(1.01 * REL_TOL);
      withRbm.push(res.iterations);

      const M2 = createAmgPreconditioner({ blockSize: 2 }); // default near-nullspace: the 2 translations
      M2.setup(sys.A);
      const x2 = new Float64Array(sys.A.n);
      const res2 = pcg(sys.A, sys.b, x2, M2, REL_TOL);
      expect(res2.converged).toBe(true);
      translationsOnly.push(res2.iterations);
    }
    // Measured 16, 18, 20 with rigid-body modes and 27, 32, 38 with translations only: without the rotation
    // mode the coarse spaces cannot represent bending, and the count grows faster with the mesh.
    for (const it of withRbm) expect(it).toBeLessThanOrEqual(25);
    expect(withRbm[2]!).toBeLessThanOrEqual(1.3 * withRbm[0]!);
    for (let s = 0; s < 3; s++) expect(withRbm[s]!).toBeLessThan(translationsOnly[s]!);
    expect(translationsOnly[2]!).toBeGreaterThan(1.5 * withRbm[2]!);
  });

  it('matches a banded-Cholesky direct solve at 24² and is symmetric', () => {
    const sys = elasticityP1(24, E, NU);
    const xRef = bandedCholeskySolve(sys.A, sys.b);
    const M = createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: rigidBodyModes2D(sys.coords) });
    M.setup(sys.A);
    const x = new Float64Array(sys.A.n);
    pcg(sys.A, sys.b, x, M, 1e-10);
    let e2 = 0, r2 = 0;
    for (let i = 0; i < sys.A.n; i++) { e2 += (x[i]! - xRef[i]!) ** 2; r2 += xRef[i]! ** 2; }
    // Clamped-plate elasticity at h = 1/24 has κ ≈ 1e4; relTol 1e-10 bounds the relative error by ~1e-6.
    expect(Math.sqrt(e2 / r2)).toBeLessThan(1e-6);

    let s = 9;
    const rand = (): number => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296 - 0.5; };
    const u = Float64Array.from({ length: sys.A.n }, rand), v = Float64Array.from({ length: sys.A.n }, rand);
    const mu = new Float64Array(sys.A.n), mv = new Float64Array(sys.A.n);
    M.apply(u, mu);
    M.apply(v, mv);
    let uMv = 0, vMu = 0;
    for (let i = 0; i < sys.A.n; i++) { uMv += u[i]! * mv[i]!; vMu += v[i]! * mu[i]!; }
    expect(Math.abs(uMv - vMu)).toBeLessThan(1e-10 * Math.abs(uMv));
  });

  it('rejects a near-nullspace of the wrong length', () => {
    const sys = elasticityP1(4, E, NU);
    const M = createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: new Float64Array(7) });
    expect(() => M.setup(sys.A)).toThrow(/near-nullspace/);
  });
});
