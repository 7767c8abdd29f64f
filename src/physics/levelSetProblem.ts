/**
 * Conservative level set (COMSOL "Level Set", Olsson–Kreiss form): problem set-up and state.
 *
 *   ∂φ/∂t + ∇·(u φ) = γ ∇·( ε∇φ − φ(1−φ) ∇φ/|∇φ| )     in the active cells
 *
 * φ = 1 unreacted Si, 0 reacted; interface = the φ = 0.5 contour; u [m/s] given by the caller; ε [m] interface
 * thickness; γ [m/s] reinitialisation speed. The transport step itself is in levelSetAdvance.ts, the element
 * kernel in levelSetKernel.ts.
 *
 * Set-up decisions:
 * - Lagrange P1 (or P2 on a tri6 mesh) over the whole mesh, but only the cells of `activeRegions` are assembled;
 *   field nodes touching no active cell are Dirichlet-constrained to their initial value (so the system stays
 *   non-singular and the field there is simply carried along unchanged).
 * - BCs: 'inflow' = strong Dirichlet φ = value (default 0: reacted material enters); 'outflow' = the advective
 *   flux ∫ φ u·n v dΓ is kept (implicit, on the active side of the facet, also for interior interfaces);
 *   'noFlow' (also everything not named) = zero total flux (the natural condition of the conservative weak form);
 *   'periodic' ties a boundary's nodes to its partner's (rows merged: still exactly conservative).
 * - ε defaults to h_max/2 over the active cells (COMSOL's ls.hmax/2, h = longest cell edge); γ defaults to the
 *   running maximum of |u| over the active quadrature points (never COMSOL's 1 m/s).
 * - The interface normal n̂ is frozen per step at the predictor and, on P1, taken from the lumped nodal projection
 *   of ∇φ; the diffusion is isotropic (COMSOL's form) unless `diffusion: 'normal'` (Olsson–Kreiss–Zahedi 2007).
 *   Why, with the measurements: levelSetKernel.ts.
 */
import type { Mesh } from '../mesh/mesh.js';
import { cellsOfRegions } from '../mesh/mesh.js';
import { buildEdges } from '../mesh/topology.js';
import { createSpace, interpolate, type FunctionSpace } from '../fem/functionSpace.js';
import { createCellValues, type CellValues } from '../fem/cellValues.js';
import { createFacetValues, type FacetValues } from '../fem/facetValues.js';
import { triangleRule, lineRule } from '../fem/quadrature.js';
import {
  createConstraints, addDirichlet, addDirichletDofs, addPeriodic, boundaryNodes, type DofConstraints,
} from '../fem/constraints.js';
import { periodicTranslation } from './boundaryFlux.js';
import { buildAssemblyPattern, type AssemblyPattern } from '../fem/sparsity.js';

/** Boundary conditions of the level set. Boundaries not named are 'noFlow'. */
export type LevelSetBc =
  | { type: 'inflow'; boundary: string; value?: number }
  | { type: 'outflow'; boundary: string }
  | { type: 'noFlow'; boundary: string }
  /** φ on `boundary` equals φ on `master` (translation from the two boundaries' node centroids). */
  | { type: 'periodic'; boundary: string; master: string };

