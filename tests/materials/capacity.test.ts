/**
 * Capacity ↔ x conversions and the front-speed law against the numbers of physics-reference (PR) §1.3 and §4.2
 * and the seed papers. PR tables are rounded to 3–4 significant figures, so tolerances are set from the rounding
 * (stated per test), never tighter than the reference can support.
 */
import { describe, it, expect } from 'vitest';
import {
  MAH_PER_G_SI_PER_LI, arealCapacity, cReact, capacityPerAlloyMass, capacityPerSiMass, capacityPerSiVolume,
  frontDensity, frontSpeed, lithiationTime, xFromCapacityPerAlloyMass, xFromCapacityPerSiMass, FRONT_DENSITY_READINGS,
} from '../../src/materials/capacity.js';
import { liSiPhase, volumeRatio } from '../../src/materials/lithiumSilicon.js';
import { FARADAY } from '../../src/materials/constants.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// PR §4.2 table: phase → [Q mAh/g Si, Q mAh/g alloy], integers.
const TABLE: Record<string, [number, number]> = {
  Li12Si7: [1636, 1149], Li7Si3: [2227, 1412], Li13Si4: [3101, 1720], Li15Si4: [3579, 1857],
  Li21Si5: [4008, 1967], Li17Si4: [4056, 1978], Li22Si5: [4199, 2012],
};

describe('capacity ↔ x (PR §4.2)', () => {
  it('954.28 mAh/g of Si per Li', () => {
    // PR gives 5 significant figures: half a unit in the last place is 5e-6 relative.
    expect(rel(MAH_PER_G_SI_PER_LI, 954.28)).toBeLessThan(6e-6);
  });

  it('per-Si-mass and per-alloy-mass capacities of every tabulated phase, and their inverses', () => {
    for (const [name, [qSi, qAlloy]] of Object.entries(TABLE)) {
      const x = liSiPhase(name).x;
      // Integers ≥ 1149 carry ≤ 0.044 % rounding; 0.1 % is the brief's tolerance.
      expect(rel(capacityPerSiMass(x), qSi), name).toBeLessThan(1e-3);
      expect(rel(capacityPerAlloyMass(x), qAlloy), name).toBeLessThan(1e-3);
      expect(rel(xFromCapacityPerSiMass(qSi), x), name).toBeLessThan(1e-3);
      expect(rel(xFromCapacityPerAlloyMass(qAlloy), x), name).toBeLessThan(1e-3);
      // Exact inverses (round-off only).
      expect(rel(xFromCapacityPerSiMass(capacityPerSiMass(x)), x)).toBeLessThan(1e-14);
      expect(rel(xFromCapacityPerAlloyMass(capacityPerAlloyMass(x)), x)).toBeLessThan(1e-13);
    }
  });

  it('Li15Si4 3579 mAh/g ⇔ x = 3.75; seed 000 fibre capacity 1635 mAh/g ⇔ Li12Si7 (x = 1.714)', () => {
    expect(rel(xFromCapacityPerSiMass(3579), 3.75)).toBeLessThan(1e-3);
    expect(rel(xFromCapacityPerSiMass(1635), 1.714)).toBeLessThan(1e-3);
    expect(rel(xFromCapacityPerSiMass(1635), 12 / 7)).toBeLessThan(1e-3);
  });

  it('the alloy-capacity inverse refuses capacities beyond the pure-Li limit', () => {
    expect(() => xFromCapacityPerAlloyMass(4000)).toThrow(/Li-metal limit/);
  });
});

describe('volumetric / areal capacity and the Faraday cross-check (PR §1.3)', () => {
  it('8334 and 9335 mAh/cm³ of initial Si at x = 3.75 and 4.2', () => {
    // 4 significant figures: ≤ 0.006 % rounding; 0.02 % allows for ρ_Si = 2329 vs 2.329 g/cm³ round-off.
    expect(rel(capacityPerSiVolume(3.75), 8334)).toBeLessThan(2e-4);
    expect(rel(capacityPerSiVolume(4.2), 9335)).toBeLessThan(2e-4);
  });

  it('a 1 µm dense Si film holds 0.833 mAh/cm² at x = 3.75 and lithiates in ≈ 50 min at 1 mA/cm²', () => {
    // Independent count: Si atoms per cm² × 3.75 Li × e, with N_A ρ/M from the c-Si lattice (8 atoms per
    // (5.431 Å)³) instead of ρ/M: charge [C/cm²] / 3.6 → mAh/cm². Agrees with ρ = 2329 to ~0.01 %.
    const siPerCm3 = 8 / (5.431e-8) ** 3;
    const qLattice = (siPerCm3 * 1e-4 * 3.75 * 1.602176634e-19) / 3.6; // C/cm² → mAh/cm²
    expect(rel(arealCapacity(1e-6, 3.75), 0.833)).toBeLessThan(1e-3); // PR: 3 s.f., 0.06 % rounding
    expect(rel(arealCapacity(1e-6, 3.75), qLattice)).toBeLessThan(1e-3);
    // 1 mA/cm² = 10 A/m²; PR "≈ 50 min" (0.8334 h = 50.0 min); 1 % covers the "≈".
    expect(rel(lithiationTime(1e-6, 3.75, 10) / 60, 50)).toBeLessThan(1e-2);
  });

  it('c_react = x ρ_Si/M_Si = 3.11e5 and 3.48e5 mol/m³ (PR §1.3)', () => {
    // 3 significant figures: ≤ 0.16 % rounding.
    expect(rel(cReact(3.75), 3.11e5)).toBeLessThan(2e-3);
    expect(rel(cReact(4.2), 3.48e5)).toBeLessThan(2e-3);
  });
});

