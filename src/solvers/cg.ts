import type { CsrMatrix } from '../linalg/csr.js';
import { spmv } from '../linalg/csr.js';
import type { KrylovOptions, KrylovStatus } from './krylovSolver.js';
import { KrylovSolver, krylovName } from './krylovSolver.js';
import { residualNormSq } from './residual.js';
import { axpy, axpyNormSq, copy, dot, xpay } from './vector.js';

/**
 * Preconditioned conjugate gradients (Hestenes–Stiefel) for symmetric positive definite A with an
 * SPD preconditioner M.
 *
 * Convergence test on the unpreconditioned residual ‖r‖₂ = ‖b − A·x‖₂ (kept by the recurrence, checked
 * against the recomputed one at the end). Breakdown: pᵀA·p ≤ 0 means A is not SPD, rᵀM⁻¹r ≤ 0 means M
 * is not SPD; both stop with status 'breakdown' (and `solve` throws LinearSolveError, converged=false).
 *
 * Cost per iteration: 1 SpMV, 1 preconditioner apply, 2 dots, 3 vector updates (the residual update
 * and its norm are fused). Work vectors: 4 × [n] (3 without preconditioner), allocated once per size.
 */
export class CgSolver extends KrylovSolver {
  readonly name: string;
  private r: Float64Array = new Float64Array(0);
  private z: Float64Array = new Float64Array(0);
  private p: Float64Array = new Float64Array(0);
  private q: Float64Array = new Float64Array(0);

  constructor(opts: KrylovOptions = {}) {
    super(opts);
    this.name = krylovName('cg', this.preconditioner);
  }

  protected iterate(A: CsrMatrix, b: Float64Array, x: Float64Array, target: number, maxIter: number): { iterations: number; status: KrylovStatus } {
    const n = A.n;
    const M = this.preconditioner;
    if (this.r.length !== n) {
      this.r = new Float64Array(n);
      this.p = new Float64Array(n);
      this.q = new Float64Array(n);
      this.z = M === null ? this.r : new Float64Array(n);
    }
    const { r, z, p, q } = this;
    let rr = residualNormSq(A, x, b, r);
    if (Math.sqrt(rr) <= target) return { iterations: 0, status: 'converged' };
    if (M !== null) M.apply(r, z);
    let rz = M === null ? rr : dot(r, z);
    if (!(rz > 0)) return { iterations: 0, status: 'breakdown' };
    copy(z, p);
    for (let it = 1; it <= maxIter; it++) {
      spmv(A, p, q);
      const pq = dot(p, q);
      if (!(pq > 0)) return { iterations: it, status: 'breakdown' };
      const alpha = rz / pq;
      axpy(alpha, p, x);
      rr = axpyNormSq(-alpha, q, r);
      if (Math.sqrt(rr) <= target) return { iterations: it, status: 'converged' };
      if (!Number.isFinite(rr)) return { iterations: it, status: 'breakdown' };
      let rzNew: number;
      if (M !== null) { M.apply(r, z); rzNew = dot(r, z); } else rzNew = rr;
      if (!(rzNew > 0)) return { iterations: it, status: 'breakdown' };
      const beta = rzNew / rz;
      rz = rzNew;
      xpay(z, beta, p);
    }
    return { iterations: maxIter, status: 'max-iterations' };
  }
}
