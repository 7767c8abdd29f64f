/**
 * Side-by-side benchmark: ecmfem and DOLFINx (Debian python3-dolfinx, shared/peers/dolfinx_bench.py) on the
 * same unit-square problems, run alternately in one session so machine noise hits both. Writes
 * benchmarks/results/peers.json and peers.md (ratios ecmfem/DOLFINx per stage, medians over reps, and the
 * 2-vs-1-thread speed-ups of each tool), then a scaling table of ecmfem alone (time and AMG iterations vs dofs)
 * to benchmarks/results/scaling.md (+ scaling.json).
 *
 *   npm run bench:peers -- [--reps 3] [--poisson 256,512,1024] [--elasticity 256,512] [--threads 1,2]
 *                          [--scaling 128,256,512,1024,2048] [--scaling-elasticity 128,256,512,1024] [--out DIR]
 *
 * ecmfem runs as `node bin/ecmfem.js bench <problem> --n N --threads T --json` (a fresh process per run, like
 * the peer). DOLFINx runs with BoomerAMG, `mpirun -n T` for T > 1. Missing DOLFINx → ecmfem rows only.
 * Each run also records how many cores the whole machine kept busy meanwhile (/proc/stat), so runs disturbed by
 * other work can be spotted (a quiet 1-thread run shows ≈ 1, a quiet 2-thread run ≈ 2).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureStreamScaling, type StreamScaling } from './memoryBandwidth.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, existsSync(resolve(here, '../package.json')) ? '..' : '../..');
const peerScript = resolve(root, '../shared/peers/dolfinx_bench.py');

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    poisson: { type: 'string', default: '256,512,1024' },
    elasticity: { type: 'string', default: '256,512' },
    threads: { type: 'string', default: '1,2' },
    scaling: { type: 'string', default: '128,256,512,1024,2048' },
    'scaling-elasticity': { type: 'string', default: '128,256,512,1024' },
    /** Results folder (default benchmarks/results): focused runs can write elsewhere and keep the committed tables. */
    out: { type: 'string', default: '' },
  },
});
const reps = Number(values.reps);
const list = (s: string) => (s ? s.split(',').map(Number) : []);
const threads = list(values.threads!);

type Row = Record<string, number | string>;
interface Run { tool: string; problem: string; n: number; threads: number; rep: number; busyCores: number; result: Row | null; error?: string }
const runs: Run[] = [];
// The memory bus sets the ceiling of every 2-thread speed-up below: measured at the start and at the end.
const streamBefore: StreamScaling = await measureStreamScaling();

/** Busy and total jiffies of all CPUs. */
function cpuTimes(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
const nCpu = readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).length;

/** Runs f and returns its value with the average number of cores the machine kept busy meanwhile. */
function measured<T>(f: () => T): { value: T; busyCores: number } {
  const a = cpuTimes();
  const value = f();
  const b = cpuTimes();
  return { value, busyCores: b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * nCpu : NaN };
}

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

function record(tool: string, problem: string, n: number, t: number, rep: number): void {
  try {
    const { value, busyCores } = measured(() => (tool === 'ecmfem' ? ecmfem(problem, n, t) : dolfinx(problem, n, t)));
    runs.push({ tool, problem, n, threads: t, rep, busyCores, result: value });
    process.stderr.write(`${tool} ${problem} N=${n} T=${t} rep ${rep}: ok (machine busy ${busyCores.toFixed(2)} cores)\n`);
  } catch (e) {
    runs.push({ tool, problem, n, threads: t, rep, busyCores: NaN, result: null, error: (e as Error).message });
    process.stderr.write(`${tool} ${problem} N=${n} T=${t} rep ${rep}: FAILED ${(e as Error).message}\n`);
  }
}

const configs: [string, number][] = [...list(values.poisson!).map((n) => ['poisson', n] as [string, number]), ...list(values.elasticity!).map((n) => ['elasticity', n] as [string, number])];
for (let rep = 0; rep < reps; rep++) {
  for (const [problem, n] of configs) {
    for (const t of threads) {
      // Alternate which tool goes first, so neither always runs right after the other's cache warm-up.
      const tools = haveDolfinx ? (rep % 2 === 0 ? ['ecmfem', 'dolfinx'] : ['dolfinx', 'ecmfem']) : ['ecmfem'];
      for (const tool of tools) record(tool, problem, n, t, rep);
    }
  }
}

