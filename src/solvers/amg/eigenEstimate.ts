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
  // Lanczos vectors are kept unnormalised with their scale factor (v = vRaw·sc), so normalising costs no pass of
  // its own: per step one SpMV sweep and one update sweep, which also writes the next SpMV input u = D^{-1/2}·vRaw.
  // The three vectors rotate through the first three work buffers instead of being copied.
  let vRaw = work[0]!, vPrevRaw = work[1]!, w = work[2]!;
  const sq = work[3]!, u = work[4]!;
  let seed = 12345;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.sqrt(invDiag[i]!);
    sq[i] = s;
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const x = invDiag[i]! > 0 ? seed / 4294967296 - 0.5 : 0;
    vRaw[i] = x;
    u[i] = s * x;
    vPrevRaw[i] = 0;
    norm += x * x;
  }
  if (norm === 0) return 0;
  let sc = 1 / Math.sqrt(norm), scPrev = 0;
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const { rowPtr, colIdx, values } = A;
  let m = 0;
  let betaPrev = 0;
  for (let it = 0; it < steps; it++) {
    // w = D^{-1/2} A D^{-1/2} v − β_{j−1} v_{j−1}, α = wᵀv
    const bp = betaPrev * scPrev;
    let a = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      const end = rowPtr[i + 1]!;
      for (let k = rowPtr[i]!; k < end; k++) t += values[k]! * u[colIdx[k]!]!;
      const wi = sq[i]! * t * sc - bp * vPrevRaw[i]!;
      w[i] = wi;
      a += wi * vRaw[i]!;
    }
    a *= sc;
    alpha[it] = a;
    m = it + 1;
    const as = a * sc;
    let bnorm = 0;
    for (let i = 0; i < n; i++) { const wi = w[i]! - as * vRaw[i]!; w[i] = wi; u[i] = sq[i]! * wi; bnorm += wi * wi; }
    bnorm = Math.sqrt(bnorm);
    if (bnorm <= 1e-12 * Math.abs(a) || it === steps - 1) break; // invariant subspace found, or done
    beta[it] = bnorm;
    // Next vector is w/β: kept raw with scale 1/β.
    const t = vPrevRaw; vPrevRaw = vRaw; vRaw = w; w = t;
    scPrev = sc;
    sc = 1 / bnorm;
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
