/**
 * The ecmfem command line. Exit codes: 0 success, 2 bad input (one line on stderr, nothing written),
 * 3 solver failure, 1 internal error.
 */
import { parseArgs } from 'node:util';
import { dirname, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { readCaseFile } from '../case/parseCase.js';
import { caseJsonSchema } from '../case/caseSchema.js';
import { CaseError } from '../case/caseError.js';
import { runCaseSteps, ECMFEM_VERSION } from '../case/runCase.js';
import { RunInterrupted, type LoopCommand } from '../case/runTransient.js';
import { createProgress } from '../io/progress.js';
import { LinearSolveError } from '../linalg/linearSolver.js';
import { UsageError } from './usageError.js';
import { cmdBench } from './bench.js';
import { cmdSweep } from './sweep.js';
import { cmdCollect } from './collect.js';
import { cmdCompare } from './compare.js';
import { cmdReproduce } from './reproduce.js';
import { setSolverThreads } from '../case/createSolver.js';
import { threadsFromFlag } from './threadsFlag.js';

const HELP = `ecmfem ${ECMFEM_VERSION}: finite-element electro-chemo-mechanics of silicon anodes (2D plane / axisymmetric)

Usage:
  ecmfem run CASE.json [--out DIR] [--quiet] [--checkpoint-every N|30s] [--resume] [--threads N]
                                               solve a case; results go to DIR (default results/<case name>);
                                               --threads: CG + AMG threads (default SLURM_CPUS_PER_TASK, else
                                               all cores); results are identical for every N
  ecmfem schema                                print the case-file JSON Schema (for editor autocompletion)
  ecmfem bench poisson|elasticity --n N [--threads N] [--json] the peers' unit-square benchmarks (shared/peers/REPORT.md)
  ecmfem compare OURS THEIRS --field NAME      L2/max differences between two results (VTU or COMSOL .txt)
  ecmfem reproduce <id>[,<id>]|all --out DIR [--quick] [--threads N]
                                               re-run the seed papers' results; writes report.html/.md (both,
                                               and each <id>/results.json, state the threads and wall time)
  ecmfem sweep CASE --set PATH=V1,V2 [--set …] --out DIR [--index I] [--threads N]
               [--emit-sbatch [--cpus-per-task N] [--time T]]
                                               parameter sweeps (cartesian product), one member or all, SLURM arrays;
                                               each member's results.json records threads and wall time (run.*);
                                               array tasks use --cpus-per-task threads unless --threads is given
  ecmfem collect DIR                           gather a sweep's members into DIR/collected.csv
  ecmfem --help | --version

--threads N|auto (run, bench, reproduce, sweep): threads of the CG + AMG solves, 1-1024; default and 'auto' =
SLURM_CPUS_PER_TASK if set, else all cores. Only CG + AMG solves use them: 'auto' picks the serial direct
solver up to 20 000 unknowns, above that CG + AMG (symmetric) or serial GMRES + ILU(0) (the level set).
Results are bitwise identical for every N. schema, compare and collect solve nothing and take no --threads.

Outputs in DIR: results.json (metrics, solver reports, timings), fields.vtu + fields.pvd (ParaView),
PNG field maps. DIR is replaced atomically on success and left untouched on failure.
Time loops stage their outputs in DIR's sibling .<DIR>.partial; SIGTERM/SIGUSR1 write a checkpoint there and
exit 4; --resume continues from it (results identical to an uninterrupted run).
Exit codes: 0 ok, 2 bad input, 3 solver failure, 4 interrupted (checkpoint written), 1 internal error.`;


export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP + '\n');
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        process.stdout.write(ECMFEM_VERSION + '\n');
        return 0;
      case 'schema':
        process.stdout.write(JSON.stringify(caseJsonSchema(), null, 2) + '\n');
        return 0;
      case 'run':
        return await cmdRun(rest);
      case 'bench':
        return cmdBench(rest);
      case 'sweep':
        return cmdSweep(rest);
      case 'collect':
        return cmdCollect(rest);
      case 'compare':
        return cmdCompare(rest);
      case 'reproduce':
        return cmdReproduce(rest);
      default:
        throw new UsageError(`unknown command '${command}' (try: ecmfem --help)`);
    }
  } catch (e) {
    return report(e);
  }
}

