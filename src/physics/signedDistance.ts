/**
 * Signed distances for initialising the level set, and the equilibrium profile φ = 1/(1 + exp(−s/ε)).
 * Convention: s > 0 on the φ = 1 (unreacted) side. All lengths in metres.
 */
import type { Mesh } from '../mesh/mesh.js';
import { regionIndex } from '../mesh/mesh.js';

/** Equilibrium conservative-level-set profile 1/(1 + exp(−s/ε)) (overflow-safe for any s). */
export function phiFromSignedDistance(s: number, epsilon: number): number {
  const z = s / epsilon;
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** s(x, y) = (x − p)·n̂: positive on the side `normal` points to. */
export function planeSignedDistance(point: readonly [number, number], normal: readonly [number, number]): (x: number, y: number) => number {
  const len = Math.hypot(normal[0], normal[1]);
  if (!(len > 0)) throw new Error('planeSignedDistance: normal must be non-zero');
  const nx = normal[0] / len, ny = normal[1] / len;
  return (x, y) => (x - point[0]) * nx + (y - point[1]) * ny;
}

/**
 * Circle (plane) or sphere (axisymmetric: centre on the axis, (r, z) coordinates) of `radius`:
 * s = R − |x − c| when `inside` is 'positive' (φ = 1 inside), else |x − c| − R.
 */
export function circleSignedDistance(
  centre: readonly [number, number], radius: number, inside: 'positive' | 'negative' = 'positive',
): (x: number, y: number) => number {
  const sgn = inside === 'positive' ? 1 : -1;
  return (x, y) => sgn * (radius - Math.hypot(x - centre[0], y - centre[1]));
}

/**
 * How the sign of {@link boundarySignedDistance} is chosen: positive inside the cells of `region` (or outside with
 * `inside: 'negative'`), decided from the outward normal of the closest facet (angle-averaged at vertices, the
 * 2D pseudo-normal, so it is exact for points nearest a corner); or by a predicate `side(x, y)` → true = positive.
 */
export type DistanceSign =
  | { readonly region: string; readonly inside?: 'positive' | 'negative' }
  | { readonly side: (x: number, y: number) => boolean };

/**
 * Signed distance to the straight facets of a named boundary, as a function of (x, y). Brute-force nearest facet
 * over a bucket grid (cost per query ~ the facets in the buckets within the distance). For the region sign the
 * region must lie on one side of every facet (facets named from a cell of that region, or from its neighbour).
 */
export function boundarySignedDistance(mesh: Mesh, boundary: string, sign: DistanceSign): (x: number, y: number) => number {
  const fs = mesh.boundaries.get(boundary);
  if (!fs) throw new Error(`unknown boundary '${boundary}' (mesh has: ${[...mesh.boundaries.keys()].join(', ')})`);
  const nF = fs.cells.length;
  if (nF === 0) throw new Error(`boundarySignedDistance: boundary '${boundary}' is empty`);
  const { points: X, cells, nodesPerCell: npc, cellRegion } = mesh;
  // Segment end points and (for the region sign) normals pointing out of the region.
  const seg = new Float64Array(4 * nF);
  const segNode = new Int32Array(2 * nF);
  const nrm = new Float64Array(2 * nF);
  const reg = 'region' in sign ? regionIndex(mesh, sign.region) : -1;
  if ('region' in sign && reg < 0) throw new Error(`unknown region '${sign.region}' (mesh has: ${mesh.regionNames.join(', ')})`);
  for (let f = 0; f < nF; f++) {
    const c = fs.cells[f]!, k = fs.localFacets[f]!;
    const a = cells[c * npc + k]!, b = cells[c * npc + ((k + 1) % 3)]!;
    seg[4 * f] = X[2 * a]!; seg[4 * f + 1] = X[2 * a + 1]!; seg[4 * f + 2] = X[2 * b]!; seg[4 * f + 3] = X[2 * b + 1]!;
    segNode[2 * f] = a; segNode[2 * f + 1] = b;
    // Cell facets run counter-clockwise, so the outward normal of cell c is the edge direction turned clockwise.
    const tx = X[2 * b]! - X[2 * a]!, ty = X[2 * b + 1]! - X[2 * a + 1]!;
    const l = Math.hypot(tx, ty);
    const out = reg < 0 || cellRegion[c] === reg ? 1 : -1;
    nrm[2 * f] = (out * ty) / l; nrm[2 * f + 1] = (-out * tx) / l;
  }
  // Vertex pseudo-normals: sum of the unit normals of the facets meeting there.
  const vN = new Map<number, [number, number]>();
  for (let f = 0; f < nF; f++) {
    for (let e = 0; e < 2; e++) {
      const v = segNode[2 * f + e]!;
      const cur = vN.get(v) ?? [0, 0];
      cur[0] += nrm[2 * f]!; cur[1] += nrm[2 * f + 1]!;
      vN.set(v, cur);
    }
  }
  // Bucket grid over the facets' bounding box.
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity, lsum = 0;
  for (let f = 0; f < nF; f++) {
    xmin = Math.min(xmin, seg[4 * f]!, seg[4 * f + 2]!); xmax = Math.max(xmax, seg[4 * f]!, seg[4 * f + 2]!);
    ymin = Math.min(ymin, seg[4 * f + 1]!, seg[4 * f + 3]!); ymax = Math.max(ymax, seg[4 * f + 1]!, seg[4 * f + 3]!);
    lsum += Math.hypot(seg[4 * f + 2]! - seg[4 * f]!, seg[4 * f + 3]! - seg[4 * f + 1]!);
  }
  const cs = Math.max(2 * lsum / nF, 1e-300);
  const nx = Math.max(1, Math.ceil((xmax - xmin) / cs) + 1), ny = Math.max(1, Math.ceil((ymax - ymin) / cs) + 1);
  const bucketOf = (x: number, y: number): [number, number] =>
    [Math.min(nx - 1, Math.max(0, Math.floor((x - xmin) / cs))), Math.min(ny - 1, Math.max(0, Math.floor((y - ymin) / cs)))];
  const lists: number[][] = Array.from({ length: nx * ny }, () => []);
  for (let f = 0; f < nF; f++) {
    const [i0, j0] = bucketOf(Math.min(seg[4 * f]!, seg[4 * f + 2]!), Math.min(seg[4 * f + 1]!, seg[4 * f + 3]!));
    const [i1, j1] = bucketOf(Math.max(seg[4 * f]!, seg[4 * f + 2]!), Math.max(seg[4 * f + 1]!, seg[4 * f + 3]!));
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) lists[j * nx + i]!.push(f);
  }

  return (x, y) => {
    const [bi, bj] = bucketOf(x, y);
    let best = Infinity, bestF = -1, bestT = 0;
    for (let r = 0; ; r++) {
      for (let j = bj - r; j <= bj + r; j++) {
        if (j < 0 || j >= ny) continue;
        for (let i = bi - r; i <= bi + r; i++) {
          if (i < 0 || i >= nx || (Math.abs(i - bi) !== r && Math.abs(j - bj) !== r)) continue;
          for (const f of lists[j * nx + i]!) {
            const ax = seg[4 * f]!, ay = seg[4 * f + 1]!;
            const dx = seg[4 * f + 2]! - ax, dy = seg[4 * f + 3]! - ay;
            const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
            const d = Math.hypot(x - ax - t * dx, y - ay - t * dy);
            if (d < best) { best = d; bestF = f; bestT = t; }
          }
        }
      }
      // Buckets beyond ring r are at least r·cs away from (x, y).
      if (best <= r * cs || (r >= nx && r >= ny)) break;
    }
    if ('side' in sign) return sign.side(x, y) ? best : -best;
    let n0: number, n1: number;
    if (bestT <= 0 || bestT >= 1) {
      const v = segNode[2 * bestF + (bestT <= 0 ? 0 : 1)]!;
      [n0, n1] = vN.get(v)!;
    } else { n0 = nrm[2 * bestF]!; n1 = nrm[2 * bestF + 1]!; }
    const t = Math.min(1, Math.max(0, bestT));
    const px = seg[4 * bestF]! + t * (seg[4 * bestF + 2]! - seg[4 * bestF]!);
    const py = seg[4 * bestF + 1]! + t * (seg[4 * bestF + 3]! - seg[4 * bestF + 1]!);
    const outside = (x - px) * n0 + (y - py) * n1 > 0;
    const insidePositive = sign.inside !== 'negative';
    return outside === insidePositive ? -best : best;
  };
}
