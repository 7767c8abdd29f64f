/** The static Ohmic stage of runCase: set up, solve, metrics, fields. */
import type { LinearSolver } from '../linalg/linearSolver.js';
import { createOhmicProblem, solveOhmic, type OhmicProblem, type OhmicSolution } from '../physics/ohmic.js';
import { cellCurrentDensity, nodalCurrentDensity } from '../physics/currentDensity.js';
import type { ResolvedCase } from './resolveCase.js';
import { solverFromSpec } from './createSolver.js';
import type { FieldCollector } from './fieldOutput.js';

export interface OhmicStage {
  readonly problem: OhmicProblem;
  readonly solver: LinearSolver;
}

/** `reuseHierarchy`: time loops reuse the AMG aggregation across steps (σ(φ) changes values, not the pattern). */
export function setupOhmicStage(rc: ResolvedCase, reuseHierarchy = false): OhmicStage {
  const problem = createOhmicProblem(rc.mesh, {
    order: rc.spec.elementOrder, axisymmetric: rc.axisymmetric, bcs: rc.ohmicBcs, cellConductivity: rc.cellConductivity,
  });
  return { problem, solver: solverFromSpec(rc.spec.ohmic!.solver, problem.space.nDofs, true, undefined, undefined, reuseHierarchy) };
}

/** Metrics of an Ohmic solution for results.json (SI; currents positive into the body). */
export function ohmicMetrics(p: OhmicProblem, sol: OhmicSolution, Jcell: Float64Array): Record<string, unknown> {
  let maxJ = 0;
  for (let c = 0; c < p.mesh.nCells; c++) maxJ = Math.max(maxJ, Math.hypot(Jcell[2 * c]!, Jcell[2 * c + 1]!));
  let vMin = Infinity, vMax = -Infinity;
  for (const v of sol.V) { vMin = Math.min(vMin, v); vMax = Math.max(vMax, v); }
  return {
    boundaryCurrents: sol.boundaryCurrents, conservationError: sol.conservationError,
    electrodePotentials: sol.electrodePotentials, potentialMin: vMin, potentialMax: vMax, maxCurrentDensity: maxJ,
  };
}

/** Solves once and adds V, J to the collector. */
export function runOhmicStage(st: OhmicStage, fields: FieldCollector | null, V0?: Float64Array): { sol: OhmicSolution; metrics: Record<string, unknown>; Jcell: Float64Array } {
  const sol = solveOhmic(st.problem, st.solver, V0);
  const Jcell = cellCurrentDensity(st.problem, sol.V);
  if (fields) addOhmicFields(st.problem, sol.V, Jcell, fields);
  return { sol, metrics: ohmicMetrics(st.problem, sol, Jcell), Jcell };
}

export function addOhmicFields(p: OhmicProblem, V: Float64Array, Jcell: Float64Array, fields: FieldCollector): void {
  const Jnode = nodalCurrentDensity(p, V);
  const Vp = pointValues(p, V);
  const n = p.mesh.nCells;
  const jmag = new Float64Array(n);
  for (let c = 0; c < n; c++) jmag[c] = Math.hypot(Jcell[2 * c]!, Jcell[2 * c + 1]!);
  const jnMag = new Float64Array(p.mesh.nPoints);
  for (let i = 0; i < jnMag.length; i++) jnMag[i] = Math.hypot(Jnode[2 * i]!, Jnode[2 * i + 1]!);
  fields.pointData['V [V]'] = { values: Vp, components: 1 };
  fields.pointData['J [A/m^2]'] = { values: Jnode, components: 2 };
  fields.cellData['J_cell [A/m^2]'] = { values: Jcell, components: 2 };
  fields.cellData['|J|_cell [A/m^2]'] = { values: jmag, components: 1 };
  fields.pictures.push(
    { file: 'potential.png', title: 'potential', unitLabel: 'V', values: Vp, location: 'point', colormap: 'viridis' },
    { file: 'current-density.png', title: '|J|', unitLabel: 'A/m^2', values: jnMag, location: 'point', colormap: 'inferno' },
  );
}

/** Nodal field → mesh points [nPoints] (P1 on tri6 meshes: midside points averaged from their edge ends). */
export function pointValues(p: OhmicProblem, u: Float64Array): Float64Array {
  const { mesh, space } = p;
  const out = new Float64Array(mesh.nPoints);
  const pn = space.dofMap.pointToNode;
  for (let i = 0; i < mesh.nPoints; i++) out[i] = pn[i]! >= 0 ? u[pn[i]!]! : NaN;
  if (mesh.cellType === 'tri6' && space.dofMap.degree === 1) {
    for (let c = 0; c < mesh.nCells; c++) {
      for (let k = 0; k < 3; k++) {
        const a = mesh.cells[6 * c + k]!, b = mesh.cells[6 * c + ((k + 1) % 3)]!, m = mesh.cells[6 * c + 3 + k]!;
        out[m] = 0.5 * (out[a]! + out[b]!);
      }
    }
  }
  return out;
}
