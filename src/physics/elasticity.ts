/**
 * Quasi-static small-strain linear elasticity with an isotropic swelling eigenstrain.
 *
 *   ∇·σ = 0 in Ω,   σ = C(E, ν) : (ε(u) − ε*),   ε(u) = ½(∇u + ∇uᵀ),   ε* = β I₃
 *   u = g on Γ_D (fixed / displacement / roller / symmetry axis / pins),  σ·n = t on Γ_N (traction, −p n),
 *   σ·n = 0 elsewhere; periodic pairs u_s = u_m + Ē·(x_s − x_m).
 *
 * Weak form: ∫ ε(v) : C : ε(u) dΩ = ∫ ε(v) : C : ε* dΩ + ∫_ΓN t·v dΓ. The eigenstrain acts like a thermal strain
 * α ΔT (physics-reference §1.4, §5–6); its load per unit β is κ = 3K (plane strain, axisymmetric) or E/(1 − ν)
 * (plane stress, where ε*_zz is absorbed by the free ε_zz). Formulations and the 4-component storage
 * [e00, e11, e01, e33] ([xx, yy, xy, zz] or [rr, zz, rz, θθ]) are described in src/materials/elastic.ts.
 * Axisymmetric: (r, z) = (x, y), ε_θθ = u_r/r, dΩ = 2πr dr dz (forces in N, not N/m).
 * Plane: per metre of depth (forces in N/m). Generalized plane strain adds a uniform ε_zz = ε0 fixed by the axial
 * force (elasticityAxial.ts); its in-plane kernel is the plane-strain one.
 *
 * Material data per cell (E [Pa], ν, β) or per quadrature point through `materialAtQuad` (the level set drives
 * E(φ), ν(φ), β(φ) that way; blend with src/materials/blending.ts).
 */
import type { Mesh } from '../mesh/mesh.js';
import type { CsrMatrix } from '../linalg/csr.js';
import type { LinearSolver, SolveReport } from '../linalg/linearSolver.js';
import { createSpace, type FunctionSpace } from '../fem/functionSpace.js';
import { createCellValues, type CellValues } from '../fem/cellValues.js';
import { createFacetValues, type FacetValues } from '../fem/facetValues.js';
import { triangleRule, lineRule } from '../fem/quadrature.js';
import { createConstraints, expandSolution, boundaryNodes, type DofConstraints } from '../fem/constraints.js';
import { buildAssemblyPattern, type AssemblyPattern } from '../fem/sparsity.js';
import { assembleSystem, assembleFacetVector, cellResidual, type CellKernel } from '../fem/assemble.js';
import { effectiveConstants, type ElasticFormulation } from '../materials/elastic.js';
import { addDisplacementConstraints, pinRigidBodyModes, type ElasticityBc } from './elasticityBcs.js';
import { applyAxialStrain } from './elasticityAxial.js';

export type { ElasticityBc } from './elasticityBcs.js';

/**
 * Per-quadrature-point material hook: fill E [nQuad] (Pa), nu [nQuad], beta [nQuad] for `cell`, with `cv`
 * reinitialised on it. Use cv.nQuad and cv.xq: the hook is also called with other point sets (stress recovery
 * evaluates at the element nodes).
 */
export type MaterialAtQuad = (cv: CellValues, cell: number, E: Float64Array, nu: Float64Array, beta: Float64Array) => void;

