/**
 * Runs reproductions by id into DIR atomically (one output stage for the whole DIR: a failure leaves a previous
 * DIR untouched): DIR/<id>/results.json and figures for each, then DIR/report.md and DIR/report.html.
 */
import { createOutputStage } from '../io/atomicWrite.js';
import type { ReproductionResult } from './reproduction.js';
import { REPRODUCTIONS } from './registry.js';
import { reportHtml, reportMarkdown } from './report.js';

export interface RunReproductionsOptions {
  readonly quick: boolean;
  readonly log?: (line: string) => void;
}

/** Unknown ids throw before anything is written. Returns the results in the order given. */
export function runReproductions(ids: readonly string[], outDir: string, opts: RunReproductionsOptions): ReproductionResult[] {
  const unknown = ids.filter((id) => !REPRODUCTIONS.has(id));
  if (unknown.length) throw new Error(`unknown reproduction '${unknown[0]}'; known: ${[...REPRODUCTIONS.keys()].join(', ')}`);
  const log = opts.log ?? (() => {});
  const stage = createOutputStage(outDir);
  try {
    const results: ReproductionResult[] = [];
    for (const id of ids) {
      log(`reproduce ${id}${opts.quick ? ' (quick)' : ''} …`);
      const dir = stage.path(`${id}/results.json`).replace(/results\.json$/, '');
      const r = REPRODUCTIONS.get(id)!.run({ outDir: dir, quick: opts.quick, log });
      stage.writeText(`${id}/results.json`, JSON.stringify({ ecmfem: 'reproduction', quick: opts.quick, ...r }, null, 2) + '\n');
      log(`${id}: ${r.checks.filter((c) => c.pass).length}/${r.checks.length} checks pass, ${r.wallSeconds.toFixed(1)} s`);
      results.push(r);
    }
    const meta = { quick: opts.quick, date: new Date().toISOString() };
    stage.writeText('report.md', reportMarkdown(results, meta));
    stage.writeText('report.html', reportHtml(results, stage.tempDir, meta));
    stage.commit();
    return results;
  } catch (e) {
    stage.abort();
    throw e;
  }
}
