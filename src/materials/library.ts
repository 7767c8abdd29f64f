/**
 * Named material library: Si, Li–Si phases, Li metal and solid electrolytes, each property in SI with its source
 * and confidence tag (physics-reference §4, seed papers). A case file can say
 * `{"library": "Li21Si5", "youngsModulus": "45 GPa"}`: the case layer converts the units to SI and calls
 * `resolveLibraryMaterial(name, overrides)`, which returns the final record and a provenance record (library vs
 * override per property) for results.json.
 * Names: exact canonical names or aliases; `Li<x>Si` (e.g. `Li3.25Si`) means the amorphous `LixSi` model at that x
 * (crystalline phases go by their formula: `Li15Si4`, not `Li3.75Si`).
 */
import { CONSTANT_SOURCES, RHO_A_SI, RHO_C_SI, RHO_LI, type Confidence, type SourcedValue } from './constants.js';
import { ELECTROLYTES, type ElectrolyteData } from './electrolytes.js';
import {
  DEFAULT_LIXSI_MODEL, LIXSI_MODEL_SOURCES, LI_SI_PHASE_SOURCE, X_MAX, conductivityLixSi, densityFromVolumePerSi,
  densityLixSi, liSiPhase, poissonRatioLixSi, volumeRatio, youngsModulusLixSi, type LixSiModel,
} from './lithiumSilicon.js';

export type MaterialProperty = 'conductivity' | 'youngsModulus' | 'poissonRatio' | 'volumeRatio' | 'density';
export const MATERIAL_PROPERTIES: readonly MaterialProperty[] = ['conductivity', 'youngsModulus', 'poissonRatio', 'volumeRatio', 'density'];
const UNITS: Record<MaterialProperty, string> = {
  conductivity: 'S/m', youngsModulus: 'Pa', poissonRatio: '', volumeRatio: '', density: 'kg/m^3',
};

/** σ is electronic (Si side) or ionic (SSE); a single-potential Ohmic model uses either as "σ" (PR §1.1). */
export type ConductionKind = 'electronic' | 'ionic';

/**
 * A material: conductivity [S/m], youngsModulus [Pa], poissonRatio [–], volumeRatio V/V0 vs unlithiated Si
 * (Si-based materials only), density [kg/m³] (where known), x = Li per Si (Li–Si materials). `sources` has one
 * entry per property present.
 */
export interface MaterialRecord {
  name: string;
  description: string;
  conductionKind: ConductionKind;
  conductivity: number;
  youngsModulus: number;
  poissonRatio: number;
  volumeRatio?: number;
  density?: number;
  x?: number;
  sources: Partial<Record<MaterialProperty, SourcedValue>>;
}

/** SI values replacing library values; `x` (Li per Si) only for the parameterised `LixSi`. */
export type MaterialOverrides = Partial<Record<MaterialProperty | 'x', number>>;
/** Keys a case file may override next to `library` (for the case schema). */
export const MATERIAL_OVERRIDE_KEYS: readonly (MaterialProperty | 'x')[] = [...MATERIAL_PROPERTIES, 'x'];

/** Plausible SI ranges: an override outside them is almost surely a unit slip (e.g. 45 meant as GPa). */
const PLAUSIBLE: Record<MaterialProperty | 'x', { min: number; max: number; hint: string }> = {
  conductivity: { min: 1e-12, max: 1e9, hint: 'S/m (1 mS/cm = 0.1 S/m)' },
  youngsModulus: { min: 1e6, max: 2e12, hint: 'Pa (45 GPa = 4.5e10 Pa)' },
  poissonRatio: { min: -0.999, max: 0.4999, hint: 'dimensionless, in (−1, 0.5)' },
  volumeRatio: { min: 0.1, max: 10, hint: 'V/V0, dimensionless (Li15Si4 ≈ 3.81)' },
  density: { min: 100, max: 3e4, hint: 'kg/m³ (2.33 g/cm³ = 2330 kg/m³)' },
  x: { min: 0, max: X_MAX, hint: 'Li per Si' },
};

interface LibraryEntry {
  name: string;
  aliases: readonly string[];
  parameterised: boolean;
  build(x: number | undefined): MaterialRecord;
}

const sv = (value: number, unit: string, confidence: Confidence, source: string, extra: Partial<SourcedValue> = {}): SourcedValue =>
  ({ value, unit, confidence, source, ...extra });

function fromSources(
  name: string, description: string, conductionKind: ConductionKind,
  sources: Partial<Record<MaterialProperty, SourcedValue>>, x?: number,
): MaterialRecord {
  const rec: MaterialRecord = {
    name, description, conductionKind,
    conductivity: sources.conductivity!.value,
    youngsModulus: sources.youngsModulus!.value,
    poissonRatio: sources.poissonRatio!.value,
    sources,
  };
  if (sources.volumeRatio) rec.volumeRatio = sources.volumeRatio.value;
  if (sources.density) rec.density = sources.density.value;
  if (x !== undefined) rec.x = x;
  return rec;
}

