/**
 * Affine transforms of mesh coordinates (scale, rotation about the origin, translation), applied in that order,
 * e.g. to place a mesh drawn in µm or in another frame. The 2×3 matrix algebra is gl-matrix's mat2d; one pass
 * over the points with one scratch vector, once per run.
 */
import { mat2d, vec2 } from 'gl-matrix';
import type { Mesh } from './mesh.js';
import { createMesh } from './createMesh.js';

export interface MeshTransform {
  /** Uniform scale factor (default 1). */
  readonly scale?: number;
  /** Counter-clockwise rotation about the origin, degrees (default 0). */
  readonly rotateDeg?: number;
  /** Translation after scaling and rotating, m (default [0, 0]). */
  readonly translate?: readonly [number, number];
}

/**
 * The transform as a gl-matrix mat2d: x' = T + R·(s·x). Held in a Float64Array (gl-matrix's own `create()` would
 * give Float32 and lose digits of metre-scale coordinates of micrometre meshes).
 */
export function transformMatrix(t: MeshTransform): mat2d {
  const m = mat2d.identity(new Float64Array(6) as unknown as mat2d);
  mat2d.translate(m, m, [t.translate?.[0] ?? 0, t.translate?.[1] ?? 0]); // plain arrays: vec2.fromValues is Float32
  mat2d.rotate(m, m, ((t.rotateDeg ?? 0) * Math.PI) / 180);
  const s = t.scale ?? 1;
  mat2d.scale(m, m, [s, s]);
  return m;
}

/**
 * A new mesh with transformed points (cells, regions and boundaries shared). A negative scale would mirror the
 * mesh and flip every cell's orientation, so it is rejected.
 */
export function transformMesh(mesh: Mesh, t: MeshTransform): Mesh {
  if (t.scale !== undefined && !(t.scale > 0)) throw new Error(`mesh transform: scale must be > 0, got ${t.scale}`);
  const m = transformMatrix(t);
  const p = new Float64Array(2); // Float64 scratch: gl-matrix works on any array, keeps our precision
  const points = new Float64Array(mesh.points.length);
  for (let i = 0; i < mesh.nPoints; i++) {
    p[0] = mesh.points[2 * i]!;
    p[1] = mesh.points[2 * i + 1]!;
    vec2.transformMat2d(p as unknown as vec2, p as unknown as vec2, m);
    points[2 * i] = p[0]!;
    points[2 * i + 1] = p[1]!;
  }
  return createMesh({ cellType: mesh.cellType, points, cells: mesh.cells, cellRegion: mesh.cellRegion, regionNames: mesh.regionNames, boundaries: mesh.boundaries });
}
