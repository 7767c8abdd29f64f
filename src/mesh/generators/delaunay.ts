/**
 * Incremental Delaunay triangulation (Bowyer–Watson) on typed arrays, with exact predicates, and a conforming
 * variant that recovers prescribed boundary segments by splitting them (no external mesher).
 *
 * Robustness: input points are snapped to an integer grid of 2^24 cells over their bounding box (a shift of at
 * most 3e-8 of the box size); on integers every coordinate difference is exact, so orient2d and incircle are
 * evaluated in floating point with Shewchuk's static error bounds (Shewchuk, "Adaptive precision floating-point
 * arithmetic and fast robust geometric predicates", DCG 18, 305 (1997): ccwerrboundA, iccerrboundA) and, when the
 * filter cannot decide, exactly with BigInt. Ties (co-circular points) count as "not inside", which keeps the
 * cavity star-shaped; the cavity is additionally grown until every boundary edge is strictly visible from the
 * new point, so a new triangle can never be inverted.
 */

const EPS = 2 ** -53;
const CCW_BOUND = (3 + 16 * EPS) * EPS;
const ICC_BOUND = (10 + 96 * EPS) * EPS;
/** Integer grid of the snapped coordinates: 0 … GRID over the bounding box. */
const GRID = 2 ** 24;
/** Super-triangle size in grid units (its inradius ≈ SUPER): far enough (2^20 boxes) that hull triangles are only lost for points within ~1e-7 of a hull edge. */
const SUPER = 2 ** 20 * GRID;

/** Sign-exact orientation of (a, b, c) on integer coordinates: > 0 counter-clockwise, < 0 clockwise, 0 collinear. */
export function orient2dInt(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const l = (ax - cx) * (by - cy);
  const r = (ay - cy) * (bx - cx);
  const det = l - r;
  const bound = CCW_BOUND * (Math.abs(l) + Math.abs(r));
  if (det > bound || -det > bound) return det;
  const e = BigInt(ax - cx) * BigInt(by - cy) - BigInt(ay - cy) * BigInt(bx - cx);
  return e > 0n ? 1 : e < 0n ? -1 : 0;
}

/** Sign-exact in-circle test on integer coordinates: > 0 when d lies strictly inside the circle through the CCW triangle a, b, c. */
export function inCircleInt(
  ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number,
): number {
  const adx = ax - dx, ady = ay - dy, bdx = bx - dx, bdy = by - dy, cdx = cx - dx, cdy = cy - dy;
  const bc = bdx * cdy, cb = cdx * bdy, ca = cdx * ady, ac = adx * cdy, ab = adx * bdy, ba = bdx * ady;
  const al = adx * adx + ady * ady, bl = bdx * bdx + bdy * bdy, cl = cdx * cdx + cdy * cdy;
  const det = al * (bc - cb) + bl * (ca - ac) + cl * (ab - ba);
  const perm = (Math.abs(bc) + Math.abs(cb)) * al + (Math.abs(ca) + Math.abs(ac)) * bl + (Math.abs(ab) + Math.abs(ba)) * cl;
  const bound = ICC_BOUND * perm;
  if (det > bound || -det > bound) return det;
  const A = [BigInt(adx), BigInt(ady)], B = [BigInt(bdx), BigInt(bdy)], C = [BigInt(cdx), BigInt(cdy)];
  const e = (A[0]! * A[0]! + A[1]! * A[1]!) * (B[0]! * C[1]! - C[0]! * B[1]!)
    + (B[0]! * B[0]! + B[1]! * B[1]!) * (C[0]! * A[1]! - A[0]! * C[1]!)
    + (C[0]! * C[0]! + C[1]! * C[1]!) * (A[0]! * B[1]! - B[0]! * A[1]!);
  return e > 0n ? 1 : e < 0n ? -1 : 0;
}

/** Hilbert-curve index of (x, y) in [0, 2^16)², for a spatially coherent insertion order. */
function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) { x = s - 1 - x; y = s - 1 - y; }
      const t = x; x = y; y = t;
    }
  }
  return d;
}