export interface LevelSetOptions {
  /** Lagrange degree (default 1). 2 needs a tri6 mesh. */
  readonly order?: 1 | 2;
  /** (r, z) model: integrals carry 2πr (default false). */
  readonly axisymmetric?: boolean;
  /** Regions whose cells are assembled (default: all). */
  readonly activeRegions?: readonly string[];
  /** Interface thickness ε, m (default h_max/2 over the active cells). */
  readonly epsilon?: number;
  /** Fixed reinitialisation speed γ, m/s (default: running max |u| over the active region). */
  readonly gamma?: number;
  readonly bcs?: readonly LevelSetBc[];
  /** SUPG on the transport part (default true). */
  readonly supg?: boolean;
  /** Iterations per step for the compression term (Newton on φ(1−φ) with frozen n̂; default 5 = cap, 3 used; 1 = semi-implicit). */
  readonly picardMaxIterations?: number;
  /** Picard stops when max |φ^{k+1} − φ^k| ≤ this (default 1e-6). */
  readonly picardTolerance?: number;
  /**
   * Diffusion form: 'isotropic' = ε∇²φ (default, COMSOL) or 'normal' = ε∇·((∇φ·n̂)n̂) (Olsson–Kreiss–Zahedi
   * 2007: no tangential smoothing, better area on pure transport, but tangential wrinkles are undamped).
   */
  readonly diffusion?: 'normal' | 'isotropic';
  /** n̂ from the step's predictor, frozen over the iterations ('predictor', default), or from the latest iterate. */
  readonly normalFrom?: 'predictor' | 'iterate';
  /**
   * n̂ from the lumped nodal projection of ∇φ ('nodal': default on P1 with normalFrom 'predictor', allowed only
   * there) or from the pointwise gradient ('cell').
   */
  readonly normalGradient?: 'nodal' | 'cell';
  /** δ in n̂ = ∇φ/(|∇φ| + δ), 1/m (default 1e-4/ε: tails with φ(1−φ) ≲ 1e-4 become purely diffusive). */
  readonly normalRegularization?: number;
}

/**
 * Everything built once per mesh. The scratch arrays are reused by every step (one state per problem).
 * - `activeCells` [k] ascending; `cellActive` [nCells] 0/1.
 * - `outflowCells`/`outflowFacets` [nOut]: (active cell, local facet) of every outflow facet, normal pointing out
 *   of the active region; `outflowStart` [nCells+1] CSR offsets of each cell's outflow facets into those lists.
 * - `hMin` smallest cell altitude, `hMax` longest cell edge over the active cells, m.
 */
export interface LevelSetProblem {
  readonly mesh: Mesh;
  readonly space: FunctionSpace;
  readonly axisymmetric: boolean;
  readonly activeCells: Int32Array;
  readonly cellActive: Uint8Array;
  readonly epsilon: number;
  readonly gammaFixed: number | undefined;
  readonly hMin: number;
  readonly hMax: number;
  readonly supg: boolean;
  readonly picardMaxIterations: number;
  readonly picardTolerance: number;
  readonly normalRegularization: number;
  readonly diffusion: 'normal' | 'isotropic';
  readonly normalFrom: 'predictor' | 'iterate';
  readonly normalGradient: 'nodal' | 'cell';
  readonly bcs: readonly LevelSetBc[];
  readonly constraints: DofConstraints;
  readonly pattern: AssemblyPattern;
  readonly cv: CellValues;
  readonly fv: FacetValues;
  readonly outflowCells: Int32Array;
  readonly outflowFacets: Int8Array;
  readonly outflowStart: Int32Array;
  /** Field nodes touching no active cell (Dirichlet, value = initial field) [k]. */
  readonly inactiveNodes: Int32Array;
  /** Scratch: velocity at cell quadrature points [nCells × nQuad × 2] and u·n at outflow facet points [nOut × nfq]. */
  readonly uq: Float64Array;
  readonly un: Float64Array;
}

/**
 * Time-stepping state: φⁿ (`phi`) and φⁿ⁻¹ (`phiPrev`) [nDofs], the number of steps taken, time [s], the last
 * step size [s] (variable-step BDF2) and the running γ [m/s]. Updated in place by `advanceLevelSet`.
 */
export interface LevelSetState {
  readonly phi: Float64Array;
  readonly phiPrev: Float64Array;
  step: number;
  time: number;
  dtPrev: number;
  gamma: number;
}