/** Li_xSi record (amorphous lithiation model of lithiumSilicon.ts) at x, with an optional custom model. */
export function lixSiMaterial(x: number, model: LixSiModel = DEFAULT_LIXSI_MODEL): MaterialRecord {
  const S = LIXSI_MODEL_SOURCES;
  const at = `Li_xSi model at x = ${x}`;
  const vol = model.volume.kind === 'linear' ? `V/V0 = 1 + ${model.volume.slope}x` : 'V/V0 interpolated through the PR §4.2 phases';
  return fromSources(`LixSi`, `a-Li_xSi, x = ${x} (lithiation model, PR §4.2–4.4)`, 'electronic', {
    conductivity: sv(conductivityLixSi(x, model), 'S/m', 'D',
      `${at}: ${model.conductivityInterpolation} in x from ${model.conductivity[0]} S/m (${S.conductivity0!.source}) to ${model.conductivity[1]} S/m at x = ${model.xRef} (${S.conductivityRef!.source})`,
      { range: [model.conductivity[0], model.conductivity[1]], note: 'end point at xRef is an assumption' }),
    youngsModulus: sv(youngsModulusLixSi(x, model), 'Pa', 'D',
      `${at}: ${model.youngsInterpolation} in x from ${model.youngsModulus[0]} Pa (${S.youngsModulus0!.source}) to ${model.youngsModulus[1]} Pa at x = ${model.xRef} (${S.youngsModulusRef!.source})`),
    poissonRatio: sv(poissonRatioLixSi(x, model), '', 'D',
      `${at}: ${model.poissonInterpolation} in x from ${model.poissonRatio[0]} to ${model.poissonRatio[1]} (${S.poissonRatioRef!.source})`),
    volumeRatio: sv(volumeRatio(x, model.volume), '', 'D', `${vol}; ${S.volumeSlope!.source}`),
    density: sv(densityLixSi(x, model.volume), 'kg/m^3', 'D', `ρ_cSi(1 + x M_Li/M_Si)/(V/V0), ${vol}`),
  }, x);
}

/** A crystalline Li–Si phase: volume and density from crystal data, E/ν/σ from the Li_xSi model at its x. */
function crystallinePhase(name: string, note: string): MaterialRecord {
  const p = liSiPhase(name);
  const v = p.volumePerSiA3!;
  const lix = lixSiMaterial(p.x);
  const model = (prop: MaterialProperty, confidence: Confidence) =>
    sv(lix.sources[prop]!.value, UNITS[prop], confidence, `${lix.sources[prop]!.source} [evaluated at x = ${p.x.toFixed(4)}]`,
      prop === 'youngsModulus' && note ? { note } : {});
  return fromSources(name, `crystalline ${name} (${p.structure}), x = ${p.x.toFixed(4)}`, 'electronic', {
    conductivity: model('conductivity', 'assumption'),
    youngsModulus: model('youngsModulus', 'D'),
    poissonRatio: model('poissonRatio', 'D'),
    volumeRatio: sv(volumeRatio(p.x, { kind: 'phases' }), '', 'D', `${v} Å³ per Si / 20.02 Å³; ${LI_SI_PHASE_SOURCE}`),
    density: sv(densityFromVolumePerSi(p.x, v), 'kg/m^3', 'D', `(M_Si + x M_Li)/(N_A · ${v} Å³); ${LI_SI_PHASE_SOURCE}`),
  }, p.x);
}

/** x used for `LixSi` when neither the name nor the overrides give one: full amorphous lithiation Li3.75Si. */
export const DEFAULT_LIXSI_X = 3.75;

const siConductivity = LIXSI_MODEL_SOURCES.conductivity0!;