/**
 * An incremental Delaunay triangulation. Points are given in metres with a fixed bounding box (later insertions
 * must lie inside it); triangles are CCW vertex triples `tv` [cap × 3] with neighbours `tn` [cap × 3] across edge
 * k = (v_k, v_{k+1}); −1 = none. The three super-triangle vertices are numbered nMax, nMax+1, nMax+2.
 */
export class DelaunayTriangulator {
  readonly nMax: number;
  /** Snapped integer coordinates [(nMax + 3) × 2]. */
  readonly q: Float64Array;
  private tv: Int32Array;
  private tn: Int32Array;
  private alive: Uint8Array;
  private stamp: Int32Array;
  private nTri = 0;
  private free: number[] = [];
  private last = 0;
  private epoch = 0;
  private readonly x0: number;
  private readonly y0: number;
  private readonly scale: number;
  private readonly startOf: Int32Array;
  private readonly endOf: Int32Array;

  /** `bbox` = [xmin, ymin, xmax, ymax] in metres; `nMax` = how many points may be inserted. */
  constructor(bbox: readonly [number, number, number, number], nMax: number) {
    this.nMax = nMax;
    const span = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]);
    if (!(span > 0)) throw new Error('DelaunayTriangulator: empty bounding box');
    this.x0 = bbox[0];
    this.y0 = bbox[1];
    this.scale = GRID / span;
    this.q = new Float64Array(2 * (nMax + 3));
    const c = GRID / 2;
    const s = nMax;
    this.q.set([c - 2 * SUPER, c - SUPER, c + 2 * SUPER, c - SUPER, c, c + 2 * SUPER], 2 * s);
    const cap = 2 * nMax + 16;
    this.tv = new Int32Array(3 * cap);
    this.tn = new Int32Array(3 * cap).fill(-1);
    this.alive = new Uint8Array(cap);
    this.stamp = new Int32Array(cap);
    this.tv.set([s, s + 1, s + 2], 0);
    this.alive[0] = 1;
    this.nTri = 1;
    this.startOf = new Int32Array(nMax + 3);
    this.endOf = new Int32Array(nMax + 3);
  }

  /** Snaps (x, y) in metres to the grid: the coordinates the predicates see. */
  snap(i: number, x: number, y: number): void {
    this.q[2 * i] = Math.round((x - this.x0) * this.scale);
    this.q[2 * i + 1] = Math.round((y - this.y0) * this.scale);
  }

  /** Snapped point i back in metres. */
  snappedX(i: number): number { return this.q[2 * i]! / this.scale + this.x0; }
  snappedY(i: number): number { return this.q[2 * i + 1]! / this.scale + this.y0; }

  private allocTri(): number {
    const t = this.free.pop();
    if (t !== undefined) return t;
    if (this.nTri * 3 >= this.tv.length) {
      const grow = (a: Int32Array, fill: number): Int32Array => { const b = new Int32Array(2 * a.length).fill(fill); b.set(a); return b; };
      this.tv = grow(this.tv, 0);
      this.tn = grow(this.tn, -1);
      const al = new Uint8Array(2 * this.alive.length); al.set(this.alive); this.alive = al;
      const st = new Int32Array(2 * this.stamp.length); st.set(this.stamp); this.stamp = st;
    }
    return this.nTri++;
  }

  private orient(a: number, b: number, p: number): number {
    const q = this.q;
    return orient2dInt(q[2 * a]!, q[2 * a + 1]!, q[2 * b]!, q[2 * b + 1]!, q[2 * p]!, q[2 * p + 1]!);
  }

  private inCircle(t: number, p: number): number {
    const q = this.q, tv = this.tv;
    const a = tv[3 * t]!, b = tv[3 * t + 1]!, c = tv[3 * t + 2]!;
    return inCircleInt(q[2 * a]!, q[2 * a + 1]!, q[2 * b]!, q[2 * b + 1]!, q[2 * c]!, q[2 * c + 1]!, q[2 * p]!, q[2 * p + 1]!);
  }

  /** Triangle containing point p (visibility walk from the last created triangle). */
  private locate(p: number): number {
    let t = this.alive[this.last] ? this.last : this.firstAlive();
    const tv = this.tv, tn = this.tn;
    for (let steps = 0; steps < 4 * this.nTri + 16; steps++) {
      let moved = false;
      const k0 = steps % 3; // rotate the first edge tried, so the walk cannot cycle on degenerate input
      for (let j = 0; j < 3; j++) {
        const k = (k0 + j) % 3;
        if (this.orient(tv[3 * t + k]!, tv[3 * t + (k + 1) % 3]!, p) < 0) {
          const nb = tn[3 * t + k]!;
          if (nb < 0) throw new Error('DelaunayTriangulator: point outside the super triangle');
          t = nb;
          moved = true;
          break;
        }
      }
      if (!moved) return t;
    }
    throw new Error('DelaunayTriangulator: point location did not terminate');
  }

  private firstAlive(): number {
    for (let t = 0; t < this.nTri; t++) if (this.alive[t]) return t;
    throw new Error('DelaunayTriangulator: no triangles');
  }

  /**
   * Inserts point i (snapped already). Returns false, inserting nothing, when it coincides with an existing
   * vertex after snapping.
   */
  insert(i: number): boolean {
    const tv = this.tv;
    const q = this.q;
    const t0 = this.locate(i);
    for (let k = 0; k < 3; k++) {
      const v = tv[3 * t0 + k]!;
      if (q[2 * v] === q[2 * i] && q[2 * v + 1] === q[2 * i + 1]) return false;
    }
    const ep = ++this.epoch;
    const cavity: number[] = [t0];
    this.stamp[t0] = ep;
    // Grow: neighbours whose circumcircle strictly contains p, then any neighbour behind a non-visible edge.
    for (let pass = 0; ; pass++) {
      for (let s = 0; s < cavity.length; s++) {
        const t = cavity[s]!;
        for (let k = 0; k < 3; k++) {
          const nb = this.tn[3 * t + k]!;
          if (nb < 0 || this.stamp[nb] === ep) continue;
          if (this.inCircle(nb, i) > 0) { this.stamp[nb] = ep; cavity.push(nb); }
        }
      }
      let grew = false;
      for (let s = 0; s < cavity.length; s++) {
        const t = cavity[s]!;
        for (let k = 0; k < 3; k++) {
          const nb = this.tn[3 * t + k]!;
          if (nb >= 0 && this.stamp[nb] === ep) continue;
          if (this.orient(this.tv[3 * t + k]!, this.tv[3 * t + (k + 1) % 3]!, i) <= 0) {
            if (nb < 0) throw new Error('DelaunayTriangulator: cavity reached the super triangle boundary');
            this.stamp[nb] = ep;
            cavity.push(nb);
            grew = true;
          }
        }
      }
      if (!grew) break;
      if (pass > 64) throw new Error('DelaunayTriangulator: cavity repair did not converge');
    }
    // Boundary edges of the cavity: (a, b, outside neighbour, its edge index towards the cavity).
    const bnd: number[] = [];
    for (const t of cavity) {
      for (let k = 0; k < 3; k++) {
        const nb = this.tn[3 * t + k]!;
        if (nb >= 0 && this.stamp[nb] === ep) continue;
        let kb = -1;
        if (nb >= 0) for (let j = 0; j < 3; j++) if (this.tn[3 * nb + j] === t) kb = j;
        bnd.push(this.tv[3 * t + k]!, this.tv[3 * t + (k + 1) % 3]!, nb, kb);
      }
    }
    for (const t of cavity) { this.alive[t] = 0; this.free.push(t); }
    const nNew = bnd.length / 4;
    const created: number[] = [];
    for (let e = 0; e < nNew; e++) {
      const a = bnd[4 * e]!, b = bnd[4 * e + 1]!, nb = bnd[4 * e + 2]!, kb = bnd[4 * e + 3]!;
      const t = this.allocTri();
      this.tv[3 * t] = a; this.tv[3 * t + 1] = b; this.tv[3 * t + 2] = i;
      this.tn[3 * t] = nb;
      if (nb >= 0) this.tn[3 * nb + kb] = t;
      this.alive[t] = 1;
      this.stamp[t] = 0;
      this.startOf[a] = t;
      this.endOf[b] = t;
      created.push(t);
    }
    for (const t of created) {
      this.tn[3 * t + 1] = this.startOf[this.tv[3 * t + 1]!]!; // edge (b, p) ↔ the new triangle starting at b
      this.tn[3 * t + 2] = this.endOf[this.tv[3 * t]!]!; // edge (p, a) ↔ the new triangle ending at a
    }
    this.last = created[0]!;
    return true;
  }

  /** Live triangles with no super-triangle vertex: vertices [nT × 3] (CCW), point indices < nMax. */
  triangles(): Int32Array {
    const out: number[] = [];
    const n = this.nMax;
    for (let t = 0; t < this.nTri; t++) {
      if (!this.alive[t]) continue;
      const a = this.tv[3 * t]!, b = this.tv[3 * t + 1]!, c = this.tv[3 * t + 2]!;
      if (a >= n || b >= n || c >= n) continue;
      out.push(a, b, c);
    }
    return Int32Array.from(out);
  }
}

