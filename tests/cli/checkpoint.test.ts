import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/ecmfem.js');

/** The coupled strip case refined so the run lasts a few seconds (≈ 270 steps). */
function writeCase(dir: string): string {
  const c = JSON.parse(readFileSync(resolve(__dirname, '../../cases/si-strip-lithiation.json'), 'utf8'));
  c.mesh.nx = 8;
  c.mesh.layers[0].ny = 120;
  c.outputs = { png: false };
  c.time.snapshotEvery = 25;
  const file = join(dir, 'case.json');
  writeFileSync(file, JSON.stringify(c));
  return file;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a run, waits until its first checkpoint exists (+ a little), then sends `signal`. */
async function interrupt(file: string, out: string, signal: NodeJS.Signals): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'run', file, '--out', out, '-q', '--checkpoint-every', '20'], { stdio: 'ignore' });
  const ckpt = join(resolve(out, '..'), `.${'out-b'}.partial`, 'checkpoint.json');
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  for (let i = 0; i < 1000 && !existsSync(ckpt); i++) await sleep(10);
  await sleep(300);
  child.kill(signal);
  return exited;
}

function compareRuns(a: string, b: string): void {
  expect(readFileSync(join(b, 'timeseries.csv'), 'utf8')).toBe(readFileSync(join(a, 'timeseries.csv'), 'utf8'));
  expect(JSON.parse(readFileSync(join(b, 'results.json'), 'utf8')).metrics).toEqual(JSON.parse(readFileSync(join(a, 'results.json'), 'utf8')).metrics);
  const snaps = readdirSync(join(a, 'snapshots'));
  expect(readdirSync(join(b, 'snapshots'))).toEqual(snaps);
  for (const f of snaps) expect(readFileSync(join(b, 'snapshots', f)).equals(readFileSync(join(a, 'snapshots', f))), f).toBe(true);
}

describe('checkpoint and restart of a coupled run', () => {
  it('SIGKILL mid-run, then --resume: results identical to an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-ckpt-'));
    try {
      const file = writeCase(dir);
      const full = join(dir, 'out-a'), part = join(dir, 'out-b');
      expect(spawnSync(process.execPath, [BIN, 'run', file, '--out', full, '-q'], { timeout: 120_000 }).status).toBe(0);
      const code = await interrupt(file, part, 'SIGKILL');
      expect(code).toBeNull(); // killed, not finished
      expect(existsSync(part)).toBe(false); // nothing half-written in the output directory
      const r = spawnSync(process.execPath, [BIN, 'run', file, '--out', part, '-q', '--resume'], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      compareRuns(full, part);
      expect(existsSync(join(dir, '.out-b.partial'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('SIGTERM writes a checkpoint and exits 4; --resume finishes identically; resuming nothing is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-ckpt-'));
    try {
      const file = writeCase(dir);
      const full = join(dir, 'out-a'), part = join(dir, 'out-b');
      expect(spawnSync(process.execPath, [BIN, 'run', file, '--out', full, '-q'], { timeout: 120_000 }).status).toBe(0);
      expect(await interrupt(file, part, 'SIGTERM')).toBe(4);
      expect(existsSync(join(dir, '.out-b.partial', 'checkpoint.json'))).toBe(true);
      expect(spawnSync(process.execPath, [BIN, 'run', file, '--out', part, '-q', '--resume'], { timeout: 120_000 }).status).toBe(0);
      compareRuns(full, part);
      const none = spawnSync(process.execPath, [BIN, 'run', file, '--out', join(dir, 'out-c'), '--resume'], { encoding: 'utf8' });
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/cannot resume: no checkpoint/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
