/**
 * Capacity ↔ lithiation conversions and the level-set front speed u = J·M_Li/(F ρ) (physics-reference §1.3, §4.2).
 * x = Li per Si. Capacities in the units batteries are quoted in (mAh/g, mAh/cm³, mAh/cm²); everything else SI.
 * Pure functions, no state.
 */
import { COULOMB_PER_MAH, FARADAY, M_LI, M_SI, RHO_C_SI } from './constants.js';
import { volumeRatio, type VolumeModel } from './lithiumSilicon.js';

/** mAh per gram of Si per Li: F/(3.6 · M_Si[g/mol]) = 954.28 (PR §4.2). */
export const MAH_PER_G_SI_PER_LI = FARADAY / (COULOMB_PER_MAH * M_SI * 1e3);

/** Specific capacity per gram of initial Si, mAh/g, of Li_xSi. */
export function capacityPerSiMass(x: number): number {
  return MAH_PER_G_SI_PER_LI * x;
}

/** x (Li per Si) of a capacity per gram of Si (mAh/g). */
export function xFromCapacityPerSiMass(q: number): number {
  return q / MAH_PER_G_SI_PER_LI;
}

/** Specific capacity per gram of alloy Li_xSi, mAh/g: x F/(3.6 (M_Si + x M_Li)) with masses in g/mol. */
export function capacityPerAlloyMass(x: number): number {
  return (x * FARADAY) / (COULOMB_PER_MAH * (M_SI + x * M_LI) * 1e3);
}

/** x of a capacity per gram of alloy (mAh/g): x = 3.6 q M_Si/(F − 3.6 q M_Li). Throws beyond the x → ∞ limit. */
export function xFromCapacityPerAlloyMass(q: number): number {
  const denom = FARADAY - COULOMB_PER_MAH * q * M_LI * 1e3;
  if (!(denom > 0)) throw new Error(`xFromCapacityPerAlloyMass: ${q} mAh/g exceeds the Li-metal limit ${FARADAY / (COULOMB_PER_MAH * M_LI * 1e3)} mAh/g`);
  return (COULOMB_PER_MAH * q * M_SI * 1e3) / denom;
}

/** Volumetric capacity per cm³ of initial (unlithiated) Si, mAh/cm³; `siDensity` in kg/m³ (default c-Si). */
export function capacityPerSiVolume(x: number, siDensity = RHO_C_SI): number {
  return capacityPerSiMass(x) * siDensity * 1e-3; // mAh/g × g/cm³
}

/** Areal capacity of a dense Si film of initial thickness `thickness` (m), mAh/cm². */
export function arealCapacity(thickness: number, x: number, siDensity = RHO_C_SI): number {
  return capacityPerSiVolume(x, siDensity) * thickness * 100; // mAh/cm³ × cm
}

/** Time (s) to lithiate a dense film of `thickness` (m) to x at current density `J` (A/m²): x ρ L F/(M_Si J). */
export function lithiationTime(thickness: number, x: number, J: number, siDensity = RHO_C_SI): number {
  return (cReact(x, siDensity) * thickness * FARADAY) / J;
}

/** Moles of Li to be delivered per m³ of unreacted Si to reach x: c_react = x ρ_Si/M_Si, mol/m³. */
export function cReact(x: number, siDensity = RHO_C_SI): number {
  return (x * siDensity) / M_SI;
}

/**
 * The three readings of "ρ = mass participating in the Si reaction per unit volume" in u = J M_Li/(F ρ) (§1.3):
 * - 'unreactedSiLiMass' (recommended default): Li mass needed per m³ of unreacted Si, x ρ_Si M_Li/M_Si,
 *   so that u = J/(F c_react) — the front consumes unreacted Si at the Faraday rate;
 * - 'siDensity': ρ_Si itself (independent of x);
 * - 'productLiMass': Li mass per m³ of lithiated product, x ρ_Si M_Li/(M_Si · V/V0) (Li-plating-style reading,
 *   ≈ V/V0 times faster).
 */
export type FrontDensityReading = 'unreactedSiLiMass' | 'siDensity' | 'productLiMass';

export const FRONT_DENSITY_READINGS: readonly FrontDensityReading[] = ['unreactedSiLiMass', 'siDensity', 'productLiMass'];

export interface FrontDensityOptions {
  /** Density of the unreacted Si, kg/m³ (default c-Si 2329, as in the §1.3 table). */
  siDensity?: number;
  /** Volume model for 'productLiMass' (default 'phases': exact at tabulated phases, as in the §1.3 table). */
  volume?: VolumeModel;
}

export interface FrontDensity {
  /** kg/m³ */
  rho: number;
  reading: FrontDensityReading;
  x: number;
  description: string;
}

/** ρ of the front-speed law for a reading and final lithiation x, kg/m³, with a description for outputs. */
export function frontDensity(reading: FrontDensityReading, x: number, opts: FrontDensityOptions = {}): FrontDensity {
  const rhoSi = opts.siDensity ?? RHO_C_SI;
  if (!(rhoSi > 0)) throw new Error(`frontDensity: siDensity must be > 0 kg/m³, got ${rhoSi}`);
  if (reading !== 'siDensity' && !(x > 0)) throw new Error(`frontDensity: x (Li per Si) must be > 0 for reading '${reading}', got ${x}`);
  const liPerSiVolume = (x * rhoSi * M_LI) / M_SI;
  switch (reading) {
    case 'unreactedSiLiMass':
      return {
        rho: liPerSiVolume, reading, x,
        description: `Li mass per m³ of unreacted Si to reach Li${x}Si: x·ρ_Si·M_Li/M_Si with ρ_Si = ${rhoSi} kg/m³ (u = J/(F c_react))`,
      };
    case 'siDensity':
      return { rho: rhoSi, reading, x, description: `density of unreacted Si, ρ_Si = ${rhoSi} kg/m³` };
    case 'productLiMass': {
      const volume = opts.volume ?? { kind: 'phases' };
      const vr = volumeRatio(x, volume);
      return {
        rho: liPerSiVolume / vr, reading, x,
        description: `Li mass per m³ of lithiated product Li${x}Si: x·ρ_Si·M_Li/(M_Si·V/V0) with V/V0 = ${vr.toPrecision(4)} (${volume.kind} volume model)`,
      };
    }
    default:
      throw new Error(`frontDensity: unknown reading '${String(reading)}'; known: ${FRONT_DENSITY_READINGS.join(', ')}`);
  }
}

/** Front speed u = J·M_Li/(F ρ), m/s, for current density J (A/m², component or magnitude) and ρ (kg/m³). */
export function frontSpeed(J: number, rho: number, molarMassLi = M_LI): number {
  if (!(rho > 0)) throw new Error(`frontSpeed: ρ must be > 0 kg/m³, got ${rho}`);
  return (J * molarMassLi) / (FARADAY * rho);
}
