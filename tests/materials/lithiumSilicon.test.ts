/**
 * Li_xSi volume, density and property model against physics-reference (PR) §4.2–§4.3 and the seed papers.
 * PR table entries are rounded (V/V0 to 3 s.f., ρ to 4 s.f.); tolerances follow that rounding.
 */
import { describe, it, expect } from 'vitest';
import {
  DEFAULT_LIXSI_MODEL, LI_SI_PHASES, conductivityLixSi, densityFromVolumePerSi, densityLixSi, liSiPhase,
  poissonRatioLixSi, volumeGainPerSiMass, volumeRatio, youngsModulusLixSi,
} from '../../src/materials/lithiumSilicon.js';
import { xFromCapacityPerSiMass } from '../../src/materials/capacity.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// PR §4.2: phase → [V/V0, ρ kg/m³].
const TABLE: Record<string, [number, number]> = {
  'c-Si': [1.0, 2329], Li12Si7: [2.17, 1526], Li13Si4: [3.36, 1250], Li15Si4: [3.81, 1179], Li21Si5: [4.09, 1161], Li22Si5: [4.12, 1181],
};
const PHASES = { kind: 'phases' } as const;

describe('volume and density of the Li–Si phases (PR §4.2)', () => {
  it('V/V0 from the tabulated volumes per Si, and density from mass and volume', () => {
    for (const [name, [vr, rho]] of Object.entries(TABLE)) {
      const p = liSiPhase(name);
      // V/V0 to 3 s.f.: ≤ 0.23 % rounding (2.17). ρ to 4 s.f. (≤ 0.04 %) but computed from volumes given to
      // 3 s.f. (67.3 Å³: ≤ 0.07 %), hence 0.1 %.
      expect(rel(volumeRatio(p.x, PHASES), vr), name).toBeLessThan(3e-3);
      expect(rel(densityFromVolumePerSi(p.x, p.volumePerSiA3!), rho), name).toBeLessThan(1e-3);
      // Same quantity by another route (ρ_cSi = 2329 scaled by mass and V/V0; 2329 vs the lattice's 2329.5
      // adds 0.02 %).
      expect(rel(densityLixSi(p.x, PHASES), rho), name).toBeLessThan(1e-3);
    }
  });

  it('+281 % for Li15Si4 and ≈ +309 % for Li21Si5 (PR §4.2)', () => {
    expect(Math.round((volumeRatio(3.75, PHASES) - 1) * 100)).toBe(281);
    expect(Math.abs((volumeRatio(4.2, PHASES) - 1) * 100 - 309)).toBeLessThan(1);
  });

  it('per-phase volume growth per Li is 13.7–15.0 Å³ (PR §4.2), bracketing the linear rule 1 + 0.75x', () => {
    for (const p of LI_SI_PHASES) {
      if (p.volumePerSiA3 === undefined || p.x === 0) continue;
      const perLi = (p.volumePerSiA3 - 20.02) / p.x;
      expect(perLi, p.name).toBeGreaterThan(13.6); // 13.70 for Li12Si7, printed as 13.7
      expect(perLi, p.name).toBeLessThan(15.05); // 14.98 for Li15Si4, printed as 15.0
    }
    expect(volumeRatio(3.75)).toBeCloseTo(1 + 0.75 * 3.75, 14);
    expect(volumeRatio(2, { kind: 'linear', slope: 0.7 })).toBeCloseTo(2.4, 14);
    // The linear rule stays within 1.5 % of the crystal data for the Li-rich phases that matter here.
    for (const x of [3.75, 4.2]) expect(rel(volumeRatio(x), volumeRatio(x, PHASES))).toBeLessThan(1.5e-2);
  });

  it('phase interpolation is continuous and increasing', () => {
    let prev = 1;
    for (let x = 0; x <= 4.4 + 1e-12; x += 0.01) {
      const v = volumeRatio(Math.min(x, 4.4), PHASES);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(v - prev).toBeLessThan(0.17); // steepest segment: 23.8 Å³ over 1.54 Li → 0.0077 per 0.01
      prev = v;
    }
  });

  it('seed 000: pore volume 0.519 cm³/g matches the volume gain at 1635 mAh/g (PR §8.3: 0.50–0.52, 0.504 from crystals)', () => {
    const gain = volumeGainPerSiMass(xFromCapacityPerSiMass(1635), PHASES) * 1e3; // m³/kg → cm³/g
    expect(rel(gain, 0.504)).toBeLessThan(5e-3); // 0.504 to 3 s.f. plus the 1635 vs 1636 offset
    expect(gain).toBeGreaterThan(0.50);
    expect(gain).toBeLessThan(0.52);
    expect(rel(gain, 0.519)).toBeLessThan(0.04); // seed pore volume: agreement within 3 %
  });

  it('seed 003: dense 1.00 µm a-Si film, laterally clamped, reaches 3.0–3.6 µm at 2880 and 3279 mAh/g (PR §8.5)', () => {
    // All swelling goes into thickness: h = h0·V/V0. Seed measured 2.97 µm at 2880 mAh/g and expected 3.3 µm
    // at 3279 mAh/g; PR §8.5 says the crystal-volume line gives 3.3–3.6 and a model should land in 3.0–3.6.
    for (const model of [undefined, PHASES]) {
      const h2880 = 1.0 * volumeRatio(xFromCapacityPerSiMass(2880), model);
      const h3279 = 1.0 * volumeRatio(xFromCapacityPerSiMass(3279), model);
      for (const h of [h2880, h3279]) {
        expect(h).toBeGreaterThan(3.0);
        expect(h).toBeLessThan(3.6);
      }
      expect(rel(h2880, 2.97)).toBeLessThan(0.1);
      expect(rel(h3279, 3.3)).toBeLessThan(0.1);
    }
  });
});

