/**
 * One step of the coupled lithiation model (seed 004, "Modeling and simulation"): Ohmic current drives a
 * conservative level-set reaction front, and the front sets conductivity, stiffness and swelling.
 *
 *   ∇·(σ(φ)∇V) = 0,  J = −σ(φ)∇V
 *   ∂φ/∂t + ∇·(uφ) = γ∇·(ε∇φ − φ(1−φ)∇φ/|∇φ|),  u = J·M_Li/(F·ρ)   (active regions only)
 *   ∇·σ = 0,  σ = C(E(φ), ν(φ)) : (ε(u) − β(φ) I)
 *
 * φ = 1 is the unreacted phase, φ = 0 the reacted one; each property a(φ) = blend(a_unreacted, a_reacted, φ).
 * The step, in order (staggered, explicit in the coupling):
 *   1. phase mix: σ(φⁿ), E(φⁿ), ν(φⁿ), β(φⁿ) at quadrature points (hooks read the live φ array);
 *   2. Ohm: solve for Vⁿ (warm start from the previous V);
 *   3. front velocity: u = J·M_Li/(Fρ) per active cell, 0 elsewhere; the caller picks dt from max|u|;
 *   4. level set: φⁿ → φⁿ⁺¹ (BDF2 + SUPG, conservative);
 *   5. mechanics with φⁿ⁺¹, every `mechanicsEvery` steps (and whenever the caller forces it);
 *   6. the caller records metrics.
 * All fields share the mesh's element order (so one set of basis values serves every field).
 */
import { LinearSolveError, type LinearSolver, type SolveReport } from '../linalg/linearSolver.js';

/** Runs f; a LinearSolveError gets the name of the physics in front of its message. */
function labelled<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LinearSolveError) throw new LinearSolveError(e.report, `${what}: ${e.message}`);
    throw e;
  }
}
import type { CellValues } from '../fem/cellValues.js';
import { blendFunction, type BlendKind } from '../materials/blending.js';
import { solveOhmic, type OhmicProblem, type OhmicSolution } from './ohmic.js';
import { cellCurrentDensity } from './currentDensity.js';
import { advanceLevelSet, type LevelSetProblem, type LevelSetState, type LevelSetStepReport } from './levelSet.js';
import { solveElasticity, type ElasticityProblem } from './elasticity.js';

/** Properties of one phase, SI: σ [S/m], E [Pa], ν, β (isotropic eigenstrain vs the stress-free reference). */
export interface PhaseProperties { sigma: number; E: number; nu: number; beta: number }

export interface PhaseBlending { conductivity: BlendKind; stiffness: BlendKind; swelling: BlendKind }

export interface CoupledModel {
  readonly ohmic: OhmicProblem;
  readonly ohmicSolver: LinearSolver;
  readonly levelSet: LevelSetProblem;
  readonly levelSetSolver: LinearSolver;
  readonly mechanics: ElasticityProblem | null;
  readonly mechanicsSolver: LinearSolver | null;
  readonly mechanicsEvery: number;
  readonly unreacted: PhaseProperties;
  readonly reacted: PhaseProperties;
  readonly blending: PhaseBlending;
  /** M_Li/(F·ρ), m³/C: front speed per unit current density. */
  readonly velocityPerCurrent: number;
}

export interface CoupledState {
  readonly ls: LevelSetState;
  V: Float64Array | null;
  Jcell: Float64Array | null;
  u: Float64Array | null;
  /** Velocity per cell [nCells × 2], m/s (from the last Ohmic solve). */
  readonly velocity: Float64Array;
  step: number;
  time: number;
}

export interface CoupledStepReport {
  readonly dt: number;
  readonly maxSpeed: number;
  readonly ohmic: OhmicSolution;
  readonly levelSet: LevelSetStepReport;
  readonly mechanics: SolveReport | null;
}

/** φ at the points of `cv` (reinitialised on `cell`) into out [nQuad]. */
function phiAt(ls: LevelSetProblem, phi: Float64Array, cv: CellValues, cell: number, out: Float64Array): void {
  const npc = ls.space.dofMap.nodesPerCell;
  const nodes = ls.space.dofMap.cellNodes;
  for (let q = 0; q < cv.nQuad; q++) {
    let s = 0;
    for (let a = 0; a < cv.nBasis; a++) s += cv.N[q * cv.nBasis + a]! * phi[nodes[cell * npc + a]!]!;
    out[q] = s;
  }
}