/** Bounding box [xmin, ymin, xmax, ymax] of points [n × 2]. */
export function boundingBox(points: Float64Array, n = points.length / 2): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!, y = points[2 * i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** Insertion order along a Hilbert curve over the snapped coordinates of points 0 … n−1. */
function hilbertOrder(tri: DelaunayTriangulator, n: number): Int32Array {
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = hilbertIndex(Math.min(65535, tri.q[2 * i]! / 256 | 0), Math.min(65535, tri.q[2 * i + 1]! / 256 | 0));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => key[a]! - key[b]!);
  return order;
}

/**
 * Delaunay triangulation of points [n × 2] (metres). Returns CCW triangles [nT × 3] of point indices (the convex
 * hull is covered up to hull edges whose circumcircles reach the far super triangle) and the indices of points
 * skipped as duplicates after snapping.
 */
export function delaunayTriangulation(points: Float64Array): { triangles: Int32Array; duplicates: number[] } {
  const n = points.length / 2;
  const tri = new DelaunayTriangulator(boundingBox(points), n);
  for (let i = 0; i < n; i++) tri.snap(i, points[2 * i]!, points[2 * i + 1]!);
  const duplicates: number[] = [];
  for (const i of hilbertOrder(tri, n)) if (!tri.insert(i)) duplicates.push(i);
  return { triangles: tri.triangles(), duplicates };
}