/** Builds space, constraints, pattern and element values. Throws on unknown region/boundary names. */
export function createLevelSetProblem(mesh: Mesh, opts: LevelSetOptions = {}): LevelSetProblem {
  const order = opts.order ?? 1;
  const axisymmetric = opts.axisymmetric === true;
  const space = createSpace(mesh, order, 1);
  const activeCells = opts.activeRegions ? cellsOfRegions(mesh, opts.activeRegions) : Int32Array.from({ length: mesh.nCells }, (_, i) => i);
  if (activeCells.length === 0) throw new Error('createLevelSetProblem: no active cells');
  const cellActive = new Uint8Array(mesh.nCells);
  for (const c of activeCells) cellActive[c] = 1;
  const { hMin, hMax } = activeCellSizes(mesh, activeCells);

  const { cellNodes, nodesPerCell: npc, nNodes } = space.dofMap;
  const touched = new Uint8Array(nNodes);
  for (const c of activeCells) for (let a = 0; a < npc; a++) touched[cellNodes[c * npc + a]!] = 1;
  const inactive: number[] = [];
  for (let n = 0; n < nNodes; n++) if (!touched[n]) inactive.push(n);
  const inactiveNodes = Int32Array.from(inactive);

  const cons = createConstraints(space.nDofs);
  if (inactiveNodes.length > 0) addDirichletDofs(cons, inactiveNodes, 0);
  const bcs = opts.bcs ?? [];
  const outflowNames: string[] = [];
  for (const bc of bcs) {
    if (bc.type === 'inflow') addDirichlet(cons, space, bc.boundary, bc.value ?? 0);
    else if (bc.type === 'outflow') outflowNames.push(bc.boundary);
    else if (bc.type === 'noFlow') boundaryNodes(space, bc.boundary); // validates the name
    else if (bc.type === 'periodic') {
      addPeriodic(cons, space, bc.boundary, bc.master, periodicTranslation(space, bc.boundary, bc.master));
    }
    else throw new Error(`createLevelSetProblem: unknown bc type '${String((bc as { type: unknown }).type)}'`);
  }
  const out = activeSideFacets(mesh, cellActive, outflowNames);
  const outflowStart = new Int32Array(mesh.nCells + 1);
  for (let f = 0; f < out.cells.length; f++) outflowStart[out.cells[f]! + 1]!++;
  for (let c = 0; c < mesh.nCells; c++) outflowStart[c + 1]! += outflowStart[c]!;
  // Sort the facets by cell (counting sort) so the kernel finds a cell's facets by offset.
  const fill = outflowStart.slice(0, mesh.nCells);
  const outflowCells = new Int32Array(out.cells.length);
  const outflowFacets = new Int8Array(out.cells.length);
  for (let f = 0; f < out.cells.length; f++) {
    const s = fill[out.cells[f]!]!++;
    outflowCells[s] = out.cells[f]!;
    outflowFacets[s] = out.lfs[f]!;
  }

  const normalFrom = opts.normalFrom ?? 'predictor';
  const normalGradient = opts.normalGradient ?? (order === 1 && normalFrom === 'predictor' ? 'nodal' : 'cell');
  if (normalGradient === 'nodal' && (order !== 1 || normalFrom !== 'predictor')) {
    throw new Error("createLevelSetProblem: normalGradient 'nodal' needs order 1 and normalFrom 'predictor'");
  }
  const epsilon = opts.epsilon ?? hMax / 2;
  if (!(epsilon > 0)) throw new Error(`createLevelSetProblem: epsilon must be > 0, got ${epsilon}`);
  if (opts.gamma !== undefined && !(opts.gamma >= 0)) throw new Error(`createLevelSetProblem: gamma must be ≥ 0, got ${opts.gamma}`);
  // Degree 2p is exact for mass, advection with P_p velocity and the quadratic φ(1−φ) of the P1 compression term.
  const cv = createCellValues(space, triangleRule(2 * order), { axisymmetric });
  const fv = createFacetValues(space, lineRule(2 * order + 1), { axisymmetric });
  const pattern = buildAssemblyPattern(space, cons);
  return {
    mesh, space, axisymmetric, activeCells, cellActive, epsilon, gammaFixed: opts.gamma, hMin, hMax,
    supg: opts.supg ?? true,
    picardMaxIterations: Math.max(1, opts.picardMaxIterations ?? 5),
    picardTolerance: opts.picardTolerance ?? 1e-6,
    normalRegularization: opts.normalRegularization ?? 1e-4 / epsilon,
    diffusion: opts.diffusion ?? 'isotropic',
    normalFrom, normalGradient,
    bcs, constraints: cons, pattern, cv, fv, outflowCells, outflowFacets, outflowStart, inactiveNodes,
    uq: new Float64Array(mesh.nCells * cv.nQuad * 2),
    un: new Float64Array(outflowCells.length * fv.nQuad),
  };
}

