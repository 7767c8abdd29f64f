/**
 * Stress and front measures the reproductions report: peaks over a chosen set of cells (P1 cell averages),
 * the LixSi/Si interface band from φ, interface tractions, and nodal fields for pictures. Pa, m.
 */
import type { ElasticityProblem } from '../physics/elasticity.js';
import { cellAverages, stressInvariants } from '../physics/stressRecovery.js';
import type { LevelSetProblem } from '../physics/levelSet.js';

/** Peaks over a cell set (cell averages): max von Mises, most compressive / most tensile principal, min hydrostatic. */
export interface CellSetPeaks {
  maxVonMises: number;
  minPrincipal: number;
  maxPrincipal: number;
  minHydrostatic: number;
  /** Location (x, y)/(r, z) of the most compressive principal stress, m. */
  minPrincipalAt: [number, number];
  cells: number;
}

/** Cell-average stress state of a solution: stress [nCells × 4] and its invariants. */
export interface CellStress {
  readonly stress: Float64Array;
  readonly vonMises: Float64Array;
  readonly hydrostatic: Float64Array;
  /** [nCells × 3], descending. */
  readonly principal: Float64Array;
}

export function cellStress(p: ElasticityProblem, u: Float64Array): CellStress {
  const { stress } = cellAverages(p, u);
  return { stress, ...stressInvariants(stress) };
}

/** Peaks of `s` over the cells where `inSet(c)`; centroids from `mesh`. */
export function peaksOver(p: ElasticityProblem, s: CellStress, inSet: (c: number) => boolean): CellSetPeaks {
  const m = p.mesh, npc = m.nodesPerCell;
  const pk: CellSetPeaks = { maxVonMises: 0, minPrincipal: 0, maxPrincipal: 0, minHydrostatic: 0, minPrincipalAt: [NaN, NaN], cells: 0 };
  for (let c = 0; c < m.nCells; c++) {
    if (!inSet(c)) continue;
    pk.cells++;
    pk.maxVonMises = Math.max(pk.maxVonMises, s.vonMises[c]!);
    pk.maxPrincipal = Math.max(pk.maxPrincipal, s.principal[3 * c]!);
    pk.minHydrostatic = Math.min(pk.minHydrostatic, s.hydrostatic[c]!);
    if (s.principal[3 * c + 2]! < pk.minPrincipal) {
      pk.minPrincipal = s.principal[3 * c + 2]!;
      let x = 0, y = 0;
      for (let a = 0; a < 3; a++) { const q = m.cells[c * npc + a]!; x += m.points[2 * q]!; y += m.points[2 * q + 1]!; }
      pk.minPrincipalAt = [x / 3, y / 3];
    }
  }
  return pk;
}

/** Mean of φ over the vertices of each cell [nCells] (the φ field is P1/P2 on the mesh points). */
export function cellMeanPhi(ls: LevelSetProblem, phi: Float64Array): Float64Array {
  const m = ls.mesh, npc = ls.space.dofMap.nodesPerCell, nodes = ls.space.dofMap.cellNodes;
  const out = new Float64Array(m.nCells);
  for (let c = 0; c < m.nCells; c++) {
    let s = 0;
    for (let a = 0; a < 3; a++) s += phi[nodes[c * npc + a]!]!;
    out[c] = s / 3;
  }
  return out;
}

/**
 * The LixSi/Si interface band: active cells whose vertex-mean φ lies in [lo, 1 − lo] (default lo = 0.02, i.e.
 * within ≈ ±3.9ε of the φ = 0.5 contour for the equilibrium profile).
 */
export function frontBand(ls: LevelSetProblem, phiCell: Float64Array, lo = 0.02): (c: number) => boolean {
  return (c) => ls.cellActive[c] === 1 && phiCell[c]! >= lo && phiCell[c]! <= 1 - lo;
}

/**
 * Largest traction magnitude |σ·n| over the facets of a named interface, from the stress of each facet's own
 * cell (cell average), Pa. n is the facet normal; for straight horizontal interfaces |σ·n| = √(σ_xy² + σ_yy²).
 */
export function maxInterfaceTraction(p: ElasticityProblem, s: CellStress, boundary: string): number {
  const fs = p.mesh.boundaries.get(boundary);
  if (!fs) throw new Error(`maxInterfaceTraction: unknown boundary '${boundary}'`);
  const m = p.mesh, npc = m.nodesPerCell;
  let mx = 0;
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!, k = fs.localFacets[f]!;
    const a = m.cells[c * npc + k]!, b = m.cells[c * npc + ((k + 1) % 3)]!;
    const tx = m.points[2 * b]! - m.points[2 * a]!, ty = m.points[2 * b + 1]! - m.points[2 * a + 1]!;
    const len = Math.hypot(tx, ty);
    const nx = ty / len, ny = -tx / len;
    const sxx = s.stress[4 * c]!, syy = s.stress[4 * c + 1]!, sxy = s.stress[4 * c + 2]!;
    mx = Math.max(mx, Math.hypot(sxx * nx + sxy * ny, sxy * nx + syy * ny));
  }
  return mx;
}
