import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** results.json without what may legitimately differ between runs: wall times and the solver's thread label. */
function comparable(file: string): unknown {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete r.timings;
  return JSON.parse(JSON.stringify(r, (k, v: unknown) => (/seconds$/i.test(k) ? undefined : k === 'solver' && typeof v === 'string' ? v.replace(/\(\d+ threads\)/, '') : v)));
}

describe('ecmfem run --threads', { timeout: 60_000 }, () => {
  it('the same CG + AMG case with 1, 2 and 4 threads writes identical results.json numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-threads-'));
    try {
      // The shipped constriction case, forced onto CG + AMG (by default it is small enough for the direct solver).
      const spec = JSON.parse(readFileSync(join(root, 'cases/default.json'), 'utf8')) as Record<string, any>;
      spec.ohmic.solver = { method: 'cg', preconditioner: 'amg', relTol: 1e-10, maxIter: 500 };
      spec.outputs = { vtu: false, png: false };
      writeFileSync(join(dir, 'case.json'), JSON.stringify(spec));
      const outs = [1, 2, 4].map((t) => {
        const out = join(dir, `out${t}`);
        const r = spawnSync(process.execPath, [join(root, 'bin/ecmfem.js'), 'run', join(dir, 'case.json'), '--out', out, '--threads', String(t), '--quiet'], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return comparable(join(out, 'results.json'));
      });
      const first = outs[0] as { solverReports: { ohmic: { iterations: number; converged: boolean } } };
      expect(first.solverReports.ohmic.converged).toBe(true);
      expect(first.solverReports.ohmic.iterations).toBeGreaterThan(0);
      expect(outs[1]).toEqual(outs[0]);
      expect(outs[2]).toEqual(outs[0]);
      expect(spawnSync(process.execPath, [join(root, 'bin/ecmfem.js'), 'run', join(dir, 'case.json'), '--threads', '0'], { encoding: 'utf8' }).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
