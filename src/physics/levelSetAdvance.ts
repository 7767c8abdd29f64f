/**
 * One implicit time step of the conservative level set.
 *
 * Time scheme: variable-step BDF2 (BDF1 on the first step or on request). With ω = Δtₙ/Δtₙ₋₁:
 *   ∂φ/∂t ≈ [(1+2ω)/(1+ω) φⁿ⁺¹ − (1+ω) φⁿ + ω²/(1+ω) φⁿ⁻¹] / Δtₙ
 * The coefficients sum to zero, so a conserved ∫φ stays conserved at every step.
 * Nonlinearity (compression term): the predictor φ* = φⁿ + ω(φⁿ − φⁿ⁻¹) (second order; φⁿ on a BDF1 step) is the
 * first iterate and, by default, also fixes the interface normal n̂ for the whole step (`normalFrom:
 * 'predictor'`); the iterations (still called Picard in the options) then only linearise the quadratic φ(1−φ)
 * about the latest iterate, i.e. they are Newton's method for the frozen-n̂ step and converge quadratically
 * (see levelSetKernel.ts for why n̂ is frozen). `normalFrom: 'iterate'` (which implies `normalGradient:
 * 'cell'`) restores the former Picard scheme with n̂ re-derived from each iterate. With `picardMaxIterations = 1` this is a
 * semi-implicit scheme with one solve per step. Every iterate is exactly conservative (to the linear solver's
 * tolerance), converged or not.
 */
import type { LinearSolver, SolveReport } from '../linalg/linearSolver.js';
import { assembleSystem } from '../fem/assemble.js';
import { expandSolution } from '../fem/constraints.js';
import { levelSetKernel, type LevelSetKernelInputs } from './levelSetKernel.js';
import type { LevelSetProblem, LevelSetState } from './levelSetProblem.js';
import { projectNodalGradient } from './levelSetNormal.js';
import { evaluateVelocity, type LevelSetVelocity } from './levelSetVelocity.js';

export interface LevelSetStepOptions {
  /** Force BDF1 (backward Euler) for this step, e.g. after a discontinuous change of u. */
  readonly bdf1?: boolean;
}

/** What one step did. */
export interface LevelSetStepReport {
  /** One report per Picard iterate (linear solve). */
  readonly reports: SolveReport[];
  readonly picardIterations: number;
  /** max |φ^{k+1} − φ^k| of the last iterate. */
  readonly picardChange: number;
  /** Whether the change fell below the tolerance (otherwise the last iterate is kept, still conservative). */
  readonly picardConverged: boolean;
  /** γ used (m/s) and max |u| over the active quadrature points (m/s). */
  readonly gamma: number;
  readonly maxSpeed: number;
  readonly bdfOrder: 1 | 2;
}

/**
 * Advances `state` by `dt` (s) with the velocity `velocity` taken at the end of the step (implicit in φ; the
 * caller computes u from the latest available fields, e.g. the Ohmic solution at φⁿ). Updates `state` in place:
 * phiPrev ← phi, phi ← φⁿ⁺¹, step++, time += dt, dtPrev = dt, gamma = the running γ. The system is nonsymmetric:
 * pass GMRES/BiCGSTAB + ILU(0) or the direct solver; it is set up once per Picard iterate.
 */
export function advanceLevelSet(
  p: LevelSetProblem, state: LevelSetState, velocity: LevelSetVelocity, dt: number, solver: LinearSolver,
  opts?: LevelSetStepOptions,
): LevelSetStepReport {
  if (!(dt > 0)) throw new Error(`advanceLevelSet: dt must be > 0, got ${dt}`);
  const n = p.space.nDofs;
  const maxSpeed = evaluateVelocity(p, velocity);
  const gamma = p.gammaFixed ?? Math.max(state.gamma, maxSpeed);
  const bdf2 = state.step > 0 && state.dtPrev > 0 && opts?.bdf1 !== true;
  const omega = bdf2 ? dt / state.dtPrev : 0;
  const a0 = bdf2 ? (1 + 2 * omega) / (1 + omega) / dt : 1 / dt;
  const a1 = bdf2 ? -(1 + omega) / dt : -1 / dt;
  const a2 = bdf2 ? (omega * omega) / (1 + omega) / dt : 0;
  const { phi, phiPrev } = state;
  const history = new Float64Array(n);
  const phiK = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    history[i] = a1 * phi[i]! + a2 * phiPrev[i]!;
    phiK[i] = bdf2 ? phi[i]! + omega * (phi[i]! - phiPrev[i]!) : phi[i]!;
  }
  const phiNormal = p.normalFrom === 'iterate' ? phiK : phiK.slice();
  let gradNormal: Float64Array | null = null;
  if (p.normalGradient === 'nodal') {
    gradNormal = new Float64Array(2 * n);
    projectNodalGradient(p, phiNormal, gradNormal, new Float64Array(n));
  }
  const inp: LevelSetKernelInputs = { phiK, phiNormal, gradNormal, history, a0, dt, gamma };
  const kernel = levelSetKernel(p, inp);
  const b = new Float64Array(n);
  const x = new Float64Array(n);
  const reports: SolveReport[] = [];
  let change = Infinity;
  let it = 0;
  while (it < p.picardMaxIterations) {
    const A = assembleSystem(p.pattern, p.cv, kernel, b, { cells: p.activeCells });
    x.set(phiK);
    solver.setup(A);
    reports.push(solver.solve(A, b, x));
    expandSolution(p.constraints, x);
    change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(x[i]! - phiK[i]!));
    phiK.set(x);
    it++;
    if (change <= p.picardTolerance) break;
  }
  phiPrev.set(phi);
  phi.set(phiK);
  state.step++;
  state.time += dt;
  state.dtPrev = dt;
  state.gamma = gamma;
  return {
    reports, picardIterations: it, picardChange: change, picardConverged: change <= p.picardTolerance,
    gamma, maxSpeed, bdfOrder: bdf2 ? 2 : 1,
  };
}
