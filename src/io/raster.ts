/**
 * Scan conversion of triangles into a value raster with linear (barycentric) interpolation of vertex values.
 * Pixel (i, j) is sampled at its centre (i + ½, j + ½). A pixel centre on a shared edge belongs to both
 * triangles (a tiny inclusive tolerance), so adjacent triangles leave no cracks; for a continuous field both
 * give the same value there.
 */

/**
 * Writes λ-interpolated values of triangle (a, b, c) — pixel coordinates (ax, ay) …, vertex values av, bv, cv —
 * into `buf` [h × w] (row-major) at every covered pixel centre. Either orientation; degenerate triangles are
 * skipped.
 */
export function rasterizeTriangle(
  buf: Float64Array, w: number, h: number,
  ax: number, ay: number, av: number,
  bx: number, by: number, bv: number,
  cx: number, cy: number, cv: number,
): void {
  const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
  if (!(Math.abs(area) > 0)) return;
  const inv = 1 / area;
  const tol = -1e-9;
  const i0 = Math.max(0, Math.floor(Math.min(ax, bx, cx) - 0.5));
  const i1 = Math.min(w - 1, Math.ceil(Math.max(ax, bx, cx) - 0.5));
  const j0 = Math.max(0, Math.floor(Math.min(ay, by, cy) - 0.5));
  const j1 = Math.min(h - 1, Math.ceil(Math.max(ay, by, cy) - 0.5));
  for (let j = j0; j <= j1; j++) {
    const py = j + 0.5;
    for (let i = i0; i <= i1; i++) {
      const px = i + 0.5;
      // λ_a, λ_b, λ_c: signed sub-areas over the full area (all ≥ 0 inside, whatever the orientation)
      const la = ((bx - px) * (cy - py) - (cx - px) * (by - py)) * inv;
      if (la < tol) continue;
      const lb = ((cx - px) * (ay - py) - (ax - px) * (cy - py)) * inv;
      if (lb < tol) continue;
      const lc = 1 - la - lb;
      if (lc < tol) continue;
      buf[j * w + i] = la * av + lb * bv + lc * cv;
    }
  }
}
