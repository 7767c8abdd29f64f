/**
 * `ecmfem collect DIR [--quiet]`: writes `DIR/collected.csv` (one row per member: status, swept values, scalar
 * metrics) and lists failed or missing members on stderr. Exit 0 when every member is ok, 1 when any is failed
 * or missing, 2 when DIR is not a sweep directory.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { collectSweep, collectionCsv } from '../sweep/collect.js';
import { UsageError } from './usageError.js';

/** Failed/missing members listed one per line before the summary is cut short. */
const SHOW = 20;

export function cmdCollect(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { quiet: { type: 'boolean', short: 'q' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [dir, ...extra] = parsed.positionals;
  if (!dir) throw new UsageError('collect needs a sweep directory: ecmfem collect DIR');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const quiet = parsed.values.quiet ?? false;
  const c = collectSweep(dir);
  const file = join(resolve(dir), 'collected.csv');
  writeFileAtomic(file, collectionCsv(c));
  const bad = c.members.filter((m) => m.status !== 'ok');
  const ok = c.members.length - bad.length;
  for (const m of bad.slice(0, SHOW)) {
    process.stderr.write(`ecmfem: collect: ${m.dir} ${m.status}${m.error ? `: ${m.error}` : ''}\n`);
  }
  if (bad.length > SHOW) process.stderr.write(`ecmfem: collect: … and ${bad.length - SHOW} more (see the status column)\n`);
  if (bad.length > 0) {
    const missing = bad.filter((m) => m.status === 'missing').map((m) => m.index);
    const failed = bad.filter((m) => m.status === 'failed').map((m) => m.index);
    // the indices in sbatch --array syntax, so the failed/missing tasks can be resubmitted as they are
    process.stderr.write(`ecmfem: collect: ${ok}/${c.members.length} members ok; missing [${missing.join(',')}], failed [${failed.join(',')}]; resubmit with sbatch --array=${bad.map((m) => m.index).join(',')} ${join(resolve(dir), 'sweep.sbatch')}\n`);
    return 1;
  }
  if (!quiet) process.stderr.write(`[ecmfem] collect: ${ok}/${c.members.length} members ok; wrote ${file}\n`);
  return 0;
}
