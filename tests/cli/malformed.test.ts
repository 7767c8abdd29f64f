import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/ecmfem.js');

/** A small valid case; each malformed variant changes one thing. */
function base(): any {
  return {
    name: 'ok-case',
    mesh: { generator: 'rectangleLayers', width: '1 um', nx: 2, layers: [{ name: 'si', thickness: '1 um', ny: 2 }] },
    materials: { si: { conductivity: '1 S/cm' } },
    regions: { si: 'si' },
    ohmic: { boundaryConditions: [
      { boundary: 'bottom', type: 'currentDensity', value: '1 mA/cm^2' },
      { boundary: 'top', type: 'potential', value: 0 },
    ] },
    outputs: { vtu: true, png: false },
  };
}

const cases: { label: string; mutate: (c: any) => any; expect: RegExp }[] = [
  { label: 'name of the wrong type', mutate: (c) => ({ ...c, name: 42 }), expect: /^name: .*string/ },
  { label: 'unknown top-level key', mutate: (c) => ({ ...c, solverz: {} }), expect: /unknown key.*'solverz'/ },
  { label: 'negative conductivity', mutate: (c) => { c.materials.si.conductivity = -1; return c; }, expect: /materials\.si\.conductivity: must be > 0/ },
  { label: 'NaN conductivity', mutate: (c) => { c.materials.si.conductivity = 'NaN S/m'; return c; }, expect: /materials\.si\.conductivity: cannot read/ },
  { label: 'wrong unit', mutate: (c) => { c.materials.si.conductivity = '1 V'; return c; }, expect: /conductivity: unit "V" is not a conductivity unit/ },
  { label: 'unknown region', mutate: (c) => { c.regions.sse = 'si'; return c; }, expect: /regions\.sse: unknown region 'sse'/ },
  { label: 'region without a material', mutate: (c) => { c.regions = {}; return c; }, expect: /mesh region 'si' has no material/ },
  { label: 'unknown material', mutate: (c) => { c.regions.si = 'gold'; return c; }, expect: /regions\.si: unknown material 'gold'/ },
  { label: 'unknown boundary', mutate: (c) => { c.ohmic.boundaryConditions[0].boundary = 'botom'; return c; }, expect: /boundaryConditions\[0\]\.boundary: unknown boundary 'botom'/ },
  { label: 'no potential BC', mutate: (c) => { c.ohmic.boundaryConditions.pop(); return c; }, expect: /at least one 'potential'/ },
  { label: 'missing BCs', mutate: (c) => { c.ohmic.boundaryConditions = []; return c; }, expect: /ohmic\.boundaryConditions: .*>=1/ },
  { label: 'empty mesh (no layers)', mutate: (c) => { c.mesh.layers = []; return c; }, expect: /mesh\.layers: .*>=1/ },
  { label: 'zero divisions', mutate: (c) => { c.mesh.nx = 0; return c; }, expect: /mesh\.nx: .*>=1/ },
  { label: 'unknown generator', mutate: (c) => { c.mesh.generator = 'sphere'; return c; }, expect: /mesh\.generator/ },
  { label: 'element order 3', mutate: (c) => ({ ...c, elementOrder: 3 }), expect: /elementOrder/ },
  { label: 'plane total current in A', mutate: (c) => { c.ohmic.boundaryConditions[0] = { boundary: 'bottom', type: 'totalCurrent', value: '1 mA' }; return c; }, expect: /value: unit "mA" is not a currentPerLength unit/ },
  { label: 'missing mesh file', mutate: (c) => ({ ...c, mesh: { generator: 'file', path: 'nope.json' } }), expect: /mesh\.path: cannot read mesh file/ },
  { label: 'duplicate BC on one boundary', mutate: (c) => { c.ohmic.boundaryConditions.push({ boundary: 'top', type: 'potential', value: 1 }); return c; }, expect: /already has a condition/ },
];

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'ecmfem-bad-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
}

describe('malformed case files exit 2 with one line naming the problem and write nothing', () => {
  it('the valid base case runs (control)', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(base()));
    const r = run(['run', file, '--out', join(dir, 'out-ok'), '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'out-ok', 'results.json'))).toBe(true);
  });

  it('a file that is not JSON', () => {
    const file = join(dir, 'notjson.json');
    writeFileSync(file, '{ "name": ');
    const out = join(dir, 'out-notjson');
    const r = run(['run', file, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ecmfem: error: case file .* is not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });

  for (const [i, c] of cases.entries()) {
    it(c.label, () => {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, JSON.stringify(c.mutate(base())));
      const out = join(dir, `out-${i}`);
      const r = run(['run', file, '--out', out]);
      expect(r.status, r.stderr).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.replace(/^ecmfem: error: /, '')).toMatch(c.expect);
      expect(existsSync(out)).toBe(false);
      expect(r.stdout).toBe('');
    });
  }
});
