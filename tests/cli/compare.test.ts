import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/ecmfem.js');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('ecmfem compare and the COMSOL text export', () => {
  it('a result compared with its own COMSOL export differs by 0; a perturbed export by the known amount', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-compare-'));
    try {
      const c = JSON.parse(readFileSync(resolve(__dirname, '../../cases/series-layers.json'), 'utf8'));
      c.outputs = { comsolText: true, png: false };
      writeFileSync(join(dir, 'c.json'), JSON.stringify(c));
      expect(run(['run', join(dir, 'c.json'), '--out', join(dir, 'out'), '-q']).status).toBe(0);
      const same = run(['compare', join(dir, 'out'), join(dir, 'out', 'fields.txt'), '--field', 'V', '--json']);
      expect(same.status, same.stderr).toBe(0);
      const r0 = JSON.parse(same.stdout);
      expect(r0.nCompared).toBe(r0.nPoints);
      expect(r0.maxRelative).toBeLessThan(1e-14); // same nodes: interpolation is exact at vertices
      // Scale V by 1.01 in the export: the relative L2 difference must be 1/101 (ours = theirs / 1.01).
      const text = readFileSync(join(dir, 'out', 'fields.txt'), 'utf8').split('\n').map((l) => {
        if (l.startsWith('%') || !l.trim()) return l;
        const f = l.trim().split(/\s+/);
        f[2] = String(Number(f[2]) * 1.01);
        return f.join(' ');
      }).join('\n');
      writeFileSync(join(dir, 'scaled.txt'), text);
      const r1 = JSON.parse(run(['compare', join(dir, 'out', 'fields.vtu'), join(dir, 'scaled.txt'), '--field', 'V [V]', '--json']).stdout);
      expect(Math.abs(r1.l2Relative - 0.01 / 1.01)).toBeLessThan(1e-12);
      // Two VTUs on different meshes (refine 1 vs 0) compared on a common grid: the potential is piecewise linear
      // in y and exact on both meshes, so only round-off remains.
      const fine = { ...c, refine: 1, outputs: { png: false } };
      writeFileSync(join(dir, 'fine.json'), JSON.stringify(fine));
      expect(run(['run', join(dir, 'fine.json'), '--out', join(dir, 'fine'), '-q']).status).toBe(0);
      const g = JSON.parse(run(['compare', join(dir, 'out'), join(dir, 'fine'), '--field', 'V', '--grid', '60x200', '--json']).stdout);
      expect(g.nCompared).toBeGreaterThan(60 * 200 * 0.95);
      expect(g.maxRelative).toBeLessThan(1e-9);
      const bad = run(['compare', join(dir, 'out'), join(dir, 'scaled.txt'), '--field', 'nope']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/no field 'nope'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