export interface ElasticityOptions {
  order: 1 | 2;
  formulation: ElasticFormulation;
  bcs: readonly ElasticityBc[];
  /** Young's modulus per cell [nCells], Pa. */
  cellYoungs: Float64Array;
  /** Poisson's ratio per cell [nCells]. */
  cellPoisson: Float64Array;
  /** Isotropic eigenstrain β per cell [nCells] (default 0). */
  cellEigenstrain?: Float64Array;
  /** Optional per-quadrature-point material (overrides the cell arrays). */
  materialAtQuad?: MaterialAtQuad;
  /**
   * Pin the rigid-body modes that the BCs leave free (see {@link pinRigidBodyModes}): exact for
   * self-equilibrated loads such as pure eigenstrain. Not combinable with fixed/displacement/roller BCs.
   */
  removeRigidBodyModes?: boolean;
  /**
   * Cell quadrature degree. Default: 1 (one point, exact) for P1 plane models on tri3 meshes without the hook;
   * otherwise 2·order, +2 in axisymmetry for the r and 1/r weights.
   */
  quadratureDegree?: number;
  /** Generalized plane strain: axial force ∫σ_zz dA over the modelled section, N (default 0: free ends). */
  axialForce?: number;
  /**
   * Builds the sparsity pattern (default buildAssemblyPattern, serial). Pass e.g. `(s, c) =>
   * buildAssemblyPatternOnPool(pool, s, c)` to build it on a worker pool: same pattern, shared memory.
   */
  buildPattern?: (space: FunctionSpace, constraints: DofConstraints) => AssemblyPattern;
}

/** Set up once per mesh: space (2 components), constraints, sparsity pattern, element values. */
export interface ElasticityProblem {
  readonly mesh: Mesh;
  readonly space: FunctionSpace;
  readonly formulation: ElasticFormulation;
  readonly constraints: DofConstraints;
  readonly pattern: AssemblyPattern;
  readonly cv: CellValues;
  readonly fv: FacetValues;
  readonly bcs: readonly ElasticityBc[];
  readonly cellYoungs: Float64Array;
  readonly cellPoisson: Float64Array;
  readonly cellEigenstrain: Float64Array;
  materialAtQuad?: MaterialAtQuad | undefined;
  /** Dofs pinned by `removeRigidBodyModes` (empty otherwise). */
  readonly pinnedDofs: Int32Array;
  /** Generalized plane strain: prescribed axial force ∫σ_zz dA (N per the modelled section; default 0 = free ends). */
  axialForce: number;
  /** Generalized plane strain: the uniform ε_zz of the last solve (0 before; read by the stress recovery). */
  axialStrain: number;
}

export interface ElasticitySolution {
  /** Nodal displacement [nNodes × 2] interleaved (u_x, u_y) or (u_r, u_z), m. */
  readonly u: Float64Array;
  readonly report: SolveReport;
  /** The constrained system matrix (pattern.A, refilled by the next assembly). */
  readonly matrix: CsrMatrix;
}

/** Builds the space, constraints and pattern. Throws on unknown boundary names or inconsistent options. */
export function createElasticityProblem(mesh: Mesh, opts: ElasticityOptions): ElasticityProblem {
  const { order, formulation } = opts;
  if (!['planeStrain', 'planeStress', 'axisymmetric', 'generalizedPlaneStrain'].includes(formulation)) {
    throw new Error(`createElasticityProblem: unknown formulation '${String(formulation)}' (planeStrain, planeStress, axisymmetric, generalizedPlaneStrain)`);
  }
  for (const [name, arr] of [['cellYoungs', opts.cellYoungs], ['cellPoisson', opts.cellPoisson], ['cellEigenstrain', opts.cellEigenstrain]] as const) {
    if (arr !== undefined && arr.length !== mesh.nCells) throw new Error(`createElasticityProblem: ${name} has length ${arr.length}, expected nCells = ${mesh.nCells}`);
  }
  const space = createSpace(mesh, order, 2);
  const cons = createConstraints(space.nDofs);
  addDisplacementConstraints(cons, space, formulation, opts.bcs);
  let pinnedDofs: Int32Array = new Int32Array(0);
  if (opts.removeRigidBodyModes) {
    const clash = opts.bcs.find((bc) => bc.type === 'fixed' || bc.type === 'displacement' || bc.type === 'roller');
    if (clash) throw new Error(`removeRigidBodyModes cannot be combined with a '${clash.type}' BC on '${(clash as { boundary: string }).boundary}' (the BCs already hold the body)`);
    pinnedDofs = pinRigidBodyModes(cons, space, formulation, opts.bcs.some((bc) => bc.type === 'periodic'));
  }
  const axi = formulation === 'axisymmetric';
  // P1 on straight (tri3) plane cells with cell-constant data has a constant integrand: one point is exact.
  const constantIntegrand = order === 1 && !axi && mesh.cellType === 'tri3' && !opts.materialAtQuad;
  const degree = opts.quadratureDegree ?? (constantIntegrand ? 1 : 2 * order + (axi ? 2 : 0));
  const cv = createCellValues(space, triangleRule(degree), { axisymmetric: axi });
  const fv = createFacetValues(space, lineRule(2 * order + 1), { axisymmetric: axi });
  const pattern = (opts.buildPattern ?? buildAssemblyPattern)(space, cons);
  return {
    mesh, space, formulation, constraints: cons, pattern, cv, fv, bcs: opts.bcs,
    cellYoungs: opts.cellYoungs, cellPoisson: opts.cellPoisson,
    cellEigenstrain: opts.cellEigenstrain ?? new Float64Array(mesh.nCells),
    materialAtQuad: opts.materialAtQuad, pinnedDofs, axialForce: opts.axialForce ?? 0, axialStrain: 0,
  };
}

