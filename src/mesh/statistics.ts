import type { Mesh } from './mesh.js';

/** Summary numbers of a mesh. Lengths in metres, areas in m². */
export interface MeshStatistics {
  readonly nPoints: number;
  readonly nCells: number;
  /** Cell diameter h = longest vertex-to-vertex edge: smallest, largest and mean over the cells. */
  readonly hMin: number;
  readonly hMax: number;
  readonly hMean: number;
  /** Shape quality 2·r_in / r_circ of the vertex triangle (1 = equilateral, 0 = degenerate). */
  readonly minQuality: number;
  readonly meanQuality: number;
  /** Total area, exact for curved tri6 cells too. */
  readonly area: number;
  readonly areaByRegion: Readonly<Record<string, number>>;
}

/**
 * Signed area of every cell [nCells], m². tri3: shoelace formula. tri6: ½∮(x dy − y dx) along the three
 * quadratic edges, evaluated with Simpson's rule, which is exact because the integrand is a cubic in the edge
 * parameter, so curved isoparametric cells get their exact area.
 */
export function cellAreas(mesh: Mesh): Float64Array {
  const { nCells, cells, points: P, nodesPerCell: npc } = mesh;
  const out = new Float64Array(nCells);
  for (let c = 0; c < nCells; c++) {
    const o = c * npc;
    if (npc === 3) {
      const a = cells[o]!, b = cells[o + 1]!, d = cells[o + 2]!;
      out[c] = 0.5 * ((P[2 * b]! - P[2 * a]!) * (P[2 * d + 1]! - P[2 * a + 1]!) - (P[2 * d]! - P[2 * a]!) * (P[2 * b + 1]! - P[2 * a + 1]!));
      continue;
    }
    let s = 0;
    for (let k = 0; k < 3; k++) {
      const a = cells[o + k]!;
      const b = cells[o + (k === 2 ? 0 : k + 1)]!;
      const m = cells[o + 3 + k]!;
      const xa = P[2 * a]!, ya = P[2 * a + 1]!, xb = P[2 * b]!, yb = P[2 * b + 1]!, xm = P[2 * m]!, ym = P[2 * m + 1]!;
      // Derivatives of the quadratic edge x(t), y(t) (nodes at t = 0, ½, 1) at t = 0, ½, 1.
      const dx0 = -3 * xa + 4 * xm - xb, dy0 = -3 * ya + 4 * ym - yb;
      const dxh = xb - xa, dyh = yb - ya;
      const dx1 = xa - 4 * xm + 3 * xb, dy1 = ya - 4 * ym + 3 * yb;
      s += (xa * dy0 - ya * dx0 + 4 * (xm * dyh - ym * dxh) + (xb * dy1 - yb * dx1)) / 6;
    }
    out[c] = 0.5 * s;
  }
  return out;
}

/** Computes {@link MeshStatistics}; one pass over the cells. */
export function meshStatistics(mesh: Mesh): MeshStatistics {
  const { nCells, cells, points: P, nodesPerCell: npc } = mesh;
  const areas = cellAreas(mesh);
  const byRegion = new Float64Array(mesh.regionNames.length);
  let hMin = Infinity;
  let hMax = 0;
  let hSum = 0;
  let qMin = Infinity;
  let qSum = 0;
  let area = 0;
  for (let c = 0; c < nCells; c++) {
    const o = c * npc;
    const a = cells[o]!, b = cells[o + 1]!, d = cells[o + 2]!;
    const la = Math.hypot(P[2 * b]! - P[2 * d]!, P[2 * b + 1]! - P[2 * d + 1]!);
    const lb = Math.hypot(P[2 * d]! - P[2 * a]!, P[2 * d + 1]! - P[2 * a + 1]!);
    const lc = Math.hypot(P[2 * a]! - P[2 * b]!, P[2 * a + 1]! - P[2 * b + 1]!);
    const h = Math.max(la, lb, lc);
    hMin = Math.min(hMin, h);
    hMax = Math.max(hMax, h);
    hSum += h;
    // Vertex-triangle area for the quality (curvature is not a shape defect).
    const A = Math.abs(0.5 * ((P[2 * b]! - P[2 * a]!) * (P[2 * d + 1]! - P[2 * a + 1]!) - (P[2 * d]! - P[2 * a]!) * (P[2 * b + 1]! - P[2 * a + 1]!)));
    // r_in = A/s, r_circ = abc/(4A)  ⇒  2 r_in / r_circ = 8A² / (s·abc), s the semi-perimeter.
    const s = 0.5 * (la + lb + lc);
    const q = A > 0 ? (8 * A * A) / (s * la * lb * lc) : 0;
    qMin = Math.min(qMin, q);
    qSum += q;
    area += areas[c]!;
    byRegion[mesh.cellRegion[c]!]! += areas[c]!;
  }
  const areaByRegion: Record<string, number> = {};
  mesh.regionNames.forEach((n, r) => (areaByRegion[n] = byRegion[r]!));
  return {
    nPoints: mesh.nPoints,
    nCells,
    hMin: nCells > 0 ? hMin : 0,
    hMax,
    hMean: nCells > 0 ? hSum / nCells : 0,
    minQuality: nCells > 0 ? qMin : 0,
    meanQuality: nCells > 0 ? qSum / nCells : 0,
    area,
    areaByRegion,
  };
}
