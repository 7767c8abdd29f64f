/**
 * Solid electrolytes of the seed papers and the target model (physics-reference §4.6), SI units.
 * σ is the room-temperature *ionic* conductivity (used as the Ohmic σ of the SSE in a single-potential model,
 * PR §1.1). Every value carries its source, confidence tag and the spread quoted in the literature (`range`):
 * the spreads are wide (σ ±2×, E ±25 %), and Li3InCl6 has no measured modulus at all.
 */
import { AVOGADRO, M_LI, type SourcedValue } from './constants.js';

/** One electrolyte: each property with its citation. `density` absent where no value was found. */
export interface ElectrolyteData {
  name: string;
  aliases: readonly string[];
  description: string;
  conductivity: SourcedValue;
  youngsModulus: SourcedValue;
  poissonRatio: SourcedValue;
  density?: SourcedValue;
}

/** Isotropic E (Pa) and ν from bulk modulus B and shear modulus G (Pa): E = 9BG/(3B + G), ν = (3B − 2G)/(2(3B + G)). */
export function isotropicFromBulkShear(B: number, G: number): { E: number; nu: number } {
  return { E: (9 * B * G) / (3 * B + G), nu: (3 * B - 2 * G) / (2 * (3 * B + G)) };
}

/** Crystallographic density, kg/m³, of a cubic cell of edge `a` (m) holding Z formula units of molar mass M (kg/mol). */
export function densityFromCubicCell(a: number, Z: number, M: number): number {
  return (Z * M) / (AVOGADRO * a * a * a);
}

// Li6PS5Cl: DFT elastic moduli (Deng et al., J. Electrochem. Soc. 163, A67 (2016), PR §4.6 [K]) and the cubic
// argyrodite cell (a ≈ 9.85 Å, Z = 4). Derived once here so the record and the test share the formula, not the number.
const LPSCL_B = 28.7e9;
const LPSCL_G = 8.1e9;
const LPSCL_ELASTIC = isotropicFromBulkShear(LPSCL_B, LPSCL_G);
/** Molar mass of Li6PS5Cl, kg/mol (P 30.974, S 32.06, Cl 35.45 g/mol). */
export const M_LI6PS5CL = 6 * M_LI + 30.974e-3 + 5 * 32.06e-3 + 35.45e-3;
const LPSCL_DENSITY = densityFromCubicCell(9.85e-10, 4, M_LI6PS5CL);

export const ELECTROLYTES: readonly ElectrolyteData[] = [
  {
    name: 'Li6PS5Cl',
    aliases: ['LPSCl', 'argyrodite'],
    description: 'argyrodite sulfide SSE (the SSE of the target model, seed 004)',
    conductivity: {
      value: 0.2, unit: 'S/m', confidence: 'K', range: [0.1, 0.4],
      source: 'PR §4.6: 1–4 mS/cm at RT, cold-pressed ~1–3 mS/cm (mid-value 2 mS/cm taken); Deng et al., JES 163, A67 (2016)',
    },
    youngsModulus: {
      value: LPSCL_ELASTIC.E, unit: 'Pa', confidence: 'D', range: [20e9, 30e9],
      source: 'PR §4.6: E = 9BG/(3B+G) from DFT B ≈ 28.7, G ≈ 8.1 GPa (Deng et al. 2016 [K]); measured ~20–30 GPa',
    },
    poissonRatio: {
      value: LPSCL_ELASTIC.nu, unit: '', confidence: 'D', range: [0.3, 0.37],
      source: 'PR §4.6: ν = (3B−2G)/(2(3B+G)) from the same DFT B, G; 0.3 if experiment-based',
    },
    density: {
      value: LPSCL_DENSITY, unit: 'kg/m^3', confidence: 'D',
      source: 'PR §4.6: crystallographic, a ≈ 9.85 Å, Z = 4, M = 268.4 g/mol (1.86 g/cm³)',
    },
  },
  {
    name: '75Li2S-25P2S5',
    aliases: ['75Li2S·25P2S5', 'LPS75', 'Li3PS4 glass'],
    description: '75Li2S·25P2S5 glass (SE of seed 000)',
    conductivity: {
      value: 0.05, unit: 'S/m', confidence: 'seed', range: [0.02, 0.05],
      source: 'seed 000 (Yamamoto et al.): rough SE 5 × 10−4 S/cm, fine SE 2 × 10−4 S/cm; PR §4.6 2–5e-4 S/cm',
    },
    youngsModulus: {
      value: 20e9, unit: 'Pa', confidence: 'K', range: [18e9, 23e9],
      source: 'PR §4.6: ≈18–23 GPa ultrasonic, cold-pressed; Sakuda, Hayashi & Tatsumisago, Sci. Rep. 3, 2261 (2013)',
    },
    poissonRatio: { value: 0.3, unit: '', confidence: 'K', source: 'PR §4.6: ≈0.3 (Sakuda et al. 2013)' },
  },
  {
    name: '80Li2S-20P2S5',
    aliases: ['80Li2S·20P2S5', 'LPS80'],
    description: '80Li2S·20P2S5 glass (SE of seed 003)',
    conductivity: {
      value: 0.015, unit: 'S/m', confidence: 'K', range: [0.01, 0.02],
      source: 'PR §4.6: glass ~1–2e-4 S/cm (glass-ceramic ~0.07–0.1 S/m); Mizuno et al., Adv. Mater. 17, 918 (2005)',
    },
    youngsModulus: {
      value: 20e9, unit: 'Pa', confidence: 'seed', range: [18e9, 23e9],
      source: 'seed 003 (Sakabe et al.): thiophosphate SE "elastic modulus (~20 GPa)"; PR §4.6, §8.7',
    },
    poissonRatio: { value: 0.3, unit: '', confidence: 'K', source: 'PR §4.6: ≈0.3' },
  },
  {
    name: 'Li3InCl6',
    aliases: ['LIC'],
    description: 'halide SSE (catholyte in these works; reduced at Li–Si potentials, PR §4.6)',
    conductivity: {
      value: 0.1, unit: 'S/m', confidence: 'V', range: [0.1, 0.2],
      source: 'PR §4.6: Batteries 10, 21 (2024), doi:10.3390/batteries10010021: 1.0 mS/cm; 1.49–2.04 mS/cm (Li et al. 2019 [K]); >4 mS/cm wet-chemical (Bonsu et al. 2024)',
    },
    youngsModulus: {
      value: 30e9, unit: 'Pa', confidence: 'assumption', range: [20e9, 40e9],
      source: 'PR §4.6: no reliable value found; chlorides typically ~20–40 GPa (assumption, mid-value taken)',
    },
    poissonRatio: { value: 0.3, unit: '', confidence: 'assumption', source: 'PR §4.6: ~0.3 (assumption)' },
    density: {
      value: 2650, unit: 'kg/m^3', confidence: 'K', range: [2600, 2700],
      source: 'PR §4.6: ~2.6–2.7 g/cm³ (mid-value taken)',
    },
  },
];
