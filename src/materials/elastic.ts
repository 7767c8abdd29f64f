/**
 * Isotropic linear elasticity with an isotropic eigenstrain ε* = β·I₃ (swelling, like a thermal strain α ΔT).
 *
 *   σ = λ tr(ε − ε*) I + 2μ (ε − ε*) = λ tr(ε) I + 2μ ε − 3Kβ I,   3K = 3λ + 2μ
 *
 * Tensors in 2D models are stored as 4 components [e00, e11, e01, e33] (tensor shear e01, not γ):
 * - plane models (x, y): [xx, yy, xy, zz];
 * - axisymmetric models (r, z): [rr, zz, rz, θθ] (the hoop component takes the out-of-plane slot).
 * Formulations (physics-reference §1.4, §6):
 * - 'planeStrain': ε_zz = 0, σ_zz = λ(ε_xx + ε_yy) − 3Kβ (the out-of-plane eigenstrain counts).
 * - 'planeStress': σ_zz = 0, ε_zz free: ε_zz = (3Kβ − λ(ε_xx + ε_yy))/(λ + 2μ); in-plane
 *   σ = λ* tr₂ε I + 2μ ε − Eβ/(1 − ν) I with λ* = 2λμ/(λ + 2μ) = Eν/(1 − ν²).
 * - 'axisymmetric': ε_θθ = u_r/r, σ_θθ = λ tr ε + 2μ ε_θθ − 3Kβ.
 * - 'generalizedPlaneStrain': ε_zz = ε0 uniform (one extra unknown fixed by the axial force, see
 *   src/physics/elasticityAxial.ts), σ_zz = λ(ε_xx + ε_yy) + (λ + 2μ)ε0 − 3Kβ; ε0 is passed as strain[3].
 * Units: moduli and stresses in Pa, strains dimensionless.
 */

export type ElasticFormulation = 'planeStrain' | 'planeStress' | 'axisymmetric' | 'generalizedPlaneStrain';

/** Lamé constants (Pa) from Young's modulus E (Pa) and Poisson's ratio ν (−1 < ν < 0.5). */
export function lameFromYoung(E: number, nu: number): { lambda: number; mu: number } {
  return { lambda: (E * nu) / ((1 + nu) * (1 - 2 * nu)), mu: E / (2 * (1 + nu)) };
}

/** Plane-stress reduced Lamé constants (Pa): λ* = Eν/(1 − ν²), μ = E/(2(1 + ν)). */
export function planeStressLame(E: number, nu: number): { lambda: number; mu: number } {
  return { lambda: (E * nu) / (1 - nu * nu), mu: E / (2 * (1 + nu)) };
}

/** Bulk modulus K = E/(3(1 − 2ν)), Pa. */
export function bulkModulus(E: number, nu: number): number {
  return E / (3 * (1 - 2 * nu));
}

/**
 * The constants the 2D element needs for one material point, written into `out` [3]:
 * out[0] = λ_eff (λ, or λ* in plane stress), out[1] = μ, out[2] = κ the eigenstress coefficient
 * (in-plane stress of a fully constrained unit eigenstrain: 3K, or E/(1 − ν) in plane stress). Pa.
 */
export function effectiveConstants(formulation: ElasticFormulation, E: number, nu: number, out: Float64Array): void {
  const mu = E / (2 * (1 + nu));
  if (formulation === 'planeStress') {
    out[0] = (E * nu) / (1 - nu * nu);
    out[1] = mu;
    out[2] = E / (1 - nu);
  } else {
    out[0] = (E * nu) / ((1 + nu) * (1 - 2 * nu));
    out[1] = mu;
    out[2] = E / (1 - 2 * nu);
  }
}

/**
 * Stress from strain for one material point. `strain` [4] = [e00, e11, e01, e33] where e33 is ignored in plane
 * strain (taken as 0) and plane stress (computed), and is ε_θθ = u_r/r in axisymmetry or ε0 in generalized plane
 * strain. Writes `stress` [4]
 * (Pa) and, when given, the completed strain `strainOut` [4] (the plane-stress ε_zz or the plane-strain 0).
 */
export function stressFromStrain(
  formulation: ElasticFormulation, E: number, nu: number, beta: number,
  strain: ArrayLike<number>, stress: Float64Array, strainOut?: Float64Array, offsetIn = 0, offsetOut = 0,
): void {
  // Inline Lamé constants: this runs per quadrature point, so no object allocation.
  const lambda = (E * nu) / ((1 + nu) * (1 - 2 * nu));
  const mu = E / (2 * (1 + nu));
  const threeK = 3 * lambda + 2 * mu;
  const e0 = strain[offsetIn]!;
  const e1 = strain[offsetIn + 1]!;
  const e01 = strain[offsetIn + 2]!;
  let e3: number;
  if (formulation === 'planeStrain') e3 = 0;
  else if (formulation === 'planeStress') e3 = (threeK * beta - lambda * (e0 + e1)) / (lambda + 2 * mu);
  else e3 = strain[offsetIn + 3]!;
  const tr = e0 + e1 + e3;
  const s = lambda * tr - threeK * beta;
  stress[offsetOut] = s + 2 * mu * e0;
  stress[offsetOut + 1] = s + 2 * mu * e1;
  stress[offsetOut + 2] = 2 * mu * e01;
  // Plane stress: this is 0 by construction of e3 (up to round-off), so store the exact 0.
  stress[offsetOut + 3] = formulation === 'planeStress' ? 0 : s + 2 * mu * e3;
  if (strainOut) {
    strainOut[offsetOut] = e0;
    strainOut[offsetOut + 1] = e1;
    strainOut[offsetOut + 2] = e01;
    strainOut[offsetOut + 3] = e3;
  }
}

/** Von Mises stress (Pa) of a 4-component stress [s00, s11, s01, s33] starting at `o` (includes σ_zz / σ_θθ). */
export function vonMises(s: ArrayLike<number>, o = 0): number {
  const a = s[o]!, b = s[o + 1]!, t = s[o + 2]!, c = s[o + 3]!;
  return Math.sqrt(0.5 * ((a - b) * (a - b) + (b - c) * (b - c) + (c - a) * (c - a)) + 3 * t * t);
}

/** Hydrostatic stress (s00 + s11 + s33)/3, Pa (negative = compression). */
export function hydrostatic(s: ArrayLike<number>, o = 0): number {
  return (s[o]! + s[o + 1]! + s[o + 3]!) / 3;
}

/**
 * Principal stresses of [s00, s11, s01, s33] into `out` [3], descending (σ1 ≥ σ2 ≥ σ3): the two in-plane
 * eigenvalues and the out-of-plane component (which is principal in these 2D models).
 */
export function principalStresses(s: ArrayLike<number>, out: Float64Array, o = 0): void {
  const a = s[o]!, b = s[o + 1]!, t = s[o + 2]!, c = s[o + 3]!;
  const m = 0.5 * (a + b);
  const r = Math.hypot(0.5 * (a - b), t);
  let p1 = m + r, p2 = m - r, p3 = c;
  // Sort three numbers descending.
  if (p3 > p1) { const x = p1; p1 = p3; p3 = x; }
  if (p3 > p2) { const x = p2; p2 = p3; p3 = x; }
  out[0] = p1;
  out[1] = p2;
  out[2] = p3;
}
