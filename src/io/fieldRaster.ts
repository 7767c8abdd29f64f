/**
 * Samples a nodal P1 field of a triangle mesh on a regular grid of pixel centres: the structured data a
 * person or a second code can compare cell by cell whatever the meshes. Returned as an ndarray view
 * [ny × nx] (row 0 at the top, y decreasing downwards, like an image) over a Float64Array; NaN outside the mesh.
 * Cost: one pass over the triangles, each filling the pixel centres of its bounding box (barycentric test),
 * so O(nCells + nx·ny). Curved tri6 cells are sampled through their vertex triangle (values linear in it).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import type { Mesh } from '../mesh/mesh.js';

/** The parts of a mesh the sampler reads (a full Mesh, or triangles read back from a VTU). */
export type TriangleSoup = Pick<Mesh, 'points' | 'cells' | 'nodesPerCell' | 'nCells' | 'nPoints'>;

export interface RasterBox { readonly xmin: number; readonly xmax: number; readonly ymin: number; readonly ymax: number }

/** Bounding box of the mesh points, m. */
export function meshBox(mesh: TriangleSoup): RasterBox {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < mesh.nPoints; i++) {
    const x = mesh.points[2 * i]!, y = mesh.points[2 * i + 1]!;
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  return { xmin, xmax, ymin, ymax };
}

/** `values` [nPoints] sampled at the centres of an nx × ny grid over `box` → ndarray [ny × nx]. */
export function rasterizeField(mesh: TriangleSoup, values: Float64Array, nx: number, ny: number, box: RasterBox = meshBox(mesh)): NdArray<Float64Array> {
  if (values.length !== mesh.nPoints) throw new Error(`rasterizeField: ${values.length} values for ${mesh.nPoints} points`);
  const out = ndarray(new Float64Array(nx * ny).fill(NaN), [ny, nx]);
  const dx = (box.xmax - box.xmin) / nx, dy = (box.ymax - box.ymin) / ny;
  const P = mesh.points, npc = mesh.nodesPerCell;
  for (let c = 0; c < mesh.nCells; c++) {
    const a = mesh.cells[c * npc]!, b = mesh.cells[c * npc + 1]!, d = mesh.cells[c * npc + 2]!;
    const xa = P[2 * a]!, ya = P[2 * a + 1]!, xb = P[2 * b]!, yb = P[2 * b + 1]!, xd = P[2 * d]!, yd = P[2 * d + 1]!;
    const det = (xb - xa) * (yd - ya) - (xd - xa) * (yb - ya);
    if (det === 0) continue;
    const i0 = Math.max(0, Math.ceil((Math.min(xa, xb, xd) - box.xmin) / dx - 0.5));
    const i1 = Math.min(nx - 1, Math.floor((Math.max(xa, xb, xd) - box.xmin) / dx - 0.5));
    const j0 = Math.max(0, Math.ceil((box.ymax - Math.max(ya, yb, yd)) / dy - 0.5));
    const j1 = Math.min(ny - 1, Math.floor((box.ymax - Math.min(ya, yb, yd)) / dy - 0.5));
    const tol = -1e-12;
    for (let j = j0; j <= j1; j++) {
      const y = box.ymax - (j + 0.5) * dy;
      for (let i = i0; i <= i1; i++) {
        const x = box.xmin + (i + 0.5) * dx;
        const l1 = ((x - xa) * (yd - ya) - (xd - xa) * (y - ya)) / det;
        const l2 = ((xb - xa) * (y - ya) - (x - xa) * (yb - ya)) / det;
        const l0 = 1 - l1 - l2;
        if (l0 < tol || l1 < tol || l2 < tol) continue;
        out.set(j, i, l0 * values[a]! + l1 * values[b]! + l2 * values[d]!);
      }
    }
  }
  return out;
}

/** Differences of two rasters of the same shape over the pixels where both are defined. */
export function compareRasters(ours: NdArray<Float64Array>, theirs: NdArray<Float64Array>): { nCompared: number; l2Relative: number; maxRelative: number; maxAbs: number } {
  const [ny, nx] = ours.shape as [number, number];
  if (theirs.shape[0] !== ny || theirs.shape[1] !== nx) throw new Error('compareRasters: shapes differ');
  let n = 0, d2 = 0, t2 = 0, dmax = 0, tmax = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = ours.get(j, i), b = theirs.get(j, i);
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      n++;
      d2 += (a - b) ** 2;
      t2 += b * b;
      dmax = Math.max(dmax, Math.abs(a - b));
      tmax = Math.max(tmax, Math.abs(b));
    }
  }
  return { nCompared: n, l2Relative: t2 > 0 ? Math.sqrt(d2 / t2) : Math.sqrt(d2), maxRelative: tmax > 0 ? dmax / tmax : dmax, maxAbs: dmax };
}