/** Input of {@link conformingDelaunay}. */
export interface ConformingInput {
  /** Points [n × 2], metres (boundary samples and interior points). */
  readonly points: Float64Array;
  /** Boundary segments [nSeg × 2] of point indices, to appear as triangle edges. */
  readonly segments: Int32Array;
  /** Per segment: the circle it is a chord of (index into `circles`), or −1 for a straight segment. */
  readonly segmentCircle: Int32Array;
  /** Circles [nCircles × 3]: cx, cy, r (m); split points of chords are placed on them. */
  readonly circles: Float64Array;
  /** Per segment: a tag carried over to the split halves (e.g. the boundary name). */
  readonly segmentTag: Int32Array;
  /** Bounding box of everything that will be inserted (defaults to that of `points`). */
  readonly bbox?: readonly [number, number, number, number];
  /** Most segment splits allowed (default 4·nSeg + 100). */
  readonly maxSplits?: number;
}

/** Output of {@link conformingDelaunay}: snapped points (originals, then split points), triangles, final segments. */
export interface ConformingResult {
  readonly points: Float64Array;
  readonly triangles: Int32Array;
  readonly segments: Int32Array;
  readonly segmentTag: Int32Array;
  readonly segmentCircle: Int32Array;
  readonly splits: number;
}

