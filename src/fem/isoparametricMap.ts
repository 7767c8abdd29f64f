/**
 * The isoparametric map of one triangle at one reference point: the one definition of the Jacobian arithmetic,
 * shared by CellValues and by kernels that cannot hold a CellValues (worker-side stress recovery), so both give
 * the same bits. Plain function on typed arrays (no imports), usable in worker kernel modules.
 *
 * Inputs: `X` [ng × 2] cell node coordinates (ng = 3 affine, 6 curved P2 geometry), `gVal` [nq × ng] and `gGrad`
 * [nq × ng × 2] the geometry basis tabulated at the points, `q` the point. Output `out` [7]:
 * (J⁻ᵀ as a00, a01, a10, a11; det J; x, y) with ∇N = J⁻ᵀ ∇̂N. Throws when det J ≤ 0, naming `cell` and `q`.
 */
export function mapPoint(
  X: Float64Array, ng: number, gVal: Float64Array, gGrad: Float64Array, q: number, cell: number, out: Float64Array,
): void {
  let j00: number, j01: number, j10: number, j11: number;
  let x = 0, y = 0;
  const go = q * ng;
  if (ng === 3) {
    // Affine geometry: J is constant, from the edge vectors.
    j00 = X[2]! - X[0]!; j01 = X[4]! - X[0]!; j10 = X[3]! - X[1]!; j11 = X[5]! - X[1]!;
    for (let a = 0; a < 3; a++) { const v = gVal[go + a]!; x += X[2 * a]! * v; y += X[2 * a + 1]! * v; }
  } else {
    // J = [[∂x/∂ξ, ∂x/∂η], [∂y/∂ξ, ∂y/∂η]] and x(ξ_q).
    j00 = 0; j01 = 0; j10 = 0; j11 = 0;
    for (let a = 0; a < ng; a++) {
      const xa = X[2 * a]!, ya = X[2 * a + 1]!;
      const gx = gGrad[2 * (go + a)]!, gy = gGrad[2 * (go + a) + 1]!;
      const v = gVal[go + a]!;
      j00 += xa * gx; j01 += xa * gy;
      j10 += ya * gx; j11 += ya * gy;
      x += xa * v; y += ya * v;
    }
  }
  const det = j00 * j11 - j01 * j10;
  if (!(det > 0)) throw new Error(`cell ${cell} is inverted or degenerate: det J = ${det} at quadrature point ${q}`);
  const inv = 1 / det;
  out[0] = j11 * inv; out[1] = -j10 * inv; out[2] = -j01 * inv; out[3] = j00 * inv;
  out[4] = det; out[5] = x; out[6] = y;
}
