/**
 * Generalized plane strain by superposition: ε_zz = ε0 is uniform and one extra unknown, fixed by the axial
 * force ∫ σ_zz dA = F (F = 0: free ends of a long body). The in-plane problem is linear in ε0, so with the
 * plane-strain matrix K (same constraints):
 *   u = u0 + ε0·u1,  K u0 = f (eigenstrain + loads, ε0 = 0),  K u1 = f1 (ε0 = 1 acts like β = −λ/κ: f1 = −∫ Bᵀ λ(1,1,0)),
 *   N(ε0) = N0 + ε0 N1,  N0 = ∫ (λ tr ε(u0) − 3Kβ) dA,  N1 = ∫ (λ tr ε(u1) + λ + 2μ) dA,  ε0 = (F − N0)/N1.
 * u1 has homogeneous constraints (its Dirichlet values and periodic offsets are 0). Costs one extra solve with the
 * same preconditioner.
 */
import type { CsrMatrix } from '../linalg/csr.js';
import type { LinearSolver, SolveReport } from '../linalg/linearSolver.js';
import { assembleVector } from '../fem/assemble.js';
import { DIRICHLET, SLAVE } from '../fem/constraints.js';
import { gradientAtQuad } from '../fem/functionals.js';
import { effectiveConstants } from '../materials/elastic.js';
import { materialAt, type ElasticityProblem } from './elasticity.js';

/** Adds ε0·u1 to `u` (the ε0 = 0 solution, constraints expanded), sets p.axialStrain = ε0; returns the extra solve's report. */
export function applyAxialStrain(p: ElasticityProblem, solver: LinearSolver, A: CsrMatrix, u: Float64Array): SolveReport {
  const { cv, space } = p;
  const nq = cv.nQuad;
  const E = new Float64Array(nq), nu = new Float64Array(nq), beta = new Float64Array(nq), k = new Float64Array(3);
  const b1 = new Float64Array(space.nDofs);
  assembleVector(p.pattern, cv, (cvv, cell, fe) => {
    materialAt(p, cvv, cell, E, nu, beta);
    const nb = cvv.nBasis;
    for (let q = 0; q < nq; q++) {
      effectiveConstants('planeStrain', E[q]!, nu[q]!, k);
      const s = -k[0]! * cvv.dx[q]!;
      for (let a = 0; a < nb; a++) {
        fe[2 * a] += s * cvv.dNdx[2 * (q * nb + a)]!;
        fe[2 * a + 1] += s * cvv.dNdx[2 * (q * nb + a) + 1]!;
      }
    }
  }, b1);
  const u1 = new Float64Array(space.nDofs);
  const report = solver.solve(A, b1, u1);
  const { kind, master } = p.constraints;
  for (let d = 0; d < u1.length; d++) {
    if (kind[d] === DIRICHLET) u1[d] = 0;
    else if (kind[d] === SLAVE) u1[d] = u1[master[d]!]!;
  }
  const g0x = new Float64Array(2 * nq), g0y = new Float64Array(2 * nq), g1x = new Float64Array(2 * nq), g1y = new Float64Array(2 * nq);
  let N0 = 0, N1 = 0;
  for (let c = 0; c < p.mesh.nCells; c++) {
    cv.reinit(c);
    materialAt(p, cv, c, E, nu, beta);
    gradientAtQuad(space, cv, u, 0, g0x);
    gradientAtQuad(space, cv, u, 1, g0y);
    gradientAtQuad(space, cv, u1, 0, g1x);
    gradientAtQuad(space, cv, u1, 1, g1y);
    for (let q = 0; q < nq; q++) {
      effectiveConstants('planeStrain', E[q]!, nu[q]!, k);
      const lam = k[0]!, mu = k[1]!, threeK = k[2]!;
      const w = cv.dx[q]!;
      N0 += w * (lam * (g0x[2 * q]! + g0y[2 * q + 1]!) - threeK * beta[q]!);
      N1 += w * (lam * (g1x[2 * q]! + g1y[2 * q + 1]!) + lam + 2 * mu);
    }
  }
  const eps0 = (p.axialForce - N0) / N1;
  for (let d = 0; d < u.length; d++) u[d] += eps0 * u1[d]!;
  p.axialStrain = eps0;
  return report;
}
