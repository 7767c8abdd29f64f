/**
 * Current density J = −σ∇V from an Ohmic solution: per cell (volume average over the cell's quadrature
 * points, exact for P1 with constant σ) and recovered at mesh nodes (volume-weighted average of the cells
 * around each node, within each node's cells of all regions: the normal component is continuous across
 * region interfaces, the tangential one is smeared there — use the cell values for interface studies).
 */
import type { OhmicProblem } from './ohmic.js';

/** J per cell [nCells × 2], A/m². */
export function cellCurrentDensity(p: OhmicProblem, V: Float64Array): Float64Array {
  const { mesh, space, cv } = p;
  const npc = space.dofMap.nodesPerCell;
  const out = new Float64Array(mesh.nCells * 2);
  const sq = new Float64Array(cv.nQuad);
  for (let c = 0; c < mesh.nCells; c++) {
    cv.reinit(c);
    if (p.conductivityAtQuad) p.conductivityAtQuad(cv, c, sq);
    else sq.fill(p.cellConductivity[c]!);
    let jx = 0, jy = 0, vol = 0;
    for (let q = 0; q < cv.nQuad; q++) {
      let gx = 0, gy = 0;
      for (let a = 0; a < cv.nBasis; a++) {
        const va = V[space.dofMap.cellNodes[c * npc + a]!]!;
        gx += va * cv.dNdx[(q * cv.nBasis + a) * 2]!;
        gy += va * cv.dNdx[(q * cv.nBasis + a) * 2 + 1]!;
      }
      const w = cv.dx[q]!;
      jx -= sq[q]! * gx * w;
      jy -= sq[q]! * gy * w;
      vol += w;
    }
    out[2 * c] = jx / vol;
    out[2 * c + 1] = jy / vol;
  }
  return out;
}

/** J recovered at mesh points [nPoints × 2], A/m² (volume-weighted average of the adjacent cells' J). */
export function nodalCurrentDensity(p: OhmicProblem, V: Float64Array): Float64Array {
  const { mesh, cv } = p;
  const Jc = cellCurrentDensity(p, V);
  const out = new Float64Array(mesh.nPoints * 2);
  const wsum = new Float64Array(mesh.nPoints);
  const npc = mesh.nodesPerCell;
  for (let c = 0; c < mesh.nCells; c++) {
    cv.reinit(c);
    let vol = 0;
    for (let q = 0; q < cv.nQuad; q++) vol += cv.dx[q]!;
    for (let a = 0; a < npc; a++) {
      const i = mesh.cells[c * npc + a]!;
      out[2 * i] += vol * Jc[2 * c]!;
      out[2 * i + 1] += vol * Jc[2 * c + 1]!;
      wsum[i] += vol;
    }
  }
  for (let i = 0; i < mesh.nPoints; i++) {
    if (wsum[i]! > 0) { out[2 * i] /= wsum[i]!; out[2 * i + 1] /= wsum[i]!; }
  }
  return out;
}

/**
 * Normal current density entering the body through each facet of a named boundary: j_in = −J_cell·n
 * (n the outward normal of the facet's cell, J the cell average), A/m². Returns per facet [nFacets]
 * the value, the facet measure w (length in plane models, area 2πr·length in axisymmetric ones) and the
 * facet midpoint [nFacets × 2]. On an interior interface the facets' own cells decide the side.
 */
export function boundaryCurrentProfile(p: OhmicProblem, Jcell: Float64Array, boundary: string): { jIn: Float64Array; weight: Float64Array; midpoint: Float64Array } {
  const f = p.mesh.boundaries.get(boundary);
  if (!f) throw new Error(`unknown boundary '${boundary}'`);
  const n = f.cells.length;
  const jIn = new Float64Array(n), weight = new Float64Array(n), midpoint = new Float64Array(2 * n);
  const fv = p.fv;
  for (let k = 0; k < n; k++) {
    const c = f.cells[k]!;
    fv.reinit(c, f.localFacets[k]!);
    let w = 0, jn = 0, mx = 0, my = 0;
    for (let q = 0; q < fv.nQuad; q++) {
      const ds = fv.ds[q]!;
      w += ds;
      jn -= (Jcell[2 * c]! * fv.normal[2 * q]! + Jcell[2 * c + 1]! * fv.normal[2 * q + 1]!) * ds;
      mx += fv.xq[2 * q]! * ds;
      my += fv.xq[2 * q + 1]! * ds;
    }
    jIn[k] = jn / w;
    weight[k] = w;
    midpoint[2 * k] = mx / w;
    midpoint[2 * k + 1] = my / w;
  }
  return { jIn, weight, midpoint };
}

/** Non-uniformity of a boundary current profile: weighted mean, coefficient of variation, max/mean. */
export function currentNonUniformity(profile: { jIn: Float64Array; weight: Float64Array }): { mean: number; cv: number; maxOverMean: number } {
  let W = 0, m = 0;
  for (let k = 0; k < profile.jIn.length; k++) { W += profile.weight[k]!; m += profile.weight[k]! * profile.jIn[k]!; }
  m /= W;
  let v = 0, mx = -Infinity;
  for (let k = 0; k < profile.jIn.length; k++) {
    const d = profile.jIn[k]! - m;
    v += profile.weight[k]! * d * d;
    mx = Math.max(mx, profile.jIn[k]!);
  }
  const sd = Math.sqrt(v / W);
  return { mean: m, cv: m !== 0 ? sd / Math.abs(m) : NaN, maxOverMean: m !== 0 ? mx / m : NaN };
}
