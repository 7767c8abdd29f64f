/**
 * `ecmfem reproduce --threads`: the thread count is validated before anything is written, recorded in every
 * output (results.json `run`, report.md/html), and does not change a single number. The quick si-sse-interlayer
 * meshes (≤ 816 unknowns) are below 'auto''s 20 000-unknown limit, so Ohm, level set and mechanics all take the
 * serial direct solver: this checks the plumbing end to end, not the pool. The pool path (CG + AMG on 2 threads)
 * is checked bitwise in coupledThreads.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';

const BIN = resolve(__dirname, '../../bin/ecmfem.js');
const ID = 'si-sse-interlayer';

/** results.json text without what may differ between runs: the `run` block and every wall time. */
function comparable(file: string): string {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(r, (k, v: unknown) => (k === 'run' || /seconds/i.test(k) ? undefined : v));
}

/** The CLI in-process: exit code and stderr (stdout is swallowed). */
async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: any) => { stderr += String(c); return true; });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(argv), stderr };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ecmfem-reproduce-threads-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('ecmfem reproduce --threads', () => {
  it('1 and 2 threads write identical results.json numbers; threads and wall time are recorded', () => {
    const out = (t: number) => join(tmp, `t${t}`);
    for (const t of [1, 2]) {
      const r = spawnSync(process.execPath, [BIN, 'reproduce', ID, '--quick', '--threads', String(t), '--out', out(t), '--quiet'], { encoding: 'utf8', timeout: 90_000 });
      expect(r.status, r.stderr).toBe(0);
    }
    const file = (t: number) => join(out(t), ID, 'results.json');
    const [a, b] = [1, 2].map((t) => JSON.parse(readFileSync(file(t), 'utf8')));
    expect(a.run.threads).toBe(1);
    expect(b.run.threads).toBe(2);
    for (const x of [a, b]) {
      expect(x.run.wallSeconds).toBeGreaterThan(0);
      expect(x.run.wallSeconds).toBe(x.wallSeconds);
    }
    // Non-trivial content: the metrics the reproduction is about are finite numbers.
    expect(Number.isFinite(a.metrics['peakInterfaceStressGPa.noInterlayer'])).toBe(true);
    expect(a.metrics['currentMaxOverMean.noInterlayer']).toBeGreaterThan(1);
    // Every number (metrics, histories, sensitivity table, checks) is identical: JSON keeps doubles exactly.
    expect(comparable(file(2))).toBe(comparable(file(1)));
    const md = readFileSync(join(out(2), 'report.md'), 'utf8');
    expect(md).toMatch(/Run with 2 solver threads .*, total wall time \d+\.\d s\./);
    expect(md).toMatch(new RegExp(`## ${ID}: .*\\n\\nSource: .* Wall time \\d+\\.\\d s \\(2 threads\\)\\.`));
    expect(readFileSync(join(out(1), 'report.html'), 'utf8')).toMatch(/Run with 1 solver thread \(CG \+ AMG solves;[^<]*total wall time \d+\.\d s\./);
  }, 120_000);

  it.each([['0'], ['abc'], ['1025'], ['-1'], ['2.5'], ['']])("--threads '%s' exits 2 with one line naming the flag and range, writing nothing", async (bad) => {
    const out = join(tmp, 'bad');
    const r = await cli(['reproduce', ID, '--quick', '--out', out, `--threads=${bad}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ecmfem: error: invalid --threads '${bad}': expected an integer between 1 and 1024 or 'auto'\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad --threads is reported even with an otherwise valid command, before the id list is run', async () => {
    const out = join(tmp, 'bad2');
    const r = await cli(['reproduce', 'all', '--out', out, '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l)).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('compare and collect solve nothing: --threads is an unknown option there (exit 2, one line naming it)', async () => {
    for (const argv of [['collect', tmp, '--threads', '2'], ['compare', 'a', 'b', '--field', 'V', '--threads', '2']]) {
      const r = await cli(argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toMatch(/^ecmfem: error: Unknown option '--threads'.*\n$/);
      expect(r.stderr.split('\n').filter((l) => l)).toHaveLength(1);
    }
  });
});
