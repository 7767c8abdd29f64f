/**
 * Material library: every value sourced and in SI, the numbers the physics-reference (PR) and the seeds state,
 * overrides with provenance, and clear errors for unknown names / properties / unit slips.
 */
import { describe, it, expect } from 'vitest';
import {
  MATERIAL_PROPERTIES, getMaterial, listMaterials, resolveLibraryMaterial, type MaterialRecord,
} from '../../src/materials/library.js';
import { ELECTROLYTES, densityFromCubicCell, isotropicFromBulkShear } from '../../src/materials/electrolytes.js';
import { M_SI } from '../../src/materials/constants.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const CONFIDENCES = ['V', 'K', 'D', 'seed', 'assumption'];

describe('library contents', () => {
  const names = listMaterials();

  it('has the materials the brief names', () => {
    for (const n of ['c-Si', 'a-Si', 'LixSi', 'Li12Si7', 'Li15Si4', 'Li21Si5', 'Li6PS5Cl', '75Li2S-25P2S5', '80Li2S-20P2S5', 'Li3InCl6']) {
      expect(names, n).toContain(n);
    }
  });

  it('every value has a source and a confidence tag, and the record value equals the sourced value', () => {
    for (const n of names) {
      const m = getMaterial(n);
      let count = 0;
      for (const p of MATERIAL_PROPERTIES) {
        const v = m[p as keyof MaterialRecord];
        const s = m.sources[p];
        if (v === undefined) { expect(s, `${n}.${p}`).toBeUndefined(); continue; }
        count++;
        expect(s, `${n}.${p}`).toBeDefined();
        expect(s!.value, `${n}.${p}`).toBe(v);
        expect(s!.source.length, `${n}.${p}`).toBeGreaterThan(5);
        expect(CONFIDENCES, `${n}.${p}`).toContain(s!.confidence);
        if (s!.range) expect(s!.range[0] <= s!.range[1], `${n}.${p} range`).toBe(true);
      }
      expect(count, n).toBeGreaterThanOrEqual(3);
    }
  });

  it('unit sanity: E in Pa (not GPa), σ in S/m, ν in (0, 0.5), ρ in kg/m³, V/V0 ≥ 1', () => {
    for (const n of names) {
      const m = getMaterial(n);
      expect(m.youngsModulus, n).toBeGreaterThan(1e9);
      expect(m.youngsModulus, n).toBeLessThan(3e11);
      expect(m.poissonRatio, n).toBeGreaterThan(0);
      expect(m.poissonRatio, n).toBeLessThan(0.5);
      expect(m.conductivity, n).toBeGreaterThan(1e-8);
      expect(m.conductivity, n).toBeLessThan(1e8);
      if (m.density !== undefined) {
        expect(m.density, n).toBeGreaterThan(500);
        expect(m.density, n).toBeLessThan(5000);
      }
      if (m.volumeRatio !== undefined) {
        expect(m.volumeRatio, n).toBeGreaterThanOrEqual(1);
        expect(m.volumeRatio, n).toBeLessThan(4.2);
      }
      expect(m.conductionKind, n).toBe(ELECTROLYTES.some((e) => e.name === n) ? 'ionic' : 'electronic');
    }
  });

  it('values the seeds and PR state', () => {
    expect(getMaterial('a-Si').youngsModulus).toBe(90e9); // seed 000
    expect(getMaterial('a-Si').sources.youngsModulus!.confidence).toBe('seed');
    expect(getMaterial('Li15Si4').youngsModulus).toBeCloseTo(40e9, 0); // seed 000 "< 40 GPa"
    expect(getMaterial('80Li2S-20P2S5').youngsModulus).toBe(20e9); // seed 003 "~20 GPa"
    expect(getMaterial('c-Si').conductivity).toBe(3e-3); // seed 004: 3e-5 S/cm
    expect(getMaterial('75Li2S-25P2S5').conductivity).toBe(0.05); // seed 000: 5e-4 S/cm
    // PR §4.2 V/V0 (3 s.f.) and ρ.
    expect(rel(getMaterial('Li12Si7').volumeRatio!, 2.17)).toBeLessThan(3e-3);
    expect(rel(getMaterial('Li15Si4').volumeRatio!, 3.81)).toBeLessThan(3e-3);
    expect(rel(getMaterial('Li21Si5').volumeRatio!, 4.09)).toBeLessThan(3e-3);
    expect(rel(getMaterial('Li21Si5').density!, 1161)).toBeLessThan(1e-3);
    expect(getMaterial('c-Si').density).toBe(2329);
    // PR §4.6 Li6PS5Cl: E ≈ 22 GPa, ν ≈ 0.37, 1.86 g/cm³ (2–3 s.f.).
    const lpscl = getMaterial('Li6PS5Cl');
    expect(rel(lpscl.youngsModulus, 22e9)).toBeLessThan(0.02);
    expect(rel(lpscl.poissonRatio, 0.37)).toBeLessThan(0.01);
    expect(rel(lpscl.density!, 1860)).toBeLessThan(5e-3);
    // Densities left out where PR has none.
    expect(getMaterial('75Li2S-25P2S5').density).toBeUndefined();
  });

  it('crystalline phases use the Li_xSi model at their stoichiometric x', () => {
    for (const [n, x] of [['Li12Si7', 12 / 7], ['Li15Si4', 3.75], ['Li21Si5', 4.2]] as const) {
      const c = getMaterial(n), a = getMaterial('LixSi', { x });
      expect(c.x).toBe(x);
      expect(c.youngsModulus).toBe(a.youngsModulus);
      expect(c.poissonRatio).toBe(a.poissonRatio);
      expect(c.conductivity).toBe(a.conductivity);
    }
    // Li15Si4: E = 40 GPa, ν = 0.28 give K = E/(3(1−2ν)) ≈ 30 GPa = DFT K (PR §4.3), 3 % for "≈".
    const m = getMaterial('Li15Si4');
    expect(rel(m.youngsModulus / (3 * (1 - 2 * m.poissonRatio)), 30e9)).toBeLessThan(0.03);
  });

  it('electrolyte helpers: B, G ↔ E, ν are inverse; the cubic-cell density reproduces c-Si', () => {
    const { E, nu } = isotropicFromBulkShear(28.7e9, 8.1e9);
    expect(rel(E / (3 * (1 - 2 * nu)), 28.7e9)).toBeLessThan(1e-14);
    expect(rel(E / (2 * (1 + nu)), 8.1e9)).toBeLessThan(1e-14);
    // Diamond cell a = 5.431 Å with 8 Si: 2329 kg/m³ to 4 s.f. (PR §4.1).
    expect(rel(densityFromCubicCell(5.431e-10, 8, M_SI), 2329)).toBeLessThan(5e-4);
  });
});

