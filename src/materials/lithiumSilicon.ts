/**
 * Li_xSi (x = Li per Si) as a function of lithiation: volume ratio V/V0 (vs c-Si), density, Young's modulus E,
 * Poisson ratio ν and electronic conductivity σ. Sources: physics-reference (PR) §4.2–§4.4 and the seed papers.
 *
 * Property model (an assumption, documented per end point in LIXSI_MODEL_SOURCES): each of E, ν, σ goes from its
 * x = 0 value to its x = xRef value (xRef = 3.75, Li15Si4 / "Li3.75Si") by linear or log-linear interpolation in
 * x and stays at the xRef value beyond (saturation: DFT puts Li21Si5 at E ≈ 35–45 GPa, PR §4.3, so the 40 GPa
 * end point is not extrapolated further down). Defaults: E linear 90 → 40 GPa (PR §4.3 "suggested default"),
 * ν linear 0.22 → 0.28, σ log-linear 3e-3 → 1e4 S/m (σ spans decades, PR §1.5/§4.4).
 * Units: SI throughout (Pa, S/m, kg/m³); x dimensionless in [0, X_MAX].
 */
import { blendLinear, blendLog } from './blending.js';
import {
  AVOGADRO, M_LI, M_SI, RHO_C_SI, VOLUME_PER_SI_C_SI_A3, type SourcedValue,
} from './constants.js';

/** Largest x handled: "Li22Si5" (x = 4.4), the most Li-rich phase with a tabulated volume (PR §4.2). */
export const X_MAX = 4.4;

/** One Li–Si phase of the PR §4.2 table. `volumePerSiA3` = volume per Si atom (Å³) where crystal data exist. */
export interface LiSiPhase {
  name: string;
  x: number;
  volumePerSiA3?: number;
  structure: string;
}

const TABLE_SOURCE =
  'PR §4.2 table [D from lattice data, K for lattices]; Obrovac & Chevrier, Chem. Rev. 114, 11444 (2014); '
  + 'Obrovac & Christensen, ESSL 7, A93 (2004)';

/** The Li–Si phases of PR §4.2, x as exact stoichiometry, ascending in x. */
export const LI_SI_PHASES: readonly LiSiPhase[] = [
  { name: 'c-Si', x: 0, volumePerSiA3: VOLUME_PER_SI_C_SI_A3, structure: 'diamond, a = 5.431 Å' },
  { name: 'Li12Si7', x: 12 / 7, volumePerSiA3: 43.5, structure: 'Pnma' },
  { name: 'Li7Si3', x: 7 / 3, structure: '(no volume tabulated)' },
  { name: 'Li13Si4', x: 13 / 4, volumePerSiA3: 67.3, structure: 'Pbam' },
  { name: 'Li15Si4', x: 15 / 4, volumePerSiA3: 76.2, structure: 'I-43d, a = 10.685 Å' },
  { name: 'Li21Si5', x: 21 / 5, volumePerSiA3: 81.9, structure: 'F-43m, a ≈ 18.71 Å' },
  { name: 'Li17Si4', x: 17 / 4, structure: '(no volume tabulated)' },
  { name: 'Li22Si5', x: 22 / 5, volumePerSiA3: 82.4, structure: '"Li22Si5" of older literature (a ≈ 18.75 Å), essentially Li21Si5' },
];

/** Source string of the phase table, for provenance. */
export const LI_SI_PHASE_SOURCE = TABLE_SOURCE;

/** The phase of the given name, or throws listing the known names. */
export function liSiPhase(name: string): LiSiPhase {
  const p = LI_SI_PHASES.find((q) => q.name === name);
  if (!p) throw new Error(`unknown Li–Si phase '${name}'; known: ${LI_SI_PHASES.map((q) => q.name).join(', ')}`);
  return p;
}

/**
 * How V/V0 depends on x:
 * - 'linear': V/V0 = 1 + slope·x (Obrovac & Chevrier rule of thumb ≈ +15 Å³ per Li on 20.02 Å³ per Si, slope 0.75;
 *   fits over the phases give 0.68–0.75; PR §4.2, §5),
 * - 'phases': piecewise-linear interpolation of the tabulated volume per Si through the phases with crystal data
 *   (exact at c-Si, Li12Si7, Li13Si4, Li15Si4, Li21Si5, Li22Si5).
 */
