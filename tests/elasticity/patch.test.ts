/**
 * Patch tests: a linear displacement field (constant strain) with a constant eigenstrain is an exact solution,
 * and the P1/P2 spaces contain it, so the discrete solution must reproduce it to round-off on distorted meshes
 * (P2: interior midside nodes moved off the edges, i.e. curved isoparametric cells). Tolerance 1e-10 relative:
 * the direct solve of these ≤ 300-dof systems loses at most a few digits to conditioning.
 * Also: a uniaxial traction/pressure state with rollers, reproduced exactly (checks loads and roller detection).
 */
import { describe, it, expect } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { createMesh } from '../../src/mesh/createMesh.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { createElasticityProblem, solveElasticity, reactionForce, type ElasticityBc } from '../../src/physics/elasticity.js';
import { createStressSampler } from '../../src/physics/stressRecovery.js';
import { meanNormalDisplacement } from '../../src/physics/mechanicsMetrics.js';
import { stressFromStrain, type ElasticFormulation } from '../../src/materials/elastic.js';
import { directSolver } from './helpers.js';

/** Unit square (shifted by x0) with interior points moved by a smooth, non-affine perturbation. */
function distortedMesh(order: 1 | 2, x0: number): Mesh {
  let m = unitSquareMesh(4, 4, 'right');
  if (order === 2) m = elevateToP2(m);
  const pts = Float64Array.from(m.points);
  for (let i = 0; i < m.nPoints; i++) {
    const x = pts[2 * i]!, y = pts[2 * i + 1]!;
    const interior = x > 1e-12 && x < 1 - 1e-12 && y > 1e-12 && y < 1 - 1e-12;
    if (interior) {
      pts[2 * i] = x + 0.06 * Math.sin(7 * y + 3 * x);
      pts[2 * i + 1] = y + 0.05 * Math.cos(5 * x - 2 * y);
    }
    pts[2 * i]! += x0;
  }
  return createMesh({ cellType: m.cellType, points: pts, cells: m.cells, cellRegion: m.cellRegion, regionNames: m.regionNames, boundaries: m.boundaries });
}

const E = 70e9, nu = 0.3, beta = 0.02;

describe('patch test: constant strain + constant eigenstrain reproduced to round-off', () => {
  for (const form of ['planeStrain', 'planeStress', 'axisymmetric'] as ElasticFormulation[]) {
    for (const order of [1, 2] as const) {
      it(`${form} P${order}`, () => {
        const axi = form === 'axisymmetric';
        const mesh = distortedMesh(order, axi ? 0.5 : 0);
        // Axisymmetric constant-strain states are u_r = A r, u_z = C z + D (an r-z shear would not be in equilibrium).
        const exact = axi
          ? (x: number, y: number): [number, number] => [0.01 * x, -0.004 * y + 0.002]
          : (x: number, y: number): [number, number] => [0.001 + 0.01 * x + 0.003 * y, -0.002 - 0.002 * x - 0.004 * y];
        const bcs: ElasticityBc[] = ['left', 'right', 'bottom', 'top'].flatMap((bnd) => [0, 1].map((c) => ({
          type: 'displacement' as const, boundary: bnd, component: c as 0 | 1, value: (x: number, y: number) => exact(x, y)[c]!,
        })));
        const n = mesh.nCells;
        const p = createElasticityProblem(mesh, {
          order, formulation: form, bcs, cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu),
          cellEigenstrain: new Float64Array(n).fill(beta),
        });
        const pts = mesh.points;
        const { u } = solveElasticity(p, directSolver());
        let uerr = 0;
        for (let nd = 0; nd < p.space.dofMap.nNodes; nd++) {
          const pt = p.space.dofMap.nodeToPoint[nd]!;
          const g = exact(pts[2 * pt]!, pts[2 * pt + 1]!);
          uerr = Math.max(uerr, Math.abs(u[2 * nd]! - g[0]), Math.abs(u[2 * nd + 1]! - g[1]));
        }
        expect(uerr / 0.02).toBeLessThan(1e-10);
        // Stresses at quadrature points equal the constant exact stress.
        const strain = axi ? [0.01, -0.004, 0, 0.01] : [0.01, -0.004, 0.5 * (0.003 - 0.002), 0];
        const ref = new Float64Array(4);
        stressFromStrain(form, E, nu, beta, strain, ref);
        const sample = createStressSampler(p);
        const nq = p.cv.nQuad;
        const eq = new Float64Array(4 * nq), sq = new Float64Array(4 * nq);
        let serr = 0;
        const scale = Math.max(...Array.from(ref, Math.abs));
        for (let c = 0; c < n; c++) {
          sample(u, c, eq, sq);
          for (let q = 0; q < nq; q++) for (let k = 0; k < 4; k++) serr = Math.max(serr, Math.abs(sq[4 * q + k]! - ref[k]!));
        }
        expect(serr / scale).toBeLessThan(1e-9);
      });
    }
  }
});

describe('uniform uniaxial stress from loads, rollers on the symmetry edges', () => {
  for (const load of ['traction', 'pressure'] as const) {
    for (const order of [1, 2] as const) {
      it(`plane stress, ${load} on the right edge, P${order}`, () => {
        const mesh = order === 2 ? elevateToP2(unitSquareMesh(3, 3, 'left')) : unitSquareMesh(3, 3, 'left');
        const n = mesh.nCells;
        const T = 2e8;
        const p = createElasticityProblem(mesh, {
          order, formulation: 'planeStress', cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu),
          cellEigenstrain: new Float64Array(n).fill(beta),
          bcs: [{ type: 'roller', boundary: 'left' }, { type: 'roller', boundary: 'bottom' },
            load === 'traction' ? { type: 'traction', boundary: 'right', value: [T, 0] } : { type: 'pressure', boundary: 'right', value: -T }],
        });
        const { u } = solveElasticity(p, directSolver());
        // σ_xx = T, σ_yy = 0 (plane stress): ε_xx = T/E + β, ε_yy = −νT/E + β.
        const exx = T / E + beta, eyy = (-nu * T) / E + beta;
        const pts = mesh.points;
        let err = 0;
        for (let i = 0; i < mesh.nPoints; i++) {
          err = Math.max(err, Math.abs(u[2 * i]! - exx * pts[2 * i]!), Math.abs(u[2 * i + 1]! - eyy * pts[2 * i + 1]!));
        }
        expect(err / exx).toBeLessThan(1e-10);
        expect(meanNormalDisplacement(p, u, 'right')).toBeCloseTo(exx, 12);
        // Equilibrium: the left roller pushes back with −T per unit height (N/m).
        expect(reactionForce(p, u, 'left')[0] / T).toBeCloseTo(-1, 9);
      });
    }
  }

  it('roller on a curved boundary throws a clear error', () => {
    const mesh = unitSquareMesh(2, 2);
    const pts = Float64Array.from(mesh.points);
    pts[2 * 1 + 1] = -0.1; // bend the bottom edge
    const bent = createMesh({ cellType: 'tri3', points: pts, cells: mesh.cells, boundaries: mesh.boundaries });
    const n = bent.nCells;
    expect(() => createElasticityProblem(bent, {
      order: 1, formulation: 'planeStrain', cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu),
      bcs: [{ type: 'roller', boundary: 'bottom' }],
    })).toThrow(/not a straight line/);
  });
});