describe('LixSi parameterised by x', () => {
  it('x from overrides, from the name Li<x>Si, or the 3.75 default, with provenance', () => {
    const a = resolveLibraryMaterial('LixSi', { x: 2 });
    expect(a.material.x).toBe(2);
    expect(a.provenance.x).toEqual({ value: 2, origin: 'override' });
    const b = resolveLibraryMaterial('Li2.5Si');
    expect(b.provenance.library).toBe('LixSi');
    expect(b.provenance.x).toEqual({ value: 2.5, origin: 'name' });
    const c = resolveLibraryMaterial('LixSi');
    expect(c.provenance.x).toEqual({ value: 3.75, origin: 'default' });
    // Softer, more conductive and more swollen with lithiation.
    expect(a.material.youngsModulus).toBeGreaterThan(b.material.youngsModulus);
    expect(a.material.conductivity).toBeLessThan(b.material.conductivity);
    expect(a.material.volumeRatio!).toBeLessThan(b.material.volumeRatio!);
    expect(a.material.density!).toBeGreaterThan(b.material.density!);
  });

  it('x cannot be set on fixed-stoichiometry or non-Li–Si materials', () => {
    expect(() => getMaterial('Li15Si4', { x: 3 })).toThrow(/'x' can only be set for LixSi.*stoichiometry/);
    expect(() => getMaterial('Li6PS5Cl', { x: 1 })).toThrow(/'x' can only be set for LixSi/);
    expect(() => getMaterial('LixSi', { x: 5 })).toThrow(/x = 5 is outside/);
  });
});

