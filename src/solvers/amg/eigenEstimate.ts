import type { CsrMatrix } from '../../linalg/csr.js';

/**
 * Estimate of λmax(D⁻¹A) for symmetric A with nonnegative diagonal: `steps` Lanczos iterations on the
 * symmetric similar matrix D^{-1/2} A D^{-1/2}, returning the largest Ritz value (found by Sturm bisection
 * on the small tridiagonal matrix). A Ritz value is a lower bound that converges fast to the top of the
 * spectrum, so callers add a safety margin. `invDiag` [n] (0 marks inactive rows); `work` holds 5 vectors [≥ n].
 * Deterministic start vector (fixed-seed LCG), so repeated setups give identical hierarchies.
 */
export function estimateLambdaMax(A: CsrMatrix, invDiag: Float64Array, steps: number, work: Float64Array[]): number {
  const n = A.n;
  // Three Lanczos vectors rotate through the first three work buffers instead of being copied.
  let v = work[0]!, vPrev = work[1]!, w = work[2]!;
  const sq = work[3]!, u = work[4]!;
  let seed = 12345;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    sq[i] = Math.sqrt(invDiag[i]!);
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const x = invDiag[i]! > 0 ? seed / 4294967296 - 0.5 : 0;
    v[i] = x;
    vPrev[i] = 0;
    norm += x * x;
  }
  if (norm === 0) return 0;
  // u = D^{-1/2} v with v normalised, so the product below is a plain SpMV.
  let scale = 1 / Math.sqrt(norm);
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const { rowPtr, colIdx, values } = A;
  let m = 0;
  let betaPrev = 0;
  for (let it = 0; it < steps; it++) {
    for (let i = 0; i < n; i++) { const vi = v[i]! * scale; v[i] = vi; u[i] = sq[i]! * vi; }
    // w = D^{-1/2} A D^{-1/2} v − β_{j−1} v_{j−1}, α = wᵀv
    let a = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      const end = rowPtr[i + 1]!;
      for (let k = rowPtr[i]!; k < end; k++) t += values[k]! * u[colIdx[k]!]!;
      const wi = sq[i]! * t - betaPrev * vPrev[i]!;
      w[i] = wi;
      a += wi * v[i]!;
    }
    alpha[it] = a;
    m = it + 1;
    let bnorm = 0;
    for (let i = 0; i < n; i++) { const wi = w[i]! - a * v[i]!; w[i] = wi; bnorm += wi * wi; }
    bnorm = Math.sqrt(bnorm);
    if (bnorm <= 1e-12 * Math.abs(a) || it === steps - 1) break; // invariant subspace found, or done
    beta[it] = bnorm;
    // Next vector is w/β (the scaling happens at the top of the next step).
    const t = vPrev; vPrev = v; v = w; w = t;
    scale = 1 / bnorm;
    betaPrev = bnorm;
  }
  return largestTridiagonalEigenvalue(alpha, beta, m);
}

/** Largest eigenvalue of the symmetric tridiagonal matrix (diag α[0..m), off-diag β[0..m−1)) by bisection. */
export function largestTridiagonalEigenvalue(alpha: Float64Array, beta: Float64Array, m: number): number {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < m - 1 ? Math.abs(beta[i]!) : 0);
    lo = Math.min(lo, alpha[i]! - r);
    hi = Math.max(hi, alpha[i]! + r);
  }
  // Sturm count: number of eigenvalues < x; the largest eigenvalue is where the count reaches m.
  const countBelow = (x: number): number => {
    let c = 0;
    let q = 1;
    for (let i = 0; i < m; i++) {
      const b2 = i > 0 ? beta[i - 1]! * beta[i - 1]! : 0;
      q = alpha[i]! - x - (i > 0 ? b2 / q : 0);
      if (q === 0) q = 1e-300;
      if (q < 0) c++;
    }
    return c;
  };
  for (let it = 0; it < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (countBelow(mid) >= m) hi = mid;
    else lo = mid;
  }
  return hi;
}
