/**
 * Builds the coupled lithiation model of a case (Ohm + level set [+ mechanics]) from its resolved form:
 * phase properties from the named materials, the front density ρ, the level-set BCs and the initial φ.
 */
import { createLevelSetProblem, initializeLevelSet, type LevelSetBc } from '../physics/levelSet.js';
import { phiFromSignedDistance, planeSignedDistance, circleSignedDistance, boundarySignedDistance } from '../physics/signedDistance.js';
import { connectPhaseHooks, type CoupledModel, type CoupledState, type PhaseProperties } from '../physics/coupledStep.js';
import { eigenstrainFromVolumeRatio } from '../materials/swelling.js';
import { frontDensity } from '../materials/capacity.js';
import { FARADAY, M_LI } from '../materials/constants.js';
import type { ResolvedCase } from './resolveCase.js';
import type { LevelSetSpec } from './levelSetSpec.js';
import { CaseError } from './caseError.js';
import { setupOhmicStage } from './ohmicStage.js';
import { setupMechanicsStage } from './mechanicsStage.js';
import { solverFromSpec } from './createSolver.js';

export interface TransientSetup {
  readonly model: CoupledModel;
  readonly state: CoupledState;
  /** What results.json states about the model's choices. */
  readonly assumptions: Record<string, unknown>;
  /** x of the reacted phase (for capacity in mAh/g). */
  readonly xReacted: number;
}

/** Phase properties of a material (its presence and required values were checked by resolveCase). */
function phaseOf(rc: ResolvedCase, name: string): PhaseProperties {
  const m = rc.spec.materials[name]!;
  const measure = rc.mechanics?.strainMeasure ?? 'engineering';
  const vr = m.volumeRatio ?? m.siVolumeRatio;
  const beta = vr !== undefined ? eigenstrainFromVolumeRatio(vr, measure) : (m.eigenstrain ?? 0);
  return { sigma: m.conductivity!, E: m.youngsModulus ?? 0, nu: m.poissonRatio ?? 0, beta };
}

export function setupTransient(rc: ResolvedCase): TransientSetup {
  const spec = rc.spec;
  const ls: LevelSetSpec = spec.levelSet!;
  const mesh = rc.mesh;
  // Names (regions, boundaries, materials) were checked by resolveCase before any output.
  const withMech = spec.mechanics !== undefined;
  const unreacted = phaseOf(rc, ls.unreactedMaterial);
  const reacted = phaseOf(rc, ls.reactedMaterial);

  const bcs: LevelSetBc[] = [
    ...ls.inflow.map((boundary) => ({ type: 'inflow' as const, boundary, value: 0 })),
    ...ls.outflow.map((boundary) => ({ type: 'outflow' as const, boundary })),
  ];
  for (const bc of spec.ohmic!.boundaryConditions) {
    if (bc.type === 'periodic') bcs.push({ type: 'periodic', boundary: bc.boundary, master: bc.master });
  }
  let lsProblem;
  try {
    lsProblem = createLevelSetProblem(mesh, {
      order: spec.elementOrder, axisymmetric: rc.axisymmetric, activeRegions: ls.regions, bcs,
      ...(ls.epsilon !== 'auto' ? { epsilon: ls.epsilon } : {}), ...(ls.gamma !== 'auto' ? { gamma: ls.gamma } : {}),
      picardMaxIterations: ls.picardIterations,
    });
  } catch (e) {
    throw new CaseError('levelSet', (e as Error).message);
  }
  const eps = lsProblem.epsilon;
  const init = ls.initial;
  let s: ((x: number, y: number) => number) | null = null;
  if (init.type === 'plane') s = planeSignedDistance(init.point, init.normal);
  else if (init.type === 'circle') s = circleSignedDistance(init.center, init.radius, init.inside === 'unreacted' ? 'positive' : 'negative');
  else if (init.type === 'boundary') {
    const d = boundarySignedDistance(mesh, init.boundary, { side: () => true });
    s = (x, y) => d(x, y) - init.offset;
  }
  const lsState = initializeLevelSet(lsProblem, s ? (x, y) => phiFromSignedDistance(s!(x, y), eps) : () => 1);

  const fd = 'value' in ls.frontDensity
    ? { rho: ls.frontDensity.value, x: 3.75, reading: 'user', description: `user value ρ = ${ls.frontDensity.value} kg/m³` }
    : frontDensity(ls.frontDensity.reading, ls.frontDensity.x);
  const ohmic = setupOhmicStage(rc, true);
  const mech = withMech ? setupMechanicsStage(rc, true) : null;
  const model: CoupledModel = {
    ohmic: ohmic.problem, ohmicSolver: ohmic.solver,
    levelSet: lsProblem, levelSetSolver: solverFromSpec(ls.solver, lsProblem.space.nDofs, false),
    mechanics: mech?.problem ?? null, mechanicsSolver: mech?.solver ?? null,
    mechanicsEvery: spec.time!.mechanicsEvery, unreacted, reacted, blending: ls.blending,
    velocityPerCurrent: M_LI / (FARADAY * fd.rho),
  };
  const state: CoupledState = {
    ls: lsState, V: null, Jcell: null, u: null, velocity: new Float64Array(2 * mesh.nCells), step: 0, time: 0,
  };
  connectPhaseHooks(model, state);
  return {
    model, state, xReacted: fd.x,
    assumptions: {
      levelSet: {
        form: 'conservative (Olsson–Kreiss, COMSOL Level Set, isotropic ε∇²φ), P' + spec.elementOrder + ', SUPG, BDF2, '
          + 'n̂ frozen per step at the BDF2 predictor' + (spec.elementOrder === 1 ? ' (lumped nodal projection of ∇φ)' : '')
          + ', Newton on φ(1−φ) in the compression term',
        reinitialization: 'none separate: the compression term γ∇·(ε∇φ − φ(1−φ)n̂) keeps the profile',
        epsilon: eps, epsilonRule: ls.epsilon === 'auto' ? 'h_max/2 over the active cells' : 'user',
        gamma: ls.gamma === 'auto' ? 'running max|u|' : ls.gamma, picardIterations: ls.picardIterations,
        frontDensity: fd, velocityPerCurrent: model.velocityPerCurrent,
        unreacted: { material: ls.unreactedMaterial, ...unreacted }, reacted: { material: ls.reactedMaterial, ...reacted },
        blending: { ...ls.blending, poissonRatio: 'linear' }, inflow: ls.inflow, outflow: ls.outflow, initial: init,
      },
    },
  };
}
