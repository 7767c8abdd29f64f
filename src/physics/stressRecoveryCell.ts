/**
 * The per-cell arithmetic of the stress recovery: strain and stress of one cell of an elasticity solution at the
 * points of a reference tabulation, averaged over the cell or kept per point, and the cell measure. ONE definition
 * used by the serial recovery (stressRecovery.ts) and by the worker-pool kernels (stressRecoveryKernels.ts), so both
 * give bitwise identical numbers. Plain data in, no closures: this module is imported by pool workers.
 *
 * The Jacobian comes from src/fem/isoparametricMap.ts, as in CellValues (isoparametric geometry from the cell's
 * mesh nodes: P1 on tri3, P2 on tri6; dx = |det J|·w, ·2πr in axisymmetry), so the results equal those of a
 * CellValues-based evaluation bit for bit.
 */
import { stressFromStrain, type ElasticFormulation } from '../materials/elastic.js';
import { mapPoint } from '../fem/isoparametricMap.js';

/** Formulations by code (the kernels receive numbers). */
export const FORMULATIONS: readonly ElasticFormulation[] = ['planeStrain', 'planeStress', 'axisymmetric', 'generalizedPlaneStrain'];

/**
 * Reference tabulation at `nq` points, packed in one Float64Array (one shared buffer for the pool):
 * [weights nq | geometry values nq×ng | geometry gradients nq×ng×2 | field values nq×nb | field gradients nq×nb×2].
 * `ng` = 3 (tri3, affine) or 6 (tri6); `nb` = basis functions of the field (3 or 6).
 */
export interface RecoveryTabulation {
  readonly nq: number;
  readonly ng: number;
  readonly nb: number;
  readonly packed: Float64Array;
  readonly w: Float64Array;
  readonly gVal: Float64Array;
  readonly gGrad: Float64Array;
  readonly N: Float64Array;
  readonly dN: Float64Array;
}

/** Length of the packed tabulation. */
export function packedLength(nq: number, ng: number, nb: number): number {
  return nq * (1 + 3 * ng + 3 * nb);
}

/** Views into a packed tabulation (no copy). */
export function unpackTabulation(packed: Float64Array, nq: number, ng: number, nb: number): RecoveryTabulation {
  if (packed.length !== packedLength(nq, ng, nb)) throw new Error(`stress recovery: packed tabulation has length ${packed.length}, expected ${packedLength(nq, ng, nb)}`);
  let o = 0;
  const take = (n: number): Float64Array => { const v = packed.subarray(o, o + n); o += n; return v; };
  const w = take(nq), gVal = take(nq * ng), gGrad = take(2 * nq * ng), N = take(nq * nb), dN = take(2 * nq * nb);
  return { nq, ng, nb, packed, w, gVal, gGrad, N, dN };
}

/**
 * What one cell's evaluation reads. Material at point q of cell c: E[c·matCellStride + q·matQuadStride] (and ν, β):
 * strides (nq, 1) for a table [nCells × nq], (1, 0) for per-cell arrays [nCells], (0, 1) for one cell's [nq].
 */
export interface RecoveryInput {
  /** Mesh points [nPoints × 2], m. */
  readonly points: Float64Array;
  /** Mesh cells [nCells × ng] (geometry nodes). */
  readonly cells: Int32Array;
  /** Field nodes of each cell [nCells × nb] (the dof map's cellNodes). */
  readonly cellNodes: Int32Array;
  /** Displacement [nNodes × 2] interleaved, m. */
  readonly u: Float64Array;
  readonly tab: RecoveryTabulation;
  readonly E: Float64Array;
  readonly nu: Float64Array;
  readonly beta: Float64Array;
  readonly matCellStride: number;
  readonly matQuadStride: number;
  readonly formulation: ElasticFormulation;
  /** Generalized plane strain: the uniform ε_zz. */
  readonly axialStrain: number;
  /** Axisymmetry: r ≤ rTiny counts as on the axis (ε_θθ = ∂u_r/∂r there). */
  readonly rTiny: number;
}

/** Per-thread scratch (allocated once, reused for every cell). */
export interface RecoveryWorkspace {
  /** Cell node coordinates [ng × 2]. */
  readonly X: Float64Array;
  /** J⁻ᵀ entries a00, a01, a10, a11, det J, x, y at the current point. */
  readonly jac: Float64Array;
  readonly eps: Float64Array;
  /** Strain and stress [4] of the current point. */
  readonly eq: Float64Array;
  readonly sq: Float64Array;
}

export function createRecoveryWorkspace(): RecoveryWorkspace {
  return { X: new Float64Array(12), jac: new Float64Array(7), eps: new Float64Array(4), eq: new Float64Array(4), sq: new Float64Array(4) };
}

const TWO_PI = 2 * Math.PI;

/** Loads the geometry nodes of cell c into ws.X. */
function loadCell(points: Float64Array, cells: Int32Array, ng: number, c: number, X: Float64Array): void {
  const base = c * ng;
  for (let a = 0; a < ng; a++) {
    const p = cells[base + a]!;
    X[2 * a] = points[2 * p]!;
    X[2 * a + 1] = points[2 * p + 1]!;
  }
}

/**
 * J⁻ᵀ, det J and x(ξ_q) at point q into ws.jac (cellValues' formulas); returns dx = det J·w_q (·2πx when `axi`).
 * Throws for det J ≤ 0 as cellValues does.
 */
