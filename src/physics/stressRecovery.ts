/**
 * Strain and stress of an elasticity solution: at quadrature points, as cell averages, and as nodal values
 * recovered region by region (so a node on a material interface carries one value per side: stresses jump there).
 *
 * Storage: 4 components per point, [e00, e11, e01, e33] = [xx, yy, xy, zz] (plane) or [rr, zz, rz, θθ]
 * (axisymmetric); tensor shear, Pa for stresses. See src/materials/elastic.ts.
 */
import type { Mesh, FacetSet } from '../mesh/mesh.js';
import { createMesh } from '../mesh/createMesh.js';
import { createCellValues, type CellValues } from '../fem/cellValues.js';
import type { QuadratureRule } from '../fem/quadrature.js';
import { P1, P2 } from '../fem/referenceElement.js';
import { stressFromStrain, vonMises, hydrostatic, principalStresses } from '../materials/elastic.js';
import { materialAt, type ElasticityProblem } from './elasticity.js';

/** Fills strain and stress [nQuad × 4] at the points of `cv` for one cell; reinitialises `cv`. */
export type StressSampler = (u: Float64Array, cell: number, strain: Float64Array, stress: Float64Array) => void;

/**
 * A sampler over the points of `cv` (default: the problem's own quadrature). In axisymmetry ε_θθ = u_r/r, and on
 * the axis (r = 0, reachable by nodal points) ε_θθ = ∂u_r/∂r (the limit, since u_r = 0 there).
 */
export function createStressSampler(p: ElasticityProblem, cv: CellValues = p.cv): StressSampler {
  const nq = cv.nQuad;
  const E = new Float64Array(nq), nu = new Float64Array(nq), beta = new Float64Array(nq);
  const eps = new Float64Array(4);
  const { cellNodes, nodesPerCell: npc } = p.space.dofMap;
  const axi = p.formulation === 'axisymmetric';
  const gps = p.formulation === 'generalizedPlaneStrain';
  const form = p.formulation;
  // Scale for "on the axis": relative to the mesh extent.
  let rmax = 0;
  const pts = p.mesh.points;
  for (let i = 0; i < pts.length; i += 2) rmax = Math.max(rmax, Math.abs(pts[i]!));
  const rTiny = 1e-12 * rmax;
  return (u, cell, strain, stress) => {
    cv.reinit(cell);
    materialAt(p, cv, cell, E, nu, beta);
    const nb = cv.nBasis;
    const base = cell * npc;
    for (let q = 0; q < nq; q++) {
      let uxx = 0, uxy = 0, uyx = 0, uyy = 0, ur = 0;
      const g = q * nb * 2;
      for (let a = 0; a < nb; a++) {
        const n = cellNodes[base + a]!;
        const ux = u[2 * n]!, uy = u[2 * n + 1]!;
        const gx = cv.dNdx[g + 2 * a]!, gy = cv.dNdx[g + 2 * a + 1]!;
        uxx += ux * gx; uxy += ux * gy; uyx += uy * gx; uyy += uy * gy;
        ur += ux * cv.N[q * nb + a]!;
      }
      eps[0] = uxx;
      eps[1] = uyy;
      eps[2] = 0.5 * (uxy + uyx);
      if (axi) {
        const r = cv.xq[2 * q]!;
        eps[3] = r > rTiny ? ur / r : uxx;
      } else eps[3] = gps ? p.axialStrain : 0;
      stressFromStrain(form, E[q]!, nu[q]!, beta[q]!, eps, stress, strain, 0, 4 * q);
    }
  };
}

/** A pseudo quadrature rule whose points are the reference nodes of the cell geometry (3 or 6), equal weights. */
export function nodalPointRule(mesh: Mesh): QuadratureRule {
  const el = mesh.cellType === 'tri3' ? P1 : P2;
  const n = el.nBasis;
  return { degree: 0, nPoints: n, points: el.nodes, weights: new Float64Array(n).fill(0.5 / n) };
}

/** Cell values of the problem's space evaluated at each cell's mesh nodes (for recovery and interface peaks). */
export function nodalCellValues(p: ElasticityProblem): CellValues {
  return createCellValues(p.space, nodalPointRule(p.mesh), { axisymmetric: p.formulation === 'axisymmetric' });
}

