/**
 * Scalar summaries of an elasticity solution: stress peaks per region and on both sides of a named
 * boundary/interface, area or volume change of a region, mean normal displacement of a boundary.
 * Stresses in Pa; components as in src/materials/elastic.ts (von Mises and hydrostatic include σ_zz / σ_θθ).
 */
import { buildEdges } from '../mesh/topology.js';
import { integrate } from '../fem/functionals.js';
import { cellsOfRegions } from '../mesh/mesh.js';
import { vonMises, hydrostatic, principalStresses } from '../materials/elastic.js';
import type { ElasticityProblem } from './elasticity.js';
import { createStressSampler, nodalCellValues } from './stressRecovery.js';

/** Peak values over a set of sample points, with the location (x, y) / (r, z) of the von Mises peak. */
export interface StressPeaks {
  maxVonMises: number;
  maxVonMisesAt: [number, number];
  minPrincipal: number;
  maxPrincipal: number;
  minHydrostatic: number;
  maxHydrostatic: number;
  samples: number;
}

function emptyPeaks(): StressPeaks {
  return {
    maxVonMises: -Infinity, maxVonMisesAt: [NaN, NaN], minPrincipal: Infinity, maxPrincipal: -Infinity,
    minHydrostatic: Infinity, maxHydrostatic: -Infinity, samples: 0,
  };
}

function accumulate(pk: StressPeaks, s: Float64Array, o: number, x: number, y: number, pr: Float64Array): void {
  const vm = vonMises(s, o);
  if (vm > pk.maxVonMises) { pk.maxVonMises = vm; pk.maxVonMisesAt = [x, y]; }
  principalStresses(s, pr, o);
  if (pr[0]! > pk.maxPrincipal) pk.maxPrincipal = pr[0]!;
  if (pr[2]! < pk.minPrincipal) pk.minPrincipal = pr[2]!;
  const h = hydrostatic(s, o);
  if (h < pk.minHydrostatic) pk.minHydrostatic = h;
  if (h > pk.maxHydrostatic) pk.maxHydrostatic = h;
  pk.samples++;
}

/**
 * Peaks per region name, sampled at `where`: 'quadrature' (the problem's quadrature points; for P1 this is the
 * cell constant) or 'nodes' (each cell's own polynomial at its mesh nodes: P2 peaks at corners/interfaces).
 */
export function regionPeaks(p: ElasticityProblem, u: Float64Array, where: 'quadrature' | 'nodes' = 'quadrature'): Record<string, StressPeaks> {
  const cv = where === 'nodes' ? nodalCellValues(p) : p.cv;
  const sample = createStressSampler(p, cv);
  const eq = new Float64Array(4 * cv.nQuad), sq = new Float64Array(4 * cv.nQuad), pr = new Float64Array(3);
  const out: Record<string, StressPeaks> = {};
  const peaks = p.mesh.regionNames.map(() => emptyPeaks());
  for (let c = 0; c < p.mesh.nCells; c++) {
    sample(u, c, eq, sq);
    const pk = peaks[p.mesh.cellRegion[c]!]!;
    for (let q = 0; q < cv.nQuad; q++) accumulate(pk, sq, 4 * q, cv.xq[2 * q]!, cv.xq[2 * q + 1]!, pr);
  }
  p.mesh.regionNames.forEach((name, r) => { if (peaks[r]!.samples > 0) out[name] = peaks[r]!; });
  return out;
}

/**
 * Peaks on a named boundary or interface, per side: 'own' = the cells the facet set names, 'other' = the cells
 * across those facets (absent on an outer boundary). Values are each cell's own stress at the facet's nodes
 * (vertices, plus the midside for P2), so the two sides show the jump across a material interface.
 */
