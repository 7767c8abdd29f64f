/**
 * Hardened inputs: every malformed file of the corpus, run through the real CLI (`node bin/ecmfem.js run FILE
 * --out TMP`), must give exit 2, exactly one stderr line `ecmfem: error: …` naming the problem (the regex of
 * expect.json), no stack frame, nothing on stdout, nothing written next to TMP, and end within 10 s.
 *
 * cases/       malformed case files (types, ranges, NaN, units, unknown names, missing BCs, level set, …)
 * mesh-cases/  small valid cases whose mesh file (meshes/*.json, or the interop helper's malformed Gmsh/COMSOL
 *              fixtures) is malformed; control-mesh-case.json is the same wrapper around a valid mesh.
 * Needs an up-to-date dist/ (`npm test` builds it first).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/ecmfem.js');
const HERE = __dirname;
/**
 * A run taking longer than this is a hang. Each run needs ~0.3–0.5 s alone; the limit leaves room for a CI
 * machine whose 2 cores also run the other vitest worker (runs of 8 ms of assertion time failed at 10 s under
 * a 6-process load while developing).
 */
const RUN_LIMIT_MS = 30_000;
/** Runs at once: node start-up dominates; more than 2 cores' worth only queues. */
const PARALLEL = 2;

interface RunResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number; leftovers: string[] }

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'ecmfem-corpus-')); });
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

/** Runs `ecmfem run FILE --out <fresh dir>/out`; `leftovers` = whatever exists in the fresh dir afterwards. */
function runFile(file: string): Promise<RunResult> {
  const parent = mkdtempSync(join(work, 'run-'));
  const out = join(parent, 'out');
  const t0 = performance.now();
  return new Promise((done) => {
    // SIGKILL: `run` traps SIGTERM to checkpoint time loops, so only SIGKILL is sure to end a hang
    const child = spawn(process.execPath, [BIN, 'run', file, '--out', out], { cwd: parent, timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += String(d); });
    child.stderr.on('data', (d) => { stderr += String(d); });
    child.on('close', (code, signal) => {
      done({ code, signal, stdout, stderr, ms: performance.now() - t0, leftovers: readdirSync(parent) });
    });
  });
}

async function runAll(files: string[]): Promise<Map<string, RunResult>> {
  const results = new Map<string, RunResult>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      results.set(f, await runFile(join(HERE, f)));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return results;
}

const expectations = JSON.parse(readFileSync(join(HERE, 'expect.json'), 'utf8')) as Record<string, string>;
const files = [
  ...readdirSync(join(HERE, 'cases')).map((f) => `cases/${f}`),
  ...readdirSync(join(HERE, 'mesh-cases')).map((f) => `mesh-cases/${f}`),
].sort();

describe('malformed-input corpus: one clear line, exit 2, nothing written, no hang', () => {
  let results: Map<string, RunResult>;
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const t0 = performance.now();
    results = await runAll([...files, 'control-case.json', 'control-mesh-case.json']);
    // the whole corpus in parallel batches must stay well inside a CI budget
    expect(performance.now() - t0).toBeLessThan(150_000);
  }, 300_000);

  it('covers at least 50 files (30+ case files, 15+ mesh files) and every file has an expectation', () => {
    expect(files.filter((f) => f.startsWith('cases/')).length).toBeGreaterThanOrEqual(30);
    expect(readdirSync(join(HERE, 'meshes')).length).toBeGreaterThanOrEqual(15);
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(Object.keys(expectations).sort()).toEqual(files);
  });

  it('the unmodified base case and the mesh-file wrapper around a valid mesh run (controls)', () => {
    for (const f of ['control-case.json', 'control-mesh-case.json']) {
      const r = results.get(f)!;
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      expect(r.leftovers, f).toEqual(['out']);
    }
  });

  for (const f of files) {
    it(f, () => {
      const r = results.get(f)!;
      expect(r.signal, `${f} hung (killed after ${RUN_LIMIT_MS} ms)`).toBeNull();
      expect(r.ms).toBeLessThan(RUN_LIMIT_MS);
      expect(r.code, r.stderr).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^ecmfem: error: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(lines[0]!.slice('ecmfem: error: '.length)).toMatch(new RegExp(expectations[f]!));
      expect(r.stdout).toBe('');
      // neither the output directory nor a staging/partial sibling is left behind
      expect(r.leftovers).toEqual([]);
    });
  }
});
