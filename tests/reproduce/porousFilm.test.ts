import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { porousFilm } from '../../src/reproduce/porousFilm.js';
import { volumeRatio, youngsModulusLixSi, poissonRatioLixSi } from '../../src/materials/lithiumSilicon.js';

describe('reproduction porous-film (quick)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porous-film-'));
  const r = porousFilm.run({ outDir: dir, quick: true, log: () => {} });
  const m = r.metrics;
  const x = 2880 / 954.28;
  const Vr = volumeRatio(x), nu = poissonRatioLixSi(x), E = youngsModulusLixSi(x), beta = Math.cbrt(Vr) - 1;

  it('dense film matches the laterally clamped thin-film closed form (PR §6.5)', () => {
    // Uniform field: P2 reproduces it to solver tolerance, so 1e-3 is generous.
    expect(Math.abs((m['thicknessRatio.dense'] as number) / (1 + (beta * (1 + nu)) / (1 - nu)) - 1)).toBeLessThan(1e-3);
    expect(Math.abs((m['inPlaneStressGPa.dense'] as number) / ((-E * beta) / (1 - nu) / 1e9) - 1)).toBeLessThan(1e-3);
  });

  it('linear elasticity does not push all swelling into thickness; only the ν → 0.5, linearized limit approaches V/V0', () => {
    // Engineering β with the material ν: thickness ratio far below V/V0 (the honest gap the verdict reports).
    expect(m['thicknessRatio.dense'] as number).toBeLessThan(0.7 * Vr);
    const limit = r.sensitivity!.find((s) => String(s.variant).includes('0.49'))!;
    // ε_yy = (V/V0 − 1)/3 · (1+ν)/(1−ν) → V/V0 − 1 as ν → 0.5; at ν = 0.49 the factor is 0.974.
    expect(Math.abs((limit.thicknessRatio_dense as number) / Vr - 1)).toBeLessThan(0.03);
    expect(r.checks.find((c) => c.quantity.startsWith('dense film thickness ratio at'))!.pass).toBe(false);
    expect(r.verdict).toMatch(/Not reproduced/);
  });

  it('porous film: metrics present, porosity ≈ 40 %, pore changes consistent, figures written', () => {
    expect(Math.abs((m['porosity.porous'] as number) - 0.4)).toBeLessThan(0.02);
    expect(m['thicknessRatio.porous'] as number).toBeGreaterThan(1);
    expect(Number.isFinite(m.poreAbsorbedFraction as number)).toBe(true);
    // Pores relieve the lateral constraint: the mean σ_xx of the porous film is smaller in magnitude than the dense one.
    expect(Math.abs(m['inPlaneStressGPa.porous'] as number)).toBeLessThan(Math.abs(m['inPlaneStressGPa.dense'] as number));
    for (const f of r.figures) expect(readFileSync(join(dir, f.file)).subarray(1, 4).toString()).toBe('PNG');
  });
});
