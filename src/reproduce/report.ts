/**
 * The reproduction report: report.md (plain text, figures linked) and report.html (self-contained: CSS inline,
 * every figure embedded as a base64 data: URI, no scripts), with a summary table of all checks, then per
 * reproduction its verdict, metrics, assumptions, sensitivity table and figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReproductionResult } from './reproduction.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: unknown): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : +v.toPrecision(4) + '') : Array.isArray(v) ? `[${v.length} values]` : typeof v === 'string' ? v : JSON.stringify(v));
const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Scalar metrics only (time histories are in results.json). */
function scalarMetrics(r: ReproductionResult): [string, string][] {
  return Object.entries(r.metrics).filter(([, v]) => !Array.isArray(v)).map(([k, v]) => [k, fmt(v)]);
}

function tableHtml(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `<table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${cols.map((c) => `<td>${esc(fmt(r[c] ?? ''))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function tableMd(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [`| ${cols.map(mdCell).join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cols.map((c) => mdCell(fmt(r[c] ?? ''))).join(' | ')} |`)].join('\n');
}

/** When and how the reproductions ran. `threads`/`wallSeconds` are optional so that a report can be rebuilt from old results. */
export interface ReportMeta {
  readonly quick: boolean;
  /** ISO date of the run. */
  readonly date: string;
  /** Threads of the CG + AMG solves (results do not depend on it; wall times do). */
  readonly threads?: number;
  /** Wall time of all reproductions together, s. */
  readonly wallSeconds?: number;
}

/** One sentence on the threads and total wall time, or '' when the meta has neither. */
function runLine(meta: ReportMeta): string {
  const parts: string[] = [];
  if (meta.threads !== undefined) parts.push(`${meta.threads} solver thread${meta.threads === 1 ? '' : 's'} (CG + AMG solves; direct and GMRES + ILU(0) solves are serial; results do not depend on the count)`);
  if (meta.wallSeconds !== undefined) parts.push(`total wall time ${meta.wallSeconds.toFixed(1)} s`);
  return parts.length ? `Run with ${parts.join(', ')}.` : '';
}

/** ' (N threads)' after a wall time, or ''. */
const threadsNote = (meta: ReportMeta): string => (meta.threads !== undefined ? ` (${meta.threads} thread${meta.threads === 1 ? '' : 's'})` : '');

function checkRows(results: readonly ReproductionResult[]): Record<string, unknown>[] {
  return results.flatMap((r) => r.checks.map((c) => ({ reproduction: r.id, quantity: c.quantity, paper: c.paper, model: c.model, acceptance: c.acceptance, result: c.pass ? 'PASS' : 'FAIL' })));
}

/** report.md; figure paths relative to DIR. */
export function reportMarkdown(results: readonly ReproductionResult[], meta: ReportMeta): string {
  const run = runLine(meta);
  const out: string[] = [`# ecmfem reproductions${meta.quick ? ' (quick variants, coarse meshes)' : ''}`, '', `Generated ${meta.date}.${run ? ` ${run}` : ''}`, '', '## Checks', '', tableMd(checkRows(results)), ''];
  for (const r of results) {
    out.push(`## ${r.id}: ${r.title}`, '', `Source: ${r.source}. Wall time ${r.wallSeconds.toFixed(1)} s${threadsNote(meta)}.`, '', `**Verdict.** ${r.verdict}`, '', '### Metrics', '', tableMd(scalarMetrics(r).map(([k, v]) => ({ metric: k, value: v }))), '');
    if (r.sensitivity?.length) out.push('### Sensitivity', '', tableMd(r.sensitivity), '');
    out.push('### Assumptions', '', '```json', JSON.stringify(r.assumptions, null, 2), '```', '', '### Figures', '');
    for (const f of r.figures) out.push(`![${mdCell(f.caption)}](${r.id}/${f.file})`, '', `*${f.caption}*`, '');
  }
  return out.join('\n');
}

/** report.html, self-contained; `dir` is DIR (figures are read from DIR/<id>/<file>). */
export function reportHtml(results: readonly ReproductionResult[], dir: string, meta: ReportMeta): string {
  const css = 'body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:0.9em}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}.PASS{color:#116611;font-weight:bold}.FAIL{color:#aa1111;font-weight:bold}figure{margin:1em 0}img{max-width:100%;border:1px solid #ddd}pre{background:#f6f6f6;padding:0.8em;overflow-x:auto;font-size:0.8em}.verdict{background:#f3f7ff;border-left:4px solid #3366cc;padding:0.6em 1em}';
  const checks = checkRows(results);
  const checkTable = `<table id="checks"><thead><tr><th>reproduction</th><th>quantity</th><th>paper</th><th>model</th><th>acceptance</th><th>result</th></tr></thead><tbody>${checks.map((c) => `<tr><td>${esc(String(c.reproduction))}</td><td>${esc(String(c.quantity))}</td><td>${esc(String(c.paper))}</td><td>${esc(fmt(c.model))}</td><td>${esc(String(c.acceptance))}</td><td class="${c.result}">${c.result}</td></tr>`).join('')}</tbody></table>`;
  const sections = results.map((r) => {
    const figs = r.figures.map((f) => {
      const b64 = readFileSync(join(dir, r.id, f.file)).toString('base64');
      return `<figure><img alt="${esc(f.caption)}" src="data:image/png;base64,${b64}"><figcaption>${esc(f.caption)}</figcaption></figure>`;
    }).join('\n');
    return `<section id="${esc(r.id)}"><h2>${esc(r.id)}: ${esc(r.title)}</h2><p>Source: ${esc(r.source)}. Wall time ${r.wallSeconds.toFixed(1)} s${esc(threadsNote(meta))}.</p>
<p class="verdict"><b>Verdict.</b> ${esc(r.verdict)}</p>
<h3>Metrics</h3>${tableHtml(scalarMetrics(r).map(([k, v]) => ({ metric: k, value: v })))}
${r.sensitivity?.length ? `<h3>Sensitivity</h3>${tableHtml(r.sensitivity)}` : ''}
<h3>Assumptions</h3><pre>${esc(JSON.stringify(r.assumptions, null, 2))}</pre>
<h3>Figures</h3>${figs}</section>`;
  }).join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ecmfem reproductions</title><style>${css}</style></head><body>
<h1>ecmfem reproductions${meta.quick ? ' (quick variants)' : ''}</h1><p>Generated ${esc(meta.date)}. ${runLine(meta) ? `${esc(runLine(meta))} ` : ''}${checks.filter((c) => c.result === 'PASS').length} of ${checks.length} checks pass.</p>
<h2>Checks</h2>${checkTable}
${sections}
</body></html>
`;
}
