/**
 * Thin film on a rigid base, laterally periodic (physics-reference §6.5): σ_xx = σ_zz = −Eβ/(1 − ν) in plane
 * strain, σ_xx = −Eβ in plane stress (σ_zz = 0), σ_yy = 0. The exact field is linear, so P1 reproduces it to
 * round-off (tolerance 1e-9 relative). A free periodic strip with a prescribed mean strain checks the periodic
 * offset and the rigid-mode pinning; a radial eigenstrain profile β(r) through the quadrature hook checks §6.6.
 */
import { describe, it, expect } from 'vitest';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { createElasticityProblem, solveElasticity } from '../../src/physics/elasticity.js';
import { cellAverages, createStressSampler } from '../../src/physics/stressRecovery.js';
import { lameFromYoung } from '../../src/materials/elastic.js';
import { directSolver, polarStress } from './helpers.js';

const Ef = 40e9, nuf = 0.25, beta = 0.05;

describe('thin film and periodic strip', () => {
  for (const form of ['planeStrain', 'planeStress'] as const) {
    it(`${form}: film on a stiff substrate over a rigid base, periodic sides`, () => {
      const mesh = rectangleLayersMesh({ width: 1, nx: 12, layers: [{ name: 'substrate', thickness: 0.5, ny: 4 }, { name: 'film', thickness: 0.1, ny: 3 }] });
      const film = mesh.regionNames.indexOf('film');
      const n = mesh.nCells;
      const E = new Float64Array(n), nu = new Float64Array(n), bt = new Float64Array(n);
      for (let c = 0; c < n; c++) {
        const f = mesh.cellRegion[c] === film;
        E[c] = f ? Ef : 160e9; nu[c] = f ? nuf : 0.22; bt[c] = f ? beta : 0;
      }
      const p = createElasticityProblem(mesh, {
        order: 1, formulation: form, cellYoungs: E, cellPoisson: nu, cellEigenstrain: bt,
        bcs: [{ type: 'fixed', boundary: 'bottom' }, { type: 'periodic', boundary: 'right', master: 'left' }],
      });
      const { u } = solveElasticity(p, directSolver());
      const { stress } = cellAverages(p, u);
      const ref = form === 'planeStrain' ? -Ef * beta / (1 - nuf) : -Ef * beta;
      let worst = 0;
      for (let c = 0; c < n; c++) {
        const f = mesh.cellRegion[c] === film;
        const sx = f ? ref : 0, sz = f && form === 'planeStrain' ? ref : 0;
        worst = Math.max(worst, Math.abs(stress[4 * c]! - sx), Math.abs(stress[4 * c + 1]!), Math.abs(stress[4 * c + 2]!), Math.abs(stress[4 * c + 3]! - sz));
      }
      console.log(`film ${form}: σ_xx ref ${(ref / 1e9).toFixed(4)} GPa, worst abs error ${worst.toExponential(2)} Pa`);
      expect(worst / Math.abs(ref)).toBeLessThan(1e-9);
    });
  }

  it('free periodic strip with mean strain Ē = (exx, 0, exy): uniform state, rigid translations pinned', () => {
    const mesh = rectangleLayersMesh({ width: 2, nx: 8, layers: [{ name: 'strip', thickness: 0.5, ny: 3 }] });
    const n = mesh.nCells;
    const exx = 0.01, exy = 0.004;
    const p = createElasticityProblem(mesh, {
      order: 1, formulation: 'planeStrain', cellYoungs: new Float64Array(n).fill(Ef), cellPoisson: new Float64Array(n).fill(nuf),
      cellEigenstrain: new Float64Array(n).fill(beta),
      bcs: [{ type: 'periodic', boundary: 'right', master: 'left', meanStrain: [exx, 0, exy] }], removeRigidBodyModes: true,
    });
    expect(p.pinnedDofs.length).toBe(2);
    const { u } = solveElasticity(p, directSolver());
    // Exact: ε_xx = exx; the periodic jump gives u_y,x = exy, and the free faces (σ_xy = σ_yy = 0) turn it into a
    // rotation (u_x,y = −exy) so ε_xy = 0; ε_yy = (3Kβ − λ exx)/(λ + 2μ).
    const { lambda, mu } = lameFromYoung(Ef, nuf);
    const threeK = 3 * lambda + 2 * mu;
    const eyy = (threeK * beta - lambda * exx) / (lambda + 2 * mu);
    const sxx = lambda * (exx + eyy) + 2 * mu * exx - threeK * beta;
    const { strain, stress } = cellAverages(p, u);
    let worst = 0;
    for (let c = 0; c < n; c++) {
      worst = Math.max(worst, Math.abs(strain[4 * c]! - exx), Math.abs(strain[4 * c + 1]! - eyy), Math.abs(strain[4 * c + 2]!),
        Math.abs(stress[4 * c]! - sxx) / Math.abs(sxx), Math.abs(stress[4 * c + 1]!) / Math.abs(sxx));
    }
    expect(worst).toBeLessThan(1e-9);
    // The periodic offsets: u(right) − u(left) = Ē·(L_x, 0) with L_x = 2.
    const pts = mesh.points;
    for (let i = 0; i < mesh.nPoints; i++) {
      if (Math.abs(pts[2 * i]! - 2) > 1e-12) continue;
      let j = -1;
      for (let k = 0; k < mesh.nPoints; k++) if (Math.abs(pts[2 * k]!) < 1e-12 && Math.abs(pts[2 * k + 1]! - pts[2 * i + 1]!) < 1e-12) j = k;
      expect(u[2 * i]! - u[2 * j]!).toBeCloseTo(exx * 2, 12);
      expect(u[2 * i + 1]! - u[2 * j + 1]!).toBeCloseTo(exy * 2, 12);
    }
  });
});

