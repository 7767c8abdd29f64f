/**
 * SpMV and fused-CG iteration time with 1 and 2 threads of the shared-memory pool, on a 5-point Laplacian with
 * 1024² = 1 048 576 unknowns. Prints one JSON line. Run after `npm run build`:
 *   node dist/benchmarks/parallel-spmv.js [reps=5]
 * Variants alternate repeat by repeat so they see the same machine conditions; values are medians over repeats
 * (min/max given too). loadavg1 is printed because the target machine is shared and noisy.
 */
import { loadavg } from 'node:os';
import type { CsrMatrix } from '../src/linalg/csr.js';
import { LinearSolveError, type SolveReport } from '../src/linalg/linearSolver.js';
import { parallelSpmv } from '../src/parallel/ops.js';
import { createParallelCg } from '../src/parallel/parallelCg.js';
import { createWorkerPool } from '../src/parallel/pool.js';
import { sharedFloat64 } from '../src/parallel/sharedArrays.js';

const N = 1024, SPMV_PER_REP = 50, CG_ITERS = 50, THREADS = [1, 2];
const reps = Number(process.argv[2] ?? 5);

function laplacian5(nx: number, ny: number): CsrMatrix {
  const n = nx * ny, cap = 5 * n;
  const rowPtr = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
  const colIdx = new Int32Array(new SharedArrayBuffer(4 * cap));
  const values = new Float64Array(new SharedArrayBuffer(8 * cap));
  let k = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const r = j * nx + i;
      if (j > 0) { colIdx[k] = r - nx; values[k++] = -1; }
      if (i > 0) { colIdx[k] = r - 1; values[k++] = -1; }
      colIdx[k] = r; values[k++] = 4;
      if (i < nx - 1) { colIdx[k] = r + 1; values[k++] = -1; }
      if (j < ny - 1) { colIdx[k] = r + nx; values[k++] = -1; }
      rowPtr[r + 1] = k;
    }
  }
  return { n, rowPtr, colIdx, values };
}

const stats = (v: number[]): { med: number; min: number; max: number } => {
  const s = [...v].sort((a, b) => a - b);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return { med: r3(s[Math.floor(s.length / 2)]!), min: r3(s[0]!), max: r3(s[s.length - 1]!) };
};

const A = laplacian5(N, N);
const x = sharedFloat64(A.n), b = new Float64Array(A.n);
for (let i = 0; i < A.n; i++) { x[i] = 1 + (i % 17) * 0.125; b[i] = Math.sin(0.37 * i) + 0.5; }
const pools = THREADS.map((t) => createWorkerPool(t));
const ys = THREADS.map(() => sharedFloat64(A.n));
// relTol far below reach: every solve runs exactly CG_ITERS iterations and reports through LinearSolveError.
const solvers = pools.map((p) => createParallelCg(p, { relTol: 1e-30, maxIter: CG_ITERS, preconditioner: 'jacobi' }));
const spmvMs: number[][] = THREADS.map(() => []), cgMs: number[][] = THREADS.map(() => []);
const runCg = (k: number): SolveReport => {
  try { return solvers[k]!.solve(A, b, new Float64Array(A.n)); } catch (e) { if (e instanceof LinearSolveError) return e.report; throw e; }
};

for (let k = 0; k < THREADS.length; k++) { // warm-up: JIT in every thread, first touch of all vectors
  for (let i = 0; i < 10; i++) parallelSpmv(pools[k]!, A, x, ys[k]!);
  solvers[k]!.setup(A);
  runCg(k);
}
for (let r = 0; r < reps; r++) {
  for (let k = 0; k < THREADS.length; k++) {
    const t0 = performance.now();
    for (let i = 0; i < SPMV_PER_REP; i++) parallelSpmv(pools[k]!, A, x, ys[k]!);
    spmvMs[k]!.push((performance.now() - t0) / SPMV_PER_REP);
    const rep = runCg(k);
    cgMs[k]!.push((rep.solveSeconds * 1000) / rep.iterations);
  }
}
const identical = Buffer.compare(Buffer.from(ys[0]!.buffer), Buffer.from(ys[1]!.buffer)) === 0;
const s = THREADS.map((_, k) => ({ spmv: stats(spmvMs[k]!), cg: stats(cgMs[k]!) }));
console.log(JSON.stringify({
  benchmark: 'parallel-spmv', node: process.version, n: A.n, nnz: A.rowPtr[A.n], reps, spmvPerRep: SPMV_PER_REP, cgItersPerRep: CG_ITERS,
  spmvMs: Object.fromEntries(THREADS.map((t, k) => [t, s[k]!.spmv])),
  cgIterMs: Object.fromEntries(THREADS.map((t, k) => [t, s[k]!.cg])),
  speedup2v1: { spmv: Math.round((s[0]!.spmv.med / s[1]!.spmv.med) * 100) / 100, cgIter: Math.round((s[0]!.cg.med / s[1]!.cg.med) * 100) / 100 },
  spmvBitwiseIdentical: identical, loadavg1: Math.round(loadavg()[0]! * 100) / 100,
}));
await Promise.all(pools.map((p) => p.close()));
