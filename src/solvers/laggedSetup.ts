/**
 * A lagged preconditioner for sequences of slowly changing systems (time loops): `setup(A)` rebuilds the wrapped
 * solver's preconditioner only when the last solve needed clearly more iterations than the first solve after
 * the previous rebuild (default: more than 1.5× + 2), or when a solve with the old one fails — then it rebuilds
 * and solves again. The Krylov method always iterates with the current A, so the answer meets the same
 * tolerance; only the preconditioner lags. Deterministic: the rebuild decisions depend on iteration counts only.
 */
import { LinearSolveError, type LinearSolver, type SolveReport } from '../linalg/linearSolver.js';
import type { CsrMatrix } from '../linalg/csr.js';

export interface LaggedSetupOptions {
  /** Rebuild when iterations > growth × baseline + slack (default 1.5, 2). */
  readonly growth?: number;
  readonly slack?: number;
}

export interface LaggedSetupSolver extends LinearSolver {
  /** Real setups done so far. */
  readonly rebuilds: number;
}

export function lagSetup(inner: LinearSolver, opts: LaggedSetupOptions = {}): LaggedSetupSolver {
  const growth = opts.growth ?? 1.5, slack = opts.slack ?? 2;
  let built = false, stale = false, baseline = -1, rebuilds = 0;
  const rebuild = (A: CsrMatrix) => {
    inner.setup(A);
    built = true;
    stale = false;
    baseline = -1;
    rebuilds++;
  };
  return {
    name: `${inner.name} (lagged setup)`,
    get rebuilds() { return rebuilds; },
    setup(A: CsrMatrix): void {
      if (!built || stale) rebuild(A);
    },
    solve(A: CsrMatrix, b: Float64Array, x: Float64Array): SolveReport {
      if (!built) rebuild(A);
      let r: SolveReport;
      const x0 = Float64Array.from(x);
      try {
        r = inner.solve(A, b, x);
      } catch (e) {
        if (!(e instanceof LinearSolveError) || baseline < 0) throw e;
        x.set(x0);
        rebuild(A);
        r = inner.solve(A, b, x);
      }
      if (baseline < 0) baseline = r.iterations;
      else if (r.iterations > growth * baseline + slack) stale = true;
      return r;
    },
  };
}
