/**
 * `ecmfem reproduce <id>[,<id>…]|all --out DIR [--quick] [--quiet] [--threads N|auto]`: re-runs published results
 * (src/reproduce) and writes DIR/<id>/results.json + figures and DIR/report.html + report.md. Exit 2 on an unknown
 * id (listing the known ones) or a bad --threads, before anything is written.
 */
import { parseArgs } from 'node:util';
import { resolve, join } from 'node:path';
import { UsageError } from './usageError.js';
import { threadsFromFlag } from './threadsFlag.js';
import { reproductionIds } from '../reproduce/registry.js';
import { runReproductions } from '../reproduce/runReproductions.js';

export function cmdReproduce(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      out: { type: 'string', short: 'o' }, quick: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, threads: { type: 'string' },
    } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const known = reproductionIds();
  const [id, ...extra] = parsed.positionals;
  if (!id) throw new UsageError(`reproduce needs an id or 'all': ecmfem reproduce <id>|all --out DIR [--quick] [--threads N]; known: ${known.join(', ')}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const ids = id === 'all' ? known : id.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
  for (const one of ids) if (!known.includes(one)) throw new UsageError(`unknown reproduction '${one}'; known: ${known.join(', ')}, all`);
  const threads = threadsFromFlag(parsed.values.threads, env);
  const quick = parsed.values.quick ?? false;
  const outDir = resolve(parsed.values.out ?? 'results/reproduce');
  const log = parsed.values.quiet ? () => {} : (line: string) => process.stderr.write(`[ecmfem] ${line}\n`);
  const results = runReproductions(ids, outDir, { quick, log, threads });
  const pass = results.reduce((s, r) => s + r.checks.filter((c) => c.pass).length, 0);
  const total = results.reduce((s, r) => s + r.checks.length, 0);
  process.stdout.write(`${pass}/${total} checks pass. Report: ${join(outDir, 'report.html')} (also report.md)\n`);
  return 0;
}