const median = (xs: number[]) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1]! : NaN; };
interface Stages { mesh: number; assembly: number; setup: number; cg: number; solve: number; iterations: number; rss: number; anchor: number; busy: number; warmup: number }
/** Stage seconds of a run in a common vocabulary. solve = preconditioner setup + Krylov iterations for both tools. */
function stages(tool: string, r: Row, busy: number): Stages {
  if (tool === 'ecmfem') {
    return { mesh: +r.mesh!, assembly: +r.assembly!, setup: +r.pcSetup!, cg: +r.solve! - +r.pcSetup!, solve: +r.solve!, iterations: +r.iterations!, rss: +r.peakRssMiB!, anchor: +(r.maxU ?? r.maxDisp)!, busy, warmup: +(r.warmup ?? 0) + +(r.poolStart ?? 0) };
  }
  const tt = (k: string) => Number(r[`t_${k}`] ?? 0);
  const rss = Number(r.ranks) > 1 ? Number(r.rss_sum_mib) : Number(r.rss_max_mib);
  return {
    mesh: tt('mesh'), assembly: tt('space') + tt('assembly'), setup: tt('solver_prep') + tt('pc_setup'), cg: tt('ksp_solve'),
    solve: tt('solver_prep') + tt('pc_setup') + tt('ksp_solve'),
    iterations: Number(r.iterations ?? NaN), rss, anchor: Number(r.max_u ?? r.max_disp ?? NaN), busy, warmup: tt('form_jit'),
  };
}
const KEYS = ['mesh', 'assembly', 'setup', 'cg', 'solve', 'iterations', 'rss', 'anchor', 'busy', 'warmup'] as const;

const table: Row[] = [];
const pick = (tool: string, problem: string, n: number, t: number) =>
  runs.filter((x) => x.tool === tool && x.problem === problem && x.n === n && x.threads === t && x.result).map((x) => stages(tool, x.result!, x.busyCores));
for (const [problem, n] of configs) {
  for (const t of threads) {
    const e = pick('ecmfem', problem, n, t), d = pick('dolfinx', problem, n, t);
    const row: Row = { problem, n, threads: t, runs_ecmfem: e.length, runs_dolfinx: d.length };
    for (const k of KEYS) {
      row[`ecmfem_${k}`] = median(e.map((x) => x[k]));
      row[`dolfinx_${k}`] = median(d.map((x) => x[k]));
    }
    for (const k of ['mesh', 'assembly', 'setup', 'cg', 'solve', 'rss'] as const) row[`ratio_${k}`] = (row[`ecmfem_${k}`] as number) / (row[`dolfinx_${k}`] as number);
    // Ratio of the sums per repetition (paired: both tools ran back to back), then the median.
    const pairs = runs.filter((x) => x.tool === 'ecmfem' && x.problem === problem && x.n === n && x.threads === t && x.result).map((x) => {
      const y = runs.find((z) => z.tool === 'dolfinx' && z.problem === problem && z.n === n && z.threads === t && z.rep === x.rep && z.result);
      if (!y) return NaN;
      const a = stages('ecmfem', x.result!, NaN), b = stages('dolfinx', y.result!, NaN);
      return (a.assembly + a.solve) / (b.assembly + b.solve);
    });
    row.ratio_assembly_plus_solve = median(pairs);
    table.push(row);
  }
}

/** 2-vs-1-thread speed-ups per tool and stage (median times). */
const speedups: Row[] = [];
if (threads.includes(1) && threads.includes(2)) {
  for (const [problem, n] of configs) {
    for (const tool of haveDolfinx ? ['ecmfem', 'dolfinx'] : ['ecmfem']) {
      const one = pick(tool, problem, n, 1), two = pick(tool, problem, n, 2);
      const row: Row = { problem, n, tool };
      for (const k of ['mesh', 'assembly', 'setup', 'cg', 'solve'] as const) row[k] = median(one.map((x) => x[k])) / median(two.map((x) => x[k]));
      speedups.push(row);
    }
  }
}

