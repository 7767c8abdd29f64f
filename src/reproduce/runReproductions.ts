/**
 * Runs reproductions by id into DIR atomically (one output stage for the whole DIR: a failure leaves a previous
 * DIR untouched): DIR/<id>/results.json and figures for each, then DIR/report.md and DIR/report.html.
 */
import { performance } from 'node:perf_hooks';
import { createOutputStage } from '../io/atomicWrite.js';
import { setSolverThreads } from '../case/createSolver.js';
import type { ReproductionResult } from './reproduction.js';
import { REPRODUCTIONS } from './registry.js';
import { reportHtml, reportMarkdown, type ReportMeta } from './report.js';

export interface RunReproductionsOptions {
  readonly quick: boolean;
  readonly log?: (line: string) => void;
  /**
   * Threads of the CG + AMG solves that go through the case solver factory (default 1); set for the process
   * before the first reproduction runs. Only the wall time depends on it. Solves that pick the direct solver
   * (≤ 20 000 unknowns: every system of the coupled reproductions, quick or not) or GMRES + ILU(0), and the
   * porous reproductions' own CG + AMG (porousMechanics.ts), are serial whatever this is.
   */
  readonly threads?: number;
}

/** What each DIR/<id>/results.json states about how it was run (`run` key). */
export interface ReproductionRunInfo {
  /** Solver threads in effect (see {@link RunReproductionsOptions.threads}). */
  readonly threads: number;
  /** Wall time of this reproduction, s. */
  readonly wallSeconds: number;
}

/** Unknown ids throw before anything is written. Returns the results in the order given. */
export function runReproductions(ids: readonly string[], outDir: string, opts: RunReproductionsOptions): ReproductionResult[] {
  const unknown = ids.filter((id) => !REPRODUCTIONS.has(id));
  if (unknown.length) throw new Error(`unknown reproduction '${unknown[0]}'; known: ${[...REPRODUCTIONS.keys()].join(', ')}`);
  const threads = opts.threads ?? 1;
  setSolverThreads(threads); // validates: a RangeError before anything is written
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const stage = createOutputStage(outDir);
  try {
    const results: ReproductionResult[] = [];
    for (const id of ids) {
      log(`reproduce ${id}${opts.quick ? ' (quick)' : ''}, ${threads} solver thread${threads === 1 ? '' : 's'} …`);
      const dir = stage.path(`${id}/results.json`).replace(/results\.json$/, '');
      const r = REPRODUCTIONS.get(id)!.run({ outDir: dir, quick: opts.quick, log });
      const run: ReproductionRunInfo = { threads, wallSeconds: r.wallSeconds };
      stage.writeText(`${id}/results.json`, JSON.stringify({ ecmfem: 'reproduction', quick: opts.quick, run, ...r }, null, 2) + '\n');
      log(`${id}: ${r.checks.filter((c) => c.pass).length}/${r.checks.length} checks pass, ${r.wallSeconds.toFixed(1)} s`);
      results.push(r);
    }
    const meta: ReportMeta = { quick: opts.quick, date: new Date().toISOString(), threads, wallSeconds: (performance.now() - t0) / 1000 };
    stage.writeText('report.md', reportMarkdown(results, meta));
    stage.writeText('report.html', reportHtml(results, stage.tempDir, meta));
    stage.commit();
    return results;
  } catch (e) {
    stage.abort();
    throw e;
  }
}
