import { describe, expect, it } from 'vitest';
import { lineRule, triangleRule } from '../../src/fem/quadrature.js';

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));

describe('triangleRule', () => {
  // Degrees 11 and 14 exercise the collapsed Gauss–Legendre fallback.
  for (const degree of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14]) {
    it(`degree ${degree}: every monomial ξ^i η^j (i+j ≤ ${degree}) exact, interior points, positive weights`, () => {
      const r = triangleRule(degree);
      expect(r.degree).toBe(degree);
      expect(r.points.length).toBe(2 * r.nPoints);
      expect(r.weights.length).toBe(r.nPoints);
      for (let q = 0; q < r.nPoints; q++) {
        const x = r.points[2 * q]!;
        const y = r.points[2 * q + 1]!;
        expect(r.weights[q]!).toBeGreaterThan(0);
        expect(x).toBeGreaterThan(0);
        expect(y).toBeGreaterThan(0);
        expect(1 - x - y).toBeGreaterThan(0);
      }
      let worst = 0;
      for (let i = 0; i <= degree; i++) {
        for (let j = 0; i + j <= degree; j++) {
          let s = 0;
          for (let q = 0; q < r.nPoints; q++) s += r.weights[q]! * r.points[2 * q]! ** i * r.points[2 * q + 1]! ** j;
          // ∫_T ξ^i η^j = i! j! / (i+j+2)!
          worst = Math.max(worst, Math.abs(s - (fact(i) * fact(j)) / fact(i + j + 2)));
        }
      }
      // Exact moments are ≤ 1/2; 1e-13 leaves ~500 ulps for summing up to ~40 products.
      expect(worst).toBeLessThan(1e-13);
    });
  }

  it('the monomial check can fail: the 1-point rule misses ∫ξ²', () => {
    // ∫ξ² = 1/12 but the centroid rule gives 1/18.
    const r = triangleRule(1);
    expect(Math.abs(r.weights[0]! * r.points[0]! ** 2 - 1 / 12)).toBeGreaterThan(1e-3);
  });

  it('is cached', () => {
    expect(triangleRule(6)).toBe(triangleRule(6));
  });
});

describe('lineRule', () => {
  for (let degree = 0; degree <= 21; degree++) {
    it(`degree ${degree}: t^k exact on [0,1] for k ≤ ${degree}`, () => {
      const r = lineRule(degree);
      expect(r.nPoints).toBe(Math.max(1, Math.ceil((degree + 1) / 2)));
      for (let q = 0; q < r.nPoints; q++) {
        expect(r.weights[q]!).toBeGreaterThan(0);
        expect(r.points[q]!).toBeGreaterThan(0);
        expect(r.points[q]!).toBeLessThan(1);
        if (q > 0) expect(r.points[q]!).toBeGreaterThan(r.points[q - 1]!);
      }
      for (let k = 0; k <= degree; k++) {
        let s = 0;
        for (let q = 0; q < r.nPoints; q++) s += r.weights[q]! * r.points[q]! ** k;
        expect(Math.abs(s - 1 / (k + 1))).toBeLessThan(1e-14);
      }
    });
  }
});
