/**
 * `ecmfem sweep --threads`: validated before anything is written, recorded in each member's results.json
 * (`run.threads`, `run.wallSeconds`) and in collected.csv, passed on by `--emit-sbatch`, and without effect on
 * the numbers. The members are the series-layers stack refined to 17 745 unknowns with CG + AMG forced, so the
 * solves run on the thread pool in 3 chunks of 8192 rows (the second thread has work), not on the direct solver.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { setSolverThreads } from '../../src/case/createSolver.js';

const BASE = resolve(__dirname, '../../cases/series-layers.json');
const SETS = ['--set', 'materials.Li6PS5Cl.conductivity=2 mS/cm,4 mS/cm'];

/** Runs the CLI in-process with extra environment variables; returns the exit code and stderr. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: any) => { stderr += String(c); return true; });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) { saved[k] = process.env[k]; if (env[k] === undefined) delete process.env[k]; else process.env[k] = env[k]; }
  try {
    return { code: await main(argv), stderr };
  } finally {
    e.mockRestore();
    o.mockRestore();
    for (const k of Object.keys(saved)) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  }
}

/** A member's results.json without what may differ between runs: `run`, wall times and the solver's thread label. */
function comparable(file: string): string {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(r, (k, v: unknown) => (k === 'run' || k === 'timings' || /seconds/i.test(k) ? undefined
    : typeof v === 'string' ? v.replace(/\(\d+ threads\)/, '(N threads)') : v));
}

const NO_SLURM = { SLURM_ARRAY_TASK_ID: undefined, SLURM_CPUS_PER_TASK: undefined };
let tmp: string;
let CASE: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ecmfem-sweep-threads-'));
  const spec = JSON.parse(readFileSync(BASE, 'utf8'));
  spec.refine = 3; // (8·8+1)·(34·8+1) = 17 745 nodes
  spec.ohmic.solver = { method: 'cg', preconditioner: 'amg', relTol: 1e-10, maxIter: 500 };
  spec.outputs = { vtu: false, png: false };
  CASE = join(tmp, 'case.json');
  writeFileSync(CASE, JSON.stringify(spec));
});
afterAll(() => { setSolverThreads(1); rmSync(tmp, { recursive: true, force: true }); });

describe('ecmfem sweep --threads', () => {
  it('members run with 1 and 2 threads give identical results; threads and wall time are recorded and collected', async () => {
    const out = (t: number) => join(tmp, `t${t}`);
    for (const t of [1, 2]) {
      const r = await cli(['sweep', CASE, ...SETS, '--out', out(t), '--threads', String(t), '--quiet'], NO_SLURM);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    for (const m of ['member-0000', 'member-0001']) {
      const file = (t: number) => join(out(t), m, 'results.json');
      const [a, b] = [1, 2].map((t) => JSON.parse(readFileSync(file(t), 'utf8')));
      expect(a.run).toMatchObject({ command: 'sweep', threads: 1 });
      expect(b.run).toMatchObject({ command: 'sweep', threads: 2 });
      expect(b.run.wallSeconds).toBeGreaterThan(0);
      // the pool path: CG + AMG on the requested threads, more than one chunk of rows, converged
      expect(a.dofs.potential).toBe(17745);
      expect(b.solverReports.ohmic.solver).toMatch(/^parallel-cg\+amg.*\(2 threads\)/);
      expect(b.solverReports.ohmic.converged).toBe(true);
      expect(b.solverReports.ohmic.iterations).toBeGreaterThan(1);
      expect(Number.isFinite(b.metrics.ohmic.electrodePotentials.bottom)).toBe(true);
      // every number identical, including iteration counts and residuals
      expect(comparable(file(2)), m).toBe(comparable(file(1)));
    }
    expect((await cli(['collect', out(2), '--quiet'])).code).toBe(0);
    const [head, ...rows] = readFileSync(join(out(2), 'collected.csv'), 'utf8').trimEnd().split('\n');
    const cols = head!.split(',');
    expect(cols.slice(0, 7)).toEqual(['member', 'dir', 'status', 'error', 'materials.Li6PS5Cl.conductivity', 'run.threads', 'run.wallSeconds']);
    for (const row of rows) {
      const cells = row.split(',');
      expect(cells[5]).toBe('2');
      expect(Number(cells[6])).toBeGreaterThan(0);
    }
  }, 90_000);

  it('without --threads the members use SLURM_CPUS_PER_TASK', async () => {
    const out = join(tmp, 'slurm');
    // the base case (direct solver): no pool is started, so 3 threads on a 2-core machine cost nothing here
    const r = await cli(['sweep', BASE, '--set', 'refine=0', '--out', out, '--quiet'], { ...NO_SLURM, SLURM_CPUS_PER_TASK: '3' });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'member-0000', 'results.json'), 'utf8')).run.threads).toBe(3);
  });

  it.each([['0'], ['abc'], ['1025']])("--threads '%s' exits 2 with one line naming the flag and range; nothing is written", async (bad) => {
    const out = join(tmp, 'bad');
    for (const extra of [[], ['--emit-sbatch']]) {
      const r = await cli(['sweep', CASE, ...SETS, '--out', out, '--threads', bad, ...extra], NO_SLURM);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`ecmfem: error: invalid --threads '${bad}': expected an integer between 1 and 1024 or 'auto'\n`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('--emit-sbatch passes an explicit --threads to the array tasks, at most --cpus-per-task', async () => {
    const sb = (dir: string) => readFileSync(join(dir, 'sweep.sbatch'), 'utf8');
    const exec = (dir: string) => sb(dir).split('\n').find((l) => l.startsWith('exec '))!;
    const d0 = join(tmp, 'sb0');
    expect((await cli(['sweep', CASE, ...SETS, '--out', d0, '--emit-sbatch', '--cpus-per-task', '4', '--quiet'])).code).toBe(0);
    expect(exec(d0)).not.toContain('--threads'); // default: the tasks read SLURM_CPUS_PER_TASK
    expect(sb(d0)).toMatch(/ecmfem reads SLURM_CPUS_PER_TASK/);
    const d2 = join(tmp, 'sb2');
    expect((await cli(['sweep', CASE, ...SETS, '--out', d2, '--emit-sbatch', '--cpus-per-task', '4', '--threads', '2', '--quiet'])).code).toBe(0);
    expect(exec(d2)).toMatch(/ --index "\$SLURM_ARRAY_TASK_ID" --out \S+ --threads 2 --quiet$/);
    const da = join(tmp, 'sba');
    expect((await cli(['sweep', CASE, ...SETS, '--out', da, '--emit-sbatch', '--threads', 'auto', '--quiet'])).code).toBe(0);
    expect(exec(da)).toContain(' --threads auto ');
    const dx = join(tmp, 'sbx');
    const r = await cli(['sweep', CASE, ...SETS, '--out', dx, '--emit-sbatch', '--cpus-per-task', '2', '--threads', '4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecmfem: error: --threads 4 exceeds --cpus-per-task 2: .*\n$/);
    expect(existsSync(dx)).toBe(false);
  });
});
