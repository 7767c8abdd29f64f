/**
 * Property blending across the diffuse level-set interface (physics-reference §1.5).
 * φ = 1 is the unreacted phase (value `a1`), φ = 0 the reacted one (value `a0`). φ is clamped to [0, 1].
 * - linear:   φ·a1 + (1 − φ)·a0            (COMSOL-style volume fractions)
 * - harmonic: 1 / (φ/a1 + (1 − φ)/a0)      (series mixing; the poor conductor dominates)
 * - log:      a1^φ · a0^(1 − φ)            (log-linear; for σ spanning decades). Needs a0, a1 > 0.
 * Units: whatever the inputs carry (the result has the same unit).
 */
export type BlendKind = 'linear' | 'harmonic' | 'log';

export function clamp01(phi: number): number {
  return phi < 0 ? 0 : phi > 1 ? 1 : phi;
}

export function blendLinear(a1: number, a0: number, phi: number): number {
  const p = clamp01(phi);
  return p * a1 + (1 - p) * a0;
}

export function blendHarmonic(a1: number, a0: number, phi: number): number {
  const p = clamp01(phi);
  return 1 / (p / a1 + (1 - p) / a0);
}

export function blendLog(a1: number, a0: number, phi: number): number {
  const p = clamp01(phi);
  return Math.exp(p * Math.log(a1) + (1 - p) * Math.log(a0));
}

/** The blending function of a kind (pick once outside hot loops). */
export function blendFunction(kind: BlendKind): (a1: number, a0: number, phi: number) => number {
  switch (kind) {
    case 'linear': return blendLinear;
    case 'harmonic': return blendHarmonic;
    case 'log': return blendLog;
  }
}
