import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';

const CASE = resolve(__dirname, '../../cases/series-layers.json');
const BIN = resolve(__dirname, '../../bin/ecmfem.js');
const SETS = ['--set', 'materials.Li6PS5Cl.conductivity=2 mS/cm,4 mS/cm', '--set', 'ohmic.boundaryConditions[0].value=1e-5,3e-5'];

/** Series resistance of the series-layers stack per metre of depth (Ω·m): Σ L_i/σ_i / width, SI. */
function seriesR(sigmaSse: number): number {
  const width = 1e-6;
  return (1e-6 / sigmaSse + 0.2e-6 / 1e4 + 2e-6 / 100) / width;
}

/** Runs the CLI in-process; returns the exit code and everything written to stderr/stdout. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: any) => { stderr += String(c); return true; });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: any) => { stdout += String(c); return true; });
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) { saved[k] = process.env[k]; if (env[k] === undefined) delete process.env[k]; else process.env[k] = env[k]; }
  try {
    const code = await main(argv);
    return { code, stderr, stdout };
  } finally {
    e.mockRestore();
    o.mockRestore();
    for (const k of Object.keys(saved)) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  }
}

function csvRows(text: string): Record<string, string>[] {
  // the values here hold no quoted commas except in the header's absent fields: a plain split is enough
  const [head, ...rows] = text.trimEnd().split('\n');
  const cols = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, k) => [cols[k]!, v])));
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ecmfem-sweep-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('ecmfem sweep: validation before anything runs', async () => {
  it('a bad value exits 2 naming the member index, its values and the JSON path; nothing is written', async () => {
    const out = join(tmp, 'bad-value');
    const r = await cli(['sweep', CASE, '--set', 'materials.Li6PS5Cl.conductivity=2 mS/cm,-3 mS/cm', '--set', 'refine=0,1', '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    // member 2 = second conductivity (slowest set) with refine 0
    expect(lines[0]).toMatch(/^ecmfem: error: sweep member 2 of 4 \(materials\.Li6PS5Cl\.conductivity="-3 mS\/cm", refine=0\): materials\.Li6PS5Cl\.conductivity: must be > 0/);
    expect(existsSync(out)).toBe(false);
  });

  it('a path that does not exist in the case exits 2 naming it', async () => {
    const out = join(tmp, 'bad-path');
    const r = await cli(['sweep', CASE, '--set', 'ohmic.boundaryConditions[2].value=1,2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecmfem: error: sweep member 0 of 2 .*'ohmic\.boundaryConditions\[2\]' does not exist \('ohmic\.boundaryConditions' has 2 entries\)\n$/);
    const r2 = await cli(['sweep', CASE, '--set', 'materials.gold.conductivity=1', '--out', out]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/'materials\.gold' does not exist in the case/);
    const r3 = await cli(['sweep', CASE, '--set', 'materials.Li6PS5Cl.colour=1', '--out', out]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/materials\.Li6PS5Cl: unknown key\(s\) 'colour'/);
    expect(existsSync(out)).toBe(false);
  });

  it('a name that only the mesh can check (unknown boundary) fails up front for a whole sweep', async () => {
    const out = join(tmp, 'bad-boundary');
    const r = await cli(['sweep', CASE, '--set', 'ohmic.boundaryConditions[1].boundary=top,tpo', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecmfem: error: sweep member 1 of 2 \(ohmic\.boundaryConditions\[1\]\.boundary="tpo"\): ohmic\.boundaryConditions\[1\]\.boundary: unknown boundary 'tpo'/);
    expect(existsSync(out)).toBe(false);
  });

  it('bad --index / SLURM_ARRAY_TASK_ID values exit 2', async () => {
    const out = join(tmp, 'bad-index');
    expect((await cli(['sweep', CASE, ...SETS, '--out', out, '--index', '4'])).stderr).toMatch(/--index 4 is outside the sweep's members \[0, 4\)/);
    expect((await cli(['sweep', CASE, ...SETS, '--out', out, '--index', '-1'])).code).toBe(2);
    const r = await cli(['sweep', CASE, ...SETS, '--out', out], { SLURM_ARRAY_TASK_ID: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid SLURM_ARRAY_TASK_ID 'x'/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('ecmfem sweep: running members and collecting', async () => {
  it('runs all 4 members; collect gives one CSV row per member with V = I·R', async () => {
    const out = join(tmp, 'all');
    const r = await cli(['sweep', CASE, ...SETS, '--out', out, '--quiet'], { SLURM_ARRAY_TASK_ID: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['member-0000', 'member-0001', 'member-0002', 'member-0003', 'sweep.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(manifest.count).toBe(4);
    expect(manifest.members[1]).toEqual({ index: 1, dir: 'member-0001', values: { 'materials.Li6PS5Cl.conductivity': '2 mS/cm', 'ohmic.boundaryConditions[0].value': 3e-5 } });

    const c = await cli(['collect', out]);
    expect(c.code).toBe(0);
    const rows = csvRows(readFileSync(join(out, 'collected.csv'), 'utf8'));
    expect(rows).toHaveLength(4);
    // member i: σ_sse from the slowest set (2, 4 mS/cm = 0.2, 0.4 S/m), I from the fastest (1e-5, 3e-5 A/m)
    const expected = [[0.2, 1e-5], [0.2, 3e-5], [0.4, 1e-5], [0.4, 3e-5]] as const;
    rows.forEach((row, i) => {
      const [sigma, I] = expected[i]!;
      expect(row.member).toBe(String(i));
      expect(row.status).toBe('ok');
      expect(Number(row['ohmic.boundaryConditions[0].value'])).toBe(I);
      // P1 reproduces the piecewise-linear 1D potential exactly: only round-off (solver residual ~1e-12) remains
      const V = Number(row['metrics.ohmic.electrodePotentials.bottom']);
      expect(Math.abs(V - I * seriesR(sigma)) / (I * seriesR(sigma))).toBeLessThan(1e-9);
      expect(Number(row['metrics.ohmic.conservationError'])).toBeLessThan(1e-8);
    });

    // a deleted member is reported missing, exit 1, and still has its row (status missing, values kept)
    rmSync(join(out, 'member-0002'), { recursive: true });
    const c2 = await cli(['collect', out]);
    expect(c2.code).toBe(1);
    expect(c2.stderr).toMatch(/member-0002 missing/);
    expect(c2.stderr).toMatch(/3\/4 members ok; missing \[2\], failed \[\]; resubmit with sbatch --array=2 /);
    const rows2 = csvRows(readFileSync(join(out, 'collected.csv'), 'utf8'));
    expect(rows2[2]!.status).toBe('missing');
    expect(rows2[2]!['metrics.ohmic.electrodePotentials.bottom']).toBe('');
    expect(rows2[2]!['ohmic.boundaryConditions[0].value']).toBe('0.00001');

    // re-running only that member repairs the sweep
    expect((await cli(['sweep', CASE, ...SETS, '--out', out, '--index', '2', '--quiet'])).code).toBe(0);
    expect((await cli(['collect', out, '--quiet'])).code).toBe(0);
  });

  it('runs one member from --index and from SLURM_ARRAY_TASK_ID', async () => {
    const out = join(tmp, 'one');
    expect((await cli(['sweep', CASE, ...SETS, '--out', out, '--index', '1', '--quiet'])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['member-0001', 'sweep.json']);
    const r = await cli(['sweep', CASE, ...SETS, '--out', out, '--quiet'], { SLURM_ARRAY_TASK_ID: '3' });
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['member-0001', 'member-0003', 'sweep.json']);
    const res = JSON.parse(readFileSync(join(out, 'member-0003', 'results.json'), 'utf8'));
    const V = res.metrics.ohmic.electrodePotentials.bottom;
    expect(Math.abs(V / (3e-5 * seriesR(0.4)) - 1)).toBeLessThan(1e-9);
    const c = await cli(['collect', out]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/missing \[0,2\]/);
  });

  it('a member that fails at run time writes FAILED, the sweep exits non-zero, collect lists it as failed', async () => {
    const out = join(tmp, 'fail');
    // --index runs skip the all-member mesh check, so the bad boundary of member 1 surfaces while running it
    const r = await cli(['sweep', CASE, '--set', 'ohmic.boundaryConditions[1].boundary=top,tpo', '--out', out, '--index', '1', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecmfem: sweep member-0001 failed: error: ohmic\.boundaryConditions\[1\]\.boundary: unknown boundary 'tpo'/);
    expect(readFileSync(join(out, 'member-0001', 'FAILED'), 'utf8')).toMatch(/^error: .*unknown boundary 'tpo'.*\n$/);
    expect(existsSync(join(out, 'member-0001', 'results.json'))).toBe(false);
    expect((await cli(['sweep', CASE, '--set', 'ohmic.boundaryConditions[1].boundary=top,tpo', '--out', out, '--index', '0', '--quiet'])).code).toBe(0);
    const c = await cli(['collect', out]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/member-0001 failed: error: .*unknown boundary 'tpo'/);
    expect(c.stderr).toMatch(/1\/2 members ok; missing \[\], failed \[1\]/);
    const csv = readFileSync(join(out, 'collected.csv'), 'utf8');
    expect(csv.split('\n')[2]).toMatch(/^1,member-0001,failed,"error: .*unknown boundary 'tpo'/);
  });

  it('refuses to mix two different sweeps in one directory', async () => {
    const out = join(tmp, 'mix');
    expect((await cli(['sweep', CASE, '--set', 'refine=0', '--out', out, '--index', '0', '--quiet'])).code).toBe(0);
    const r = await cli(['sweep', CASE, '--set', 'refine=0,1', '--out', out, '--index', '0', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds a different sweep/);
  });

  it('collect on a directory that is not a sweep exits 2', async () => {
    const d = join(tmp, 'not-a-sweep');
    const r = await cli(['collect', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecmfem: error: '.*not-a-sweep' is not a sweep directory/);
    writeFileSync(join(tmp, 'sweep.json'), '{"kind":"other"}');
    expect((await cli(['collect', tmp])).stderr).toMatch(/is not an ecmfem sweep manifest/);
    rmSync(join(tmp, 'sweep.json'));
  });

  it('--emit-sbatch writes the array script, the manifest and the logs folder, and runs nothing', async () => {
    const out = join(tmp, 'sb');
    const r = await cli(['sweep', CASE, ...SETS, '--out', out, '--emit-sbatch', '--cpus-per-task', '2', '--time', '00:10:00', '--quiet']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['logs', 'sweep.json', 'sweep.sbatch']);
    const text = readFileSync(join(out, 'sweep.sbatch'), 'utf8');
    expect(text).toMatch(/^#SBATCH --array=0-3$/m);
    expect(text).toMatch(/^#SBATCH --cpus-per-task=2$/m);
    expect(text).toMatch(/^#SBATCH --time=00:10:00$/m);
    expect(text).toContain(`#SBATCH --output=${out}/logs/%A_%a.out`);
    expect(text).toContain(`exec "\${ECMFEM_NODE:-node}" ${BIN} sweep ${CASE} --set 'materials.Li6PS5Cl.conductivity=2 mS/cm,4 mS/cm' --set 'ohmic.boundaryConditions[0].value=1e-5,3e-5' --index "$SLURM_ARRAY_TASK_ID" --out ${out} --quiet`);
    expect((await cli(['sweep', CASE, ...SETS, '--out', out, '--emit-sbatch', '--time', '1h'])).code).toBe(2);
    expect((await cli(['sweep', CASE, ...SETS, '--out', out, '--emit-sbatch', '--cpus-per-task', '0'])).code).toBe(2);
  });
});
