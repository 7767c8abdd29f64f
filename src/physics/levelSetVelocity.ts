/**
 * The transport velocity u [m/s] of the level set, in the three forms a caller may have it, and its evaluation at
 * the quadrature points of the active cells and of the outflow facets (done once per step, before assembly).
 */
import type { LevelSetProblem } from './levelSetProblem.js';

/**
 * Quadrature points handed to a velocity callback: the cell's quadrature points (a CellValues) or the points of
 * one of its facets (a FacetValues) — both provide these fields. `xq` [nQuad × 2] physical points (m); `N`
 * [nQuad × nBasis] and `dNdx` [nQuad × nBasis × 2] are the level-set space's basis of the cell at those points
 * (use them only for fields on the same space; otherwise use `xq` or the cell index).
 */
export interface VelocityPoints {
  readonly nQuad: number;
  readonly nBasis: number;
  readonly N: Float64Array;
  readonly dNdx: Float64Array;
  readonly xq: Float64Array;
}

/** Fills `out` [nQuad × 2] with u (m/s) at the points of `at` in `cell`. */
export type VelocityCallback = (at: VelocityPoints, cell: number, out: Float64Array) => void;

/**
 * The velocity of one step:
 * - `Float64Array` [nNodes × 2]: nodal values on the level-set space's field nodes (P1 on tri3: mesh points),
 *   interpolated with the basis;
 * - `{ perCell }` [nCells × 2]: one value per cell (e.g. u = J·M/(Fρ) from `cellCurrentDensity`, exact for P1 V);
 * - a {@link VelocityCallback}: values at the quadrature points.
 */
export type LevelSetVelocity = Float64Array | { readonly perCell: Float64Array } | VelocityCallback;

/**
 * Evaluates u at all quadrature points of the active cells into `p.uq` and u·n at the outflow facet points into
 * `p.un`; returns max |u| over the active cell quadrature points (m/s).
 */
export function evaluateVelocity(p: LevelSetProblem, velocity: LevelSetVelocity): number {
  const { cv, fv, uq, un, space } = p;
  const nq = cv.nQuad;
  const nfq = fv.nQuad;
  const nb = cv.nBasis;
  const { cellNodes, nodesPerCell: npc, nNodes } = space.dofMap;
  const scratch = new Float64Array(2 * Math.max(nq, nfq));
  const isCallback = typeof velocity === 'function';
  const nodal = velocity instanceof Float64Array ? velocity : null;
  const perCell = !isCallback && !nodal ? (velocity as { perCell: Float64Array }).perCell : null;
  if (nodal && nodal.length !== 2 * nNodes) throw new Error(`level set velocity: nodal array has length ${nodal.length}, expected ${2 * nNodes} (nNodes × 2)`);
  if (perCell && perCell.length !== 2 * p.mesh.nCells) throw new Error(`level set velocity: perCell has length ${perCell.length}, expected ${2 * p.mesh.nCells} (nCells × 2)`);
  let maxSpeed = 0;
  for (const c of p.activeCells) {
    const o = c * nq * 2;
    if (perCell) {
      const ux = perCell[2 * c]!, uy = perCell[2 * c + 1]!;
      for (let q = 0; q < nq; q++) { uq[o + 2 * q] = ux; uq[o + 2 * q + 1] = uy; }
    } else if (nodal) {
      for (let q = 0; q < nq; q++) {
        let ux = 0, uy = 0;
        for (let a = 0; a < nb; a++) {
          const n = cellNodes[c * npc + a]!;
          const w = cv.N[q * nb + a]!;
          ux += w * nodal[2 * n]!;
          uy += w * nodal[2 * n + 1]!;
        }
        uq[o + 2 * q] = ux;
        uq[o + 2 * q + 1] = uy;
      }
    } else {
      cv.reinit(c);
      (velocity as VelocityCallback)(cv, c, scratch);
      for (let q = 0; q < 2 * nq; q++) uq[o + q] = scratch[q]!;
    }
    for (let q = 0; q < nq; q++) maxSpeed = Math.max(maxSpeed, Math.hypot(uq[o + 2 * q]!, uq[o + 2 * q + 1]!));
  }
  for (let f = 0; f < p.outflowCells.length; f++) {
    const c = p.outflowCells[f]!;
    fv.reinit(c, p.outflowFacets[f]!);
    if (isCallback) (velocity as VelocityCallback)(fv, c, scratch);
    for (let q = 0; q < nfq; q++) {
      let ux: number, uy: number;
      if (perCell) { ux = perCell[2 * c]!; uy = perCell[2 * c + 1]!; }
      else if (nodal) {
        ux = 0; uy = 0;
        for (let a = 0; a < nb; a++) {
          const n = cellNodes[c * npc + a]!;
          const w = fv.N[q * nb + a]!;
          ux += w * nodal[2 * n]!;
          uy += w * nodal[2 * n + 1]!;
        }
      } else { ux = scratch[2 * q]!; uy = scratch[2 * q + 1]!; }
      un[f * nfq + q] = ux * fv.normal[2 * q]! + uy * fv.normal[2 * q + 1]!;
    }
  }
  return maxSpeed;
}

/**
 * CFL-like step bound dt = courant · h_min / max|u| (s), h_min the smallest active cell altitude. Returns
 * Infinity when u vanishes. Evaluates the velocity (overwrites the problem's scratch).
 */
export function levelSetTimeStep(p: LevelSetProblem, velocity: LevelSetVelocity, courant = 0.5): number {
  const umax = evaluateVelocity(p, velocity);
  return umax > 0 ? (courant * p.hMin) / umax : Infinity;
}
