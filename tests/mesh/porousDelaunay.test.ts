import { describe, it, expect } from 'vitest';
import { delaunayTriangulation, conformingDelaunay, inCircleInt, orient2dInt } from '../../src/mesh/generators/delaunay.js';
import { seededRandom } from '../../src/mesh/generators/porePlacement.js';

/** Circumcircle of (a, b, c) in plain doubles: centre and squared radius (independent of the module's predicates). */
function circumcircle(P: Float64Array, a: number, b: number, c: number): [number, number, number] {
  const ax = P[2 * a]!, ay = P[2 * a + 1]!, bx = P[2 * b]!, by = P[2 * b + 1]!, cx = P[2 * c]!, cy = P[2 * c + 1]!;
  const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
  const ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d;
  const uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d;
  return [ux, uy, (ax - ux) ** 2 + (ay - uy) ** 2];
}

describe('Delaunay triangulation (Bowyer–Watson, exact predicates)', () => {
  it('predicates decide exactly on integer input where floating point cancels', () => {
    // Four co-circular lattice points (a square) and a point a hair inside/outside at large coordinates.
    expect(inCircleInt(0, 0, 2, 0, 2, 2, 0, 2)).toBe(0);
    const big = 2 ** 26;
    expect(Math.sign(inCircleInt(big, big, big + 2, big, big + 2, big + 2, big + 1, big + 1))).toBe(1);
    expect(orient2dInt(0, 0, 2 ** 30, 1, 2 ** 31, 2)).toBe(0); // collinear, products beyond 2^53
    expect(Math.sign(orient2dInt(0, 0, 2 ** 30, 1, 2 ** 31, 3))).toBe(1);
  });

  it('random points plus a co-circular lattice: empty circumcircles, CCW cells, hull area covered', () => {
    const rand = seededRandom(42);
    const pts: number[] = [0, 0, 1, 0, 1, 1, 0, 1];
    for (let i = 0; i < 300; i++) pts.push(rand(), rand());
    // A 9 × 9 lattice: every unit square of it has four co-circular corners (degenerate in-circle ties).
    for (let i = 1; i <= 9; i++) for (let j = 1; j <= 9; j++) pts.push(0.05 + 0.1 * i - 0.05, 0.1 * j);
    const P = Float64Array.from(pts);
    const { triangles: T, duplicates } = delaunayTriangulation(P);
    expect(duplicates).toEqual([]);
    const n = P.length / 2, nT = T.length / 3;
    let area = 0;
    let worst = -Infinity;
    for (let t = 0; t < nT; t++) {
      const a = T[3 * t]!, b = T[3 * t + 1]!, c = T[3 * t + 2]!;
      const A = 0.5 * ((P[2 * b]! - P[2 * a]!) * (P[2 * c + 1]! - P[2 * a + 1]!) - (P[2 * c]! - P[2 * a]!) * (P[2 * b + 1]! - P[2 * a + 1]!));
      expect(A).toBeGreaterThan(0);
      area += A;
      const [ux, uy, r2] = circumcircle(P, a, b, c);
      for (let p = 0; p < n; p++) {
        if (p === a || p === b || p === c) continue;
        // Relative violation (r² − d²)/r²: > 0 means strictly inside. Snapping moves points by ≤ 3e-8 of the box,
        // so ties of the lattice may show up to ~1e-6 relative; a real violation is O(1).
        worst = Math.max(worst, (r2 - ((P[2 * p]! - ux) ** 2 + (P[2 * p + 1]! - uy) ** 2)) / r2);
      }
    }
    expect(worst).toBeLessThan(1e-6);
    // Convex hull = the unit square; Euler: a triangulation of n points with k on the hull has 2n − 2 − k cells.
    expect(area).toBeCloseTo(1, 12);
    let hull = 0;
    for (let p = 0; p < n; p++) {
      const x = P[2 * p]!, y = P[2 * p + 1]!;
      if (x === 0 || x === 1 || y === 0 || y === 1) hull++;
    }
    expect(nT).toBe(2 * n - 2 - hull);
  });

  it('conforming mode splits a segment that is not a Delaunay edge until it is one', () => {
    // A long segment with a point right above its middle: the segment is not Delaunay, one or more splits fix it.
    const P = Float64Array.from([0, 0, 1, 0, 0.5, 0.05, 0.5, -0.6, 0.5, 0.6]);
    const r = conformingDelaunay({
      points: P, segments: Int32Array.from([0, 1]), segmentCircle: Int32Array.from([-1]), circles: new Float64Array(0), segmentTag: Int32Array.from([7]),
    });
    expect(r.splits).toBeGreaterThan(0);
    const nSeg = r.segments.length / 2;
    expect(nSeg).toBe(r.splits + 1);
    const edges = new Set<string>();
    for (let t = 0; t < r.triangles.length / 3; t++) {
      for (let k = 0; k < 3; k++) {
        const a = r.triangles[3 * t + k]!, b = r.triangles[3 * t + (k + 1) % 3]!;
        edges.add(`${Math.min(a, b)},${Math.max(a, b)}`);
      }
    }
    let len = 0;
    for (let s = 0; s < nSeg; s++) {
      const a = r.segments[2 * s]!, b = r.segments[2 * s + 1]!;
      expect(edges.has(`${Math.min(a, b)},${Math.max(a, b)}`)).toBe(true);
      expect(r.segmentTag[s]).toBe(7);
      expect(r.points[2 * a + 1]).toBeCloseTo(0, 12);
      len += Math.abs(r.points[2 * b]! - r.points[2 * a]!);
    }
    expect(len).toBeCloseTo(1, 7);
  });
});