/** E, ν, β at the points of `cv` (reinitialised on `cell`) into arrays of length ≥ cv.nQuad. */
export function materialAt(
  p: ElasticityProblem, cv: CellValues, cell: number, E: Float64Array, nu: Float64Array, beta: Float64Array,
): void {
  if (p.materialAtQuad) { p.materialAtQuad(cv, cell, E, nu, beta); return; }
  const e = p.cellYoungs[cell]!, n = p.cellPoisson[cell]!, b = p.cellEigenstrain[cell]!;
  for (let q = 0; q < cv.nQuad; q++) { E[q] = e; nu[q] = n; beta[q] = b; }
}

/**
 * Element kernel: Ke = ∫ Bᵀ D B dΩ and fe = ∫ Bᵀ σ* dΩ with σ* = κβ(1, 1, 0, 1) (eigenstrain load).
 * Local dofs interleaved (a·2 + c); B rows (e00, e11, γ01, e33) with e33 = N/r only in axisymmetry.
 */
export function elasticityKernel(p: ElasticityProblem): CellKernel {
  const nq = p.cv.nQuad;
  const Eq = new Float64Array(nq), nuq = new Float64Array(nq), bq = new Float64Array(nq);
  const k = new Float64Array(3);
  const axi = p.formulation === 'axisymmetric';
  const form = p.formulation;
  return (cv, cell, Ke, fe) => {
    materialAt(p, cv, cell, Eq, nuq, bq);
    const nb = cv.nBasis;
    const nl = 2 * nb;
    const G = cv.dNdx;
    const N = cv.N;
    for (let q = 0; q < cv.nQuad; q++) {
      effectiveConstants(form, Eq[q]!, nuq[q]!, k);
      const w = cv.dx[q]!;
      const lam = k[0]! * w, mu = k[1]! * w, l2m = lam + 2 * mu;
      const sig = k[2]! * bq[q]! * w;
      const invR = axi ? 1 / cv.xq[2 * q]! : 0;
      const g = q * nb * 2;
      for (let a = 0; a < nb; a++) {
        const ax = G[g + 2 * a]!, ay = G[g + 2 * a + 1]!;
        const a3 = axi ? N[q * nb + a]! * invR : 0;
        fe[2 * a] += sig * (ax + a3);
        fe[2 * a + 1] += sig * ay;
        const r0 = 2 * a * nl, r1 = r0 + nl;
        for (let b = 0; b < nb; b++) {
          const bx = G[g + 2 * b]!, by = G[g + 2 * b + 1]!;
          const b3 = axi ? N[q * nb + b]! * invR : 0;
          Ke[r0 + 2 * b] += l2m * (ax * bx + a3 * b3) + mu * ay * by + lam * (ax * b3 + a3 * bx);
          Ke[r0 + 2 * b + 1] += lam * (ax + a3) * by + mu * ay * bx;
          Ke[r1 + 2 * b] += lam * ay * (bx + b3) + mu * ax * by;
          Ke[r1 + 2 * b + 1] += l2m * ay * by + mu * ax * bx;
        }
      }
    }
  };
}

