import { describe, expect, it } from 'vitest';
import { compareFields, TriangleLocator } from '../../src/io/compareFields.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import type { Mesh } from '../../src/mesh/mesh.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

/** Unit square, 8×8 cells, interior nodes jittered by up to ±0.3 h so cells are uneven. */
function jitteredSquare(): Mesh {
  const m = unitSquareMesh(8);
  const rnd = lcg(7);
  const P = m.points as Float64Array;
  const h = 1 / 8;
  for (let p = 0; p < m.nPoints; p++) {
    const x = P[2 * p]!, y = P[2 * p + 1]!;
    if (x > 0 && x < 1 && y > 0 && y < 1) {
      P[2 * p] = x + 0.6 * h * (rnd() - 0.5);
      P[2 * p + 1] = y + 0.6 * h * (rnd() - 0.5);
    }
  }
  return m;
}

function nodal(m: Mesh, f: (x: number, y: number) => number): Float64Array {
  return Float64Array.from({ length: m.nPoints }, (_, p) => f(m.points[2 * p]!, m.points[2 * p + 1]!));
}

function randomPoints(n: number, seed: number, lo = 0, hi = 1): Float64Array {
  const rnd = lcg(seed);
  return Float64Array.from({ length: 2 * n }, () => lo + (hi - lo) * rnd());
}

