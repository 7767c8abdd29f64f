/**
 * The ecmfem command line. Exit codes: 0 success, 2 bad input (one line on stderr, nothing written),
 * 3 solver failure, 1 internal error.
 */
import { parseArgs } from 'node:util';
import { dirname, resolve } from 'node:path';
import { readCaseFile } from '../case/parseCase.js';
import { caseJsonSchema } from '../case/caseSchema.js';
import { CaseError } from '../case/caseError.js';
import { runCase, ECMFEM_VERSION } from '../case/runCase.js';
import { createProgress } from '../io/progress.js';
import { LinearSolveError } from '../linalg/linearSolver.js';
import { UsageError } from './usageError.js';
import { cmdBench } from './bench.js';
import { cmdCompare } from './compare.js';

const HELP = `ecmfem ${ECMFEM_VERSION}: finite-element electro-chemo-mechanics of silicon anodes (2D plane / axisymmetric)

Usage:
  ecmfem run CASE.json [--out DIR] [--quiet]   solve a case; results go to DIR (default results/<case name>)
  ecmfem schema                                print the case-file JSON Schema (for editor autocompletion)
  ecmfem bench poisson|elasticity --n N [--json] the peers' unit-square benchmarks (shared/peers/REPORT.md)
  ecmfem compare OURS THEIRS --field NAME      L2/max differences between two results (VTU or COMSOL .txt)
  ecmfem --help | --version

Outputs in DIR: results.json (metrics, solver reports, timings), fields.vtu + fields.pvd (ParaView),
PNG field maps. DIR is replaced atomically on success and left untouched on failure.
Exit codes: 0 ok, 2 bad input, 3 solver failure, 1 internal error.`;


export function main(argv: string[]): number {
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
        return cmdRun(rest);
      case 'bench':
        return cmdBench(rest);
      case 'compare':
        return cmdCompare(rest);
      default:
        throw new UsageError(`unknown command '${command}' (try: ecmfem --help)`);
    }
  } catch (e) {
    return report(e);
  }
}

function cmdRun(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [caseFile, ...extra] = parsed.positionals;
  if (!caseFile) throw new UsageError('run needs a case file: ecmfem run CASE.json --out DIR');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const spec = readCaseFile(caseFile);
  const outDir = resolve(parsed.values.out ?? `results/${spec.name}`);
  const quiet = parsed.values.quiet ?? false;
  const log = quiet ? () => {} : (line: string) => process.stderr.write(`[ecmfem] ${line}\n`);
  runCase(spec, { caseDir: dirname(resolve(caseFile)), outDir, log, progress: createProgress({ quiet }) });
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
