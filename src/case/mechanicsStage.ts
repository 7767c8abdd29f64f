/** The static mechanics stage of runCase: set up, solve, stresses, metrics, fields. */
import type { LinearSolver } from '../linalg/linearSolver.js';
import { createElasticityProblem, solveElasticity, type ElasticityProblem, type ElasticitySolution } from '../physics/elasticity.js';
import { cellAverages, recoverRegionNodal, regionNodalOnSplitMesh, stressInvariants, type SplitMesh } from '../physics/stressRecovery.js';
import { cellAveragesOnPool, recoverRegionNodalOnPool } from '../physics/parallelStressRecovery.js';
import { regionPeaks, regionMeasureChange, meanNormalDisplacement } from '../physics/mechanicsMetrics.js';
import { rigidBodyModes2D } from '../solvers/amg/index.js';
import type { ResolvedCase } from './resolveCase.js';
import { casePool, solverFromSpec } from './createSolver.js';
import type { FieldCollector } from './fieldOutput.js';

export interface MechanicsStage {
  readonly problem: ElasticityProblem;
  readonly solver: LinearSolver;
}

/** `reuseHierarchy`: time loops reuse the AMG aggregation across steps (the stiffness pattern never changes). */
export function setupMechanicsStage(rc: ResolvedCase, reuseHierarchy = false): MechanicsStage {
  const m = rc.mechanics!;
  const problem = createElasticityProblem(rc.mesh, {
    order: rc.spec.elementOrder, formulation: m.formulation, bcs: m.bcs, cellYoungs: m.cellYoungs,
    cellPoisson: m.cellPoisson, cellEigenstrain: m.cellEigenstrain, removeRigidBodyModes: m.removeRigidBodyModes,
  });
  const coords = new Float64Array(problem.space.dofMap.nNodes * 2);
  for (let i = 0; i < problem.space.dofMap.nNodes; i++) {
    const pt = problem.space.dofMap.nodeToPoint[i]!;
    coords[2 * i] = rc.mesh.points[2 * pt]!;
    coords[2 * i + 1] = rc.mesh.points[2 * pt + 1]!;
  }
  // Plane models: the 3 rigid-body modes are AMG's near-nullspace. Axisymmetric: only u_z = const costs no
  // energy (u_r = const strains the hoop direction), so AMG keeps its default per-component translations.
  const nullspace = m.formulation === 'axisymmetric' ? undefined : { modes: rigidBodyModes2D(coords), k: 3, blockSize: 2 };
  const solver = solverFromSpec(rc.spec.mechanics!.solver, problem.space.nDofs, true, nullspace, 2, reuseHierarchy);
  return { problem, solver };
}

/** Component names of the 4-entry stress storage. */
export function stressComponentNames(axisymmetric: boolean): [string, string, string, string] {
  return axisymmetric ? ['rr', 'zz', 'rz', 'θθ'] : ['xx', 'yy', 'xy', 'zz'];
}

/** Peak stresses per region, volume/area change per region, mean outward displacement of named boundaries. Pa, m. */
export function mechanicsMetrics(p: ElasticityProblem, u: Float64Array): Record<string, unknown> {
  const peaks = regionPeaks(p, u);
  const change: Record<string, unknown> = {};
  for (const r of p.mesh.regionNames) change[r] = regionMeasureChange(p, u, r);
  const normalDisp: Record<string, number> = {};
  for (const b of p.mesh.boundaries.keys()) normalDisp[b] = meanNormalDisplacement(p, u, b);
  let maxDisp = 0;
  for (let i = 0; i < u.length; i += 2) maxDisp = Math.max(maxDisp, Math.hypot(u[i]!, u[i + 1]!));
  return { maxDisplacement: maxDisp, regionPeaks: peaks, regionMeasureChange: change, meanNormalDisplacement: normalDisp };
}

export function runMechanicsStage(st: MechanicsStage, fields: FieldCollector | null, u0?: Float64Array, split?: SplitMesh): { sol: ElasticitySolution; metrics: Record<string, unknown> } {
  const sol = solveElasticity(st.problem, st.solver, u0);
  if (fields) addMechanicsFields(st.problem, sol.u, fields, split);
  return { sol, metrics: mechanicsMetrics(st.problem, sol.u) };
}

export function addMechanicsFields(p: ElasticityProblem, u: Float64Array, fields: FieldCollector, split?: SplitMesh): void {
  const mesh = p.mesh;
  const axi = p.formulation === 'axisymmetric';
  const names = stressComponentNames(axi);
  // Displacement on mesh points (P1 on tri6 is not used for mechanics: the space order equals the mesh order).
  const up = new Float64Array(mesh.nPoints * 2);
  const pn = p.space.dofMap.pointToNode;
  for (let i = 0; i < mesh.nPoints; i++) {
    const n = pn[i]!;
    if (n >= 0) { up[2 * i] = u[2 * n]!; up[2 * i + 1] = u[2 * n + 1]!; }
  }
  fields.pointData['u [m]'] = { values: up, components: 2 };
  // On the case pool when --threads > 1 (bitwise the serial values).
  const pool = casePool();
  const { stress } = pool ? cellAveragesOnPool(pool, p, u) : cellAverages(p, u);
  const inv = stressInvariants(stress);
  fields.cellData[`stress_cell [Pa] (${names.join(',')})`] = { values: stress, components: 4 };
  fields.cellData['vonMises_cell [Pa]'] = { values: inv.vonMises, components: 1 };
  fields.cellData['hydrostatic_cell [Pa]'] = { values: inv.hydrostatic, components: 1 };
  if (split) {
    const nodal = regionNodalOnSplitMesh(split, pool ? recoverRegionNodalOnPool(pool, p, u) : recoverRegionNodal(p, u), 'stress');
    const ninv = stressInvariants(nodal);
    fields.regionPointData[`stress [Pa] (${names.join(',')})`] = { values: nodal, components: 4 };
    fields.regionPointData['vonMises [Pa]'] = { values: ninv.vonMises, components: 1 };
    fields.regionPointData['hydrostatic [Pa]'] = { values: ninv.hydrostatic, components: 1 };
  }
  const gpa = (a: Float64Array) => a.map((v) => v / 1e9);
  fields.pictures.push(
    { file: 'von-mises.png', title: 'von Mises stress', unitLabel: 'GPa', values: gpa(inv.vonMises), location: 'cell', colormap: 'inferno' },
    { file: 'hydrostatic-stress.png', title: 'hydrostatic stress', unitLabel: 'GPa', values: gpa(inv.hydrostatic), location: 'cell', colormap: 'coolwarm', symmetric: true },
  );
}
