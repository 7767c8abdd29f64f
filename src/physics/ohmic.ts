/**
 * Ohmic conduction (quasi-static charge conservation).
 *
 *   ∇·J = 0,  J = −σ ∇V   in Ω            V [V], σ [S/m], J [A/m²]
 *   V = V_D                 on Γ_potential
 *   −J·n = j_in             on Γ_currentDensity (j_in > 0: current enters the body)
 *   V = V_e (one unknown), ∫ −J·n = I   on an equipotential electrode with total current I
 *   J·n = 0                 elsewhere (insulation); periodic pairs by constraint
 *
 * Weak form: ∫ σ ∇V·∇v dΩ = ∫_ΓN j_in v dΓ. In axisymmetric models dΩ = 2πr dr dz, so currents are in A;
 * in plane models they are per metre of depth (A/m).
 *
 * σ comes per cell (region values) or per quadrature point through `conductivityAtQuad`
 * (the level set drives σ(φ) that way).
 */
import type { Mesh } from '../mesh/mesh.js';
import type { CsrMatrix } from '../linalg/csr.js';
import type { LinearSolver, SolveReport } from '../linalg/linearSolver.js';
import { createSpace, type FunctionSpace } from '../fem/functionSpace.js';
import { createCellValues, type CellValues } from '../fem/cellValues.js';
import { createFacetValues, type FacetValues } from '../fem/facetValues.js';
import { triangleRule, lineRule } from '../fem/quadrature.js';
import {
  createConstraints, addDirichlet, addPeriodic, addEquality, boundaryNodes, expandSolution, FREE, SLAVE,
  type DofConstraints,
} from '../fem/constraints.js';
import { buildAssemblyPattern, type AssemblyPattern } from '../fem/sparsity.js';
import { assembleSystem, assembleFacetVector, cellResidual, type CellKernel } from '../fem/assemble.js';
import { boundaryWeights, gradientFluxInward, periodicTranslation } from './boundaryFlux.js';

/** Boundary conditions of the Ohmic problem, SI values. */
export type OhmicBc =
  | { type: 'potential'; boundary: string; value: number }
  | { type: 'currentDensity'; boundary: string; value: number }
  | { type: 'totalCurrent'; boundary: string; value: number; distribution: 'uniform' | 'equipotential' }
  | { type: 'insulation'; boundary: string }
  | { type: 'periodic'; boundary: string; master: string };

export interface OhmicOptions {
  order: 1 | 2;
  axisymmetric: boolean;
  bcs: readonly OhmicBc[];
  /** σ per cell [nCells], S/m. */
  cellConductivity: Float64Array;
}

/** Set up once per mesh: space, constraints, sparsity pattern, element values. */
export interface OhmicProblem {
  readonly mesh: Mesh;
  readonly space: FunctionSpace;
  readonly axisymmetric: boolean;
  readonly constraints: DofConstraints;
  readonly pattern: AssemblyPattern;
  readonly cv: CellValues;
  readonly fv: FacetValues;
  readonly bcs: readonly OhmicBc[];
  readonly cellConductivity: Float64Array;
  /** Optional σ at the quadrature points of the current cell: fills out [nQuad], S/m. */
  conductivityAtQuad?: ((cv: CellValues, cell: number, out: Float64Array) => void) | undefined;
  /** Master dof of each equipotential electrode, by boundary name. */
  readonly electrodeDof: ReadonlyMap<string, number>;
}

/** Current through a named boundary: positive when it enters the body. A (axisymmetric) or A/m (plane). */
export interface BoundaryCurrent {
  readonly inward: number;
  /** 'reaction': consistent nodal residual (exact conservation); 'prescribed': the applied value; 'flux': ∫σ∇V·n from the cells. */
  readonly method: 'reaction' | 'prescribed' | 'flux';
}

export interface OhmicSolution {
  /** Nodal potential [nDofs], V. */
  readonly V: Float64Array;
  readonly report: SolveReport;
  readonly boundaryCurrents: Record<string, BoundaryCurrent>;
  /** |Σ inward currents| / max |current|: the discrete conservation check. */
  readonly conservationError: number;
  /** Potential of each equipotential electrode, V. */
  readonly electrodePotentials: Record<string, number>;
  readonly matrix: CsrMatrix;
}

/** Builds the space, constraints and pattern. Throws on unknown boundary names (message lists the known ones). */
export function createOhmicProblem(mesh: Mesh, opts: OhmicOptions): OhmicProblem {
  const space = createSpace(mesh, opts.order, 1);
  const cons = createConstraints(space.nDofs);
  const electrodeDof = new Map<string, number>();
  for (const bc of opts.bcs) {
    if (bc.type === 'potential') addDirichlet(cons, space, bc.boundary, bc.value);
    else if (bc.type === 'periodic') {
      addPeriodic(cons, space, bc.boundary, bc.master, periodicTranslation(space, bc.boundary, bc.master));
    } else {
      boundaryNodes(space, bc.boundary); // validates the name
    }
  }
  // Equipotential electrodes last: the boundary's nodes share one unknown.
  for (const bc of opts.bcs) {
    if (bc.type !== 'totalCurrent' || bc.distribution !== 'equipotential') continue;
    const nodes = boundaryNodes(space, bc.boundary);
    for (let k = 0; k < nodes.length; k++) {
      if (cons.kind[nodes[k]!] !== FREE) {
        throw new Error(`boundary '${bc.boundary}' (equipotential electrode) shares nodes with a potential or periodic boundary`);
      }
    }
    addEquality(cons, nodes);
    electrodeDof.set(bc.boundary, nodes[0]!);
  }
  // The dof that carries each electrode's unknown after all constraints are resolved.
  for (const [name, d] of electrodeDof) electrodeDof.set(name, cons.kind[d] === SLAVE ? cons.master[d]! : d);
  const rule = triangleRule(2 * opts.order);
  const cv = createCellValues(space, rule, { axisymmetric: opts.axisymmetric });
  const fv = createFacetValues(space, lineRule(2 * opts.order + 1), { axisymmetric: opts.axisymmetric });
  const pattern = buildAssemblyPattern(space, cons);
  return {
    mesh, space, axisymmetric: opts.axisymmetric, constraints: cons, pattern, cv, fv, bcs: opts.bcs,
    cellConductivity: opts.cellConductivity, electrodeDof,
  };
}

