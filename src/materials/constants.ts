/**
 * Physical constants and reference densities of the Li–Si system, SI units, each with its source.
 * Source notation: "PR §x.y" = /work/shared/docs/physics-reference.md section; confidence tags as defined there:
 * 'V' seen in a retrieved source, 'K' literature knowledge (not re-read), 'D' derived, 'seed' stated in one of the
 * three seed papers, 'assumption' = a modelling choice with no measured value behind it.
 */

/**
 * Confidence tag of a value (physics-reference header), plus 'assumption' for pure modelling choices and 'user'
 * for a value supplied in a case file (override).
 */
export type Confidence = 'V' | 'K' | 'D' | 'seed' | 'assumption' | 'user';

/** A value with its unit, citation and confidence; `range` = the spread the source quotes, same unit. */
export interface SourcedValue {
  value: number;
  unit: string;
  source: string;
  confidence: Confidence;
  range?: [number, number];
  note?: string;
}

/** Faraday constant F, C/mol (exact since the 2019 SI redefinition; PR §4.1 [K]). */
export const FARADAY = 96485.33212;
/** Avogadro constant N_A, 1/mol (exact, 2019 SI; PR §4.1 [K]). */
export const AVOGADRO = 6.02214076e23;
/** Molar mass of Li, kg/mol (IUPAC conventional 6.94 g/mol; PR §4.1 uses 6.941 [K]). */
export const M_LI = 6.941e-3;
/** Molar mass of Si, kg/mol (PR §4.1 [K]). */
export const M_SI = 28.0855e-3;
/** Density of crystalline Si, kg/m³ (a = 5.431 Å, 8 atoms per cell; PR §4.1 [K]). */
export const RHO_C_SI = 2329;
/** Density of amorphous Si, kg/m³ (≈1.8 % below c-Si; Custer et al., APL 64, 437 (1994); PR §4.1 [K]). */
export const RHO_A_SI = 2285;
/** Density of Li metal, kg/m³ (PR §4.1 [K]). */
export const RHO_LI = 534;
/** Volume per Si atom in c-Si, Å³ (a³/8 with a = 5.431 Å; PR §4.2 table [K]). */
export const VOLUME_PER_SI_C_SI_A3 = 20.02;
/** Coulombs per mAh (1 mAh = 1e-3 A × 3600 s). */
export const COULOMB_PER_MAH = 3.6;

/** Citations of the constants above, for provenance output. */
export const CONSTANT_SOURCES: Record<string, SourcedValue> = {
  FARADAY: { value: FARADAY, unit: 'C/mol', source: 'PR §4.1; exact SI value (2019)', confidence: 'K' },
  AVOGADRO: { value: AVOGADRO, unit: '1/mol', source: 'PR §4.1; exact SI value (2019)', confidence: 'K' },
  M_LI: { value: M_LI, unit: 'kg/mol', source: 'PR §4.1 (IUPAC conventional 6.94 g/mol)', confidence: 'K' },
  M_SI: { value: M_SI, unit: 'kg/mol', source: 'PR §4.1', confidence: 'K' },
  RHO_C_SI: {
    value: RHO_C_SI, unit: 'kg/m^3', source: 'PR §4.1 (c-Si, a = 5.431 Å); seed 003: "theoretical value of crystalline Si (2.33 g cm−3)"',
    confidence: 'K',
  },
  RHO_A_SI: {
    value: RHO_A_SI, unit: 'kg/m^3', source: 'PR §4.1; Custer et al., APL 64, 437 (1994); sputtered films 2000–2300',
    confidence: 'K', range: [2000, 2300], note: 'seed 003 measured 2.3 g/cm³ for dense sputtered a-Si films',
  },
  RHO_LI: { value: RHO_LI, unit: 'kg/m^3', source: 'PR §4.1', confidence: 'K' },
  VOLUME_PER_SI_C_SI_A3: { value: VOLUME_PER_SI_C_SI_A3, unit: 'Å^3', source: 'PR §4.2 table (a³/8, a = 5.431 Å)', confidence: 'K' },
};