/** Parses --checkpoint-every: a step count ('50') or wall seconds ('30s', '10min'). */
function parseEvery(v: string | undefined): { steps?: number; seconds?: number } {
  if (v === undefined) return {};
  const m = /^(\d+(?:\.\d+)?)(s|min|h)?$/.exec(v.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`--checkpoint-every takes a step count (e.g. 50) or a duration (30s, 10min, 1h), got '${v}'`);
  if (!m[2]) {
    if (!Number.isInteger(Number(m[1]))) throw new UsageError(`--checkpoint-every: a step count must be an integer, got '${v}'`);
    return { steps: Number(m[1]) };
  }
  return { seconds: Number(m[1]) * (m[2] === 's' ? 1 : m[2] === 'min' ? 60 : 3600) };
}

async function cmdRun(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' },
      'checkpoint-every': { type: 'string' }, resume: { type: 'boolean' }, threads: { type: 'string' },
    } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [caseFile, ...extra] = parsed.positionals;
  if (!caseFile) throw new UsageError('run needs a case file: ecmfem run CASE.json --out DIR');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const every = parseEvery(parsed.values['checkpoint-every']);
  setSolverThreads(threadsFromFlag(parsed.values.threads));
  const spec = readCaseFile(caseFile);
  const outDir = resolve(parsed.values.out ?? `results/${spec.name}`);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out '${outDir}' exists and is not a directory`);
  const quiet = parsed.values.quiet ?? false;
  const log = quiet ? () => {} : (line: string) => process.stderr.write(`[ecmfem] ${line}\n`);
  // Schedulers send SIGTERM (or SIGUSR1, with --signal) before a wall-time kill: checkpoint and stop cleanly.
  // Only time loops can stop between steps; a static solve keeps the default signal behaviour (terminate).
  let stopRequested = false;
  const onSignal = () => { stopRequested = true; };
  if (spec.levelSet) {
    process.on('SIGTERM', onSignal);
    process.on('SIGUSR1', onSignal);
  }
  try {
    const gen = runCaseSteps(spec, {
      caseDir: dirname(resolve(caseFile)), outDir, log, progress: createProgress({ quiet }),
      checkpointing: { resume: parsed.values.resume ?? false },
    });
    let lastStep = 0, lastTime = Date.now();
    let cmd: LoopCommand;
    for (;;) {
      const r = gen.next(cmd);
      if (r.done) break;
      await new Promise((res) => setImmediate(res)); // let signal handlers run between steps
      cmd = 'continue';
      if ((every.steps && r.value.step - lastStep >= every.steps) || (every.seconds && Date.now() - lastTime >= every.seconds * 1000)) {
        cmd = 'checkpoint';
        lastStep = r.value.step;
        lastTime = Date.now();
      }
      if (stopRequested) cmd = 'stop';
    }
  } catch (e) {
    if (e instanceof RunInterrupted) {
      process.stderr.write(`ecmfem: ${e.message}\n`);
      return 4;
    }
    throw e;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGUSR1', onSignal);
  }
  if (!quiet) process.stderr.write(`[ecmfem] done: ${outDir}/results.json\n`);
  return 0;
}

function report(e: unknown): number {
  if (e instanceof CaseError || e instanceof UsageError) {
    process.stderr.write(`ecmfem: error: ${e.message}\n`);
    return 2;
  }
  if (e instanceof LinearSolveError) {
    process.stderr.write(`ecmfem: solver failure: ${e.message}\n`);
    return 3;
  }
  const err = e as Error;
  process.stderr.write(`ecmfem: internal error: ${err?.message ?? String(e)}${process.env.ECMFEM_DEBUG ? `\n${err?.stack}` : ' (set ECMFEM_DEBUG=1 for the stack)'}\n`);
  return 1;
}