/**
 * Initial state from nodal values [nDofs] or a function φ0(x, y) (evaluated at the field nodes). Sets the
 * Dirichlet value of every inactive node to its initial value (the pattern stays valid: only values change).
 * Returns a fresh state at t = 0 with γ = the fixed γ or 0 (the running max starts at the first step).
 */
export function initializeLevelSet(p: LevelSetProblem, phi0: Float64Array | ((x: number, y: number) => number)): LevelSetState {
  const phi = typeof phi0 === 'function' ? interpolate(p.space, (x, y) => phi0(x, y)) : Float64Array.from(phi0);
  if (phi.length !== p.space.nDofs) throw new Error(`initializeLevelSet: phi0 has length ${phi.length}, expected ${p.space.nDofs}`);
  if (p.inactiveNodes.length > 0) {
    const vals = new Float64Array(p.inactiveNodes.length);
    for (let i = 0; i < vals.length; i++) vals[i] = phi[p.inactiveNodes[i]!]!;
    addDirichletDofs(p.constraints, p.inactiveNodes, vals);
  }
  return { phi, phiPrev: phi.slice(), step: 0, time: 0, dtPrev: 0, gamma: p.gammaFixed ?? 0 };
}

/** Longest edge (h_max) and smallest altitude (h_min) over the active cells, from the vertices. */
function activeCellSizes(mesh: Mesh, cells: Int32Array): { hMin: number; hMax: number } {
  const { points: X, cells: conn, nodesPerCell: npc } = mesh;
  let hMax = 0;
  let hMin = Infinity;
  for (const c of cells) {
    const a = conn[c * npc]!, b = conn[c * npc + 1]!, d = conn[c * npc + 2]!;
    const abx = X[2 * b]! - X[2 * a]!, aby = X[2 * b + 1]! - X[2 * a + 1]!;
    const adx = X[2 * d]! - X[2 * a]!, ady = X[2 * d + 1]! - X[2 * a + 1]!;
    const bdx = X[2 * d]! - X[2 * b]!, bdy = X[2 * d + 1]! - X[2 * b + 1]!;
    const longest = Math.sqrt(Math.max(abx * abx + aby * aby, adx * adx + ady * ady, bdx * bdx + bdy * bdy));
    const area2 = Math.abs(abx * ady - aby * adx);
    hMax = Math.max(hMax, longest);
    hMin = Math.min(hMin, area2 / longest);
  }
  return { hMin, hMax };
}

/**
 * The facets of the named boundaries seen from an active cell: a facet whose own cell is inactive (an interior
 * interface named from the other side) is taken from its active neighbour. Throws if a named boundary touches
 * no active cell.
 */
function activeSideFacets(mesh: Mesh, cellActive: Uint8Array, names: readonly string[]): { cells: number[]; lfs: number[] } {
  const cells: number[] = [];
  const lfs: number[] = [];
  if (names.length === 0) return { cells, lfs };
  const topo = buildEdges(mesh);
  for (const name of names) {
    const fs = mesh.boundaries.get(name);
    if (!fs) throw new Error(`unknown boundary '${name}' (mesh has: ${[...mesh.boundaries.keys()].join(', ')})`);
    let found = 0;
    for (let i = 0; i < fs.cells.length; i++) {
      let c = fs.cells[i]!;
      let k = fs.localFacets[i]!;
      if (!cellActive[c]) {
        const e = topo.cellEdges[3 * c + k]!;
        const side = topo.edgeCells[2 * e] === c ? 1 : 0;
        const other = topo.edgeCells[2 * e + side]!;
        if (other < 0 || !cellActive[other]) continue;
        c = other;
        k = topo.edgeLocalFacets[2 * e + side]!;
      }
      cells.push(c);
      lfs.push(k);
      found++;
    }
    if (found === 0) throw new Error(`level set: outflow boundary '${name}' touches no active cell`);
  }
  return { cells, lfs };
}
