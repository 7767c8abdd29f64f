/** One row of the time series of a coupled run: front, capacity, currents, stresses. SI units. */
import type { CoupledModel, CoupledState } from '../physics/coupledStep.js';
import type { OhmicSolution } from '../physics/ohmic.js';
import { integratePhi, reactedFraction, frontPosition, frontFlatness, type ProbeLine } from '../physics/levelSet.js';
import { boundaryCurrentProfile, currentNonUniformity } from '../physics/currentDensity.js';
import { regionPeaks } from '../physics/mechanicsMetrics.js';
import { cellAverages, stressInvariants } from '../physics/stressRecovery.js';
import { cellAveragesOnPool } from '../physics/parallelStressRecovery.js';
import { casePool } from './createSolver.js';
import { capacityPerSiMass } from '../materials/capacity.js';
import { boundaryNodes } from '../fem/constraints.js';

export type Row = Record<string, number>;

export interface MetricsConfig {
  readonly frontLines: readonly ProbeLine[];
  readonly currentBoundaries: readonly string[];
  readonly xReacted: number;
}

/** Time, capacity and front metrics (every step). */
export function frontRow(model: CoupledModel, state: CoupledState, cfg: MetricsConfig): Row {
  const ls = model.levelSet;
  const phi = state.ls.phi;
  const f = reactedFraction(ls, phi);
  const row: Row = {
    time: state.time, step: state.step, reactedFraction: f, phiIntegral: integratePhi(ls, phi),
    capacity_mAh_per_g: f * capacityPerSiMass(cfg.xReacted), x: f * cfg.xReacted,
  };
  cfg.frontLines.forEach((line, i) => { row[`frontPosition.${i}`] = frontPosition(ls, phi, line); });
  if (cfg.frontLines.length > 1) row.frontFlatness = frontFlatness(ls, phi, cfg.frontLines).std;
  return row;
}

/** Currents: through every boundary with a BC, and the non-uniformity of the configured boundaries. */
export function currentRow(model: CoupledModel, state: CoupledState, ohmic: OhmicSolution, cfg: MetricsConfig): Row {
  const row: Row = {};
  for (const [name, c] of Object.entries(ohmic.boundaryCurrents)) if (c.method !== 'flux') row[`current.${name}`] = c.inward;
  for (const [name, v] of Object.entries(ohmic.electrodePotentials)) row[`potential.${name}`] = v;
  row.conservationError = ohmic.conservationError;
  for (const b of cfg.currentBoundaries) {
    const nu = currentNonUniformity(boundaryCurrentProfile(model.ohmic, state.Jcell!, b));
    row[`currentMean.${b}`] = nu.mean;
    row[`currentCV.${b}`] = nu.cv;
    row[`currentMaxOverMean.${b}`] = nu.maxOverMean;
  }
  return row;
}

/**
 * Stresses (when mechanics was solved): per region max von Mises and min/max hydrostatic; at the front (active
 * cells whose mean φ is in [0.05, 0.95]) max von Mises and min hydrostatic. Pa.
 */
export function stressRow(model: CoupledModel, state: CoupledState): Row {
  const p = model.mechanics!, u = state.u!;
  const row: Row = {};
  let vmMax = 0;
  for (const [r, pk] of Object.entries(regionPeaks(p, u))) {
    row[`vonMisesMax.${r}`] = pk.maxVonMises;
    row[`hydrostaticMin.${r}`] = pk.minHydrostatic;
    row[`hydrostaticMax.${r}`] = pk.maxHydrostatic;
    vmMax = Math.max(vmMax, pk.maxVonMises);
  }
  row.vonMisesMax = vmMax;
  const pool = casePool(); // --threads > 1: on the pool, bitwise the serial values
  const { stress } = pool ? cellAveragesOnPool(pool, p, u) : cellAverages(p, u);
  const inv = stressInvariants(stress);
  const ls = model.levelSet, phi = state.ls.phi;
  const npc = ls.space.dofMap.nodesPerCell;
  let frontVm = 0, frontHyd = 0;
  // Mean stress of the fully reacted cells (every vertex φ < 0.01): the far-from-front state.
  const reacted = [0, 0, 0, 0];
  let nReacted = 0;
  for (let c = 0; c < p.mesh.nCells; c++) {
    if (!ls.cellActive[c]) continue;
    let m = 0, mx = 0;
    for (let a = 0; a < 3; a++) { const v = phi[ls.space.dofMap.cellNodes[c * npc + a]!]!; m += v; mx = Math.max(mx, v); }
    m /= 3;
    if (mx < 0.01) { for (let k = 0; k < 4; k++) reacted[k]! += stress[4 * c + k]!; nReacted++; }
    if (m < 0.05 || m > 0.95) continue;
    frontVm = Math.max(frontVm, inv.vonMises[c]!);
    frontHyd = Math.min(frontHyd, inv.hydrostatic[c]!);
  }
  if (nReacted > 0) {
    const names = p.formulation === 'axisymmetric' ? ['rr', 'zz', 'rz', 'tt'] : ['xx', 'yy', 'xy', 'zz'];
    names.forEach((n, k) => { row[`reactedStressMean.${n}`] = reacted[k]! / nReacted; });
  }
  row.frontVonMisesMax = frontVm;
  row.frontHydrostaticMin = frontHyd;
  return row;
}

/** Minimum φ over the nodes of a boundary (the front has reached it when < 0.5). */
export function minPhiOnBoundary(model: CoupledModel, phi: Float64Array, boundary: string): number {
  const nodes = boundaryNodes(model.levelSet.space, boundary);
  let m = Infinity;
  for (let k = 0; k < nodes.length; k++) m = Math.min(m, phi[nodes[k]!]!);
  return m;
}