/**
 * Wires the φ-dependent property hooks into the Ohmic and elasticity problems (step 1). Cells outside the
 * level set's active regions keep their region values. Returns the model; `state.ls.phi` is read live.
 */
export function connectPhaseHooks(model: CoupledModel, state: CoupledState): void {
  const { levelSet: ls, unreacted: u1, reacted: u0, blending } = model;
  if (ls.space.dofMap.nodesPerCell !== model.ohmic.space.dofMap.nodesPerCell) {
    throw new Error('coupled model: the level set and the potential must use the same element order');
  }
  const phi = state.ls.phi;
  const bs = blendFunction(blending.conductivity), be = blendFunction(blending.stiffness), bb = blendFunction(blending.swelling);
  const phiQ = new Float64Array(64);
  const ohmic = model.ohmic;
  ohmic.conductivityAtQuad = (cv, cell, out) => {
    if (!ls.cellActive[cell]) { out.fill(ohmic.cellConductivity[cell]!, 0, cv.nQuad); return; }
    phiAt(ls, phi, cv, cell, phiQ);
    for (let q = 0; q < cv.nQuad; q++) out[q] = bs(u1.sigma, u0.sigma, phiQ[q]!);
  };
  const mech = model.mechanics;
  if (mech) {
    mech.materialAtQuad = (cv, cell, E, nu, beta) => {
      if (!ls.cellActive[cell]) {
        E.fill(mech.cellYoungs[cell]!, 0, cv.nQuad);
        nu.fill(mech.cellPoisson[cell]!, 0, cv.nQuad);
        beta.fill(mech.cellEigenstrain[cell]!, 0, cv.nQuad);
        return;
      }
      phiAt(ls, phi, cv, cell, phiQ);
      for (let q = 0; q < cv.nQuad; q++) {
        const p = phiQ[q]!;
        E[q] = be(u1.E, u0.E, p);
        nu[q] = u0.nu + (u1.nu - u0.nu) * (p < 0 ? 0 : p > 1 ? 1 : p); // ν is always blended linearly
        beta[q] = bb(u1.beta, u0.beta, p);
      }
    };
  }
}

/** Steps 1–3: Ohm with the current φ, then the front velocity per cell. Returns the Ohmic solution and max|u|. */
export function solveCurrentAndVelocity(model: CoupledModel, state: CoupledState): { ohmic: OhmicSolution; maxSpeed: number } {
  const ohmic = labelled('ohmic', () => solveOhmic(model.ohmic, model.ohmicSolver, state.V ?? undefined));
  const J = cellCurrentDensity(model.ohmic, ohmic.V);
  const k = model.velocityPerCurrent;
  const active = model.levelSet.cellActive;
  let maxSpeed = 0;
  for (let c = 0; c < active.length; c++) {
    const ux = active[c] ? k * J[2 * c]! : 0, uy = active[c] ? k * J[2 * c + 1]! : 0;
    state.velocity[2 * c] = ux;
    state.velocity[2 * c + 1] = uy;
    maxSpeed = Math.max(maxSpeed, Math.hypot(ux, uy));
  }
  state.V = ohmic.V;
  state.Jcell = J;
  return { ohmic, maxSpeed };
}

/**
 * Steps 4–5: advance φ by dt with the velocity of the last `solveCurrentAndVelocity`, then (if due or forced)
 * the mechanics. On a solver failure the level-set state is unchanged (advanceLevelSet commits at the end),
 * so the caller may retry with a smaller dt.
 */
export function advanceFrontAndStress(model: CoupledModel, state: CoupledState, dt: number, forceMechanics = false): { levelSet: LevelSetStepReport; mechanics: SolveReport | null } {
  const levelSet = labelled('level set', () => advanceLevelSet(model.levelSet, state.ls, { perCell: state.velocity }, dt, model.levelSetSolver));
  state.step++;
  state.time += dt;
  let mechanics: SolveReport | null = null;
  if (model.mechanics && model.mechanicsSolver && (forceMechanics || state.step % model.mechanicsEvery === 0)) {
    const sol = labelled('mechanics', () => solveElasticity(model.mechanics!, model.mechanicsSolver!, state.u ?? undefined));
    state.u = sol.u;
    mechanics = sol.report;
  }
  return { levelSet, mechanics };
}
