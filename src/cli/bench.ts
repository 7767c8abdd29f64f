/**
 * `ecmfem bench poisson|elasticity --n N [--threads T] [--no-warmup] [--json]`: the peers' unit-square problems
 * (shared/peers/REPORT.md), timed per stage, one JSON line on stdout with --json.
 */
import { parseArgs } from 'node:util';
import { runPoissonBench } from '../bench/poissonBench.js';
import { runElasticityBench } from '../bench/elasticityBench.js';
import { threadsFromFlag } from './threadsFlag.js';
import { createWorkerPool } from '../parallel/pool.js';
import { parallelAssemblyModule } from '../fem/parallelAssembly.js';
import { stressRecoveryModule } from '../physics/parallelStressRecovery.js';
import { UsageError } from './usageError.js';

export function cmdBench(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        n: { type: 'string' }, threads: { type: 'string' }, json: { type: 'boolean' },
        preconditioner: { type: 'string' }, 'no-warmup': { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [problem] = parsed.positionals;
  const n = Number(parsed.values.n ?? '256');
  if (!Number.isInteger(n) || n < 2 || n > 8192 || n % 2) throw new UsageError(`--n must be an even integer in [2, 8192], got '${parsed.values.n}'`);
  const pc = parsed.values.preconditioner ?? 'amg';
  if (pc !== 'amg' && pc !== 'ic0' && pc !== 'jacobi') throw new UsageError(`--preconditioner must be amg, ic0 or jacobi`);
  const threads = threadsFromFlag(parsed.values.threads);
  let result: Record<string, unknown>;
  // The pool is started and, unless --no-warmup, its kernels JIT-compiled on a small problem of each kind before
  // the timed stages: every worker is a fresh V8 isolate, and a cold worker runs its first kernels interpreted
  // (≈0.5 s lost in the first 2-thread solve at 1M unknowns). This plays the part of the peer's excluded FFCx JIT
  // and MPI start-up; both are reported (poolStart, warmup), never added to the stages.
  let t0 = performance.now();
  const pool = pc === 'amg' ? createWorkerPool(threads, { kernelModules: [parallelAssemblyModule(), stressRecoveryModule()] }) : undefined;
  const poolStart = (performance.now() - t0) / 1000;
  t0 = performance.now();
  if (pool && !parsed.values['no-warmup']) {
    runPoissonBench(64, { pool });
    runElasticityBench(32, threads, pool);
  }
  const warmup = (performance.now() - t0) / 1000;
  try {
    switch (problem) {
      case 'poisson':
        result = { ...runPoissonBench(n, { preconditioner: pc, threads, ...(pool ? { pool } : {}) }) };
        break;
      case 'elasticity':
        result = { ...runElasticityBench(n, threads, pool) };
        break;
      default:
        throw new UsageError(`bench needs a problem: poisson or elasticity (got '${problem ?? ''}')`);
    }
  } finally {
    if (pool) void pool.close();
  }
  result.poolStart = poolStart;
  result.warmup = warmup;
  if (parsed.values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(12)} ${typeof v === 'number' ? +v.toPrecision(6) : v}\n`);
  return 0;
}
