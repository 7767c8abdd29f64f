/**
 * Closed-form elastic fields of concentric layers with piecewise-constant E, ν and isotropic eigenstrain β
 * (physics-reference §6.2): spheres (u = A r + B/r²) and long cylinders in plane strain (u = A r + B/r,
 * ε_z = 0) or generalized plane strain (uniform ε_z = ε0, zero axial force). Solid centre (B₁ = 0) or a hollow
 * one with inner pressure; outer pressure p_out (> 0 compresses). Used as the reference for mechanics tests and
 * the reproductions' validations (core–shell misfit, inclusion in a matrix).
 *
 * The 2N (+1) continuity equations form a small dense system, solved with ml-matrix (LU): a few dozen unknowns,
 * never in a hot loop. SI units: radii m, moduli Pa, stresses Pa.
 */
import { Matrix, solve } from 'ml-matrix';

export interface ElasticLayer {
  /** Outer radius of the layer, m (layers listed from the centre out, radii increasing). */
  readonly outerRadius: number;
  readonly E: number;
  readonly nu: number;
  /** Isotropic eigenstrain β (default 0). */
  readonly beta?: number;
}

export interface LayeredOptions {
  readonly geometry: 'sphere' | 'planeStrainCylinder' | 'generalizedPlaneStrainCylinder';
  /** Inner radius of the first layer (0: solid centre). */
  readonly innerRadius?: number;
  readonly innerPressure?: number;
  readonly outerPressure?: number;
}

/** Stresses at radius r (Pa): radial, hoop, and axial (cylinders; equal to hoop for spheres). */
export interface RadialStress { sr: number; st: number; sz: number; u: number }

export interface LayeredSolution {
  /** ε_z of generalized plane strain (0 otherwise). */
  readonly axialStrain: number;
  /** Fields at r; at a layer radius `side` picks the inner (-1) or outer (+1) layer. */
  at(r: number, side?: -1 | 1): RadialStress;
}

const lame = (E: number, nu: number) => ({ lambda: (E * nu) / ((1 + nu) * (1 - 2 * nu)), mu: E / (2 * (1 + nu)), K: E / (3 * (1 - 2 * nu)) });

export function solveLayered(layers: readonly ElasticLayer[], opts: LayeredOptions): LayeredSolution {
  const n = layers.length;
  if (n === 0) throw new Error('solveLayered: no layers');
  const r0 = opts.innerRadius ?? 0;
  const sphere = opts.geometry === 'sphere';
  const gps = opts.geometry === 'generalizedPlaneStrainCylinder';
  const m = 2 * n + (gps ? 1 : 0);
  const A = Matrix.zeros(m, m);
  const b = Matrix.zeros(m, 1);
  const p = layers.map((l) => ({ ...lame(l.E, l.nu), beta: l.beta ?? 0 }));
  const e0 = 2 * n; // index of ε0 (gps)
  // Radial stress row coefficients at r for layer i: σ_r = cA·A_i + cB·B_i + c0·ε0 + rhs0.
  const srCoef = (i: number, r: number) => {
    const q = p[i]!;
    if (sphere) return { cA: 3 * q.K, cB: -4 * q.mu / r ** 3, c0: 0, k: -3 * q.K * q.beta };
    return { cA: 2 * (q.lambda + q.mu), cB: -2 * q.mu / r ** 2, c0: q.lambda, k: -3 * q.K * q.beta };
  };
  const uCoef = (r: number) => (sphere ? { cA: r, cB: 1 / r ** 2 } : { cA: r, cB: 1 / r });
  let row = 0;
  // Inner condition.
  if (r0 === 0) { A.set(row, 1, 1); row++; }
  else {
    const c = srCoef(0, r0);
    A.set(row, 0, c.cA); A.set(row, 1, c.cB); if (gps) A.set(row, e0, c.c0);
    b.set(row, 0, -(opts.innerPressure ?? 0) - c.k); row++;
  }
  // Interfaces: continuity of u and σ_r.
  for (let i = 0; i + 1 < n; i++) {
    const r = layers[i]!.outerRadius;
    const u = uCoef(r);
    A.set(row, 2 * i, u.cA); A.set(row, 2 * i + 1, u.cB); A.set(row, 2 * i + 2, -u.cA); A.set(row, 2 * i + 3, -u.cB); row++;
    const a = srCoef(i, r), c = srCoef(i + 1, r);
    A.set(row, 2 * i, a.cA); A.set(row, 2 * i + 1, a.cB); A.set(row, 2 * i + 2, -c.cA); A.set(row, 2 * i + 3, -c.cB);
    if (gps) A.set(row, e0, a.c0 - c.c0);
    b.set(row, 0, c.k - a.k); row++;
  }
  // Outer surface.
  const R = layers[n - 1]!.outerRadius;
  const c = srCoef(n - 1, R);
  A.set(row, 2 * n - 2, c.cA); A.set(row, 2 * n - 1, c.cB); if (gps) A.set(row, e0, c.c0);
  b.set(row, 0, -(opts.outerPressure ?? 0) - c.k); row++;
  // Generalized plane strain: ∫ σ_z r dr = 0 with σ_z = 2λA + (λ + 2μ)ε0 − 3Kβ (the B/r² terms cancel).
  if (gps) {
    let rIn = r0;
    for (let i = 0; i < n; i++) {
      const q = p[i]!, rOut = layers[i]!.outerRadius, w = (rOut ** 2 - rIn ** 2) / 2;
      A.set(row, 2 * i, A.get(row, 2 * i) + 2 * q.lambda * w);
      A.set(row, e0, A.get(row, e0) + (q.lambda + 2 * q.mu) * w);
      b.set(row, 0, b.get(row, 0) + 3 * q.K * q.beta * w);
      rIn = rOut;
    }
    row++;
  }
  const x = solve(A, b);
  const coef = (i: number) => ({ a: x.get(2 * i, 0), bb: x.get(2 * i + 1, 0) });
  const eps0 = gps ? x.get(e0, 0) : 0;
  const layerAt = (r: number, side: -1 | 1) => {
    for (let i = 0; i < n; i++) {
      const ro = layers[i]!.outerRadius;
      if (r < ro || (r === ro && side < 0) || i === n - 1) return i;
    }
    return n - 1;
  };
  return {
    axialStrain: eps0,
    at(r: number, side: -1 | 1 = -1): RadialStress {
      const i = layerAt(r, side);
      const q = p[i]!, { a, bb } = coef(i);
      if (sphere) {
        const sr = 3 * q.K * (a - q.beta) - (4 * q.mu * bb) / r ** 3;
        const st = 3 * q.K * (a - q.beta) + (2 * q.mu * bb) / r ** 3;
        return { sr, st, sz: st, u: a * r + bb / r ** 2 };
      }
      const base = 2 * (q.lambda + q.mu) * a + q.lambda * eps0 - 3 * q.K * q.beta;
      return {
        sr: base - (2 * q.mu * bb) / r ** 2, st: base + (2 * q.mu * bb) / r ** 2,
        sz: 2 * q.lambda * a + (q.lambda + 2 * q.mu) * eps0 - 3 * q.K * q.beta, u: a * r + bb / r,
      };
    },
  };
}
