import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { porousFiber } from '../../src/reproduce/porousFiber.js';

describe('reproduction porous-fiber (quick)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porous-fiber-'));
  const r = porousFiber.run({ outDir: dir, quick: true, log: () => {} });
  const m = r.metrics;

  it('dense fibre in the SE matches the plane-strain inclusion solution (PR §6.4) within 2 %', () => {
    // The case's own validation: mean in-plane fibre stress vs −3K₂μ₁β/(L₂+μ₁). A 12 µm free-edged matrix square
    // shifts it by ≈ −(1.2·a²/b²) ≈ −0.7 % (finite-cell composite cylinder); P2 discretisation adds < 0.5 %.
    expect(Math.abs(m.denseInclusionRelativeError as number)).toBeLessThan(0.02);
    expect(r.checks[0]!.pass).toBe(true);
    expect(m.denseInclusionReferenceGPa as number).toBeLessThan(0);
  });

  it('outward expansion and the peak SE stress fall with porosity; porosity hits the sweep targets', () => {
    const phi = m.porosity as number[];
    [0, 0.2, 0.4, 0.55].forEach((p, i) => expect(Math.abs(phi[i]! - p)).toBeLessThan(0.02));
    const out = m.outwardAreaChange as number[];
    const se = m.peakElectrolyteStressGPa as number[];
    for (let i = 1; i < out.length; i++) {
      expect(out[i]!).toBeLessThan(out[i - 1]!);
      expect(se[i]!).toBeLessThan(se[i - 1]!);
    }
    // Budget identity (divergence theorem): outward = solid + pore area change, to quadrature round-off.
    const solid = m.solidAreaChange as number[], pore = m.poreAreaChange as number[];
    out.forEach((o, i) => expect(Math.abs(o - solid[i]! - pore[i]!)).toBeLessThan(1e-3 * Math.abs(o)));
    // Dense free-standing plane-strain swelling would give 2β(1+ν) ≈ 0.74; the SE confinement lowers it.
    expect(out[0]!).toBeGreaterThan(0.3);
    expect(out[0]!).toBeLessThan(0.74);
  });

  it('is honest about the mismatch: the outer contour still grows at 55 % and the verdict says so', () => {
    const out = m.outwardAreaChange as number[];
    expect(out[out.length - 1]!).toBeGreaterThan(0.05);
    expect(r.checks.find((c) => c.quantity.startsWith('outward area change at 55'))!.pass).toBe(false);
    expect(r.verdict).toMatch(/not suppressed/);
  });

  it('writes the PNG figures it lists', () => {
    expect(r.figures.length).toBeGreaterThanOrEqual(4);
    for (const f of r.figures) expect(readFileSync(join(dir, f.file)).subarray(1, 4).toString()).toBe('PNG');
  });
});
