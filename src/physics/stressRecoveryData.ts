/**
 * Calling-thread set-up of the stress recovery (serial and pool): the reference tabulations of the problem's
 * quadrature and of the cell nodes, material values at those points (the `materialAtQuad` closure runs here, never
 * in a worker), and the on-axis scale.
 */
import type { CellValues } from '../fem/cellValues.js';
import type { QuadratureRule } from '../fem/quadrature.js';
import { P1, P2 } from '../fem/referenceElement.js';
import type { Mesh } from '../mesh/mesh.js';
import { materialAt, type ElasticityProblem } from './elasticity.js';
import { packedLength, unpackTabulation, type RecoveryInput, type RecoveryTabulation } from './stressRecoveryCell.js';

/** A pseudo quadrature rule whose points are the reference nodes of the cell geometry (3 or 6), equal weights. */
export function nodalPointRule(mesh: Mesh): QuadratureRule {
  const el = mesh.cellType === 'tri3' ? P1 : P2;
  const n = el.nBasis;
  return { degree: 0, nPoints: n, points: el.nodes, weights: new Float64Array(n).fill(0.5 / n) };
}

/** Packed reference tabulation of geometry and field at the points of `rule` (into `out` when given, e.g. shared memory). */
export function recoveryTabulation(p: ElasticityProblem, rule: QuadratureRule, out?: Float64Array): RecoveryTabulation {
  const nq = rule.nPoints;
  const geo = (p.mesh.cellType === 'tri3' ? P1 : P2).tabulate(rule.points, nq);
  const field = p.space.element.tabulate(rule.points, nq);
  const ng = p.mesh.nodesPerCell, nb = p.space.element.nBasis;
  const packed = out ?? new Float64Array(packedLength(nq, ng, nb));
  const tab = unpackTabulation(packed, nq, ng, nb);
  tab.w.set(rule.weights); tab.gVal.set(geo.values); tab.gGrad.set(geo.grads); tab.N.set(field.values); tab.dN.set(field.grads);
  return tab;
}

/** The problem's quadrature rule. */
export function problemRule(p: ElasticityProblem): QuadratureRule {
  return p.cv.rule;
}

/** On-axis threshold of the axisymmetric hoop strain: 1e-12 of the largest |x| of the mesh (as createStressSampler). */
export function onAxisTolerance(mesh: Mesh): number {
  let rmax = 0;
  const pts = mesh.points;
  for (let i = 0; i < pts.length; i += 2) rmax = Math.max(rmax, Math.abs(pts[i]!));
  return 1e-12 * rmax;
}

/**
 * E (Pa), ν, β at the points of `cv` for every cell into tables [nCells × cv.nQuad] (the problem's materialAt, so
 * `materialAtQuad` when set). Reinitialises `cv` on every cell.
 */
export function fillMaterialTable(p: ElasticityProblem, cv: CellValues, E: Float64Array, nu: Float64Array, beta: Float64Array): void {
  const nq = cv.nQuad, nc = p.mesh.nCells;
  if (E.length < nc * nq || nu.length < nc * nq || beta.length < nc * nq) throw new Error('fillMaterialTable: tables shorter than nCells × nQuad');
  const e = new Float64Array(nq), n = new Float64Array(nq), b = new Float64Array(nq);
  for (let c = 0; c < nc; c++) {
    cv.reinit(c);
    materialAt(p, cv, c, e, n, b);
    E.set(e, c * nq); nu.set(n, c * nq); beta.set(b, c * nq);
  }
}

/** Material arrays and strides of a {@link RecoveryInput} (see its doc for the stride conventions). */
export interface RecoveryMaterial {
  readonly E: Float64Array;
  readonly nu: Float64Array;
  readonly beta: Float64Array;
  readonly matCellStride: number;
  readonly matQuadStride: number;
}

/** The problem's per-cell arrays as a material (valid when `materialAtQuad` is absent). */
export function perCellMaterial(p: ElasticityProblem): RecoveryMaterial {
  return { E: p.cellYoungs, nu: p.cellPoisson, beta: p.cellEigenstrain, matCellStride: 1, matQuadStride: 0 };
}

/** One cell's material buffers [nq] (strides 0, 1), refilled per cell with {@link materialAt} on the calling thread. */
export function oneCellMaterial(nq: number): RecoveryMaterial {
  return { E: new Float64Array(nq), nu: new Float64Array(nq), beta: new Float64Array(nq), matCellStride: 0, matQuadStride: 1 };
}

/** A recovery input over the problem's mesh and dof map (arrays may be replaced, e.g. by shared copies). */
export function recoveryInput(p: ElasticityProblem, u: Float64Array, tab: RecoveryTabulation, m: RecoveryMaterial, rTiny: number): RecoveryInput {
  if (u.length !== p.space.nDofs) throw new Error(`stress recovery: u has length ${u.length}, expected nDofs = ${p.space.nDofs}`);
  return {
    points: p.mesh.points, cells: p.mesh.cells, cellNodes: p.space.dofMap.cellNodes, u, tab, ...m,
    formulation: p.formulation, axialStrain: p.axialStrain, rTiny,
  };
}