/**
 * Conforming Delaunay triangulation: the Delaunay triangulation of the points, with every segment that is not an
 * edge split at its midpoint (on its circle for chords) and the split point inserted, until all segments are
 * edges. With boundary samples spaced so that no other point lies in a segment's diametral circle the segments
 * are Delaunay edges from the start and no split happens. Throws when the split budget runs out or a point is a
 * duplicate after snapping.
 */
export function conformingDelaunay(input: ConformingInput): ConformingResult {
  const n0 = input.points.length / 2;
  const maxSplits = input.maxSplits ?? 4 * (input.segments.length / 2) + 100;
  const nMax = n0 + maxSplits;
  const tri = new DelaunayTriangulator(input.bbox ?? boundingBox(input.points), nMax);
  const px = new Float64Array(2 * nMax);
  px.set(input.points);
  for (let i = 0; i < n0; i++) tri.snap(i, px[2 * i]!, px[2 * i + 1]!);
  for (const i of hilbertOrder(tri, n0)) {
    if (!tri.insert(i)) throw new Error(`conformingDelaunay: point ${i} (${px[2 * i]}, ${px[2 * i + 1]}) duplicates another point`);
  }
  const segA: number[] = [], segB: number[] = [], segC: number[] = [], segT: number[] = [];
  for (let s = 0; s < input.segments.length / 2; s++) {
    segA.push(input.segments[2 * s]!); segB.push(input.segments[2 * s + 1]!);
    segC.push(input.segmentCircle[s]!); segT.push(input.segmentTag[s]!);
  }
  let nPts = n0;
  let splits = 0;
  for (;;) {
    const tris = tri.triangles();
    const edges = new Set<number>();
    for (let t = 0; t < tris.length / 3; t++) {
      for (let k = 0; k < 3; k++) {
        const a = tris[3 * t + k]!, b = tris[3 * t + (k + 1) % 3]!;
        edges.add(a < b ? a * nMax + b : b * nMax + a);
      }
    }
    const missing: number[] = [];
    for (let s = 0; s < segA.length; s++) {
      const a = segA[s]!, b = segB[s]!;
      if (!edges.has(a < b ? a * nMax + b : b * nMax + a)) missing.push(s);
    }
    if (missing.length === 0) {
      return { points: snappedPoints(tri, nPts), triangles: tris, segments: interleave(segA, segB), segmentTag: Int32Array.from(segT), segmentCircle: Int32Array.from(segC), splits };
    }
    for (const s of missing) {
      if (splits >= maxSplits) throw new Error(`conformingDelaunay: ${missing.length} segments still missing after ${splits} splits (boundary sampled too coarsely or points too close to it)`);
      const a = segA[s]!, b = segB[s]!, c = segC[s]!;
      let mx = 0.5 * (px[2 * a]! + px[2 * b]!), my = 0.5 * (px[2 * a + 1]! + px[2 * b + 1]!);
      if (c >= 0) {
        const cx = input.circles[3 * c]!, cy = input.circles[3 * c + 1]!, r = input.circles[3 * c + 2]!;
        const d = Math.hypot(mx - cx, my - cy);
        mx = cx + (r * (mx - cx)) / d;
        my = cy + (r * (my - cy)) / d;
      }
      const m = nPts++;
      px[2 * m] = mx; px[2 * m + 1] = my;
      tri.snap(m, mx, my);
      if (!tri.insert(m)) throw new Error(`conformingDelaunay: split point of segment (${a}, ${b}) duplicates a point (segment too short for the snapping grid)`);
      splits++;
      segB[s] = m;
      segA.push(m); segB.push(b); segC.push(c); segT.push(segT[s]!);
    }
  }
}

function snappedPoints(tri: DelaunayTriangulator, n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) { out[2 * i] = tri.snappedX(i); out[2 * i + 1] = tri.snappedY(i); }
  return out;
}

function interleave(a: number[], b: number[]): Int32Array {
  const out = new Int32Array(2 * a.length);
  for (let i = 0; i < a.length; i++) { out[2 * i] = a[i]!; out[2 * i + 1] = b[i]!; }
  return out;
}
