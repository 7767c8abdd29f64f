/**
 * Integral metrics of a level-set field over the active cells: ∫φ, the reacted fraction, and the exact area
 * (volume) on either side of the φ = level iso-line of the P1 interpolant. Axisymmetric problems weight with 2πr
 * (volumes in m³); plane ones give areas per unit depth (m²). Line probes (front position, width, flatness) are in
 * levelSetProbe.ts and re-exported here.
 */
import type { LevelSetProblem } from './levelSetProblem.js';

export { frontPosition, frontWidth, frontFlatness, evaluateLevelSetAt, type ProbeLine } from './levelSetProbe.js';

/** ∫ φ dΩ over the active cells (m², or m³ with 2πr), with the problem's quadrature (exact for P1/P2 φ). */
export function integratePhi(p: LevelSetProblem, phi: Float64Array): number {
  const { cv, space } = p;
  const { cellNodes, nodesPerCell: npc } = space.dofMap;
  const nb = cv.nBasis;
  let sum = 0;
  for (const c of p.activeCells) {
    cv.reinit(c);
    for (let q = 0; q < cv.nQuad; q++) {
      let v = 0;
      for (let a = 0; a < nb; a++) v += cv.N[q * nb + a]! * phi[cellNodes[c * npc + a]!]!;
      sum += v * cv.dx[q]!;
    }
  }
  return sum;
}

/**
 * ∫_Γout φ u·n dΓ over the outflow facets (m²/s plane, m³/s axisymmetric) with the u·n of the last evaluated
 * velocity (the last `advanceLevelSet` or `evaluateVelocity` call): the rate at which ∫φ leaves through outflow
 * boundaries, d/dt ∫φ = −this (no inflow of φ > 0). In the coupled model it equals (M_Li/(Fρ))·I_out when φ = 1
 * at the outlet.
 */
export function outflowRate(p: LevelSetProblem, phi: Float64Array): number {
  const { fv, space } = p;
  const { cellNodes, nodesPerCell: npc } = space.dofMap;
  const nb = fv.nBasis;
  let sum = 0;
  for (let f = 0; f < p.outflowCells.length; f++) {
    const c = p.outflowCells[f]!;
    fv.reinit(c, p.outflowFacets[f]!);
    for (let q = 0; q < fv.nQuad; q++) {
      let v = 0;
      for (let a = 0; a < nb; a++) v += fv.N[q * nb + a]! * phi[cellNodes[c * npc + a]!]!;
      sum += v * p.un[f * fv.nQuad + q]! * fv.ds[q]!;
    }
  }
  return sum;
}

/** Measure of the active region (m² or m³). */
export function activeMeasure(p: LevelSetProblem): number {
  let sum = 0;
  for (const c of p.activeCells) {
    p.cv.reinit(c);
    for (let q = 0; q < p.cv.nQuad; q++) sum += p.cv.dx[q]!;
  }
  return sum;
}

/** Reacted fraction 1 − ∫φ/|Ω_active| (dimensionless). */
export function reactedFraction(p: LevelSetProblem, phi: Float64Array): number {
  return 1 - integratePhi(p, phi) / activeMeasure(p);
}

/** P2 cells as four linear sub-triangles (vertices 0,1,2, midsides 3:(0,1), 4:(1,2), 5:(2,0)). */
const P2_SPLIT = [0, 3, 5, 3, 1, 4, 5, 4, 2, 3, 4, 5];

/**
 * Area (volume) of {φ < level} over the active cells, computed exactly for the P1 interpolant by clipping every
 * triangle at the iso-line (P2: clipped on its four linear sub-triangles, i.e. exact for the piecewise-linear
 * interpolant of the six nodal values). Straight-sided geometry. Default level 0.5.
 */
export function areaBelowHalf(p: LevelSetProblem, phi: Float64Array, level = 0.5): number {
  const { mesh, space } = p;
  const { cellNodes, nodesPerCell: npc, nodeToPoint } = space.dofMap;
  const X = mesh.points;
  const axi = p.axisymmetric;
  const xs = new Float64Array(3), ys = new Float64Array(3), fs = new Float64Array(3);
  const split = npc === 6 ? P2_SPLIT : [0, 1, 2];
  let total = 0;
  for (const c of p.activeCells) {
    for (let s = 0; s < split.length; s += 3) {
      for (let k = 0; k < 3; k++) {
        const node = cellNodes[c * npc + split[s + k]!]!;
        const pt = nodeToPoint[node]!;
        xs[k] = X[2 * pt]!;
        ys[k] = X[2 * pt + 1]!;
        fs[k] = phi[node]! - level;
      }
      total += clippedMeasure(xs, ys, fs, axi);
    }
  }
  return total;
}

/** Area (volume) of {φ ≥ level}: the active measure minus {@link areaBelowHalf}. */
export function areaAboveHalf(p: LevelSetProblem, phi: Float64Array, level = 0.5): number {
  return activeMeasure(p) - areaBelowHalf(p, phi, level);
}

/** Area, or 2π∫r dA when axisymmetric, of a straight triangle. */
function triMeasure(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, axi: boolean): number {
  const A = 0.5 * Math.abs((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0));
  return axi ? 2 * Math.PI * A * (x0 + x1 + x2) / 3 : A;
}

/** Measure of {f < 0} in a triangle with linear f (vertex values fs). */
function clippedMeasure(xs: Float64Array, ys: Float64Array, fs: Float64Array, axi: boolean): number {
  let neg = 0;
  for (let k = 0; k < 3; k++) if (fs[k]! < 0) neg++;
  const whole = (): number => triMeasure(xs[0]!, ys[0]!, xs[1]!, ys[1]!, xs[2]!, ys[2]!, axi);
  if (neg === 0) return 0;
  if (neg === 3) return whole();
  // The lone vertex i (the only negative one if neg = 1, the only non-negative one if neg = 2) cuts off a corner.
  let i = 0;
  for (let k = 0; k < 3; k++) if ((fs[k]! < 0) === (neg === 1)) i = k;
  const j = (i + 1) % 3, k = (i + 2) % 3;
  const tj = fs[i]! / (fs[i]! - fs[j]!);
  const tk = fs[i]! / (fs[i]! - fs[k]!);
  const xj = xs[i]! + tj * (xs[j]! - xs[i]!), yj = ys[i]! + tj * (ys[j]! - ys[i]!);
  const xk = xs[i]! + tk * (xs[k]! - xs[i]!), yk = ys[i]! + tk * (ys[k]! - ys[i]!);
  const corner = triMeasure(xs[i]!, ys[i]!, xj, yj, xk, yk, axi);
  return neg === 1 ? corner : whole() - corner;
}
