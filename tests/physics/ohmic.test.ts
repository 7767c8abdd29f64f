import { describe, it, expect } from 'vitest';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { annulusMesh } from '../../src/mesh/generators/annulus.js';
import { createOhmicProblem, solveOhmic, type OhmicBc } from '../../src/physics/ohmic.js';
import { createLinearSolver } from '../../src/solvers/createLinearSolver.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';

const direct = () => createLinearSolver({ method: 'direct', preconditioner: 'none', relTol: 1e-12, maxIter: 1 });

function regionSigma(mesh: Mesh, sigma: Record<string, number>): Float64Array {
  const out = new Float64Array(mesh.nCells);
  for (let c = 0; c < mesh.nCells; c++) out[c] = sigma[mesh.regionNames[mesh.cellRegion[c]!]!]!;
  return out;
}

describe('Ohmic conduction against closed forms', () => {
  it('series layers: potential drop = I·Σ L_i/σ_i exactly (piecewise-linear solution is in the P1 space)', () => {
    const layers = [
      { name: 'sse', thickness: 1e-6, ny: 5, grading: 2 },
      { name: 'inter', thickness: 0.2e-6, ny: 3 },
      { name: 'si', thickness: 2e-6, ny: 7, grading: 0.5 },
    ];
    const sigma = { sse: 0.2, inter: 1e4, si: 100 };
    const width = 1e-6;
    const mesh = rectangleLayersMesh({ width, nx: 4, layers });
    const I = 1e-5; // A per metre of depth
    for (const order of [1] as const) {
      const p = createOhmicProblem(mesh, {
        order, axisymmetric: false, cellConductivity: regionSigma(mesh, sigma),
        bcs: [
          { type: 'totalCurrent', boundary: 'bottom', value: I, distribution: 'equipotential' },
          { type: 'potential', boundary: 'top', value: 0 },
        ],
      });
      const sol = solveOhmic(p, direct());
      const R = layers.reduce((s, l) => s + l.thickness / sigma[l.name as keyof typeof sigma], 0) / width;
      // Exact in the discrete space: only round-off of the direct solve (κ ~ σ ratio 5e4) remains.
      const relErr = Math.abs(sol.electrodePotentials.bottom! - I * R) / (I * R);
      expect(relErr, `V=${sol.electrodePotentials.bottom} IR=${I * R}`).toBeLessThan(1e-10);
      expect(sol.boundaryCurrents.top!.inward).toBeCloseTo(-I, 15);
      expect(sol.conservationError).toBeLessThan(1e-10);
    }
  });

  it('annulus between two potentials: I = 2πσΔV/ln(r2/r1) within 0.1 % (P2, curved boundaries)', () => {
    const r1 = 0.2, r2 = 1, sigma = 3, dV = 0.7;
    const mesh = annulusMesh({ innerRadius: r1, outerRadius: r2, h: 0.08, order: 2 });
    const bcs: OhmicBc[] = [
      { type: 'potential', boundary: 'inner', value: dV },
      { type: 'potential', boundary: 'outer', value: 0 },
    ];
    const p = createOhmicProblem(mesh, { order: 2, axisymmetric: false, bcs, cellConductivity: new Float64Array(mesh.nCells).fill(sigma) });
    const sol = solveOhmic(p, direct());
    const exact = (2 * Math.PI * sigma * dV) / Math.log(r2 / r1);
    expect(Math.abs(sol.boundaryCurrents.inner!.inward - exact) / exact).toBeLessThan(1e-3);
    expect(Math.abs(sol.boundaryCurrents.outer!.inward + exact) / exact).toBeLessThan(1e-3);
    // Reactions conserve charge up to the direct solver's round-off.
    expect(sol.conservationError).toBeLessThan(1e-8);
  });

  it('axisymmetric spherical shell: I = 4πσΔV/(1/r1 − 1/r2) within 0.1 %', () => {
    const r1 = 0.3, r2 = 1, sigma = 2, dV = 1;
    const mesh = annulusMesh({ innerRadius: r1, outerRadius: r2, h: 0.06, order: 2, sector: 'half' });
    const p = createOhmicProblem(mesh, {
      order: 2, axisymmetric: true, cellConductivity: new Float64Array(mesh.nCells).fill(sigma),
      bcs: [{ type: 'potential', boundary: 'inner', value: dV }, { type: 'potential', boundary: 'outer', value: 0 }],
    });
    const sol = solveOhmic(p, direct());
    const exact = (4 * Math.PI * sigma * dV) / (1 / r1 - 1 / r2);
    expect(Math.abs(sol.boundaryCurrents.inner!.inward - exact) / exact).toBeLessThan(1e-3);
    expect(sol.conservationError).toBeLessThan(1e-8);
  });

  it('periodic strip contacts: constriction resistance matches (1/πσ) ln(1/sin(πa/2L)) within 1 %', () => {
    // Period 2L, contact of width 2a centred on the bottom edge, far face at height H collects the current.
    // R·σ (per period, unit depth) = H/(2L) + (1/π) ln(1/sin(πa/(2L)))   (physics-reference §7.5)
    const L = 1, H = 3, sigma = 5;
    for (const aOverL of [0.2, 0.5]) {
      const a = aOverL * L;
      const mesh = elevateToP2(rectangleLayersMesh({
        width: 2 * L, nx: 160,
        layers: [{ name: 'body', thickness: H, ny: 40, grading: 20 }],
        xBreaks: [{ boundary: 'bottom', name: 'contact', from: L - a, to: L + a }],
      }));
      const p = createOhmicProblem(mesh, {
        order: 2, axisymmetric: false, cellConductivity: new Float64Array(mesh.nCells).fill(sigma),
        bcs: [
          { type: 'potential', boundary: 'contact', value: 1 },
          { type: 'potential', boundary: 'top', value: 0 },
          { type: 'periodic', boundary: 'right', master: 'left' },
        ],
      });
      const sol = solveOhmic(p, direct());
      const I = sol.boundaryCurrents.contact!.inward;
      const Rsigma = (1 / I) * sigma;
      const exact = H / (2 * L) + (1 / Math.PI) * Math.log(1 / Math.sin((Math.PI * a) / (2 * L)));
      const Rc = Rsigma - H / (2 * L), RcExact = exact - H / (2 * L);
      // The r^(1/2) singularity at the contact edges limits R_c to O(h): 0.5–0.6 % low at h = L/80 (P2).
      expect(Math.abs(Rc - RcExact) / RcExact).toBeLessThan(0.01);
      expect(sol.conservationError).toBeLessThan(1e-8);
    }
  });
});