/** The element kernel Ke = ∫ σ ∇N_a·∇N_b dΩ, σ per cell or per quadrature point. */
export function ohmicKernel(p: OhmicProblem): CellKernel {
  const sigmaQ = new Float64Array(p.cv.nQuad);
  return (cv, cell, Ke) => {
    if (p.conductivityAtQuad) p.conductivityAtQuad(cv, cell, sigmaQ);
    else sigmaQ.fill(p.cellConductivity[cell]!);
    const nb = cv.nBasis;
    for (let q = 0; q < cv.nQuad; q++) {
      const w = sigmaQ[q]! * cv.dx[q]!;
      const g = q * nb * 2;
      for (let a = 0; a < nb; a++) {
        const ax = cv.dNdx[g + 2 * a]!, ay = cv.dNdx[g + 2 * a + 1]!;
        for (let b = 0; b < nb; b++) {
          Ke[a * nb + b] += w * (ax * cv.dNdx[g + 2 * b]! + ay * cv.dNdx[g + 2 * b + 1]!);
        }
      }
    }
  };
}

/**
 * Assembles and solves with the given solver, then computes boundary currents and the conservation check.
 * `V0` (optional, [nDofs]) is the initial guess for iterative solvers (the previous time step's V).
 */
export function solveOhmic(p: OhmicProblem, solver: LinearSolver, V0?: Float64Array): OhmicSolution {
  const { space, pattern } = p;
  const n = space.nDofs;
  const b = new Float64Array(n);
  const kernel = ohmicKernel(p);
  const A = assembleSystem(pattern, p.cv, kernel, b);
  const prescribed: Record<string, number> = {};
  for (const bc of p.bcs) {
    if (bc.type === 'currentDensity' || (bc.type === 'totalCurrent' && bc.distribution === 'uniform')) {
      const j = bc.type === 'currentDensity' ? bc.value : bc.value / boundaryMeasure(p, bc.boundary);
      assembleFacetVector(pattern, p.fv, bc.boundary, (fv, _c, _f, fe) => {
        for (let q = 0; q < fv.nQuad; q++) {
          const w = j * fv.ds[q]!;
          for (let a = 0; a < fv.nBasis; a++) fe[a] += w * fv.N[q * fv.nBasis + a]!;
        }
      }, b);
      prescribed[bc.boundary] = bc.type === 'currentDensity' ? j * boundaryMeasure(p, bc.boundary) : bc.value;
    } else if (bc.type === 'totalCurrent') {
      b[p.electrodeDof.get(bc.boundary)!] += bc.value;
      prescribed[bc.boundary] = bc.value;
    }
  }
  const V = V0 ? Float64Array.from(V0) : new Float64Array(n);
  solver.setup(A);
  const report = solver.solve(A, b, V);
  expandSolution(p.constraints, V);

  // Consistent reaction currents on potential boundaries: r = K·V − f (unconstrained, no Neumann load).
  const r = new Float64Array(n);
  cellResidual(space, p.cv, kernel, V, r);
  const boundaryCurrents: Record<string, BoundaryCurrent> = {};
  const dirichletNames = p.bcs.filter((bc) => bc.type === 'potential').map((bc) => bc.boundary);
  const weights = boundaryWeights(space, dirichletNames);
  let total = 0;
  let scale = 0;
  for (const name of dirichletNames) {
    const w = weights.get(name)!;
    let I = 0;
    for (let i = 0; i < n; i++) if (w[i]) I += w[i]! * r[i]!;
    boundaryCurrents[name] = { inward: I, method: 'reaction' };
    total += I;
    scale = Math.max(scale, Math.abs(I));
  }
  for (const [name, I] of Object.entries(prescribed)) {
    boundaryCurrents[name] = { inward: I, method: 'prescribed' };
    total += I;
    scale = Math.max(scale, Math.abs(I));
  }
  for (const name of p.mesh.boundaries.keys()) {
    if (boundaryCurrents[name]) continue;
    boundaryCurrents[name] = { inward: gradientFluxInward(p, V, name), method: 'flux' };
  }
  const electrodePotentials: Record<string, number> = {};
  for (const [name, dof] of p.electrodeDof) electrodePotentials[name] = V[dof]!;
  return {
    V, report, boundaryCurrents, electrodePotentials, matrix: A,
    conservationError: scale > 0 ? Math.abs(total) / scale : 0,
  };
}

/** Length (plane, m) or area (axisymmetric, m²) of a named boundary. */
export function boundaryMeasure(p: OhmicProblem, name: string): number {
  const facets = p.mesh.boundaries.get(name);
  if (!facets) throw new Error(`unknown boundary '${name}'`);
  let s = 0;
  for (let k = 0; k < facets.cells.length; k++) {
    p.fv.reinit(facets.cells[k]!, facets.localFacets[k]!);
    for (let q = 0; q < p.fv.nQuad; q++) s += p.fv.ds[q]!;
  }
  return s;
}