export function boundaryPeaks(p: ElasticityProblem, u: Float64Array, boundary: string): { own: StressPeaks; other: StressPeaks | null } {
  const fs = p.mesh.boundaries.get(boundary);
  if (!fs) throw new Error(`unknown boundary '${boundary}' (mesh has: ${[...p.mesh.boundaries.keys()].join(', ')})`);
  const topo = buildEdges(p.mesh);
  const cv = nodalCellValues(p);
  const sample = createStressSampler(p, cv);
  const eq = new Float64Array(4 * cv.nQuad), sq = new Float64Array(4 * cv.nQuad), pr = new Float64Array(3);
  const own = emptyPeaks();
  const other = emptyPeaks();
  // Local nodes of facet k: its two vertices, plus the midside on tri6 geometry.
  const facetNodes = cv.nQuad === 6 ? [[0, 1, 3], [1, 2, 4], [2, 0, 5]] : [[0, 1], [1, 2], [2, 0]];
  const addSide = (pk: StressPeaks, c: number, k: number): void => {
    sample(u, c, eq, sq);
    for (const a of facetNodes[k]!) accumulate(pk, sq, 4 * a, cv.xq[2 * a]!, cv.xq[2 * a + 1]!, pr);
  };
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!;
    const k = fs.localFacets[f]!;
    addSide(own, c, k);
    const e = topo.cellEdges[3 * c + k]!;
    const s = topo.edgeCells[2 * e] === c ? 1 : 0;
    const nc = topo.edgeCells[2 * e + s]!;
    if (nc >= 0) addSide(other, nc, topo.edgeLocalFacets[2 * e + s]!);
  }
  return { own, other: other.samples > 0 ? other : null };
}

/**
 * Measure of a region and its first-order change: plane models give area (m² per m depth) and ∫ (ε_xx + ε_yy) dA
 * (the in-plane area change, also in plane stress and generalized plane strain);
 * axisymmetric models give volume (m³) and ∫ (ε_rr + ε_zz + u_r/r) dV. `relative` = change/measure.
 */
export function regionMeasureChange(p: ElasticityProblem, u: Float64Array, region: string): { measure: number; change: number; relative: number } {
  const cells = cellsOfRegions(p.mesh, [region]);
  const sample = createStressSampler(p, p.cv);
  const nq = p.cv.nQuad;
  const eq = new Float64Array(4 * nq), sq = new Float64Array(4 * nq);
  const axi = p.formulation === 'axisymmetric';
  let measure = 0, change = 0;
  for (let i = 0; i < cells.length; i++) {
    sample(u, cells[i]!, eq, sq);
    for (let q = 0; q < nq; q++) {
      const w = p.cv.dx[q]!;
      measure += w;
      change += w * (eq[4 * q]! + eq[4 * q + 1]! + (axi ? eq[4 * q + 3]! : 0));
    }
  }
  return { measure, change, relative: change / measure };
}

/**
 * ∮ u·n dΓ and ∮ dΓ over a named boundary, n the outward normal of the facet's own cell (2πr-weighted in
 * axisymmetry). For a closed curve in a plane model, `flux` is the first-order change of the enclosed area (m²
 * per metre of depth); `length` is the boundary measure.
 */
export function boundaryNormalIntegral(p: ElasticityProblem, u: Float64Array, boundary: string): { flux: number; length: number } {
  const fs = p.mesh.boundaries.get(boundary);
  if (!fs) throw new Error(`unknown boundary '${boundary}' (mesh has: ${[...p.mesh.boundaries.keys()].join(', ')})`);
  const { fv } = p;
  const { cellNodes, nodesPerCell: npc } = p.space.dofMap;
  let flux = 0, length = 0;
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!;
    fv.reinit(c, fs.localFacets[f]!);
    for (let q = 0; q < fv.nQuad; q++) {
      let ux = 0, uy = 0;
      for (let a = 0; a < fv.nBasis; a++) {
        const n = cellNodes[c * npc + a]!;
        const Na = fv.N[q * fv.nBasis + a]!;
        ux += Na * u[2 * n]!;
        uy += Na * u[2 * n + 1]!;
      }
      flux += (ux * fv.normal[2 * q]! + uy * fv.normal[2 * q + 1]!) * fv.ds[q]!;
      length += fv.ds[q]!;
    }
  }
  return { flux, length };
}

/** ∫ u·n dΓ / ∫ dΓ over a named boundary (n outward from the facet's own cell), m. 2πr-weighted in axisymmetry. */
export function meanNormalDisplacement(p: ElasticityProblem, u: Float64Array, boundary: string): number {
  const { flux, length } = boundaryNormalIntegral(p, u, boundary);
  return flux / length;
}

/** ∫ dΩ over the named regions (m² per metre of depth, or m³ in axisymmetry). */
export function regionMeasure(p: ElasticityProblem, regions: readonly string[]): number {
  return integrate(p.cv, p.mesh, () => 1, cellsOfRegions(p.mesh, regions));
}
