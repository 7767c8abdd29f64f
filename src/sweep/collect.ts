/**
 * Gathers the members of a sweep into one table: one row per member (index order) with its status
 * (ok | failed | missing), its swept values, how it ran (`run.threads`, `run.wallSeconds`) and every scalar of its
 * results.json `metrics`, flattened to column names like `metrics.ohmic.conservationError`. Arrays inside
 * metrics are skipped (not scalars).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CaseError } from '../case/caseError.js';
import { FAILED_MARKER, MANIFEST, type SweepManifest } from './runSweep.js';

export type MemberStatus = 'ok' | 'failed' | 'missing';

export interface CollectedMember {
  readonly index: number;
  readonly dir: string;
  readonly status: MemberStatus;
  /** The FAILED line, or why results.json could not be read. */
  readonly error?: string;
  readonly values: Record<string, unknown>;
  /** Flattened scalars of `run` (threads, wall time) and `metrics` (ok members only). */
  readonly metrics: Record<string, string | number | boolean | null>;
}

export interface Collection {
  readonly manifest: SweepManifest;
  readonly members: CollectedMember[];
  /** Column names in order: member, dir, status, error, the swept paths, then metric columns in first-seen order. */
  readonly columns: string[];
}

/** Reads and checks `DIR/sweep.json`; a CaseError (exit 2) when DIR is not a sweep directory. */
export function readManifest(dir: string): SweepManifest {
  const path = join(resolve(dir), MANIFEST);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CaseError('', `'${resolve(dir)}' is not a sweep directory: cannot read ${MANIFEST} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let m: SweepManifest;
  try {
    m = JSON.parse(text) as SweepManifest;
  } catch (e) {
    throw new CaseError('', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (m?.kind !== 'ecmfem-sweep' || !Array.isArray(m.members) || !Array.isArray(m.sets)
    || m.members.some((x) => typeof x?.dir !== 'string' || !/^member-[0-9]+$/.test(x.dir))) {
    throw new CaseError('', `${path} is not an ecmfem sweep manifest`);
  }
  return m;
}

/** Flattens the scalars of a JSON value into `out` under `prefix` (`a.b.c`); arrays and null-free objects recurse. */
export function flattenScalars(v: unknown, prefix: string, out: Record<string, string | number | boolean | null>): void {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
    out[prefix] = v;
  } else if (typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flattenScalars(x, `${prefix}.${k}`, out);
  }
}

/** Reads every member's status and metrics. */
export function collectSweep(dir: string): Collection {
  const root = resolve(dir);
  const manifest = readManifest(root);
  const metricCols = new Map<string, true>();
  const members: CollectedMember[] = manifest.members.map((m) => {
    const mdir = join(root, m.dir);
    const failed = join(mdir, FAILED_MARKER);
    const base = { index: m.index, dir: m.dir, values: m.values ?? {} };
    if (existsSync(failed)) {
      let line = '';
      try {
        line = readFileSync(failed, 'utf8').split('\n')[0] ?? '';
      } catch {
        line = 'FAILED marker unreadable';
      }
      return { ...base, status: 'failed' as const, error: line, metrics: {} };
    }
    const resultsPath = join(mdir, 'results.json');
    if (!existsSync(resultsPath)) return { ...base, status: 'missing' as const, metrics: {} };
    let results: { metrics?: unknown; run?: { threads?: unknown; wallSeconds?: unknown } };
    try {
      results = JSON.parse(readFileSync(resultsPath, 'utf8')) as typeof results;
    } catch (e) {
      return { ...base, status: 'failed' as const, error: `unreadable results.json: ${(e as Error).message}`, metrics: {} };
    }
    const metrics: Record<string, string | number | boolean | null> = {};
    // threads and wall time first so that 1- and 2-thread sweeps line up column by column
    flattenScalars({ threads: results.run?.threads, wallSeconds: results.run?.wallSeconds }, 'run', metrics);
    flattenScalars(results.metrics ?? {}, 'metrics', metrics);
    for (const k of Object.keys(metrics)) metricCols.set(k, true);
    return { ...base, status: 'ok' as const, metrics };
  });
  const columns = ['member', 'dir', 'status', 'error', ...manifest.sets.map((s) => s.path), ...metricCols.keys()];
  return { manifest, members, columns };
}

/** RFC 4180 field: quoted when it holds a comma, quote, line break or outer spaces. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A cell's text: numbers in shortest round-trip form, strings as they are, absent = empty. */
function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The collection as CSV ("\n" line ends, header row, one row per member in index order). */
export function collectionCsv(c: Collection): string {
  const nSets = c.manifest.sets.length;
  const lines = [c.columns.map(csvField).join(',')];
  for (const m of c.members) {
    const row: string[] = [String(m.index), m.dir, m.status, m.error ?? ''];
    for (const s of c.manifest.sets) row.push(cellText(m.values[s.path]));
    for (const col of c.columns.slice(4 + nSets)) row.push(cellText(m.metrics[col]));
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
