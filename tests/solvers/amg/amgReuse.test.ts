import { describe, it, expect } from 'vitest';
import type { CsrMatrix } from '../../../src/linalg/csr.js';
import { createAmgPreconditioner } from '../../../src/solvers/amg/index.js';
import { poissonP1 } from './helpers/structuredFem.js';
import { pcg } from './helpers/pcg.js';

function withValues(A: CsrMatrix, values: Float64Array): CsrMatrix {
  return { n: A.n, rowPtr: A.rowPtr, colIdx: A.colIdx, values };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296 - 0.5; };
}

describe('AMG setup reuse (reuseAggregation, same pattern, new values)', () => {
  it('recomputes every value: a reused setup equals a fresh one on a symmetrically rescaled matrix', () => {
    const { A } = poissonP1(64);
    // S·A·S with a smooth positive S: same pattern, different values everywhere. With θ = 0 the strength
    // graph depends on the pattern only, so a fresh setup picks the same aggregates on every level.
    const S = Float64Array.from({ length: A.n }, (_, i) => 1 + 0.5 * Math.sin(i * 0.01));
    const v2 = new Float64Array(A.values.length);
    for (let i = 0; i < A.n; i++) for (let s = A.rowPtr[i]!; s < A.rowPtr[i + 1]!; s++) v2[s] = S[i]! * A.values[s]! * S[A.colIdx[s]!]!;
    const A2 = withValues(A, v2);

    const reused = createAmgPreconditioner({ reuseAggregation: true, strengthThreshold: 0 });
    reused.setup(A);
    const info1 = reused.levelInfo;
    reused.setup(A2);
    expect(reused.levelInfo).toEqual(info1);
    const fresh = createAmgPreconditioner({ strengthThreshold: 0 });
    fresh.setup(A2);
    // Same sizes; nnz may differ because a one-off build drops A's stored zeros from its patterns.
    expect(fresh.levelInfo.map((l) => l.n)).toEqual(info1.map((l) => l.n));

    const rand = rng(1);
    const r = Float64Array.from({ length: A.n }, rand);
    const z1 = new Float64Array(A.n), z2 = new Float64Array(A.n);
    reused.apply(r, z1);
    fresh.apply(r, z2);
    let d = 0, m = 0;
    for (let i = 0; i < A.n; i++) { d = Math.max(d, Math.abs(z1[i]! - z2[i]!)); m = Math.max(m, Math.abs(z2[i]!)); }
    // Same arithmetic in the same order except summation inside refilled products: round-off only.
    expect(d).toBeLessThan(1e-12 * m);
  });

  it('keeps the old aggregates when told to, and the refreshed hierarchy still converges', () => {
    const iso = poissonP1(96).A;
    const aniso = poissonP1(96, 0.01); // K = diag(1, 0.01): same pattern, strongly anisotropic values
    const fresh = createAmgPreconditioner({ strengthThreshold: 0.25 });
    fresh.setup(aniso.A);
    const reused = createAmgPreconditioner({ strengthThreshold: 0.25, reuseAggregation: true });
    reused.setup(iso);
    const isoInfo = reused.levelInfo;
    reused.setup(aniso.A);
    // With θ = 0.25 the anisotropic matrix coarsens along x only, so a fresh hierarchy differs; the reused
    // one keeps the isotropic aggregates.
    expect(fresh.levelInfo[1]!.n).not.toBe(isoInfo[1]!.n);
    expect(reused.levelInfo.map((l) => l.n)).toEqual(isoInfo.map((l) => l.n));
    const x = new Float64Array(iso.n);
    const res = pcg(aniso.A, aniso.b, x, reused, 1e-8);
    expect(res.converged).toBe(true);
    // The isotropic aggregates are a poor fit for this operator, but the values are right, so CG still
    // converges: measured 48 iterations, against 18 for a fresh anisotropy-aware setup.
    expect(res.iterations).toBeLessThan(80);
    const xf = new Float64Array(iso.n);
    expect(pcg(aniso.A, aniso.b, xf, fresh, 1e-8).iterations).toBeLessThan(res.iterations);
    // A different pattern forces a full rebuild even with reuse on.
    const small = poissonP1(32).A;
    reused.setup(small);
    expect(reused.levelInfo[0]!.n).toBe(small.n);
  });
});
