/**
 * Lamé thick cylinder (plane strain, plane stress; quarter annulus with rollers on the cuts) and hollow sphere
 * (axisymmetric half annulus, axis condition + rigid z pin) under internal pressure, physics-reference §6.7.
 * Checks: stresses at mid-wall within 0.5 % (P2, curved isoparametric boundaries) and displacement L2 rates
 * 2 (P1) and 3 (P2) ± 0.15 over three uniform refinements of the ring mesh.
 */
import { describe, it, expect } from 'vitest';
import { annulusMesh } from '../../src/mesh/generators/annulus.js';
import { createElasticityProblem, solveElasticity, type ElasticityProblem } from '../../src/physics/elasticity.js';
import { createStressSampler } from '../../src/physics/stressRecovery.js';
import type { ElasticFormulation } from '../../src/materials/elastic.js';
import { directSolver, fittedRate, polarStress, vectorL2Error } from './helpers.js';

const a = 1, b = 2, pIn = 1e8, E = 200e9, nu = 0.3;

function cylinderExact(form: ElasticFormulation) {
  const C1 = (pIn * a * a) / (b * b - a * a), C2 = (pIn * a * a * b * b) / (b * b - a * a);
  const ur = (r: number): number => form === 'planeStrain'
    ? ((1 + nu) / E) * ((1 - 2 * nu) * C1 * r + C2 / r)
    : (1 / E) * ((1 - nu) * C1 * r + ((1 + nu) * C2) / r);
  return {
    u: (x: number, y: number): [number, number] => { const r = Math.hypot(x, y); return [(ur(r) * x) / r, (ur(r) * y) / r]; },
    srr: (r: number) => C1 - C2 / (r * r), stt: (r: number) => C1 + C2 / (r * r),
  };
}

function sphereExact() {
  const C1 = (pIn * a ** 3) / (b ** 3 - a ** 3), C2 = (pIn * a ** 3 * b ** 3) / (b ** 3 - a ** 3);
  const ur = (r: number): number => (1 / E) * ((1 - 2 * nu) * C1 * r + ((1 + nu) * C2) / (2 * r * r));
  return {
    u: (x: number, y: number): [number, number] => { const r = Math.hypot(x, y); return [(ur(r) * x) / r, (ur(r) * y) / r]; },
    srr: (r: number) => C1 - C2 / r ** 3, stt: (r: number) => C1 + C2 / (2 * r ** 3),
  };
}

function setup(form: ElasticFormulation, order: 1 | 2, nRings: number): ElasticityProblem {
  const axi = form === 'axisymmetric';
  const mesh = annulusMesh({ innerRadius: a, outerRadius: b, sector: axi ? 'half' : 'quarter', nRings, order });
  const n = mesh.nCells;
  return createElasticityProblem(mesh, {
    order, formulation: form,
    bcs: axi
      ? [{ type: 'symmetryAxis' }, { type: 'pressure', boundary: 'inner', value: pIn }]
      : [{ type: 'roller', boundary: 'axis' }, { type: 'roller', boundary: 'bottom' }, { type: 'pressure', boundary: 'inner', value: pIn }],
    cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu),
    removeRigidBodyModes: axi,
  });
}

const cases: [ElasticFormulation, ReturnType<typeof cylinderExact>][] = [
  ['planeStrain', cylinderExact('planeStrain')],
  ['planeStress', cylinderExact('planeStress')],
  ['axisymmetric', sphereExact()],
];

describe('Lamé thick cylinder / hollow sphere under internal pressure', () => {
  for (const [form, ex] of cases) {
    it(`${form}: mid-wall stresses within 0.5 % (P2)`, () => {
      const p = setup(form, 2, 20);
      const { u } = solveElasticity(p, directSolver());
      const sample = createStressSampler(p);
      const nq = p.cv.nQuad;
      const eps = new Float64Array(4 * nq), sig = new Float64Array(4 * nq);
      const rm = 0.5 * (a + b);
      const scale = Math.abs(ex.stt(rm)); // σ_θ(mid) ≈ 3.6 σ_r(mid): relate both errors to it
      let worst = 0, count = 0;
      for (let c = 0; c < p.mesh.nCells; c++) {
        sample(u, c, eps, sig);
        for (let q = 0; q < nq; q++) {
          const x = p.cv.xq[2 * q]!, y = p.cv.xq[2 * q + 1]!;
          const r = Math.hypot(x, y);
          if (Math.abs(r - rm) > 0.05) continue;
          const s = polarStress(sig, 4 * q, x, y);
          worst = Math.max(worst, Math.abs(s.rr - ex.srr(r)) / scale, Math.abs(s.tt - ex.stt(r)) / scale);
          // The out-of-plane slot: hoop σ_φ of the sphere, 2ν C1 (plane strain) or 0 (plane stress).
          const s33 = form === 'axisymmetric' ? ex.stt(r) : form === 'planeStrain' ? 2 * nu * (ex.srr(r) + ex.stt(r)) / 2 : 0;
          worst = Math.max(worst, Math.abs(sig[4 * q + 3]! - s33) / scale);
          count++;
        }
      }
      console.log(`Lamé ${form} P2 mid-wall: worst stress error ${(100 * worst).toFixed(3)} % of σ_θ(mid) over ${count} points`);
      expect(count).toBeGreaterThan(20);
      expect(worst).toBeLessThan(0.005);
    });

    for (const order of [1, 2] as const) {
      it(`${form}: displacement L2 rate ${order + 1} (P${order})`, () => {
        const rings = order === 1 ? [8, 16, 32] : [4, 8, 16];
        const errs = rings.map((nr) => {
          const p = setup(form, order, nr);
          const { u } = solveElasticity(p, directSolver());
          return vectorL2Error(p, u, ex.u, form === 'axisymmetric');
        });
        const rate = fittedRate(rings.map((n) => 1 / n), errs);
        console.log(`Lamé ${form} P${order}: L2 errors ${errs.map((e) => e.toExponential(3)).join(', ')}, rate ${rate.toFixed(3)}`);
        expect(Math.abs(rate - (order + 1))).toBeLessThan(0.15);
      });
    }
  }
});
