import { spmv, type CsrMatrix } from '../../../src/linalg/csr.js';

/**
 * Test-only Jacobi-preconditioned conjugate gradients (the systems assembled with constraints are SPD).
 * Stops at ‖r‖ ≤ rtol·‖b‖; throws if it does not get there.
 */
export function solveCG(A: CsrMatrix, b: Float64Array, x: Float64Array, rtol = 1e-12, maxIter = 20000): number {
  const n = A.n;
  const dinv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) if (A.colIdx[k] === i) dinv[i] = 1 / A.values[k]!;
  }
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  spmv(A, x, q);
  let bn = 0;
  for (let i = 0; i < n; i++) { r[i] = b[i]! - q[i]!; bn += b[i]! * b[i]!; }
  bn = Math.sqrt(bn);
  if (bn === 0) { x.fill(0); return 0; }
  let rz = 0;
  for (let i = 0; i < n; i++) { z[i] = dinv[i]! * r[i]!; p[i] = z[i]!; rz += r[i]! * z[i]!; }
  for (let it = 1; it <= maxIter; it++) {
    spmv(A, p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i]! * q[i]!;
    const alpha = rz / pq;
    let rn = 0;
    for (let i = 0; i < n; i++) { x[i]! += alpha * p[i]!; r[i]! -= alpha * q[i]!; rn += r[i]! * r[i]!; }
    if (Math.sqrt(rn) <= rtol * bn) return it;
    let rzNew = 0;
    for (let i = 0; i < n; i++) { z[i] = dinv[i]! * r[i]!; rzNew += r[i]! * z[i]!; }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  throw new Error(`solveCG: no convergence in ${maxIter} iterations`);
}

/** Dense copy [n × n] of a CSR matrix (small test systems only). */
export function toDense(A: CsrMatrix): Float64Array {
  const n = A.n;
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = A.rowPtr[i]!; k < A.rowPtr[i + 1]!; k++) M[i * n + A.colIdx[k]!] = A.values[k]!;
  return M;
}

/** Solves the dense system M x = b [n] by Gaussian elimination with partial pivoting (M, b copied). */
export function solveDense(Min: Float64Array, bin: Float64Array): Float64Array {
  const n = bin.length;
  const M = Min.slice();
  const x = bin.slice();
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]!) > Math.abs(M[p * n + k]!)) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = M[k * n + j]!; M[k * n + j] = M[p * n + j]!; M[p * n + j] = t; }
      const t = x[k]!; x[k] = x[p]!; x[p] = t;
    }
    const piv = M[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = M[i * n + k]! / piv;
      if (f === 0) continue;
      for (let j = k; j < n; j++) M[i * n + j]! -= f * M[k * n + j]!;
      x[i]! -= f * x[k]!;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = x[k]!;
    for (let j = k + 1; j < n; j++) s -= M[k * n + j]! * x[j]!;
    x[k] = s / M[k * n + k]!;
  }
  return x;
}

/** Least-squares slope of log(err) against log(h): the observed convergence rate. */
export function fitRate(h: readonly number[], err: readonly number[]): number {
  const X = h.map(Math.log);
  const Y = err.map(Math.log);
  const m = X.length;
  const mx = X.reduce((a, b) => a + b, 0) / m;
  const my = Y.reduce((a, b) => a + b, 0) / m;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) { sxy += (X[i]! - mx) * (Y[i]! - my); sxx += (X[i]! - mx) ** 2; }
  return sxy / sxx;
}