const SI_ENTRIES: LibraryEntry[] = [
  {
    name: 'c-Si', aliases: ['Si', 'cSi'], parameterised: false,
    build: () => fromSources('c-Si', 'crystalline Si (isotropic average moduli)', 'electronic', {
      conductivity: { ...siConductivity },
      youngsModulus: sv(160e9, 'Pa', 'K', 'PR §4.3: isotropic average ≈160–165 GPa (130 ⟨100⟩ … 188 ⟨111⟩); Hopcroft, Nix & Kenny, J. MEMS 19, 229 (2010)',
        { range: [130e9, 188e9], note: 'seed 000 quotes 90 GPa for "pristine Si" (the a-Si value); use a-Si for that reading' }),
      poissonRatio: sv(0.22, '', 'K', 'PR §4.3 (strongly direction dependent, ≈0.05–0.4); Hopcroft et al. 2010', { range: [0.05, 0.4] }),
      volumeRatio: sv(1, '', 'D', 'reference state of V/V0 (definition)'),
      density: sv(RHO_C_SI, 'kg/m^3', 'K', CONSTANT_SOURCES.RHO_C_SI!.source),
    }),
  },
  {
    name: 'a-Si', aliases: ['aSi'], parameterised: false,
    build: () => fromSources('a-Si', 'amorphous Si (sputtered films of seed 003)', 'electronic', {
      conductivity: sv(1e-5, 'S/m', 'assumption', 'PR §4.4: undoped a-Si ~1e-7–1e-3 S/m depending on H content (log-mid taken)', { range: [1e-7, 1e-3] }),
      youngsModulus: { ...LIXSI_MODEL_SOURCES.youngsModulus0! },
      poissonRatio: { ...LIXSI_MODEL_SOURCES.poissonRatio0! },
      volumeRatio: sv(1, '', 'D', 'unlithiated reference state (definition); a-Si is ≈1.9 % less dense than c-Si'),
      density: sv(RHO_A_SI, 'kg/m^3', 'K', CONSTANT_SOURCES.RHO_A_SI!.source, { range: [2000, 2300] }),
    }),
  },
  { name: 'LixSi', aliases: [], parameterised: true, build: (x) => lixSiMaterial(x ?? DEFAULT_LIXSI_X) },
  { name: 'Li12Si7', aliases: [], parameterised: false, build: () => crystallinePhase('Li12Si7', '') },
  { name: 'Li13Si4', aliases: [], parameterised: false, build: () => crystallinePhase('Li13Si4', '') },
  {
    name: 'Li15Si4', aliases: [], parameterised: false,
    build: () => crystallinePhase('Li15Si4', 'with ν = 0.28, K = 30 GPa matches DFT Li15Si4 K ≈ 30 GPa (PR §4.3, Kim et al. 2011)'),
  },
  {
    name: 'Li21Si5', aliases: ['Li22Si5'], parameterised: false,
    build: () => crystallinePhase('Li21Si5', 'saturated model value; DFT Li21Si5/Li22Si5 E ≈ 35–45 GPa, K ≈ 25 GPa (PR §4.3, Kim et al. 2011; Schwalbe et al. arXiv:1610.08991)'),
  },
  {
    name: 'Li', aliases: ['Li metal'], parameterised: false,
    build: () => fromSources('Li', 'Li metal', 'electronic', {
      conductivity: sv(1.1e7, 'S/m', 'K', 'PR §4.1/§4.4'),
      youngsModulus: sv(4.9e9, 'Pa', 'V', 'PR §4.3: polycrystal 4.9 GPa; Herbert et al., J. Mater. Res. (2018) doi:10.1557/jmr.2018.83', { range: [3.1e9, 21.4e9] }),
      poissonRatio: sv(0.36, '', 'V', 'PR §4.3: Herbert et al. 2018'),
      density: sv(RHO_LI, 'kg/m^3', 'K', CONSTANT_SOURCES.RHO_LI!.source),
    }),
  },
];

function electrolyteEntry(e: ElectrolyteData): LibraryEntry {
  const sources: Partial<Record<MaterialProperty, SourcedValue>> = {
    conductivity: { ...e.conductivity }, youngsModulus: { ...e.youngsModulus }, poissonRatio: { ...e.poissonRatio },
  };
  if (e.density) sources.density = { ...e.density };
  return { name: e.name, aliases: e.aliases, parameterised: false, build: () => fromSources(e.name, e.description, 'ionic', sources) };
}

const ENTRIES: readonly LibraryEntry[] = [...SI_ENTRIES, ...ELECTROLYTES.map(electrolyteEntry)];
const BY_NAME = new Map<string, LibraryEntry>();
for (const e of ENTRIES) for (const n of [e.name, ...e.aliases]) BY_NAME.set(n, e);

/** Canonical names of all library materials. */
export function listMaterials(): string[] {
  return ENTRIES.map((e) => e.name);
}

/** Entry and x implied by a name ('Li2.5Si' → LixSi at 2.5). Throws listing the known names. */
function lookup(name: string): { entry: LibraryEntry; xFromName?: number } {
  const direct = BY_NAME.get(name);
  if (direct) return { entry: direct };
  const m = /^Li(\d+(?:\.\d+)?|\.\d+)Si$/.exec(name);
  if (m) return { entry: BY_NAME.get('LixSi')!, xFromName: Number(m[1]) };
  const ci = [...BY_NAME.keys()].filter((k) => k.toLowerCase() === name.toLowerCase());
  throw new Error(
    `unknown library material '${name}'${ci.length ? ` (did you mean '${ci[0]}'? names are case-sensitive)` : ''}; `
    + `known: ${listMaterials().join(', ')} (aliases: ${ENTRIES.flatMap((e) => e.aliases).join(', ')}; 'Li<x>Si' = LixSi at x)`,
  );
}