describe('front density ρ and speed u = J M_Li/(F ρ) (PR §1.3 table)', () => {
  const J = 10; // A/m² = 1 mA/cm²

  it('the three readings of ρ at x = 3.75 and 4.2', () => {
    // PR values are integers (4 s.f.): 0.3 % covers rounding of the 567/591 entries, which also depend on the
    // tabulated volumes (3 s.f.).
    expect(rel(frontDensity('unreactedSiLiMass', 3.75).rho, 2158)).toBeLessThan(3e-3);
    expect(rel(frontDensity('unreactedSiLiMass', 4.2).rho, 2418)).toBeLessThan(3e-3);
    expect(frontDensity('siDensity', 3.75).rho).toBe(2329);
    expect(rel(frontDensity('productLiMass', 3.75).rho, 567)).toBeLessThan(3e-3);
    expect(rel(frontDensity('productLiMass', 4.2).rho, 591)).toBeLessThan(3e-3);
  });

  it('speeds at 10 A/m²: 3.33e-10 / 3.09e-10 / 1.27e-9 m/s at x = 3.75 (and 2.98e-10 / 1.22e-9 at x = 4.2)', () => {
    // 1 %: the PR speeds have 3 significant figures (≤ 0.4 % rounding).
    expect(rel(frontSpeed(J, frontDensity('unreactedSiLiMass', 3.75).rho), 3.33e-10)).toBeLessThan(1e-2);
    expect(rel(frontSpeed(J, frontDensity('siDensity', 3.75).rho), 3.09e-10)).toBeLessThan(1e-2);
    expect(rel(frontSpeed(J, frontDensity('productLiMass', 3.75).rho), 1.27e-9)).toBeLessThan(1e-2);
    expect(rel(frontSpeed(J, frontDensity('unreactedSiLiMass', 4.2).rho), 2.98e-10)).toBeLessThan(1e-2);
    expect(rel(frontSpeed(J, frontDensity('productLiMass', 4.2).rho), 1.22e-9)).toBeLessThan(1e-2);
    // ≈ 1.2 µm/h (PR §1.3 / §8.8: 1.1–1.2 µm/h).
    const umPerHour = frontSpeed(J, frontDensity('unreactedSiLiMass', 3.75).rho) * 3600 * 1e6;
    expect(umPerHour).toBeGreaterThan(1.1);
    expect(umPerHour).toBeLessThan(1.25);
  });

  it('reading (i) is exactly u = J/(F c_react); reading (iii) is faster by exactly V/V0', () => {
    for (const x of [0.5, 1.714, 3.75, 4.2]) {
      const ui = frontSpeed(J, frontDensity('unreactedSiLiMass', x).rho);
      expect(rel(ui, J / (FARADAY * cReact(x)))).toBeLessThan(1e-14);
      const uiii = frontSpeed(J, frontDensity('productLiMass', x).rho);
      expect(rel(uiii / ui, volumeRatio(x, { kind: 'phases' }))).toBeLessThan(1e-14);
    }
    // With the linear volume rule instead, (iii) at x = 3.75 moves by < 0.2 % (3.8125 vs 3.806).
    const lin = frontDensity('productLiMass', 3.75, { volume: { kind: 'linear', slope: 0.75 } }).rho;
    expect(rel(lin, frontDensity('productLiMass', 3.75).rho)).toBeLessThan(2e-3);
  });

  it('the velocity is linear in J and keeps its sign; descriptions name the reading', () => {
    const rho = frontDensity('unreactedSiLiMass', 3.75).rho;
    expect(frontSpeed(-2 * J, rho)).toBeCloseTo(-2 * frontSpeed(J, rho), 25);
    for (const r of FRONT_DENSITY_READINGS) {
      const d = frontDensity(r, 3.75);
      expect(d.reading).toBe(r);
      expect(d.description.length).toBeGreaterThan(20);
    }
    expect(frontDensity('unreactedSiLiMass', 3.75).description).toMatch(/unreacted Si/);
    expect(frontDensity('productLiMass', 3.75).description).toMatch(/lithiated product/);
    // a-Si host density changes reading (i) proportionally.
    expect(rel(frontDensity('unreactedSiLiMass', 3.75, { siDensity: 2285 }).rho / frontDensity('unreactedSiLiMass', 3.75).rho, 2285 / 2329)).toBeLessThan(1e-14);
  });

  it('bad inputs throw clear errors', () => {
    expect(() => frontDensity('bogus' as never, 3.75)).toThrow(/unknown reading 'bogus'.*unreactedSiLiMass/);
    expect(() => frontDensity('unreactedSiLiMass', 0)).toThrow(/x .* must be > 0/);
    expect(() => frontDensity('productLiMass', 5)).toThrow(/\[0, 4.4\]/);
    expect(() => frontDensity('siDensity', 3.75, { siDensity: -1 })).toThrow(/siDensity/);
    expect(() => frontSpeed(10, 0)).toThrow(/ρ must be > 0/);
  });
});