describe('overrides and provenance', () => {
  it('Li21Si5 with youngsModulus 45 GPa: final record, provenance per property, library unchanged', () => {
    const { material, record, provenance } = resolveLibraryMaterial('Li21Si5', { youngsModulus: 45e9 });
    expect(material.youngsModulus).toBe(45e9);
    expect(record.sources.youngsModulus!.confidence).toBe('user');
    expect(provenance.library).toBe('Li21Si5');
    expect(provenance.properties.youngsModulus).toMatchObject({ value: 45e9, origin: 'override', unit: 'Pa', libraryValue: 40e9 });
    for (const p of ['conductivity', 'poissonRatio', 'volumeRatio', 'density'] as const) {
      expect(provenance.properties[p]!.origin, p).toBe('library');
      expect(provenance.properties[p]!.value, p).toBe(material[p]);
    }
    expect(getMaterial('Li21Si5').youngsModulus).toBeCloseTo(40e9, 0);
    // results.json needs it as plain JSON.
    expect(JSON.parse(JSON.stringify(provenance))).toEqual(provenance);
  });

  it('an override may add a property the library lacks (density of a glass)', () => {
    const r = resolveLibraryMaterial('75Li2S-25P2S5', { density: 1900 });
    expect(r.material.density).toBe(1900);
    expect(r.provenance.properties.density).toMatchObject({ origin: 'override', confidence: 'user' });
    expect(r.provenance.properties.density!.libraryValue).toBeUndefined();
  });

  it('aliases resolve to the canonical record', () => {
    expect(getMaterial('75Li2S·25P2S5').name).toBe('75Li2S-25P2S5');
    expect(resolveLibraryMaterial('Li22Si5').provenance.library).toBe('Li21Si5');
  });

  it('unknown names, unknown properties and unit slips throw clear errors', () => {
    expect(() => getMaterial('unobtainium')).toThrow(/unknown library material 'unobtainium'.*known: c-Si, a-Si, LixSi.*Li6PS5Cl/);
    expect(() => getMaterial('c-si')).toThrow(/did you mean 'c-Si'/);
    expect(() => getMaterial('Li15Si4', { youngModulus: 1e10 } as never)).toThrow(/unknown property 'youngModulus'; allowed: conductivity, youngsModulus/);
    expect(() => getMaterial('Li21Si5', { youngsModulus: 45 })).toThrow(/youngsModulus = 45 is outside .*45 GPa = 4.5e10 Pa.*unit slip/);
    expect(() => getMaterial('Li21Si5', { density: 1.2 })).toThrow(/g\/cm³/);
    expect(() => getMaterial('Li21Si5', { poissonRatio: 0.5 })).toThrow(/poissonRatio/);
    expect(() => getMaterial('Li21Si5', { conductivity: Number.NaN })).toThrow(/finite SI number/);
    expect(() => getMaterial('Li21Si5', { youngsModulus: '45 GPa' } as never)).toThrow(/convert units first/);
  });
});

describe('isolation', () => {
  it('mutating a returned record does not change the library; Li<x>Si means the amorphous model', () => {
    const m = getMaterial('Li6PS5Cl');
    m.sources.conductivity!.value = -1;
    m.sources.conductivity!.range![0] = -1;
    expect(getMaterial('Li6PS5Cl').sources.conductivity!.value).toBe(0.2);
    expect(getMaterial('Li6PS5Cl').sources.conductivity!.range![0]).toBe(0.1);
    expect(resolveLibraryMaterial('Li3.75Si').provenance.library).toBe('LixSi');
  });
});
