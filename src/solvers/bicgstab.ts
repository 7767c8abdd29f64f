import type { CsrMatrix } from '../linalg/csr.js';
import { spmv } from '../linalg/csr.js';
import type { KrylovOptions, KrylovStatus } from './krylovSolver.js';
import { KrylovSolver, krylovName } from './krylovSolver.js';
import { residualNormSq } from './residual.js';
import { axpy, axpyNormSq, copy, dot } from './vector.js';

/**
 * Preconditioned BiCGSTAB (van der Vorst 1992; the right-preconditioned form of Barrett et al.,
 * "Templates", 1994) for general nonsingular A. The recurrence carries the unpreconditioned residual
 * r = b − A·x, which is what the convergence test uses.
 *
 * Breakdown (status 'breakdown', then `solve` throws): ρ = r̂ᵀr = 0, r̂ᵀv = 0, tᵀt = 0 or ω = 0.
 * Cost per iteration: 2 SpMV, 2 preconditioner applies, 5 dots. Work vectors: 7 × [n].
 */
export class BiCgStabSolver extends KrylovSolver {
  readonly name: string;
  private w: Float64Array[] = [];

  constructor(opts: KrylovOptions = {}) {
    super(opts);
    this.name = krylovName('bicgstab', this.preconditioner);
  }

  protected iterate(A: CsrMatrix, b: Float64Array, x: Float64Array, target: number, maxIter: number): { iterations: number; status: KrylovStatus } {
    const n = A.n;
    const M = this.preconditioner;
    if (this.w.length === 0 || this.w[0]!.length !== n) this.w = Array.from({ length: 7 }, () => new Float64Array(n));
    const [r, rHat, p, v, pHat, sHat, t] = this.w as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    let rr = residualNormSq(A, x, b, r);
    if (Math.sqrt(rr) <= target) return { iterations: 0, status: 'converged' };
    copy(r, rHat);
    let rhoOld = 1, alpha = 1, omega = 1;
    for (let it = 1; it <= maxIter; it++) {
      const rho = dot(rHat, r);
      if (rho === 0 || !Number.isFinite(rho)) return { iterations: it - 1, status: 'breakdown' };
      if (it === 1) copy(r, p);
      else {
        const beta = (rho / rhoOld) * (alpha / omega);
        for (let i = 0; i < n; i++) p[i] = r[i]! + beta * (p[i]! - omega * v[i]!);
      }
      if (M !== null) M.apply(p, pHat); else copy(p, pHat);
      spmv(A, pHat, v);
      const rv = dot(rHat, v);
      if (rv === 0) return { iterations: it, status: 'breakdown' };
      alpha = rho / rv;
      // r now holds s = r − α·v.
      const ss = axpyNormSq(-alpha, v, r);
      if (Math.sqrt(ss) <= target) {
        axpy(alpha, pHat, x);
        return { iterations: it, status: 'converged' };
      }
      if (M !== null) M.apply(r, sHat); else copy(r, sHat);
      spmv(A, sHat, t);
      const tt = dot(t, t);
      if (!(tt > 0)) return { iterations: it, status: 'breakdown' };
      omega = dot(t, r) / tt;
      for (let i = 0; i < n; i++) x[i]! += alpha * pHat[i]! + omega * sHat[i]!;
      rr = axpyNormSq(-omega, t, r);
      if (Math.sqrt(rr) <= target) return { iterations: it, status: 'converged' };
      if (omega === 0 || !Number.isFinite(rr)) return { iterations: it, status: 'breakdown' };
      rhoOld = rho;
    }
    return { iterations: maxIter, status: 'max-iterations' };
  }
}