function checkOverrides(name: string, overrides: MaterialOverrides): void {
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    const lim = PLAUSIBLE[k as MaterialProperty | 'x'];
    if (!lim) throw new Error(`material '${name}': unknown property '${k}'; allowed: ${MATERIAL_OVERRIDE_KEYS.join(', ')}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`material '${name}': ${k} must be a finite SI number (convert units first), got ${String(v)}`);
    }
    if (v < lim.min || v > lim.max) {
      throw new Error(`material '${name}': ${k} = ${v} is outside the plausible range [${lim.min}, ${lim.max}] ${lim.hint} — unit slip?`);
    }
  }
}

/** How a value in the final record came about. */
export type ValueOrigin = 'library' | 'override' | 'name' | 'default';

export interface PropertyProvenance {
  value: number;
  unit: string;
  origin: 'library' | 'override';
  /** Library source; for an override, the library value it replaced is in `libraryValue`. */
  source: string;
  confidence: Confidence;
  range?: [number, number];
  libraryValue?: number;
}

export interface MaterialProvenance {
  requested: string;
  library: string;
  x?: { value: number; origin: ValueOrigin };
  properties: Partial<Record<MaterialProperty, PropertyProvenance>>;
}

/** Final SI values of a material (no sources), as physics consumes them. */
export interface ResolvedMaterial {
  name: string;
  conductionKind: ConductionKind;
  conductivity: number;
  youngsModulus: number;
  poissonRatio: number;
  volumeRatio?: number;
  density?: number;
  x?: number;
}

/**
 * Library material `name` with SI `overrides` applied and a provenance record (JSON-serialisable) saying which
 * value is library and which overridden. Throws on unknown names, unknown override keys, non-finite or implausible
 * override values (unit slips), and on `x` for anything but LixSi.
 */
export function resolveLibraryMaterial(
  name: string, overrides: MaterialOverrides = {},
): { material: ResolvedMaterial; record: MaterialRecord; provenance: MaterialProvenance } {
  const { entry, xFromName } = lookup(name);
  checkOverrides(name, overrides);
  const xOverride = overrides.x;
  if (xOverride !== undefined && !entry.parameterised) {
    throw new Error(`material '${name}': 'x' can only be set for LixSi (the x of '${entry.name}' is fixed${entry.name.startsWith('Li') ? ' by stoichiometry' : ''})`);
  }
  let xInfo: MaterialProvenance['x'];
  if (entry.parameterised) {
    const xv = xOverride ?? xFromName ?? DEFAULT_LIXSI_X;
    xInfo = { value: xv, origin: xOverride !== undefined ? 'override' : xFromName !== undefined ? 'name' : 'default' };
  }
  // Deep copy: callers may mutate what they get without touching the library's shared source objects.
  const base = structuredClone(entry.build(xInfo?.value));
  const record: MaterialRecord = { ...base, sources: { ...base.sources } }; // overrides replace entries, never mutate
  const properties: Partial<Record<MaterialProperty, PropertyProvenance>> = {};
  for (const prop of MATERIAL_PROPERTIES) {
    const lib = base.sources[prop];
    const ov = overrides[prop];
    if (ov !== undefined) {
      record[prop] = ov;
      const replaced = lib ? `replaces library ${lib.value} ${UNITS[prop]} (${lib.source})` : 'no library value';
      record.sources[prop] = sv(ov, UNITS[prop], 'user', `case-file override; ${replaced}`);
      properties[prop] = { value: ov, unit: UNITS[prop], origin: 'override', source: `case-file override; ${replaced}`, confidence: 'user' };
      if (lib) properties[prop]!.libraryValue = lib.value;
    } else if (lib) {
      properties[prop] = { value: lib.value, unit: UNITS[prop], origin: 'library', source: lib.source, confidence: lib.confidence };
      if (lib.range) properties[prop]!.range = [lib.range[0], lib.range[1]];
    }
  }
  const material: ResolvedMaterial = {
    name: record.name, conductionKind: record.conductionKind,
    conductivity: record.conductivity, youngsModulus: record.youngsModulus, poissonRatio: record.poissonRatio,
  };
  if (record.volumeRatio !== undefined) material.volumeRatio = record.volumeRatio;
  if (record.density !== undefined) material.density = record.density;
  if (record.x !== undefined) material.x = record.x;
  const provenance: MaterialProvenance = { requested: name, library: entry.name, properties };
  if (xInfo) provenance.x = xInfo;
  return { material, record, provenance };
}

/** The library record of `name` with optional SI overrides applied (overridden sources say so). */
export function getMaterial(name: string, overrides?: MaterialOverrides): MaterialRecord {
  return resolveLibraryMaterial(name, overrides).record;
}
