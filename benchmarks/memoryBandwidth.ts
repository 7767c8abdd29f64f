/**
 * The machine's ceiling for memory-bound kernels (SpMV, assembly scatter, AMG smoothing): a streaming update
 * a[i] += 0.5·i over 128 MiB, on one thread and on two threads at once (each on its own, already touched array),
 * and the cost of first-touch page faults. On a VM whose cores share a saturated memory bus, two streaming
 * threads move little more data than one, and no memory-bound kernel can scale further than that.
 *
 *   node dist/benchmarks/memoryBandwidth.js        (also run by bench:peers, reported in peers.md)
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

export interface StreamScaling {
  /** GB/s (read + write) of one thread. */
  readonly oneThreadGBs: number;
  /** GB/s of two threads together. */
  readonly twoThreadsGBs: number;
  /** twoThreads / oneThread: 2 = perfect, 1 = no gain from the second thread. */
  readonly speedup: number;
  /** Milliseconds per MiB of first-touch page faults on one thread. */
  readonly faultMsPerMiB: number;
}

const WORKER = `
const { parentPort } = require('node:worker_threads');
const a = new Float64Array(16 << 20);
a.fill(1);
parentPort.on('message', (sweeps) => {
  const t0 = performance.now();
  for (let r = 0; r < sweeps; r++) for (let i = 0; i < a.length; i++) a[i] += i * 0.5;
  parentPort.postMessage(performance.now() - t0);
});`;

/** Median over `reps` alternating one-thread and two-thread runs. */
export async function measureStreamScaling(reps = 5, sweeps = 6): Promise<StreamScaling> {
  const w1 = new Worker(WORKER, { eval: true }), w2 = new Worker(WORKER, { eval: true });
  const run = (w: Worker): Promise<number> => new Promise((r) => { w.once('message', r); w.postMessage(sweeps); });
  try {
    await Promise.all([run(w1), run(w2)]); // JIT and first touch
    const one: number[] = [], two: number[] = [];
    for (let k = 0; k < reps; k++) {
      let t0 = performance.now(); await run(w1); one.push(performance.now() - t0);
      t0 = performance.now(); await Promise.all([run(w1), run(w2)]); two.push(performance.now() - t0);
    }
    const bytes = 16 * (16 << 20) * sweeps; // 8 B read + 8 B written per entry and sweep
    const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1]!;
    const oneGBs = bytes / (med(one) * 1e6), twoGBs = (2 * bytes) / (med(two) * 1e6);
    const MiB = 128;
    const t0 = performance.now();
    const fresh = new Float64Array(MiB << 17);
    for (let i = 0; i < fresh.length; i += 512) fresh[i] = 1;
    const faultMsPerMiB = (performance.now() - t0) / MiB;
    return { oneThreadGBs: oneGBs, twoThreadsGBs: twoGBs, speedup: twoGBs / oneGBs, faultMsPerMiB };
  } finally {
    await Promise.all([w1.terminate(), w2.terminate()]);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureStreamScaling();
  process.stdout.write(JSON.stringify(r) + '\n');
}