describe('compareFields', () => {
  it('finds the same triangle as a brute-force search (non-polynomial field, jittered mesh)', () => {
    const m = jitteredSquare();
    const f = (x: number, y: number): number => Math.sin(7 * x) * Math.cos(5 * y);
    const values = nodal(m, f);
    const pts = randomPoints(2000, 3);
    const res = compareFields({ points: m.points, cells: m.cells, values }, { points: pts, values: new Float64Array(2000) });
    // Reference: test every cell; P1 interpolation in the cell whose barycentric coordinates are all ≥ −1e-12.
    const P = m.points, C = m.cells;
    let maxDiff = 0;
    for (let i = 0; i < 2000; i++) {
      const px = pts[2 * i]!, py = pts[2 * i + 1]!;
      let ref = NaN;
      for (let c = 0; c < m.nCells && Number.isNaN(ref); c++) {
        const [a, b, d] = [C[3 * c]!, C[3 * c + 1]!, C[3 * c + 2]!];
        const det = (P[2 * b]! - P[2 * a]!) * (P[2 * d + 1]! - P[2 * a + 1]!) - (P[2 * d]! - P[2 * a]!) * (P[2 * b + 1]! - P[2 * a + 1]!);
        const l1 = ((px - P[2 * a]!) * (P[2 * d + 1]! - P[2 * a + 1]!) - (P[2 * d]! - P[2 * a]!) * (py - P[2 * a + 1]!)) / det;
        const l2 = ((P[2 * b]! - P[2 * a]!) * (py - P[2 * a + 1]!) - (px - P[2 * a]!) * (P[2 * b + 1]! - P[2 * a + 1]!)) / det;
        const l0 = 1 - l1 - l2;
        if (Math.min(l0, l1, l2) >= -1e-12) ref = l0 * values[a]! + l1 * values[b]! + l2 * values[d]!;
      }
      maxDiff = Math.max(maxDiff, Math.abs(res.interpolated[i]! - ref));
    }
    expect(res.nOutside).toBe(0);
    // Same cell (or a neighbour for points on a shared edge, where both give the same value): rounding only.
    expect(maxDiff).toBeLessThan(1e-14);
  });

  it('a linear field compares to rounding (P1) and a quadratic one on tri6 (P2)', () => {
    const m = jitteredSquare();
    const lin = (x: number, y: number): number => 2 * x - 3 * y + 1.5;
    const pts = randomPoints(1000, 11);
    const theirs = Float64Array.from({ length: 1000 }, (_, i) => lin(pts[2 * i]!, pts[2 * i + 1]!));
    const r1 = compareFields({ points: m.points, cells: m.cells, values: nodal(m, lin) }, { points: pts, values: theirs });
    // Linear interpolation reproduces a linear field: only rounding of O(1) values remains.
    expect(r1.nCompared).toBe(1000);
    expect(r1.l2Relative).toBeLessThan(1e-14);
    expect(r1.maxRelative).toBeLessThan(1e-14);

    const m2 = elevateToP2(unitSquareMesh(6));
    const quad = (x: number, y: number): number => x * x + x * y - y * y + 1;
    const theirs2 = Float64Array.from({ length: 1000 }, (_, i) => quad(pts[2 * i]!, pts[2 * i + 1]!));
    const r2 = compareFields({ points: m2.points, cells: m2.cells, nodesPerCell: 6, values: nodal(m2, quad) }, { points: pts, values: theirs2 });
    expect(r2.l2Relative).toBeLessThan(1e-14);
    // The same field on the P1 vertices is not exact: interpolation error ~ h²/8·|f''| ≈ 1e-2.
    const r3 = compareFields({ points: m2.points, cells: m2.cells, nodesPerCell: 3 as const, values: nodal(m2, quad) }, { points: pts, values: theirs2 });
    expect(r3.maxAbs).toBeGreaterThan(1e-3);
  });

  it('a perturbed field reports the known difference; outside points and NaN values are counted', () => {
    const m = jitteredSquare();
    const lin = (x: number, y: number): number => 1 + x + 2 * y;
    const eps = 1e-3;
    const g = (x: number, y: number): number => Math.cos(9 * x + 4 * y);
    const inside = randomPoints(500, 5);
    const pts = new Float64Array(2 * 505);
    pts.set(inside);
    pts.set([1.5, 0.5, -0.2, 0.3, 0.5, 2, 1.01, 0.5], 1000); // four points outside
    pts.set([0.5, 0.5], 1008); // one NaN value
    const theirs = new Float64Array(505);
    let num = 0, den = 0, maxAbs = 0, maxT = 0;
    for (let i = 0; i < 505; i++) {
      const x = pts[2 * i]!, y = pts[2 * i + 1]!;
      theirs[i] = lin(x, y) + eps * g(x, y);
      if (i < 500) {
        num += (eps * g(x, y)) ** 2;
        den += theirs[i]! ** 2;
        maxAbs = Math.max(maxAbs, Math.abs(eps * g(x, y)));
        maxT = Math.max(maxT, Math.abs(theirs[i]!));
      }
    }
    theirs[504] = NaN;
    const r = compareFields({ points: m.points, cells: m.cells, values: nodal(m, lin) }, { points: pts, values: theirs });
    expect(r).toMatchObject({ nPoints: 505, nOutside: 4, nNaN: 1, nCompared: 500 });
    // Our interpolant is exact for the linear part, so the difference is exactly −ε g at each point (to rounding).
    expect(r.l2Relative).toBeCloseTo(Math.sqrt(num / den), 12);
    expect(r.maxAbs).toBeCloseTo(maxAbs, 13);
    expect(r.maxRelative).toBeCloseTo(maxAbs / maxT, 12);
    expect(Number.isNaN(r.interpolated[500]!)).toBe(true);
    // A looser tolerance takes in the point 0.01 outside (0.08 in barycentric units of an h = 1/8 cell).
    const loose = compareFields({ points: m.points, cells: m.cells, values: nodal(m, lin) }, { points: pts, values: theirs }, { tolerance: 0.1 });
    expect(loose.nOutside).toBe(3);
  });

  it('locates boundary points and rejects a mesh without cells', () => {
    const m = unitSquareMesh(4);
    const loc = new TriangleLocator(m);
    const bary = new Float64Array(3);
    for (const [x, y] of [[0, 0], [1, 1], [1, 0.3], [0.25, 1], [1 + 1e-13, 0.5]] as const) {
      expect(loc.locate(x, y, bary)).toBeGreaterThanOrEqual(0);
      expect(bary[0]! + bary[1]! + bary[2]!).toBeCloseTo(1, 14);
    }
    expect(loc.locate(1.001, 0.5, bary)).toBe(-1);
    expect(() => compareFields({ points: m.points, values: new Float64Array(m.nPoints) }, { points: new Float64Array(2), values: new Float64Array(1) })).toThrow(/needs cells/);
  });
});
