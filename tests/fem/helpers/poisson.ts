import type { CellKernel } from '../../../src/fem/assemble.js';

/**
 * Test-only kernel for −∇·(k∇u) = f (scalar field): Ke_ab = Σ_q k ∇N_a·∇N_b dx, fe_a = Σ_q f N_a dx.
 * With axisymmetric cell values (dx includes 2πr) this is the (r, z) operator −(1/r)∂r(r k ∂r u) − ∂z(k ∂z u).
 */
export function poissonKernel(
  k: (x: number, y: number, cell: number) => number, f: (x: number, y: number) => number,
): CellKernel {
  return (cv, cell, Ke, fe) => {
    const nb = cv.nBasis;
    for (let q = 0; q < cv.nQuad; q++) {
      const x = cv.xq[2 * q]!;
      const y = cv.xq[2 * q + 1]!;
      const kd = k(x, y, cell) * cv.dx[q]!;
      const fd = f(x, y) * cv.dx[q]!;
      const g = q * nb;
      for (let a = 0; a < nb; a++) {
        const ax = cv.dNdx[2 * (g + a)]!;
        const ay = cv.dNdx[2 * (g + a) + 1]!;
        fe[a]! += fd * cv.N[g + a]!;
        for (let b = 0; b < nb; b++) {
          Ke[a * nb + b]! += kd * (ax * cv.dNdx[2 * (g + b)]! + ay * cv.dNdx[2 * (g + b) + 1]!);
        }
      }
    }
  };
}
