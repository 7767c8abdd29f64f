/**
 * Unit-tagged quantities in case files. A value is either a plain number, taken as SI, or a string
 * "<number> <unit>" such as "10 mA/cm^2" or "1.5 um". The unit must belong to the quantity's dimension:
 * the engine converts explicitly and never guesses.
 */
export type Dimension =
  | 'length' | 'conductivity' | 'currentDensity' | 'current' | 'currentPerLength' | 'potential'
  | 'stress' | 'time' | 'velocity' | 'density' | 'dimensionless' | 'molarMass';

/** SI factor of each accepted unit, per dimension. */
const UNITS: Record<Dimension, Record<string, number>> = {
  length: { m: 1, cm: 1e-2, mm: 1e-3, um: 1e-6, 'µm': 1e-6, nm: 1e-9 },
  conductivity: { 'S/m': 1, 'S/cm': 100, 'mS/cm': 0.1, 'uS/cm': 1e-4, 'µS/cm': 1e-4 },
  currentDensity: { 'A/m^2': 1, 'A/m2': 1, 'mA/cm^2': 10, 'mA/cm2': 10, 'A/cm^2': 1e4, 'A/cm2': 1e4, 'uA/cm^2': 1e-2, 'µA/cm^2': 1e-2 },
  current: { A: 1, mA: 1e-3, uA: 1e-6, 'µA': 1e-6, nA: 1e-9 },
  currentPerLength: { 'A/m': 1, 'mA/m': 1e-3, 'mA/cm': 0.1 },
  potential: { V: 1, mV: 1e-3 },
  stress: { Pa: 1, kPa: 1e3, MPa: 1e6, GPa: 1e9 },
  time: { s: 1, ms: 1e-3, min: 60, h: 3600 },
  velocity: { 'm/s': 1, 'um/s': 1e-6, 'nm/s': 1e-9, 'um/h': 1e-6 / 3600 },
  density: { 'kg/m^3': 1, 'kg/m3': 1, 'g/cm^3': 1000, 'g/cm3': 1000 },
  dimensionless: { '': 1, '%': 0.01 },
  molarMass: { 'kg/mol': 1, 'g/mol': 1e-3 },
};

/** The units accepted for a dimension, for error messages and the JSON Schema description. */
export function unitsOf(dim: Dimension): string[] {
  return Object.keys(UNITS[dim]).filter((u) => u !== '');
}

/**
 * Converts a case-file quantity to SI. Returns the number, or throws an Error whose message says what is
 * allowed (the caller adds the JSON path).
 */
export function toSI(value: unknown, dim: Dimension): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`must be a finite number, got ${value}`);
    return value;
  }
  if (typeof value !== 'string') throw new Error(`must be a number (SI) or a string "<number> <unit>"`);
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S*)\s*$/.exec(value);
  if (!m) throw new Error(`cannot read "${value}" as "<number> <unit>"`);
  const unit = m[2]!;
  const factor = UNITS[dim][unit];
  if (factor === undefined) {
    throw new Error(`unit "${unit}" is not a ${dim} unit; allowed: ${unitsOf(dim).join(', ') || 'none (plain number)'}`);
  }
  const x = Number(m[1]) * factor;
  if (!Number.isFinite(x)) throw new Error(`must be finite, got "${value}"`);
  return x;
}
