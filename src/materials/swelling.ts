/**
 * Volume swelling ↔ isotropic linear eigenstrain β (ε* = β·I₃), physics-reference §5.
 *
 * With Vr = V/V0 the volume ratio:
 * - 'engineering': β = Vr^(1/3) − 1 (stretch − 1; the only measure whose small-strain free expansion (1+β)³
 *   reproduces Vr geometrically),
 * - 'logarithmic': β = ln(Vr)/3 (Hencky),
 * - 'linearized':  β = (Vr − 1)/3 (linear volumetric strain, as in β = Ω Δc/3 of diffusion-induced stress).
 * At Vr = 4 these are 0.587, 0.462 and 1.000.
 */

export type SwellingMeasure = 'engineering' | 'logarithmic' | 'linearized';

/** Isotropic linear eigenstrain β (dimensionless) of a volume ratio Vr = V/V0 > 0 in the given measure. */
export function eigenstrainFromVolumeRatio(Vr: number, measure: SwellingMeasure): number {
  if (!(Vr > 0)) throw new Error(`eigenstrainFromVolumeRatio: volume ratio must be > 0, got ${Vr}`);
  switch (measure) {
    case 'engineering': return Math.cbrt(Vr) - 1;
    case 'logarithmic': return Math.log(Vr) / 3;
    case 'linearized': return (Vr - 1) / 3;
    default: throw new Error(`eigenstrainFromVolumeRatio: unknown measure '${String(measure)}' (engineering, logarithmic, linearized)`);
  }
}

/**
 * Volume ratio of Li_xSi relative to c-Si, V/V0 ≈ 1 + 0.75·x (x = Li per Si): volume per Si grows linearly by
 * ≈ 15 Å³ per Li on 20.0 Å³ per Si (Obrovac & Chevrier, Chem. Rev. 114, 11444 (2014), doi:10.1021/cr500207g;
 * physics-reference §4.2). `slope` overrides 0.75 (fits over the Li–Si phases give 0.68–0.75).
 */
export function volumeRatioFromX(x: number, slope = 0.75): number {
  if (!(x >= 0)) throw new Error(`volumeRatioFromX: x must be ≥ 0, got ${x}`);
  return 1 + slope * x;
}