export type VolumeModel = { kind: 'linear'; slope: number } | { kind: 'phases' };

export const DEFAULT_VOLUME_MODEL: VolumeModel = { kind: 'linear', slope: 0.75 };

function checkX(x: number, where: string): void {
  if (!(x >= 0 && x <= X_MAX)) throw new Error(`${where}: x (Li per Si) must be in [0, ${X_MAX}], got ${x}`);
}

// Phases with a tabulated volume, built once (ascending x).
const VOLUME_NODES = LI_SI_PHASES.filter((p) => p.volumePerSiA3 !== undefined);

/** V/V0 of Li_xSi relative to c-Si (dimensionless), x in [0, X_MAX]. */
export function volumeRatio(x: number, model: VolumeModel = DEFAULT_VOLUME_MODEL): number {
  checkX(x, 'volumeRatio');
  if (model.kind === 'linear') {
    if (!(model.slope >= 0)) throw new Error(`volumeRatio: slope must be ≥ 0, got ${model.slope}`);
    return 1 + model.slope * x;
  }
  for (let i = 1; i < VOLUME_NODES.length; i++) {
    const a = VOLUME_NODES[i - 1]!, b = VOLUME_NODES[i]!;
    if (x <= b.x) {
      const t = (x - a.x) / (b.x - a.x);
      return (a.volumePerSiA3! + t * (b.volumePerSiA3! - a.volumePerSiA3!)) / VOLUME_PER_SI_C_SI_A3;
    }
  }
  // x === X_MAX exactly (last node) is caught by the loop; this is unreachable after checkX.
  throw new Error(`volumeRatio: x = ${x} outside the tabulated phases`);
}

/**
 * Density of Li_xSi, kg/m³, from mass and volume per Si: ρ = ρ_cSi·(1 + x·M_Li/M_Si)/(V/V0).
 * Equivalent to (M_Si + x M_Li)/(N_A · V per Si) with V per Si = 20.02 Å³·V/V0.
 */
export function densityLixSi(x: number, model: VolumeModel = DEFAULT_VOLUME_MODEL): number {
  return (RHO_C_SI * (1 + (x * M_LI) / M_SI)) / volumeRatio(x, model);
}

/** Density (kg/m³) of a phase from its tabulated volume per Si: (M_Si + x M_Li)/(N_A V). */
export function densityFromVolumePerSi(x: number, volumePerSiA3: number): number {
  return (M_SI + x * M_LI) / (AVOGADRO * volumePerSiA3 * 1e-30);
}

/** Volume gained per mass of initial c-Si, m³/kg: (V/V0 − 1)/ρ_cSi (× 1000 for cm³/g). */
export function volumeGainPerSiMass(x: number, model: VolumeModel = DEFAULT_VOLUME_MODEL): number {
  return (volumeRatio(x, model) - 1) / RHO_C_SI;
}

export type EndpointInterpolation = 'linear' | 'log';

/** Parameters of the Li_xSi property model: values at x = 0 and x = xRef and how to interpolate between. */
export interface LixSiModel {
  xRef: number;
  /** Pa at [x = 0, x = xRef]. */
  youngsModulus: [number, number];
  youngsInterpolation: EndpointInterpolation;
  poissonRatio: [number, number];
  poissonInterpolation: EndpointInterpolation;
  /** Electronic conductivity, S/m, at [x = 0, x = xRef]. */
  conductivity: [number, number];
  conductivityInterpolation: EndpointInterpolation;
  volume: VolumeModel;
}

export const DEFAULT_LIXSI_MODEL: LixSiModel = {
  xRef: 3.75,
  youngsModulus: [90e9, 40e9],
  youngsInterpolation: 'linear',
  poissonRatio: [0.22, 0.28],
  poissonInterpolation: 'linear',
  conductivity: [3e-3, 1e4],
  conductivityInterpolation: 'log',
  volume: DEFAULT_VOLUME_MODEL,
};

