/** Shared helpers of the elasticity tests: solvers, vector L2 error, polar/spherical stress components. */
import { createLinearSolver } from '../../src/solvers/createLinearSolver.js';
import { createAmgPreconditioner, rigidBodyModes2D } from '../../src/solvers/amg/index.js';
import type { LinearSolver } from '../../src/linalg/linearSolver.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import { triangleRule } from '../../src/fem/quadrature.js';
import { evaluateAtQuad } from '../../src/fem/functionals.js';
import { nodeCoordinates, type ElasticityProblem } from '../../src/physics/elasticity.js';

/** Sparse direct solve (small test problems: exact to round-off, no tolerance to reason about). */
export function directSolver(): LinearSolver {
  return createLinearSolver({ method: 'direct' });
}

/** CG + smoothed-aggregation AMG with the 2D rigid-body modes of the problem's nodes. */
export function amgSolver(p: ElasticityProblem, relTol = 1e-10): LinearSolver {
  const B = rigidBodyModes2D(nodeCoordinates(p.space));
  return createLinearSolver({ method: 'cg', preconditioner: 'amg', relTol, maxIter: 2000 },
    () => createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: B }));
}

/** ‖u_h − u‖_L2 (vector, 2πr-weighted in axisymmetry) with a degree-8 rule. */
export function vectorL2Error(
  p: ElasticityProblem, u: Float64Array, exact: (x: number, y: number) => [number, number], freeYTranslation = false,
): number {
  const cv = createCellValues(p.space, triangleRule(8), { axisymmetric: p.formulation === 'axisymmetric' });
  const ux = new Float64Array(cv.nQuad), uy = new Float64Array(cv.nQuad);
  // Optionally discount a rigid y (z) translation (pinned bodies): the L2-optimal shift is the mean y error.
  let sxx = 0, sy = 0, syy = 0, vol = 0;
  for (let c = 0; c < p.mesh.nCells; c++) {
    cv.reinit(c);
    evaluateAtQuad(p.space, cv, u, 0, ux);
    evaluateAtQuad(p.space, cv, u, 1, uy);
    for (let q = 0; q < cv.nQuad; q++) {
      const [ex, ey] = exact(cv.xq[2 * q]!, cv.xq[2 * q + 1]!);
      const w = cv.dx[q]!;
      sxx += (ux[q]! - ex) ** 2 * w;
      sy += (uy[q]! - ey) * w;
      syy += (uy[q]! - ey) ** 2 * w;
      vol += w;
    }
  }
  return Math.sqrt(sxx + syy - (freeYTranslation ? (sy * sy) / vol : 0));
}

/** Radial and hoop in-plane normal stresses of [s00, s11, s01, ·] at (x, y): σ_rr = n·σ·n, σ_tt = t·σ·t. */
export function polarStress(s: ArrayLike<number>, o: number, x: number, y: number): { rr: number; tt: number } {
  const r = Math.hypot(x, y);
  const c = x / r, sn = y / r;
  const a = s[o]!, b = s[o + 1]!, t = s[o + 2]!;
  return { rr: a * c * c + 2 * t * c * sn + b * sn * sn, tt: a * sn * sn - 2 * t * c * sn + b * c * c };
}

/** Least-squares slope of log(err) against log(h). */
export function fittedRate(h: number[], err: number[]): number {
  const n = h.length;
  const X = h.map(Math.log), Y = err.map(Math.log);
  const mx = X.reduce((a, b) => a + b) / n, my = Y.reduce((a, b) => a + b) / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) { num += (X[i]! - mx) * (Y[i]! - my); den += (X[i]! - mx) ** 2; }
  return num / den;
}
