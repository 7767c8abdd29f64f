/** Elastic constants, constitutive law per formulation, invariants, and swelling measures (physics-reference §5). */
import { describe, it, expect } from 'vitest';
import {
  lameFromYoung, planeStressLame, bulkModulus, stressFromStrain, vonMises, hydrostatic, principalStresses,
} from '../../src/materials/elastic.js';
import { eigenstrainFromVolumeRatio, volumeRatioFromX } from '../../src/materials/swelling.js';

describe('elastic constants and constitutive law', () => {
  const E = 90e9, nu = 0.22;
  it('Lamé, plane-stress and bulk constants satisfy the textbook identities', () => {
    const { lambda, mu } = lameFromYoung(E, nu);
    expect(mu).toBeCloseTo(E / 2.44, 0);
    // E = μ(3λ + 2μ)/(λ + μ), K = λ + 2μ/3.
    expect((mu * (3 * lambda + 2 * mu)) / (lambda + mu) / E).toBeCloseTo(1, 14);
    expect((lambda + (2 * mu) / 3) / bulkModulus(E, nu)).toBeCloseTo(1, 14);
    const ps = planeStressLame(E, nu);
    expect(ps.lambda / ((2 * lambda * mu) / (lambda + 2 * mu))).toBeCloseTo(1, 14);
  });

  it('plane stress: σ_zz = 0 is the 3D law with the free ε_zz; plane strain: σ_zz = λ tr ε − 3Kβ', () => {
    const { lambda, mu } = lameFromYoung(E, nu);
    const beta = 0.03, eps = [0.01, -0.002, 0.004, 0];
    const s = new Float64Array(4), e = new Float64Array(4);
    stressFromStrain('planeStress', E, nu, beta, eps, s, e);
    // Re-evaluate with the full 3D law using the returned ε_zz: σ_zz must vanish, in-plane must agree.
    const tr = e[0]! + e[1]! + e[3]!;
    const threeK = 3 * lambda + 2 * mu;
    expect(Math.abs(lambda * tr + 2 * mu * e[3]! - threeK * beta) / (threeK * beta)).toBeLessThan(1e-14);
    expect(s[0]! / (lambda * tr + 2 * mu * eps[0]! - threeK * beta)).toBeCloseTo(1, 13);
    expect(s[3]).toBe(0);
    stressFromStrain('planeStrain', E, nu, beta, eps, s);
    expect(s[3]! / (lambda * (eps[0]! + eps[1]!) - threeK * beta)).toBeCloseTo(1, 14);
    expect(s[2]! / (2 * mu * 0.004)).toBeCloseTo(1, 14);
    // Fully confined swelling: −3Kβ = −Eβ/(1 − 2ν) in every direction (§5 table).
    stressFromStrain('axisymmetric', E, nu, beta, [0, 0, 0, 0], s);
    for (const k of [0, 1, 3]) expect(s[k]! / ((-E * beta) / (1 - 2 * nu))).toBeCloseTo(1, 13);
  });

  it('von Mises, hydrostatic and principal stresses', () => {
    expect(vonMises([100, 0, 0, 0])).toBeCloseTo(100, 12); // uniaxial
    expect(vonMises([0, 0, 50, 0])).toBeCloseTo(50 * Math.sqrt(3), 12); // pure shear
    expect(vonMises([-7, -7, 0, -7])).toBe(0); // hydrostatic
    expect(hydrostatic([3, 6, 1, 9])).toBe(6);
    const pr = new Float64Array(3);
    principalStresses([3, -1, 2, 10], pr); // in-plane eigenvalues 1 ± √8
    expect(pr[0]).toBe(10);
    expect(pr[1]).toBeCloseTo(1 + Math.sqrt(8), 13);
    expect(pr[2]).toBeCloseTo(1 - Math.sqrt(8), 13);
  });
});

describe('swelling measures (§5 table)', () => {
  it('β at Vr = 2, 3, 3.81, 4 to the table digits', () => {
    const table: [number, number, number, number][] = [
      [2, 0.260, 0.231, 0.333], [3, 0.442, 0.366, 0.667], [3.81, 0.562, 0.446, 0.937], [4, 0.587, 0.462, 1.0],
    ];
    for (const [Vr, eng, log, lin] of table) {
      expect(eigenstrainFromVolumeRatio(Vr, 'engineering')).toBeCloseTo(eng, 3);
      expect(eigenstrainFromVolumeRatio(Vr, 'logarithmic')).toBeCloseTo(log, 3);
      expect(eigenstrainFromVolumeRatio(Vr, 'linearized')).toBeCloseTo(lin, 3);
    }
    expect(() => eigenstrainFromVolumeRatio(0, 'engineering')).toThrow();
  });
  it('Obrovac–Chevrier volume ratio: Li15Si4 (x = 3.75) ≈ 3.81', () => {
    expect(volumeRatioFromX(3.75)).toBeCloseTo(3.8125, 10);
    expect(volumeRatioFromX(0)).toBe(1);
  });
});