describe('radial eigenstrain profile in a sphere (§6.6, β at quadrature points)', () => {
  // Pointwise P2 stresses at quadrature points: measured worst 0.38 % at 24 rings (0.83 % at 16), so 1 % holds with
  // margin; dropping the hook (β = 0) or the θθ term gives errors of order 100 %.
  it('β = β0 + β2 r̂²: σ_r = 0.200, σ_θ = 0.1333 GPa at r̂ = 0.5 within 1 %', () => {
    const R = 1, E = 50e9, nu = 0.25, b0 = 0.003, b2 = 0.01;
    const mesh = diskMesh({ radius: R, sector: 'half', nRings: 24, order: 2 });
    const n = mesh.nCells;
    const p = createElasticityProblem(mesh, {
      order: 2, formulation: 'axisymmetric', cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu),
      bcs: [{ type: 'symmetryAxis' }], removeRigidBodyModes: true,
      materialAtQuad: (cv, _cell, Eq, nuq, bq) => {
        for (let q = 0; q < cv.nQuad; q++) {
          const r2 = (cv.xq[2 * q]! ** 2 + cv.xq[2 * q + 1]! ** 2) / (R * R);
          Eq[q] = E; nuq[q] = nu; bq[q] = b0 + b2 * r2;
        }
      },
    });
    const { u } = solveElasticity(p, directSolver());
    const sample = createStressSampler(p);
    const nq = p.cv.nQuad;
    const eps = new Float64Array(4 * nq), sig = new Float64Array(4 * nq);
    const sr = (h: number): number => (2 * E * b2 * (1 - h * h)) / (5 * (1 - nu));
    const st = (h: number): number => (E * b2 * (2 - 4 * h * h)) / (5 * (1 - nu));
    expect(sr(0.5)).toBeCloseTo(0.2e9, -3);
    expect(st(0.5)).toBeCloseTo(0.13333e9, -5);
    let worst = 0, count = 0;
    for (let c = 0; c < n; c++) {
      sample(u, c, eps, sig);
      for (let q = 0; q < nq; q++) {
        const x = p.cv.xq[2 * q]!, y = p.cv.xq[2 * q + 1]!;
        const h = Math.hypot(x, y) / R;
        if (Math.abs(h - 0.5) > 0.03) continue;
        const s = polarStress(sig, 4 * q, x, y);
        // Errors relative to the r̂ = 0.5 values (σ_θ changes sign at r̂ = 0.71, so not pointwise-relative).
        worst = Math.max(worst, Math.abs(s.rr - sr(h)) / sr(0.5), Math.abs(s.tt - st(h)) / st(0.5), Math.abs(sig[4 * q + 3]! - st(h)) / st(0.5));
        count++;
      }
    }
    console.log(`radial profile: worst error ${(100 * worst).toFixed(3)} % over ${count} points near r̂ = 0.5`);
    expect(count).toBeGreaterThan(20);
    expect(worst).toBeLessThan(0.01);
  });
});
