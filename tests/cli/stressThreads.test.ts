/**
 * `ecmfem run --threads 2` recovers stresses on the worker pool (casePool, cellAveragesOnPool /
 * recoverRegionNodalOnPool): the stress fields and the stress time series must be bitwise those of --threads 1.
 * Meshes are refined past one 2048-cell recovery chunk so the second thread takes cells. Needs `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** results.json without what may legitimately differ between runs: wall times and the solver's thread label. */
function comparable(file: string): Record<string, any> {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete r.timings;
  return JSON.parse(JSON.stringify(r, (k, v: unknown) => (/seconds$/i.test(k) ? undefined : k === 'solver' && typeof v === 'string' ? v.replace(/\(\d+ threads\)/, '') : v)));
}

function runBoth(dir: string, spec: Record<string, any>): string[] {
  writeFileSync(join(dir, 'case.json'), JSON.stringify(spec));
  return [1, 2].map((t) => {
    const out = join(dir, `out${t}`);
    const r = spawnSync(process.execPath, [join(root, 'bin/ecmfem.js'), 'run', join(dir, 'case.json'), '--out', out, '--threads', String(t), '--quiet'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return out;
  });
}

describe('stress recovery with ecmfem run --threads 1 and 2', { timeout: 60_000 }, () => {
  it('static axisymmetric P2 case: identical results.json and byte-identical stress fields (VTU)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-stress-threads-'));
    try {
      const spec = JSON.parse(readFileSync(join(root, 'cases/core-shell-sphere.json'), 'utf8')) as Record<string, any>;
      spec.mesh.h = '0.035 um';
      spec.outputs = { vtu: true, png: false };
      const [o1, o2] = runBoth(dir, spec);
      const r1 = comparable(join(o1!, 'results.json'));
      expect(r1.mesh.nCells).toBeGreaterThan(2048);
      expect(comparable(join(o2!, 'results.json'))).toEqual(r1);
      const v1 = readFileSync(join(o1!, 'fields.vtu')), v2 = readFileSync(join(o2!, 'fields.vtu'));
      // The cell-average and region-nodal stress fields are in the file.
      expect(v1.includes('stress_cell [Pa]')).toBe(true);
      expect(v1.includes('vonMises [Pa]')).toBe(true);
      expect(v2.equals(v1)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('coupled lithiation (materialAtQuad from the level set): identical stress time series', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-stress-threads-'));
    try {
      const spec = JSON.parse(readFileSync(join(root, 'cases/si-strip-lithiation.json'), 'utf8')) as Record<string, any>;
      spec.mesh.nx = 8;
      spec.mesh.layers[0].ny = 140; // 2240 cells
      spec.time.stopAt = { reactedFraction: 0.1 };
      spec.outputs = { vtu: false, png: false };
      const [o1, o2] = runBoth(dir, spec);
      const r1 = comparable(join(o1!, 'results.json'));
      expect(r1.mesh.nCells).toBeGreaterThan(2048);
      expect(comparable(join(o2!, 'results.json'))).toEqual(r1);
      const t1 = JSON.parse(readFileSync(join(o1!, 'timeseries.json'), 'utf8')) as Record<string, number[]>;
      // A row from cellAverages: the front's peak von Mises, positive at every recorded step.
      expect(t1.frontVonMisesMax!.length).toBeGreaterThan(2);
      expect(t1.frontVonMisesMax!.every((s) => s > 0 && Number.isFinite(s))).toBe(true);
      expect(readFileSync(join(o2!, 'timeseries.json')).equals(readFileSync(join(o1!, 'timeseries.json')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