/** Per-cell averages (∫ · dΩ / ∫ dΩ with the problem's quadrature, 2πr-weighted in axisymmetry) [nCells × 4]. */
export function cellAverages(p: ElasticityProblem, u: Float64Array): { strain: Float64Array; stress: Float64Array } {
  const nc = p.mesh.nCells;
  const cv = p.cv;
  const sample = createStressSampler(p, cv);
  const eq = new Float64Array(4 * cv.nQuad), sq = new Float64Array(4 * cv.nQuad);
  const strain = new Float64Array(4 * nc), stress = new Float64Array(4 * nc);
  for (let c = 0; c < nc; c++) {
    sample(u, c, eq, sq);
    let vol = 0;
    for (let q = 0; q < cv.nQuad; q++) {
      const w = cv.dx[q]!;
      vol += w;
      for (let k = 0; k < 4; k++) {
        strain[4 * c + k] += w * eq[4 * q + k]!;
        stress[4 * c + k] += w * sq[4 * q + k]!;
      }
    }
    for (let k = 0; k < 4; k++) { strain[4 * c + k] /= vol; stress[4 * c + k] /= vol; }
  }
  return { strain, stress };
}

/** Nodal strain/stress of one region: `points` [k] mesh points (ascending), `strain`/`stress` [k × 4]. */
export interface RegionNodalField {
  readonly region: string;
  readonly regionIndex: number;
  readonly points: Int32Array;
  readonly strain: Float64Array;
  readonly stress: Float64Array;
}

/**
 * Nodal values per region: each cell's own polynomial strain/stress is evaluated at its mesh nodes (P1: the cell
 * constant; P2: the cell's linear field at its 6 nodes) and averaged over the region's cells sharing the node,
 * weighted by cell measure. Interface nodes get one value per adjacent region. Regions without cells are omitted.
 */
export function recoverRegionNodal(p: ElasticityProblem, u: Float64Array): RegionNodalField[] {
  const mesh = p.mesh;
  const cvn = nodalCellValues(p);
  const sample = createStressSampler(p, cvn);
  const npc = mesh.nodesPerCell;
  const nn = cvn.nQuad; // = npc
  const eq = new Float64Array(4 * nn), sq = new Float64Array(4 * nn);
  const nR = mesh.regionNames.length;
  // Cell measure from the problem's quadrature (the nodal rule's weights are not a rule).
  const cellMeasure = new Float64Array(mesh.nCells);
  for (let c = 0; c < mesh.nCells; c++) {
    p.cv.reinit(c);
    let s = 0;
    for (let q = 0; q < p.cv.nQuad; q++) s += p.cv.dx[q]!;
    cellMeasure[c] = s;
  }
  const out: RegionNodalField[] = [];
  const local = new Int32Array(mesh.nPoints);
  for (let r = 0; r < nR; r++) {
    local.fill(-1);
    let k = 0;
    for (let c = 0; c < mesh.nCells; c++) {
      if (mesh.cellRegion[c] !== r) continue;
      for (let a = 0; a < npc; a++) local[mesh.cells[c * npc + a]!] = 0;
    }
    for (let i = 0; i < mesh.nPoints; i++) if (local[i] === 0) local[i] = k++;
    if (k === 0) continue;
    const points = new Int32Array(k);
    for (let i = 0; i < mesh.nPoints; i++) if (local[i]! >= 0) points[local[i]!] = i;
    const strain = new Float64Array(4 * k), stress = new Float64Array(4 * k), wsum = new Float64Array(k);
    for (let c = 0; c < mesh.nCells; c++) {
      if (mesh.cellRegion[c] !== r) continue;
      sample(u, c, eq, sq);
      const w = cellMeasure[c]!;
      for (let a = 0; a < npc; a++) {
        const i = local[mesh.cells[c * npc + a]!]!;
        wsum[i] += w;
        for (let m = 0; m < 4; m++) { strain[4 * i + m] += w * eq[4 * a + m]!; stress[4 * i + m] += w * sq[4 * a + m]!; }
      }
    }
    for (let i = 0; i < k; i++) for (let m = 0; m < 4; m++) { strain[4 * i + m] /= wsum[i]!; stress[4 * i + m] /= wsum[i]!; }
    out.push({ region: mesh.regionNames[r]!, regionIndex: r, points, strain, stress });
  }
  return out;
}

