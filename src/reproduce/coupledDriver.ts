/**
 * In-process driver of the coupled lithiation model for reproductions: builds a model from a case JSON object
 * (optionally editing the generated mesh first), runs the time loop of runTransient (same dt rule: CFL
 * courant·h_min/max|u|, growth limit, halving on a linear-solver failure) to a target reacted fraction while a
 * callback records whatever the reproduction measures, and re-solves Ohm or mechanics on a frozen φ for
 * sensitivity studies. Writes nothing: the reproduction owns its outputs.
 */
import { parseCase } from '../case/parseCase.js';
import { buildMesh } from '../case/buildMesh.js';
import { resolveCase, type ResolvedCase } from '../case/resolveCase.js';
import { setupTransient, type TransientSetup } from '../case/transientSetup.js';
import { solveCurrentAndVelocity, advanceFrontAndStress } from '../physics/coupledStep.js';
import { solveElasticity } from '../physics/elasticity.js';
import { reactedFraction } from '../physics/levelSet.js';
import { minPhiOnBoundary } from '../case/transientMetrics.js';
import { LinearSolveError } from '../linalg/linearSolver.js';
import type { Mesh } from '../mesh/mesh.js';

export interface BuiltModel {
  readonly rc: ResolvedCase;
  readonly setup: TransientSetup;
}

/** Parses `caseJson` (a plain case object), builds its mesh, applies `editMesh`, resolves and sets up the model. */
export function buildModel(caseJson: unknown, caseDir: string, editMesh?: (m: Mesh) => Mesh): BuiltModel {
  const spec = parseCase(structuredClone(caseJson));
  let mesh = buildMesh(spec.mesh, spec.elementOrder, spec.refine, caseDir);
  if (editMesh) mesh = editMesh(mesh);
  const rc = resolveCase(spec, mesh);
  return { rc, setup: setupTransient(rc) };
}

export interface RunToTargetOptions {
  /** Stop when the reacted fraction of the active regions reaches this. */
  readonly targetFraction: number;
  readonly maxSteps: number;
  /** Called after the initial solve (step 0) and after every step, with current and stresses up to date. */
  readonly onStep: (b: BuiltModel) => void;
  readonly log?: (line: string) => void;
  /**
   * Take the CFL speed only over the front (cells whose vertex-mean φ is in [0.02, 0.98]) instead of every
   * active cell. The level-set step is implicit (BDF2), so the CFL bound is an accuracy limit that matters
   * where φ varies; inside the fully reacted phase the speed (large near a contact spot) moves nothing.
   */
  readonly frontCfl?: boolean;
  /** Also stop when φ < 0.5 somewhere on this boundary (the front reached it). */
  readonly stopWhenFrontReaches?: string;
}

export interface RunToTargetResult {
  readonly steps: number;
  readonly time: number;
  readonly reactedFraction: number;
  readonly stopReason: string;
  readonly cutbacks: number;
  /** Steps whose Picard loop stopped at its iteration limit (recorded, not an error). */
  readonly picardUnconverged: number;
}

/** Runs the coupled loop with mechanics every step (the model's mechanicsEvery is ignored: stresses are sampled each step). */
export function runToTarget(b: BuiltModel, opts: RunToTargetOptions): RunToTargetResult {
  const { model, state } = b.setup;
  const time = b.rc.spec.time!;
  let cur = solveCurrentAndVelocity(model, state);
  if (model.mechanics && model.mechanicsSolver) state.u = solveElasticity(model.mechanics, model.mechanicsSolver).u;
  opts.onStep(b);
  let f = reactedFraction(model.levelSet, state.ls.phi);
  let dtPrev = time.dtInitial ?? 0;
  let easy = true;
  let cutbacks = 0;
  let picardUnconverged = 0;
  let stopReason = 'target reacted fraction';
  while (f < opts.targetFraction) {
    if (state.step >= opts.maxSteps) { stopReason = 'maxSteps'; break; }
    if (opts.stopWhenFrontReaches && minPhiOnBoundary(model, state.ls.phi, opts.stopWhenFrontReaches) < 0.5) {
      stopReason = `front reached '${opts.stopWhenFrontReaches}'`;
      break;
    }
    if (state.time >= time.end * (1 - 1e-12)) { stopReason = 'end time'; break; }
    const speed = opts.frontCfl ? frontSpeed(b) : cur.maxSpeed;
    let dt = speed > 0 ? (time.courant * model.levelSet.hMin) / speed : time.end - state.time;
    dt = Math.min(dt, time.dtMax ?? Infinity, time.end - state.time);
    if (dtPrev > 0) dt = Math.min(dt, (easy ? time.growth : 1) * dtPrev);
    let cut = 0;
    let report;
    for (;;) {
      try {
        report = advanceFrontAndStress(model, state, dt, true);
        break;
      } catch (e) {
        if (!(e instanceof LinearSolveError) || cut >= time.maxCutbacks) throw e;
        cut++;
        cutbacks++;
        opts.log?.(`step ${state.step + 1}: ${e.message}; retrying with dt/2`);
        dt /= 2;
      }
    }
    // Growth is blocked only after a cutback: with the cases' 2 Picard iterations the compression term rarely meets
    // the 1e-6 tolerance, and blocking on that (as runTransient does) freezes dt at its first, smallest value.
    easy = cut === 0;
    if (!report.levelSet.picardConverged) picardUnconverged++;
    dtPrev = dt;
    cur = solveCurrentAndVelocity(model, state);
    f = reactedFraction(model.levelSet, state.ls.phi);
    opts.onStep(b);
  }
  return { steps: state.step, time: state.time, reactedFraction: f, stopReason, cutbacks, picardUnconverged };
}

/** Largest |u| over the active cells whose vertex-mean φ is in [0.02, 0.98], m/s. */
function frontSpeed(b: BuiltModel): number {
  const { model, state } = b.setup;
  const ls = model.levelSet, npc = ls.space.dofMap.nodesPerCell, nodes = ls.space.dofMap.cellNodes, phi = state.ls.phi;
  let m = 0;
  for (let c = 0; c < ls.mesh.nCells; c++) {
    if (!ls.cellActive[c]) continue;
    const p = (phi[nodes[c * npc]!]! + phi[nodes[c * npc + 1]!]! + phi[nodes[c * npc + 2]!]!) / 3;
    if (p < 0.02 || p > 0.98) continue;
    m = Math.max(m, Math.hypot(state.velocity[2 * c]!, state.velocity[2 * c + 1]!));
  }
  return m;
}

/**
 * A fresh model of `caseJson` carrying the given φ (same mesh → same dof layout), with current and/or
 * stresses solved on that frozen φ. For sensitivity rows: strain measure, blending, BCs, materials.
 */
export function solveFrozen(caseJson: unknown, caseDir: string, phi: Float64Array, what: { ohmic?: boolean; mechanics?: boolean }, editMesh?: (m: Mesh) => Mesh): BuiltModel {
  const b = buildModel(caseJson, caseDir, editMesh);
  const { model, state } = b.setup;
  if (state.ls.phi.length !== phi.length) throw new Error('solveFrozen: φ does not match the variant mesh');
  state.ls.phi.set(phi);
  state.ls.phiPrev.set(phi);
  if (what.ohmic) solveCurrentAndVelocity(model, state);
  if (what.mechanics && model.mechanics && model.mechanicsSolver) state.u = solveElasticity(model.mechanics, model.mechanicsSolver).u;
  return b;
}