const streamAfter: StreamScaling = await measureStreamScaling();
const streamLine = (w: string, m: StreamScaling) => `${w}: 1 thread ${m.oneThreadGBs.toFixed(1)} GB/s, 2 threads ${m.twoThreadsGBs.toFixed(1)} GB/s (×${m.speedup.toFixed(2)}); first-touch page faults ${m.faultMsPerMiB.toFixed(2)} ms/MiB`;
const outDir = values.out ? resolve(values.out) : resolve(root, 'benchmarks/results');
mkdirSync(outDir, { recursive: true });
const f = (x: unknown, d = 3) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '–');
const write = (name: string, text: string) => { const p = resolve(outDir, name); writeFileSync(p + '.tmp', text); renameSync(p + '.tmp', p); };
const md = [
  `# ecmfem vs DOLFINx 0.5 (CG + BoomerAMG), medians of ${reps} alternating runs`, '',
  `Date ${new Date().toISOString()}. Stages: assembly = space/dofmap + constraints + pattern + matrix/rhs; setup = AMG`,
  'setup (DOLFINx: KSP/near-nullspace + PCSetUp); cg = Krylov iterations; solve = setup + cg. Ratios are ecmfem/DOLFINx',
  '(< 1: ecmfem faster); asm+solve is the median of per-repetition paired ratios. "busy" = cores the whole machine kept',
  'busy during the run (2 cores in total; a quiet run shows ≈ its own thread count). "excluded" = time outside the',
  'stages: ecmfem pool start + JIT warm-up on a 64² Poisson and 32² elasticity problem; DOLFINx FFCx form JIT', '(cached) — plus, for both, interpreter start-up.', '',
  'Memory-bus ceiling (benchmarks/memoryBandwidth.ts, a streaming update over 128 MiB per thread): no memory-bound',
  'kernel (SpMV, smoothing, assembly scatter) can gain more from a second thread than the streaming kernel does.', '',
  `- ${streamLine('before the runs', streamBefore)}`, `- ${streamLine('after the runs', streamAfter)}`, '',
  '| problem | N | thr | ecmfem mesh / asm / setup / cg s | DOLFINx mesh / asm / setup / cg s | ratio mesh | ratio asm | ratio setup | ratio cg | ratio solve | **ratio asm+solve** | iters e/d | RSS MiB e/d | busy e/d | excluded s e/d |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...table.map((r) => `| ${r.problem} | ${r.n} | ${r.threads} | ${f(r.ecmfem_mesh)} / ${f(r.ecmfem_assembly)} / ${f(r.ecmfem_setup)} / ${f(r.ecmfem_cg)} | ${f(r.dolfinx_mesh)} / ${f(r.dolfinx_assembly)} / ${f(r.dolfinx_setup)} / ${f(r.dolfinx_cg)} | ${f(r.ratio_mesh, 2)} | ${f(r.ratio_assembly, 2)} | ${f(r.ratio_setup, 2)} | ${f(r.ratio_cg, 2)} | ${f(r.ratio_solve, 2)} | **${f(r.ratio_assembly_plus_solve, 2)}** | ${f(r.ecmfem_iterations, 0)} / ${f(r.dolfinx_iterations, 0)} | ${f(r.ecmfem_rss, 0)} / ${f(r.dolfinx_rss, 0)} | ${f(r.ecmfem_busy, 2)} / ${f(r.dolfinx_busy, 2)} | ${f(r.ecmfem_warmup, 2)} / ${f(r.dolfinx_warmup, 2)} |`),
  '',
  ...(speedups.length ? [
    '## Speed-up 2 threads (ecmfem) / 2 MPI ranks (DOLFINx) over 1, median times', '',
    '| problem | N | tool | mesh | assembly | setup | cg | solve |', '|---|---|---|---|---|---|---|---|',
    ...speedups.map((r) => `| ${r.problem} | ${r.n} | ${r.tool} | ${f(r.mesh, 2)} | ${f(r.assembly, 2)} | ${f(r.setup, 2)} | ${f(r.cg, 2)} | ${f(r.solve, 2)} |`), '',
  ] : []),
].join('\n');
write('peers.json', JSON.stringify({ date: new Date().toISOString(), reps, stream: { before: streamBefore, after: streamAfter }, runs, table, speedups }, null, 2) + '\n');
write('peers.md', md);
process.stdout.write(md);

// Scaling of ecmfem alone (1 thread, one run per size): time and AMG iterations against unknowns.
const scaling: { problem: string; n: number; busyCores: number; result: Row | null; error?: string }[] = [];
for (const [problem, sizes] of [['poisson', list(values.scaling!)], ['elasticity', list(values['scaling-elasticity']!)]] as const) {
  for (const n of sizes) {
    try {
      const { value, busyCores } = measured(() => ecmfem(problem, n, 1));
      scaling.push({ problem, n, busyCores, result: value });
      process.stderr.write(`scaling ${problem} N=${n}: ok\n`);
    } catch (e) {
      scaling.push({ problem, n, busyCores: NaN, result: null, error: (e as Error).message });
      process.stderr.write(`scaling ${problem} N=${n}: FAILED ${(e as Error).message}\n`);
    }
  }
}
const sRows = scaling.filter((s) => s.result).map((s) => ({ problem: s.problem, n: s.n, ...stages('ecmfem', s.result!, s.busyCores), dofs: +s.result!.dofs! }));
const baseIters = (p: string) => sRows.find((r) => r.problem === p && r.n === 256)?.iterations ?? NaN;
const smd = [
  '# ecmfem scaling, 1 thread (CG + smoothed-aggregation AMG, rtol 1e-8)', '',
  `Date ${new Date().toISOString()}. One run per size. "iters vs N=256" is the growth of the AMG-CG iteration count.`, '',
  '| problem | N | unknowns | mesh s | assembly s | AMG setup s | CG s | µs/unknown (asm+solve) | iterations | iters vs N=256 | peak RSS MiB | busy cores |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...sRows.map((r) => `| ${r.problem} | ${r.n} | ${r.dofs.toLocaleString('en-US')} | ${f(r.mesh)} | ${f(r.assembly)} | ${f(r.setup)} | ${f(r.cg)} | ${f(((r.assembly + r.solve) / r.dofs) * 1e6, 2)} | ${r.iterations} | ${f((r.iterations / baseIters(r.problem) - 1) * 100, 0)} % | ${f(r.rss, 0)} | ${f(r.busy, 2)} |`),
  '',
].join('\n');
write('scaling.json', JSON.stringify({ date: new Date().toISOString(), runs: scaling }, null, 2) + '\n');
write('scaling.md', smd);
process.stdout.write('\n' + smd);