/** A mesh whose regions share no points, for output of fields that jump across interfaces. */
export interface SplitMesh {
  readonly mesh: Mesh;
  /** [nSplitPoints] original point of each split point. */
  readonly pointOrigin: Int32Array;
  /** [nSplitPoints] region index of each split point. */
  readonly pointRegion: Int32Array;
}

/**
 * Duplicates every point shared by several regions (one copy per region); cells keep their index, region and
 * node order; boundaries keep their (cell, local facet) pairs. Points are numbered region by region.
 */
export function splitMeshByRegion(mesh: Mesh): SplitMesh {
  const npc = mesh.nodesPerCell;
  const nR = mesh.regionNames.length;
  const map = new Int32Array(mesh.nPoints);
  const cells = new Int32Array(mesh.cells.length);
  const origin: number[] = [];
  const region: number[] = [];
  for (let r = 0; r < nR; r++) {
    map.fill(-1);
    for (let c = 0; c < mesh.nCells; c++) {
      if (mesh.cellRegion[c] !== r) continue;
      for (let a = 0; a < npc; a++) map[mesh.cells[c * npc + a]!] = 0;
    }
    for (let i = 0; i < mesh.nPoints; i++) if (map[i] === 0) { map[i] = origin.length; origin.push(i); region.push(r); }
    for (let c = 0; c < mesh.nCells; c++) {
      if (mesh.cellRegion[c] !== r) continue;
      for (let a = 0; a < npc; a++) cells[c * npc + a] = map[mesh.cells[c * npc + a]!]!;
    }
  }
  const pointOrigin = Int32Array.from(origin);
  const points = new Float64Array(2 * pointOrigin.length);
  for (let i = 0; i < pointOrigin.length; i++) {
    points[2 * i] = mesh.points[2 * pointOrigin[i]!]!;
    points[2 * i + 1] = mesh.points[2 * pointOrigin[i]! + 1]!;
  }
  const boundaries = new Map<string, FacetSet>(mesh.boundaries);
  const split = createMesh({
    cellType: mesh.cellType, points, cells, cellRegion: mesh.cellRegion, regionNames: mesh.regionNames, boundaries,
  });
  return { mesh: split, pointOrigin, pointRegion: Int32Array.from(region) };
}

/** Gathers region nodal fields onto the split mesh points: [nSplitPoints × 4] of `which`. */
export function regionNodalOnSplitMesh(split: SplitMesh, fields: readonly RegionNodalField[], which: 'strain' | 'stress'): Float64Array {
  const n = split.pointOrigin.length;
  const out = new Float64Array(4 * n);
  const byRegion = new Map<number, { lookup: Map<number, number>; f: RegionNodalField }>();
  for (const f of fields) {
    const lookup = new Map<number, number>();
    for (let i = 0; i < f.points.length; i++) lookup.set(f.points[i]!, i);
    byRegion.set(f.regionIndex, { lookup, f });
  }
  for (let i = 0; i < n; i++) {
    const e = byRegion.get(split.pointRegion[i]!);
    if (!e) continue;
    const j = e.lookup.get(split.pointOrigin[i]!);
    if (j === undefined) continue;
    const src = e.f[which];
    for (let m = 0; m < 4; m++) out[4 * i + m] = src[4 * j + m]!;
  }
  return out;
}

/** Scalar invariants of stresses [n × 4]: von Mises [n], hydrostatic [n], principal [n × 3] (descending), Pa. */
export function stressInvariants(stress: Float64Array): { vonMises: Float64Array; hydrostatic: Float64Array; principal: Float64Array } {
  const n = stress.length >> 2;
  const vm = new Float64Array(n), hyd = new Float64Array(n), pr = new Float64Array(3 * n);
  const tmp = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    vm[i] = vonMises(stress, 4 * i);
    hyd[i] = hydrostatic(stress, 4 * i);
    principalStresses(stress, tmp, 4 * i);
    pr[3 * i] = tmp[0]!; pr[3 * i + 1] = tmp[1]!; pr[3 * i + 2] = tmp[2]!;
  }
  return { vonMises: vm, hydrostatic: hyd, principal: pr };
}
