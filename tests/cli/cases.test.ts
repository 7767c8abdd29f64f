import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCaseFile } from '../../src/case/parseCase.js';
import { runCase } from '../../src/case/runCase.js';

const CASES = resolve(__dirname, '../../cases');

/** Runs a shipped case in-process into a temporary directory and returns results.json. */
function run(name: string): any {
  const out = mkdtempSync(join(tmpdir(), `ecmfem-case-${name}-`));
  rmSync(out, { recursive: true });
  const spec = readCaseFile(join(CASES, `${name}.json`));
  const r = runCase(spec, { caseDir: CASES, outDir: out });
  for (const f of r.files) expect(existsSync(join(out, f)), f).toBe(true);
  rmSync(out, { recursive: true, force: true });
  return r.results;
}

describe('shipped example cases run and reproduce their closed forms', () => {
  it('every case file in cases/ validates', () => {
    const files = readdirSync(CASES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(() => readCaseFile(join(CASES, f)), f).not.toThrow();
  });

  it('series-layers: electrode potential = I·Σ L_i/σ_i (exact in P1)', () => {
    const r = run('series-layers');
    const I = 1e-5, width = 1e-6;
    const R = (1e-6 / 0.2 + 0.2e-6 / 1e4 + 2e-6 / 100) / width;
    expect(Math.abs(r.metrics.ohmic.electrodePotentials.bottom - I * R) / (I * R)).toBeLessThan(1e-9);
    expect(r.metrics.ohmic.conservationError).toBeLessThan(1e-8);
  });

  it('core-shell-sphere: core hydrostatic stress +21.672 GPa (physics-reference §6.1) within 1 %', () => {
    const r = run('core-shell-sphere');
    const core = r.metrics.mechanics.regionPeaks.core;
    // The core stress is uniform and hydrostatic: both extremes of the hydrostatic stress sit within 1 %.
    expect(Math.abs(core.minHydrostatic / 21.672e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(core.maxHydrostatic / 21.672e9 - 1)).toBeLessThan(0.01);
    expect(r.assumptions.mechanics.strainMeasure).toBe('engineering');
  });

  it('default case: the contact current leaves through the collector (conservation < 1e-8)', () => {
    const r = run('default');
    const c = r.metrics.ohmic.boundaryCurrents;
    expect(c.contact.method).toBe('prescribed');
    expect(Math.abs(c.contact.inward + c.top.inward) / c.contact.inward).toBeLessThan(1e-8);
  });
});
