import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledUrl } from '../../src/parallel/compiledUrl.js';
import type { KernelDef } from '../../src/parallel/kernelTypes.js';
import { createWorkerPool } from '../../src/parallel/pool.js';
import { toShared } from '../../src/parallel/sharedArrays.js';
import { sharedVector } from './testMatrices.js';

const fixtureUrl = new URL('./fixtures/testKernels.mjs', import.meta.url);
const fixture = (await import(fixtureUrl.href)) as { kernels: readonly KernelDef[] };
const testModule = { url: fixtureUrl, kernels: fixture.kernels };

describe('worker pool', { timeout: 30_000 }, () => {
  it('maps a source module URL to its compiled twin', () => {
    expect(compiledUrl('file:///w/main/src/parallel/pool.ts').href).toBe('file:///w/main/dist/src/parallel/pool.js');
    expect(compiledUrl('file:///w/main/dist/src/parallel/pool.js').href).toBe('file:///w/main/dist/src/parallel/pool.js');
  });

  it('runs a kernel from an extra kernel module on every thread count, every chunk exactly once', async () => {
    for (const t of [1, 2, 3]) {
      const pool = createWorkerPool(t, { chunkRows: 10, kernelModules: [testModule] });
      const out = sharedVector(100, () => -1);
      pool.run('chunkId', [pool.share('out', out), 995]); // 100 chunks, the last one 5 rows
      for (let c = 0; c < 100; c++) expect(out[c]).toBe(c + 100_000);
      await pool.close();
    }
  });

  it('reports a worker failure as an error, aborts the others out of the barrier, and stays usable', async () => {
    const pool = createWorkerPool(3, { kernelModules: [testModule] });
    expect(() => pool.run('failOnThread', [2])).toThrow(/thread 2: deliberate failure on thread 2/);
    expect(() => pool.run('failOnThread', [0])).toThrow(/deliberate failure on thread 0/);
    const out = sharedVector(4, () => 0);
    pool.run('chunkId', [pool.share('out', out), 4]);
    expect(out[0]).toBe(1000);
    await pool.close();
    expect(() => pool.run('chunkId', [0, 4])).toThrow(/closed/);
  });

  it('fails clearly when a worker does not have the kernels the caller expects (stale build)', async () => {
    const wrong = { url: fixtureUrl, kernels: [{ name: 'renamed', run: () => undefined }, ...fixture.kernels] };
    const pool = createWorkerPool(2, { kernelModules: [wrong] });
    // 'renamed' is a no-op on the calling thread, so the only failure is the worker's start-up check.
    expect(() => pool.run('renamed', [])).toThrow(/differ between the calling thread/);
    await pool.close();
  });

  it('registers arrays once by identity, refuses non-shared memory and duplicate names', async () => {
    const pool = createWorkerPool(2);
    const a = toShared(Float64Array.from([1, 2, 3]));
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    const id = pool.share('a', a);
    expect(pool.share('a-again', a)).toBe(id);
    expect(pool.idOf(a)).toBe(id);
    expect(() => pool.share('plain', new Float64Array(3))).toThrow(/toShared/);
    expect(() => pool.share('a', toShared(new Int32Array(2)))).toThrow(/already registered/);
    pool.release(a);
    expect(pool.idByNameOf('a')).toBeUndefined();
    await pool.close();
    await pool.close(); // idempotent
  });

  it('rejects unknown kernels and bad thread counts', async () => {
    expect(() => createWorkerPool(0)).toThrow(RangeError);
    expect(() => createWorkerPool(1.5)).toThrow(RangeError);
    const pool = createWorkerPool(1);
    expect(() => pool.run('nope', [])).toThrow(/unknown kernel/);
    await pool.close();
  });

  it('does not keep the process alive when a pool is never closed', () => {
    // A child process creates a 3-thread pool from the compiled module, runs one command and ends its script.
    const poolJs = pathToFileURL(fileURLToPath(compiledUrl(new URL('../../src/parallel/pool.ts', import.meta.url)))).href;
    const script = `import { createWorkerPool } from ${JSON.stringify(poolJs)};
      const p = createWorkerPool(3); const v = new Float64Array(new SharedArrayBuffer(8 * 10)).fill(1);
      const id = p.share('v', v); p.run('axpy', [2, id, id, 10]); console.log(v[9]);`;
    const t0 = Date.now();
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe('3');
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});
