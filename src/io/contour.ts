/**
 * Iso-lines of a nodal field on a triangle mesh (e.g. the phase front φ = 0.5), as straight segments per
 * linear piece (tri6 cells are split into 4, see linearPieces). A node counts as "above" when its value ≥ level,
 * so every piece is cut by 0 or 1 segment and no segment is duplicated inside a piece.
 */
import type { Mesh } from '../mesh/mesh.js';
import { linearPieces } from './linearPieces.js';

/**
 * Segments where the piecewise-linear interpolant of `values` [nPoints] equals `level`, in mesh coordinates:
 * [nSegments × 4] = (x0, y0, x1, y1). Pieces with a non-finite vertex value are skipped.
 */
export function isoSegments(mesh: Mesh, values: Float64Array, level: number): Float64Array {
  if (values.length !== mesh.nPoints) throw new Error(`isoSegments: ${values.length} values for ${mesh.nPoints} points`);
  const { nodes, count } = linearPieces(mesh);
  const P = mesh.points;
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    let above = 0;
    let finite = true;
    for (let a = 0; a < 3; a++) {
      const v = values[nodes[3 * k + a]!]!;
      if (!Number.isFinite(v)) finite = false;
      if (v >= level) above |= 1 << a;
    }
    if (!finite || above === 0 || above === 7) continue;
    for (let e = 0; e < 3; e++) {
      const a = e, b = (e + 1) % 3;
      if (((above >> a) & 1) === ((above >> b) & 1)) continue;
      const na = nodes[3 * k + a]!, nb = nodes[3 * k + b]!;
      const va = values[na]!, vb = values[nb]!;
      const t = (level - va) / (vb - va); // vb ≠ va: one is ≥ level, the other < level
      out.push(P[2 * na]! + t * (P[2 * nb]! - P[2 * na]!), P[2 * na + 1]! + t * (P[2 * nb + 1]! - P[2 * na + 1]!));
    }
  }
  return Float64Array.from(out);
}
