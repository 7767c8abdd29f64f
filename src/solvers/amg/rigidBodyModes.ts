/**
 * Rigid-body modes of 2D elasticity as a near-nullspace for AMG: translations (1,0), (0,1) and the
 * in-plane rotation (−(y−ȳ), x−x̄) about the centroid (centring changes nothing in the spanned space but
 * keeps the three columns well scaled against each other).
 * `coords` [nNodes × 2] interleaved (x0,y0,x1,y1,…), one entry per node that carries both dofs, in dof order.
 * Returns B [2·nNodes × 3] column-major (B[i + j·2·nNodes]), dofs interleaved (x0,y0,x1,y1,…), matching
 * `createAmgPreconditioner({ blockSize: 2, k: 3, nearNullspace: B })`.
 */
export function rigidBodyModes2D(coords: Float64Array): Float64Array {
  const nNodes = coords.length >> 1;
  const n = 2 * nNodes;
  let cx = 0, cy = 0;
  for (let i = 0; i < nNodes; i++) { cx += coords[2 * i]!; cy += coords[2 * i + 1]!; }
  if (nNodes > 0) { cx /= nNodes; cy /= nNodes; }
  const B = new Float64Array(3 * n);
  for (let i = 0; i < nNodes; i++) {
    B[2 * i] = 1;
    B[n + 2 * i + 1] = 1;
    B[2 * n + 2 * i] = -(coords[2 * i + 1]! - cy);
    B[2 * n + 2 * i + 1] = coords[2 * i]! - cx;
  }
  return B;
}