function pointGeometry(tab: RecoveryTabulation, X: Float64Array, q: number, axi: boolean, c: number, jac: Float64Array): number {
  mapPoint(X, tab.ng, tab.gVal, tab.gGrad, q, c, jac);
  const det = jac[4]!;
  return axi ? det * tab.w[q]! * TWO_PI * jac[5]! : det * tab.w[q]!;
}

/** Strain and stress at point q of cell c (ws.X loaded, ws.jac from pointGeometry) into ws.eq, ws.sq. */
function pointStrainStress(inp: RecoveryInput, c: number, q: number, ws: RecoveryWorkspace): void {
  const { tab, u, cellNodes } = inp;
  const nb = tab.nb, N = tab.N, dN = tab.dN, jac = ws.jac;
  const a00 = jac[0]!, a01 = jac[1]!, a10 = jac[2]!, a11 = jac[3]!;
  const base = c * nb, fo = q * nb;
  let uxx = 0, uxy = 0, uyx = 0, uyy = 0, ur = 0;
  for (let a = 0; a < nb; a++) {
    const n = cellNodes[base + a]!;
    const ux = u[2 * n]!, uy = u[2 * n + 1]!;
    const rgx = dN[2 * (fo + a)]!, rgy = dN[2 * (fo + a) + 1]!;
    // Physical gradient J⁻ᵀ ∇̂N, rounded as cellValues stores it.
    const gx = a00 * rgx + a01 * rgy, gy = a10 * rgx + a11 * rgy;
    uxx += ux * gx; uxy += ux * gy; uyx += uy * gx; uyy += uy * gy;
    ur += ux * N[fo + a]!;
  }
  const eps = ws.eps;
  eps[0] = uxx;
  eps[1] = uyy;
  eps[2] = 0.5 * (uxy + uyx);
  const form = inp.formulation;
  if (form === 'axisymmetric') {
    const r = jac[5]!;
    eps[3] = r > inp.rTiny ? ur / r : uxx;
  } else eps[3] = form === 'generalizedPlaneStrain' ? inp.axialStrain : 0;
  const m = c * inp.matCellStride + q * inp.matQuadStride;
  stressFromStrain(form, inp.E[m]!, inp.nu[m]!, inp.beta[m]!, eps, ws.sq, ws.eq, 0, 0);
}

/**
 * Cell average (∫ · dΩ / ∫ dΩ over the tabulation's rule, 2πr-weighted in axisymmetry) of strain and stress of cell
 * c into strain/stress [4] at offset 4c. Returns the cell measure (m², or m³ in axisymmetry).
 */
export function cellAverage(inp: RecoveryInput, c: number, ws: RecoveryWorkspace, strain: Float64Array, stress: Float64Array): number {
  const tab = inp.tab, axi = inp.formulation === 'axisymmetric';
  loadCell(inp.points, inp.cells, tab.ng, c, ws.X);
  let vol = 0;
  let e0 = 0, e1 = 0, e2 = 0, e3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const eq = ws.eq, sq = ws.sq;
  for (let q = 0; q < tab.nq; q++) {
    const w = pointGeometry(tab, ws.X, q, axi, c, ws.jac);
    pointStrainStress(inp, c, q, ws);
    vol += w;
    e0 += w * eq[0]!; e1 += w * eq[1]!; e2 += w * eq[2]!; e3 += w * eq[3]!;
    s0 += w * sq[0]!; s1 += w * sq[1]!; s2 += w * sq[2]!; s3 += w * sq[3]!;
  }
  const o = 4 * c;
  strain[o] = e0 / vol; strain[o + 1] = e1 / vol; strain[o + 2] = e2 / vol; strain[o + 3] = e3 / vol;
  stress[o] = s0 / vol; stress[o + 1] = s1 / vol; stress[o + 2] = s2 / vol; stress[o + 3] = s3 / vol;
  return vol;
}

/** Strain and stress of cell c at each tabulation point into strain/stress [nq × 4] starting at offset `o`. */
export function cellPointValues(inp: RecoveryInput, c: number, ws: RecoveryWorkspace, strain: Float64Array, stress: Float64Array, o: number): void {
  const tab = inp.tab, axi = inp.formulation === 'axisymmetric';
  loadCell(inp.points, inp.cells, tab.ng, c, ws.X);
  const eq = ws.eq, sq = ws.sq;
  for (let q = 0; q < tab.nq; q++) {
    pointGeometry(tab, ws.X, q, axi, c, ws.jac);
    pointStrainStress(inp, c, q, ws);
    const k = o + 4 * q;
    strain[k] = eq[0]!; strain[k + 1] = eq[1]!; strain[k + 2] = eq[2]!; strain[k + 3] = eq[3]!;
    stress[k] = sq[0]!; stress[k + 1] = sq[1]!; stress[k + 2] = sq[2]!; stress[k + 3] = sq[3]!;
  }
}

/** Measure of cell c: Σ_q dx_q over `tab`'s rule (m², or m³ per full revolution in axisymmetry). */
export function cellMeasure(points: Float64Array, cells: Int32Array, tab: RecoveryTabulation, axi: boolean, c: number, ws: RecoveryWorkspace): number {
  loadCell(points, cells, tab.ng, c, ws.X);
  let s = 0;
  for (let q = 0; q < tab.nq; q++) s += pointGeometry(tab, ws.X, q, axi, c, ws.jac);
  return s;
}
