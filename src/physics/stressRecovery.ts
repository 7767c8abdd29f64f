/**
 * Strain and stress of an elasticity solution: at quadrature points, as cell averages, and as nodal values
 * recovered region by region (so a node on a material interface carries one value per side: stresses jump there).
 *
 * The per-cell arithmetic lives in stressRecoveryCell.ts, shared with the worker-pool versions
 * (parallelStressRecovery.ts), which are bitwise equal to the functions here.
 *
 * Storage: 4 components per point, [e00, e11, e01, e33] = [xx, yy, xy, zz] (plane) or [rr, zz, rz, θθ]
 * (axisymmetric); tensor shear, Pa for stresses. See src/materials/elastic.ts.
 */
import type { Mesh, FacetSet } from '../mesh/mesh.js';
import { createMesh } from '../mesh/createMesh.js';
import { createCellValues, type CellValues } from '../fem/cellValues.js';
import { stressFromStrain, vonMises, hydrostatic, principalStresses } from '../materials/elastic.js';
import { materialAt, type ElasticityProblem } from './elasticity.js';
import { cellAverage, cellMeasure, cellPointValues, createRecoveryWorkspace } from './stressRecoveryCell.js';
import {
  nodalPointRule, onAxisTolerance, oneCellMaterial, perCellMaterial, problemRule, recoveryInput, recoveryTabulation,
} from './stressRecoveryData.js';

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

export { nodalPointRule } from './stressRecoveryData.js';

/** Cell values of the problem's space evaluated at each cell's mesh nodes (for recovery and interface peaks). */
export function nodalCellValues(p: ElasticityProblem): CellValues {
  return createCellValues(p.space, nodalPointRule(p.mesh), { axisymmetric: p.formulation === 'axisymmetric' });
}

/**
 * Per-cell averages (∫ · dΩ / ∫ dΩ with the problem's quadrature, 2πr-weighted in axisymmetry) [nCells × 4].
 * The cell arithmetic is {@link cellAverage} (shared with the pool version, cellAveragesOnPool).
 */
export function cellAverages(p: ElasticityProblem, u: Float64Array): { strain: Float64Array; stress: Float64Array } {
  const nc = p.mesh.nCells;
  const hook = p.materialAtQuad !== undefined;
  const tab = recoveryTabulation(p, problemRule(p));
  const m = hook ? oneCellMaterial(tab.nq) : perCellMaterial(p);
  const inp = recoveryInput(p, u, tab, m, onAxisTolerance(p.mesh));
  const ws = createRecoveryWorkspace();
  const strain = new Float64Array(4 * nc), stress = new Float64Array(4 * nc);
  for (let c = 0; c < nc; c++) {
    if (hook) { p.cv.reinit(c); materialAt(p, p.cv, c, m.E, m.nu, m.beta); }
    cellAverage(inp, c, ws, strain, stress);
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
  const hook = p.materialAtQuad !== undefined;
  const cvn = hook ? nodalCellValues(p) : null;
  const tab = recoveryTabulation(p, nodalPointRule(mesh));
  const m = hook ? oneCellMaterial(tab.nq) : perCellMaterial(p);
  const inp = recoveryInput(p, u, tab, m, onAxisTolerance(mesh));
  const ws = createRecoveryWorkspace();
  // Cell measure from the problem's quadrature (the nodal rule's weights are not a rule).
  const cellMeasure = cellMeasures(p, ws);
  return gatherRegionNodal(mesh, cellMeasure, (c, eq, sq) => {
    if (cvn) { cvn.reinit(c); materialAt(p, cvn, c, m.E, m.nu, m.beta); }
    cellPointValues(inp, c, ws, eq, sq, 0);
  });
}

/** Measure of every cell [nCells] with the problem's quadrature (m², or m³ in axisymmetry). */
function cellMeasures(p: ElasticityProblem, ws = createRecoveryWorkspace()): Float64Array {
  const tab = recoveryTabulation(p, problemRule(p));
  const axi = p.formulation === 'axisymmetric';
  const out = new Float64Array(p.mesh.nCells);
  for (let c = 0; c < out.length; c++) out[c] = cellMeasure(p.mesh.points, p.mesh.cells, tab, axi, c, ws);
  return out;
}

/**
 * The region loop of {@link recoverRegionNodal}: `nodal(c, strain, stress)` fills cell c's values at its mesh nodes
 * [nodesPerCell × 4]; they are averaged per region weighted by `cellMeasure` [nCells].
 */
export function gatherRegionNodal(mesh: Mesh, cellMeasure: Float64Array,
  nodal: (c: number, strain: Float64Array, stress: Float64Array) => void): RegionNodalField[] {
  const npc = mesh.nodesPerCell;
  const eq = new Float64Array(4 * npc), sq = new Float64Array(4 * npc);
  const nR = mesh.regionNames.length;
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
      nodal(c, eq, sq);
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
