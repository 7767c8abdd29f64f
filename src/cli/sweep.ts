/**
 * `ecmfem sweep CASE --set path=v1,v2 [--set …] --out DIR [--index i] [--quiet] [--threads N|auto]`
 * `ecmfem sweep CASE --set … --out DIR --emit-sbatch [--cpus-per-task N] [--time T] [--job-name NAME] [--max-parallel K] [--threads N|auto]`
 * `ecmfem sweep CASE --set … --list`
 *
 * Without `--index` (and without SLURM_ARRAY_TASK_ID in the environment) every member runs, one after the other.
 * `--threads` (default SLURM_CPUS_PER_TASK, else all cores) sets the members' CG + AMG threads; each member's
 * results.json records it with the wall time (`run`). With `--emit-sbatch` it is passed on to the array tasks
 * (at most `--cpus-per-task`); without it the tasks use SLURM_CPUS_PER_TASK.
 * Exit codes: 0 all members ok; 2 bad input (nothing runs); otherwise the first failed member's code.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { createProgress } from '../io/progress.js';
import { UsageError } from './usageError.js';
import { threadsFromFlag } from './threadsFlag.js';
import { checkMembersAgainstMesh, planSweep, runMembers, sweepExitCode, writeManifest } from '../sweep/runSweep.js';
import { describeMember, memberDirName } from '../sweep/members.js';
import { checkSlurmTime, sbatchScript } from '../sweep/sbatch.js';

/** Absolute path of bin/ecmfem.js (this file is src/cli/sweep.ts or dist/src/cli/sweep.js). */
function binPath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes(`${join('dist', 'src', 'cli')}`) ? resolve(here, '../../../bin/ecmfem.js') : resolve(here, '../../bin/ecmfem.js');
}

function positiveInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^[0-9]+$/.test(v.trim()) || Number(v) < 1) throw new UsageError(`invalid ${flag} '${v}': expected a positive integer`);
  return Number(v);
}

/** The member to run: `--index` first, then SLURM_ARRAY_TASK_ID, else undefined (= all). */
function selectIndex(flag: string | undefined, env: NodeJS.ProcessEnv, n: number): number | undefined {
  const fromEnv = env['SLURM_ARRAY_TASK_ID'];
  const [text, source] = flag !== undefined ? [flag, '--index'] : fromEnv !== undefined && fromEnv !== '' ? [fromEnv, 'SLURM_ARRAY_TASK_ID'] : [undefined, ''];
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text.trim())) throw new UsageError(`invalid ${source} '${text}': expected a member index in [0, ${n})`);
  const i = Number(text);
  if (i >= n) throw new UsageError(`${source} ${i} is outside the sweep's members [0, ${n})`);
  return i;
}

export function cmdSweep(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        set: { type: 'string', multiple: true }, out: { type: 'string', short: 'o' }, index: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' }, list: { type: 'boolean' },
        'emit-sbatch': { type: 'boolean' }, 'cpus-per-task': { type: 'string' }, time: { type: 'string' },
        'job-name': { type: 'string' }, 'max-parallel': { type: 'string' }, threads: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const [caseFile, ...extra] = parsed.positionals;
  if (!caseFile) throw new UsageError('sweep needs a case file: ecmfem sweep CASE.json --set path=v1,v2 --out DIR');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  // checked first: a bad value exits 2 before the case is read or anything is written
  const threads = threadsFromFlag(v.threads, env);
  const quiet = v.quiet ?? false;
  const log = quiet ? undefined : (line: string) => process.stderr.write(`[ecmfem] ${line}\n`);

  const setArgs = v.set ?? [];
  const plan = planSweep(caseFile, setArgs, v.out);
  const outDir = plan.outDir;
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out '${outDir}' exists and is not a directory`);

  if (v.list) {
    for (let i = 0; i < plan.n; i++) process.stdout.write(`${i}\t${memberDirName(i, plan.n)}\t${describeMember(plan.sets, i)}\n`);
    return 0;
  }

  if (v['emit-sbatch']) {
    if (v.index !== undefined) throw new UsageError('--emit-sbatch writes a script for all members; drop --index');
    if (/[\s%]/.test(outDir)) throw new UsageError(`--out '${outDir}' contains whitespace or '%', which #SBATCH --output cannot take`);
    const time = v.time ?? '01:00:00';
    const bad = checkSlurmTime(time);
    if (bad) throw new UsageError(bad);
    const jobName = v['job-name'] ?? `ecmfem-${plan.specs[0]!.name}`;
    if (!/^[A-Za-z0-9_.\-]+$/.test(jobName)) throw new UsageError(`invalid --job-name '${jobName}': use letters, digits, _ . -`);
    const cpusPerTask = positiveInt(v['cpus-per-task'], '--cpus-per-task', 1);
    // An explicit count goes to the tasks as given ('auto' resolves on the compute node); more threads than
    // allocated CPUs would only oversubscribe them.
    const taskThreads = v.threads === undefined ? undefined : v.threads.trim().toLowerCase() === 'auto' ? 'auto' as const : threads;
    if (typeof taskThreads === 'number' && taskThreads > cpusPerTask) {
      throw new UsageError(`--threads ${taskThreads} exceeds --cpus-per-task ${cpusPerTask}: each array task gets ${cpusPerTask} CPU(s); raise --cpus-per-task or drop --threads`);
    }
    const maxParallel = v['max-parallel'] !== undefined ? positiveInt(v['max-parallel'], '--max-parallel', 1) : undefined;
    checkMembersAgainstMesh(plan);
    writeManifest(plan);
    mkdirSync(join(outDir, 'logs'), { recursive: true }); // SLURM does not create the --output folder
    const file = join(outDir, 'sweep.sbatch');
    writeFileAtomic(file, sbatchScript({
      count: plan.n, binPath: binPath(), caseFile: plan.caseFile, setArgs: plan.setArgs, outDir,
      cpusPerTask, time, jobName, quiet,
      ...(maxParallel !== undefined ? { maxParallel } : {}),
      ...(taskThreads !== undefined ? { threads: taskThreads } : {}),
    }));
    log?.(`wrote ${file} (${plan.n} array tasks); submit with: sbatch ${file}`);
    return 0;
  }

  const index = selectIndex(v.index, env, plan.n);
  // A whole sweep checks every member's names against its mesh first, so it cannot fail half way on a typo;
  // a single array task checks only its own member (runCase does), not the n meshes of the others.
  if (index === undefined) checkMembersAgainstMesh(plan);
  writeManifest(plan);
  const indices = index === undefined ? Array.from({ length: plan.n }, (_, i) => i) : [index];
  log?.(`sweep: ${indices.length} member(s), ${threads} solver thread${threads === 1 ? '' : 's'}`);
  const outcomes = runMembers(plan, indices, {
    threads,
    ...(log ? { log } : {}),
    progress: (i) => createProgress({ quiet, label: memberDirName(i, plan.n) }),
  });
  const failed = outcomes.filter((o) => o.code !== 0);
  for (const f of failed) process.stderr.write(`ecmfem: sweep ${memberDirName(f.index, plan.n)} failed: ${f.error}\n`);
  if (indices.length > 1 || failed.length === 0) {
    log?.(`sweep: ${outcomes.length - failed.length}/${outcomes.length} members ok in ${outDir}`);
  }
  return sweepExitCode(outcomes);
}
