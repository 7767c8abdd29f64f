/**
 * Side-by-side benchmark: ecmfem and DOLFINx (Debian python3-dolfinx, shared/peers/dolfinx_bench.py) on the
 * same unit-square problems, run alternately in one session so machine noise hits both. Writes
 * benchmarks/results/peers.json and peers.md with the ratios ecmfem/DOLFINx per stage (medians over reps).
 *
 *   npm run bench:peers -- [--reps 3] [--poisson 256,512,1024] [--elasticity 256,512] [--threads 1,2]
 *
 * ecmfem runs as `node bin/ecmfem.js bench <problem> --n N --threads T --json` (a fresh process per run, like
 * the peer). DOLFINx runs with BoomerAMG, `mpirun -n T` for T > 1. Missing DOLFINx → ecmfem rows only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, existsSync(resolve(here, '../package.json')) ? '..' : '../..');
const peerScript = resolve(root, '../shared/peers/dolfinx_bench.py');

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    poisson: { type: 'string', default: '256,512,1024' },
    elasticity: { type: 'string', default: '256,512' },
    threads: { type: 'string', default: '1,2' },
  },
});
const reps = Number(values.reps);
const list = (s: string) => (s ? s.split(',').map(Number) : []);
const threads = list(values.threads!);

type Row = Record<string, number | string>;
const runs: { tool: string; problem: string; n: number; threads: number; rep: number; result: Row | null; error?: string }[] = [];

function ecmfem(problem: string, n: number, t: number): Row {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/ecmfem.js'), 'bench', problem, '--n', String(n), '--threads', String(t), '--json'], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(r.stderr.trim() || `exit ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function dolfinx(problem: string, n: number, t: number): Row {
  const cmd = t > 1 ? 'mpirun' : '/usr/bin/python3';
  const args = t > 1 ? ['--allow-run-as-root', '--oversubscribe', '-n', String(t), '/usr/bin/python3', peerScript, problem, String(n), 'hypre'] : [peerScript, problem, String(n), 'hypre'];
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error((r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ') || `exit ${r.status}`);
  return JSON.parse(line.slice(7));
}

const haveDolfinx = existsSync(peerScript) && spawnSync('/usr/bin/python3', ['-c', 'import dolfinx'], { encoding: 'utf8' }).status === 0;
if (!haveDolfinx) process.stderr.write('bench:peers: DOLFINx not importable by /usr/bin/python3 (apt-get install python3-dolfinx); ecmfem rows only\n');

const configs: [string, number][] = [...list(values.poisson!).map((n) => ['poisson', n] as [string, number]), ...list(values.elasticity!).map((n) => ['elasticity', n] as [string, number])];
for (let rep = 0; rep < reps; rep++) {
  for (const [problem, n] of configs) {
    for (const t of threads) {
      for (const tool of haveDolfinx ? ['ecmfem', 'dolfinx'] : ['ecmfem']) {
        try {
          const result = tool === 'ecmfem' ? ecmfem(problem, n, t) : dolfinx(problem, n, t);
          runs.push({ tool, problem, n, threads: t, rep, result });
          process.stderr.write(`${tool} ${problem} N=${n} T=${t} rep ${rep}: ok\n`);
        } catch (e) {
          runs.push({ tool, problem, n, threads: t, rep, result: null, error: (e as Error).message });
          process.stderr.write(`${tool} ${problem} N=${n} T=${t} rep ${rep}: FAILED ${(e as Error).message}\n`);
        }
      }
    }
  }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1]! : NaN; };
/** Stage seconds of a run in a common vocabulary: mesh, assembly, solve. */
function stages(tool: string, r: Row): { mesh: number; assembly: number; solve: number; iterations: number; rss: number; anchor: number } {
  if (tool === 'ecmfem') return { mesh: +r.mesh!, assembly: +r.assembly!, solve: +r.solve!, iterations: +r.iterations!, rss: +r.peakRssMiB!, anchor: +(r.maxU ?? r.maxDisp)! };
  const tt = (k: string) => Number(r[`t_${k}`] ?? 0);
  const rss = Number(r.ranks) > 1 ? Number(r.rss_sum_mib) : Number(r.rss_max_mib);
  return {
    mesh: tt('mesh'), assembly: tt('space') + tt('assembly'), solve: tt('solver_prep') + tt('pc_setup') + tt('ksp_solve'),
    iterations: Number(r.iterations ?? NaN), rss, anchor: Number(r.max_u ?? r.max_disp ?? NaN),
  };
}

const table: Row[] = [];
for (const [problem, n] of configs) {
  for (const t of threads) {
    const pick = (tool: string) => runs.filter((x) => x.tool === tool && x.problem === problem && x.n === n && x.threads === t && x.result).map((x) => stages(tool, x.result!));
    const e = pick('ecmfem'), d = pick('dolfinx');
    const med = (xs: ReturnType<typeof stages>[], k: keyof ReturnType<typeof stages>) => median(xs.map((x) => x[k]));
    const row: Row = { problem, n, threads: t };
    for (const k of ['mesh', 'assembly', 'solve', 'iterations', 'rss', 'anchor'] as const) {
      row[`ecmfem_${k}`] = med(e, k);
      row[`dolfinx_${k}`] = med(d, k);
    }
    for (const k of ['mesh', 'assembly', 'solve'] as const) row[`ratio_${k}`] = (row[`ecmfem_${k}`] as number) / (row[`dolfinx_${k}`] as number);
    row.ratio_assembly_plus_solve = ((row.ecmfem_assembly as number) + (row.ecmfem_solve as number)) / ((row.dolfinx_assembly as number) + (row.dolfinx_solve as number));
    table.push(row);
  }
}

const outDir = resolve(root, 'benchmarks/results');
mkdirSync(outDir, { recursive: true });
const f = (x: unknown, d = 3) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '–');
const md = [
  `# ecmfem vs DOLFINx (CG + BoomerAMG), medians of ${reps} alternating runs`, '',
  '| problem | N | threads | ecmfem mesh/asm/solve s | DOLFINx mesh/asm/solve s | ratio mesh | ratio asm | ratio solve | ratio asm+solve | iters e/d | RSS MiB e/d |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...table.map((r) => `| ${r.problem} | ${r.n} | ${r.threads} | ${f(r.ecmfem_mesh)} / ${f(r.ecmfem_assembly)} / ${f(r.ecmfem_solve)} | ${f(r.dolfinx_mesh)} / ${f(r.dolfinx_assembly)} / ${f(r.dolfinx_solve)} | ${f(r.ratio_mesh, 2)} | ${f(r.ratio_assembly, 2)} | ${f(r.ratio_solve, 2)} | ${f(r.ratio_assembly_plus_solve, 2)} | ${f(r.ecmfem_iterations, 0)} / ${f(r.dolfinx_iterations, 0)} | ${f(r.ecmfem_rss, 0)} / ${f(r.dolfinx_rss, 0)} |`),
  '',
].join('\n');
const write = (name: string, text: string) => { const p = resolve(outDir, name); writeFileSync(p + '.tmp', text); renameSync(p + '.tmp', p); };
write('peers.json', JSON.stringify({ date: new Date().toISOString(), reps, runs, table }, null, 2) + '\n');
write('peers.md', md);
process.stdout.write(md);
