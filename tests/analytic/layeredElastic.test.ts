import { describe, it, expect } from 'vitest';
import { solveLayered } from '../../src/analytic/layeredElastic.js';

// Reference numbers: physics-reference §6.1 (sphere) and §6.3 (plane-strain cylinder), both derived there and
// checked against a 1D radial FE solution to < 1e-6; they are printed to 5 significant digits, hence 1e-4.
const core = { outerRadius: 0.5, E: 160e9, nu: 0.22 };
const shell = { outerRadius: 1, E: 40e9, nu: 0.24, beta: 0.5 };
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('layered closed forms (§6.2) against the reference numbers of §6.1 and §6.3', () => {
  it('sphere: core +21.672 GPa; shell at a+: σ_r +21.672, σ_θ −15.480; at b: σ_θ −4.644 GPa', () => {
    const s = solveLayered([core, shell], { geometry: 'sphere' });
    expect(rel(s.at(0.25).sr, 21.672e9)).toBeLessThan(1e-4);
    expect(rel(s.at(0.5, 1).sr, 21.672e9)).toBeLessThan(1e-4);
    expect(rel(s.at(0.5, 1).st, -15.480e9)).toBeLessThan(1e-4);
    expect(rel(s.at(1).st, -4.644e9)).toBeLessThan(1e-3);
    expect(Math.abs(s.at(1).sr)).toBeLessThan(1e-3);
  });

  it('plane-strain cylinder: core +12.162 (σ_z +5.351); shell a+: (+12.162, −20.271, −21.946); b: (0, −8.108, −21.946) GPa', () => {
    const s = solveLayered([core, shell], { geometry: 'planeStrainCylinder' });
    expect(rel(s.at(0.2).sr, 12.162e9)).toBeLessThan(1e-4);
    expect(rel(s.at(0.2).sz, 5.351e9)).toBeLessThan(1e-3);
    const a = s.at(0.5, 1);
    expect(rel(a.st, -20.271e9)).toBeLessThan(1e-4);
    expect(rel(a.sz, -21.946e9)).toBeLessThan(1e-4);
    expect(rel(s.at(1).st, -8.108e9)).toBeLessThan(1e-3);
  });

  it('limits: thin swollen shell → −Eβ/(1−ν) (§6.5); same-material inclusion in a large matrix → −Eβ/(2(1−ν)) (§6.4)', () => {
    const thin = solveLayered([{ outerRadius: 0.999, E: 90e9, nu: 0.22 }, { outerRadius: 1, E: 40e9, nu: 0.25, beta: 0.1 }], { geometry: 'sphere' });
    expect(rel(thin.at(0.9995).st, (-40e9 * 0.1) / 0.75)).toBeLessThan(2e-3);
    const inc = solveLayered([{ outerRadius: 1, E: 50e9, nu: 0.3, beta: 0.01 }, { outerRadius: 1000, E: 50e9, nu: 0.3 }], { geometry: 'planeStrainCylinder' });
    expect(rel(inc.at(0.5).sr, (-50e9 * 0.01) / (2 * 0.7))).toBeLessThan(1e-5);
  });

  it('generalized plane strain: zero axial force and, for a uniform free cylinder, ε_z = β with no stress', () => {
    const s = solveLayered([{ outerRadius: 1, E: 70e9, nu: 0.3, beta: 0.02 }], { geometry: 'generalizedPlaneStrainCylinder' });
    expect(Math.abs(s.axialStrain - 0.02)).toBeLessThan(1e-14);
    expect(Math.abs(s.at(0.5).sz)).toBeLessThan(1e-3);
    expect(Math.abs(s.at(0.5).st)).toBeLessThan(1e-3);
  });
});