/** Citation of each end point / choice of DEFAULT_LIXSI_MODEL. */
export const LIXSI_MODEL_SOURCES: Record<string, SourcedValue> = {
  youngsModulus0: {
    value: 90e9, unit: 'Pa', confidence: 'seed', range: [80e9, 92e9],
    source: "seed 000 (Yamamoto et al.): \"Young's modulus of pristine Si (90 GPa)\"; PR §4.3 a-Si ≈80–92 GPa (Shenoy et al. 2010)",
  },
  youngsModulusRef: {
    value: 40e9, unit: 'Pa', confidence: 'seed', range: [35e9, 41e9],
    source: 'seed 000: "decreased to less than 40 GPa for Li3.75Si"; PR §4.3 Shenoy, Johari & Qi, J. Power Sources 195, 6825 (2010): 35–41 GPa',
    note: 'the seed gives an upper bound; with ν = 0.28, K = 30 GPa matches the DFT Li15Si4 K ≈ 30 GPa (PR §4.3, Kim et al. 2011)',
  },
  poissonRatio0: { value: 0.22, unit: '', confidence: 'K', source: 'PR §4.3 a-Si ν ≈ 0.22 (Shenoy et al. 2010)' },
  poissonRatioRef: {
    value: 0.28, unit: '', confidence: 'K', range: [0.25, 0.28],
    source: 'PR §4.3 a-LixSi "0.22 → ~0.28" (Shenoy et al. 2010); DFT crystalline Li–Si 0.2–0.3',
  },
  conductivity0: {
    value: 3e-3, unit: 'S/m', confidence: 'seed', range: [1e-4, 1e2],
    source: 'seed 004 (Zhang et al. 2025): "low intrinsic conductivity of pure Si particles (3 × 10−5 S cm−1)"; range = PR §4.4 sweep',
  },
  conductivityRef: {
    value: 1e4, unit: 'S/m', confidence: 'assumption', range: [1e2, 1e6],
    source: 'PR §4.4: Li-rich Li–Si phases metallic (DFT), no measured bulk value; modelling choice ≥1e4–1e6 (low end taken)',
  },
  youngsInterpolation: {
    value: 0, unit: '', confidence: 'D', source: 'PR §4.3 suggested default E(x) = E_aSi − (E_aSi − E_3.75)·x/3.75 (linear softening)',
  },
  conductivityInterpolation: {
    value: 0, unit: '', confidence: 'assumption',
    source: 'PR §1.5/§4.4: σ spans decades and rises on lithiation (Pollak et al., J. Phys. Chem. C 111, 11437 (2007)); log-linear chosen',
  },
  volumeSlope: {
    value: 0.75, unit: '', confidence: 'D', range: [0.68, 0.75],
    source: 'PR §4.2 / §5: V/V0 ≈ 1 + 0.75x (≈ +15 Å³ per Li, Obrovac & Chevrier, Chem. Rev. 114, 11444 (2014))',
  },
};

/** Value at x between end points v = [v(0), v(xRef)]; saturates at v(xRef) for x > xRef. */
function endpointValue(v: [number, number], kind: EndpointInterpolation, x: number, xRef: number, what: string): number {
  checkX(x, what);
  const t = x / xRef; // blend* clamp t to [0, 1]: saturation beyond xRef
  if (kind === 'log') {
    if (!(v[0] > 0 && v[1] > 0)) throw new Error(`${what}: log interpolation needs positive end points, got ${v[0]}, ${v[1]}`);
    return blendLog(v[1], v[0], t);
  }
  return blendLinear(v[1], v[0], t);
}

/** Young's modulus of Li_xSi, Pa. */
export function youngsModulusLixSi(x: number, model: LixSiModel = DEFAULT_LIXSI_MODEL): number {
  return endpointValue(model.youngsModulus, model.youngsInterpolation, x, model.xRef, 'youngsModulusLixSi');
}

/** Poisson ratio of Li_xSi (dimensionless). */
export function poissonRatioLixSi(x: number, model: LixSiModel = DEFAULT_LIXSI_MODEL): number {
  return endpointValue(model.poissonRatio, model.poissonInterpolation, x, model.xRef, 'poissonRatioLixSi');
}

/** Electronic conductivity of Li_xSi, S/m. */
export function conductivityLixSi(x: number, model: LixSiModel = DEFAULT_LIXSI_MODEL): number {
  return endpointValue(model.conductivity, model.conductivityInterpolation, x, model.xRef, 'conductivityLixSi');
}
