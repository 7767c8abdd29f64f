import type { CsrMatrix } from '../linalg/csr.js';
import { spmv } from '../linalg/csr.js';
import type { KrylovOptions, KrylovStatus } from './krylovSolver.js';
import { KrylovSolver, krylovName } from './krylovSolver.js';
import { residualNormSq } from './residual.js';
import { axpy, dot, norm2 } from './vector.js';

/** GMRES options: {@link KrylovOptions} plus the restart length. */
export interface GmresOptions extends KrylovOptions {
  /** Krylov basis size m before a restart. Default 30. */
  readonly restart?: number;
}

/**
 * Restarted GMRES(m) (Saad & Schultz 1986) with right preconditioning, A·M⁻¹·u = b, x = M⁻¹·u:
 * the Arnoldi residual estimate |g_{k}| is then the unpreconditioned residual ‖b − A·x‖₂, the
 * quantity the convergence test needs. Modified Gram–Schmidt, Givens rotations for the least-squares
 * problem. Each restart recomputes the true residual.
 *
 * Iterations count Arnoldi steps (one SpMV + one preconditioner apply each) over all cycles.
 * Breakdown: a zero diagonal in the rotated Hessenberg matrix (singular A·M⁻¹ on the Krylov space).
 * Memory: (m+1) basis vectors + 1 work vector, [n] each, allocated once per size.
 */
export class GmresSolver extends KrylovSolver {
  readonly name: string;
  readonly restart: number;
  private basis: Float64Array = new Float64Array(0);
  private v: Float64Array[] = [];
  private w: Float64Array = new Float64Array(0);
  private readonly h: Float64Array;
  private readonly cs: Float64Array;
  private readonly sn: Float64Array;
  private readonly g: Float64Array;
  private readonly y: Float64Array;

  constructor(opts: GmresOptions = {}) {
    super(opts);
    this.restart = opts.restart ?? 30;
    if (!(this.restart >= 1)) throw new Error(`GMRES restart must be ≥ 1, got ${this.restart}`);
    const m = this.restart;
    this.name = `${krylovName('gmres', this.preconditioner)}(${m})`;
    this.h = new Float64Array((m + 1) * m);
    this.cs = new Float64Array(m);
    this.sn = new Float64Array(m);
    this.g = new Float64Array(m + 1);
    this.y = new Float64Array(m);
  }

  protected iterate(A: CsrMatrix, b: Float64Array, x: Float64Array, target: number, maxIter: number): { iterations: number; status: KrylovStatus } {
    const n = A.n, m = this.restart, ld = m + 1;
    const M = this.preconditioner;
    if (this.w.length !== n) {
      this.basis = new Float64Array((m + 1) * n);
      this.v = Array.from({ length: m + 1 }, (_, j) => this.basis.subarray(j * n, (j + 1) * n));
      this.w = new Float64Array(n);
    }
    const { v, w, h, cs, sn, g, y } = this;
    let total = 0;
    for (;;) {
      const v0 = v[0]!;
      const beta = Math.sqrt(residualNormSq(A, x, b, v0));
      if (beta <= target) return { iterations: total, status: 'converged' };
      if (!Number.isFinite(beta)) return { iterations: total, status: 'breakdown' };
      if (total >= maxIter) return { iterations: total, status: 'max-iterations' };
      scale(1 / beta, v0);
      g.fill(0);
      g[0] = beta;
      let k = 0;
      while (k < m && total < maxIter) {
        const j = k;
        const vNext = v[j + 1]!;
        // vNext = A·M⁻¹·v_j
        if (M !== null) { M.apply(v[j]!, w); spmv(A, w, vNext); } else spmv(A, v[j]!, vNext);
        total++;
        for (let i = 0; i <= j; i++) {
          const hij = dot(vNext, v[i]!);
          h[i + j * ld] = hij;
          axpy(-hij, v[i]!, vNext);
        }
        const hNext = norm2(vNext);
        if (hNext > 0) scale(1 / hNext, vNext);
        // Apply the earlier rotations to column j, then make and apply rotation j.
        for (let i = 0; i < j; i++) {
          const a = h[i + j * ld]!, c = h[i + 1 + j * ld]!;
          h[i + j * ld] = cs[i]! * a + sn[i]! * c;
          h[i + 1 + j * ld] = -sn[i]! * a + cs[i]! * c;
        }
        const a = h[j + j * ld]!;
        const rad = Math.hypot(a, hNext);
        if (rad === 0) { cs[j] = 1; sn[j] = 0; } else { cs[j] = a / rad; sn[j] = hNext / rad; }
        h[j + j * ld] = rad;
        h[j + 1 + j * ld] = 0;
        g[j + 1] = -sn[j]! * g[j]!;
        g[j] = cs[j]! * g[j]!;
        k = j + 1;
        if (Math.abs(g[j + 1]!) <= target || hNext === 0) break;
      }
      // Back substitution H[0:k,0:k]·y = g[0:k].
      for (let i = k - 1; i >= 0; i--) {
        let s = g[i]!;
        for (let l = i + 1; l < k; l++) s -= h[i + l * ld]! * y[l]!;
        const d = h[i + i * ld]!;
        if (d === 0) return { iterations: total, status: 'breakdown' };
        y[i] = s / d;
      }
      // x += M⁻¹·(V·y); v[0] is free now (its residual is recomputed next cycle), use it for V·y.
      w.fill(0);
      for (let i = 0; i < k; i++) axpy(y[i]!, v[i]!, w);
      if (M !== null) { M.apply(w, v0); axpy(1, v0, x); } else axpy(1, w, x);
    }
  }
}

function scale(a: number, x: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i]! *= a;
}