describe('E(x), ν(x), σ(x) model (PR §4.3–4.4, seed 000/004)', () => {
  it('end points: E 90 → 40 GPa (seed 000), ν 0.22 → 0.28, σ 3e-3 (seed 004) → 1e4 S/m', () => {
    expect(youngsModulusLixSi(0)).toBe(90e9);
    expect(youngsModulusLixSi(3.75)).toBeCloseTo(40e9, 2);
    expect(poissonRatioLixSi(0)).toBe(0.22);
    expect(poissonRatioLixSi(3.75)).toBeCloseTo(0.28, 14);
    expect(conductivityLixSi(0)).toBeCloseTo(3e-3, 16);
    expect(rel(conductivityLixSi(3.75), 1e4)).toBeLessThan(1e-13);
  });

  it('E is linear (−13.3 GPa per Li, PR §4.3), σ log-linear (geometric mean at mid x), both saturate beyond x = 3.75', () => {
    expect(rel(youngsModulusLixSi(1.875), 65e9)).toBeLessThan(1e-14);
    expect(rel((youngsModulusLixSi(1) - youngsModulusLixSi(2)) / 1e9, 13.333)).toBeLessThan(1e-4);
    expect(rel(conductivityLixSi(1.875), Math.sqrt(3e-3 * 1e4))).toBeLessThan(1e-12);
    expect(youngsModulusLixSi(4.2)).toBe(youngsModulusLixSi(3.75));
    expect(conductivityLixSi(4.4)).toBe(conductivityLixSi(3.75));
    // Li21Si5 saturates at 40 GPa, inside the DFT 35–45 GPa (PR §4.3).
    expect(youngsModulusLixSi(4.2)).toBeGreaterThanOrEqual(35e9);
    expect(youngsModulusLixSi(4.2)).toBeLessThanOrEqual(45e9);
  });

  it('the model is parameterised: log E, other end points', () => {
    const m = { ...DEFAULT_LIXSI_MODEL, youngsInterpolation: 'log' as const };
    expect(rel(youngsModulusLixSi(1.875, m), Math.sqrt(90e9 * 40e9))).toBeLessThan(1e-12);
    const m2 = { ...DEFAULT_LIXSI_MODEL, conductivity: [1e-4, 1e6] as [number, number], xRef: 4.2 };
    expect(rel(conductivityLixSi(2.1, m2), 10)).toBeLessThan(1e-12);
  });

  it('out-of-range x and invalid log end points throw', () => {
    expect(() => youngsModulusLixSi(-0.1)).toThrow(/\[0, 4.4\]/);
    expect(() => volumeRatio(4.5)).toThrow(/x \(Li per Si\) must be in \[0, 4.4\], got 4.5/);
    expect(() => densityLixSi(Number.NaN)).toThrow(/NaN/);
    expect(() => conductivityLixSi(1, { ...DEFAULT_LIXSI_MODEL, conductivity: [0, 1e4] })).toThrow(/positive end points/);
    expect(() => liSiPhase('Li4Si')).toThrow(/unknown Li–Si phase 'Li4Si'; known: c-Si, Li12Si7/);
  });
});
