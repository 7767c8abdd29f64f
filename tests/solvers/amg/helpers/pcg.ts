import { spmv, type CsrMatrix } from '../../../../src/linalg/csr.js';
import type { Preconditioner } from '../../../../src/linalg/preconditioner.js';

/** Result of {@link pcg}: iterations, final ‖b − A x‖/‖b‖ (recomputed), and wall seconds of the iterations. */
export interface PcgResult { iterations: number; relResidual: number; seconds: number; converged: boolean }

/**
 * Test-local preconditioned conjugate gradients (Hestenes–Stiefel) with the stopping test of the peer
 * benchmarks: ‖b − A x‖₂ / ‖b‖₂ ≤ relTol on the recursively updated, unpreconditioned residual.
 * x holds the initial guess and receives the solution.
 */
export function pcg(A: CsrMatrix, b: Float64Array, x: Float64Array, M: Preconditioner | null, relTol: number, maxIt = 500): PcgResult {
  const n = A.n;
  const r = new Float64Array(n), z = new Float64Array(n), p = new Float64Array(n), q = new Float64Array(n);
  const t0 = performance.now();
  spmv(A, x, q);
  let bb = 0, rr = 0;
  for (let i = 0; i < n; i++) { r[i] = b[i]! - q[i]!; bb += b[i]! * b[i]!; rr += r[i]! * r[i]!; }
  const stop = relTol * Math.sqrt(bb);
  let it = 0;
  let rz = 0;
  while (Math.sqrt(rr) > stop && it < maxIt) {
    if (M) M.apply(r, z); else z.set(r);
    let rzNew = 0;
    for (let i = 0; i < n; i++) rzNew += r[i]! * z[i]!;
    const beta = it === 0 ? 0 : rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
    spmv(A, p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i]! * q[i]!;
    const alpha = rz / pq;
    rr = 0;
    for (let i = 0; i < n; i++) { x[i]! += alpha * p[i]!; r[i]! -= alpha * q[i]!; rr += r[i]! * r[i]!; }
    it++;
  }
  const seconds = (performance.now() - t0) / 1000;
  spmv(A, x, q);
  let res = 0;
  for (let i = 0; i < n; i++) res += (b[i]! - q[i]!) ** 2;
  const relResidual = Math.sqrt(res / bb);
  return { iterations: it, relResidual, seconds, converged: Math.sqrt(rr) <= stop };
}