/** Adds the traction and pressure loads of the BCs into `b` [nDofs] (constraint-aware). */
export function assembleBoundaryLoads(p: ElasticityProblem, b: Float64Array): void {
  for (const bc of p.bcs) {
    if (bc.type !== 'traction' && bc.type !== 'pressure') continue;
    const pressure = bc.type === 'pressure' ? bc.value : 0;
    const tx = bc.type === 'traction' ? bc.value[0] : 0;
    const ty = bc.type === 'traction' ? bc.value[1] : 0;
    assembleFacetVector(p.pattern, p.fv, bc.boundary, (fv, _c, _f, fe) => {
      const nb = fv.nBasis;
      for (let q = 0; q < fv.nQuad; q++) {
        const cx = (tx - pressure * fv.normal[2 * q]!) * fv.ds[q]!;
        const cy = (ty - pressure * fv.normal[2 * q + 1]!) * fv.ds[q]!;
        for (let a = 0; a < nb; a++) {
          const Na = fv.N[q * nb + a]!;
          fe[2 * a] += cx * Na;
          fe[2 * a + 1] += cy * Na;
        }
      }
    }, b);
  }
}

/**
 * Assembles and solves with `solver` (CG + AMG with the rigid-body near-nullspace of {@link nodeCoordinates} is
 * the intended choice), then fills the constrained dofs. `u0` [nDofs] is the initial guess (previous step).
 */
export function solveElasticity(p: ElasticityProblem, solver: LinearSolver, u0?: Float64Array): ElasticitySolution {
  const n = p.space.nDofs;
  const b = new Float64Array(n);
  const A = assembleSystem(p.pattern, p.cv, elasticityKernel(p), b);
  assembleBoundaryLoads(p, b);
  const u = u0 ? Float64Array.from(u0) : new Float64Array(n);
  if (u.length !== n) throw new Error(`solveElasticity: u0 has length ${u.length}, expected ${n}`);
  solver.setup(A);
  const report = solver.solve(A, b, u);
  expandSolution(p.constraints, u);
  if (p.formulation === 'generalizedPlaneStrain') {
    const r2 = applyAxialStrain(p, solver, A, u);
    return { u, report: { ...report, iterations: report.iterations + r2.iterations, solveSeconds: report.solveSeconds + r2.solveSeconds }, matrix: A };
  }
  return { u, report, matrix: A };
}

/** Coordinates of the field nodes [nNodes × 2] in dof order (for `rigidBodyModes2D` near-nullspaces). */
export function nodeCoordinates(space: FunctionSpace): Float64Array {
  const { nNodes, nodeToPoint } = space.dofMap;
  const out = new Float64Array(2 * nNodes);
  const pts = space.mesh.points;
  for (let i = 0; i < nNodes; i++) {
    out[2 * i] = pts[2 * nodeToPoint[i]!]!;
    out[2 * i + 1] = pts[2 * nodeToPoint[i]! + 1]!;
  }
  return out;
}

/**
 * Reaction force on a boundary held by displacement-type BCs: Σ over its nodes of (K·u − f_eigen), the force the
 * support exerts on the body [Fx, Fy] (N/m plane, N axisymmetric; the r component of an axisymmetric reaction is
 * a ring load sum). Nodes shared with another supported boundary count fully for each; traction loads on the same
 * nodes are not subtracted.
 */
export function reactionForce(p: ElasticityProblem, u: Float64Array, boundary: string): [number, number] {
  const r = new Float64Array(p.space.nDofs);
  cellResidual(p.space, p.cv, elasticityKernel(p), u, r);
  const nodes = boundaryNodes(p.space, boundary);
  let fx = 0, fy = 0;
  for (let i = 0; i < nodes.length; i++) { fx += r[2 * nodes[i]!]!; fy += r[2 * nodes[i]! + 1]!; }
  return [fx, fy];
}
