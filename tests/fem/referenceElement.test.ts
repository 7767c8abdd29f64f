import { describe, expect, it } from 'vitest';
import { P1, P2, lagrangeElement, type ReferenceElement } from '../../src/fem/referenceElement.js';
import { triangleRule } from '../../src/fem/quadrature.js';

const samples = (): Float64Array => {
  // Interior points of a rule plus the vertices and an edge point: 28 points spread over the triangle.
  const r = triangleRule(10);
  return Float64Array.from([...r.points, 0, 0, 1, 0, 0, 1, 0.3, 0.7]);
};

function contract(el: ReferenceElement): void {
  const pts = samples();
  const np = pts.length / 2;
  const { values, grads } = el.tabulate(pts, np);
  const nb = el.nBasis;

  it('partition of unity and Σ∇N = 0', () => {
    for (let q = 0; q < np; q++) {
      let s = 0, gx = 0, gy = 0;
      for (let a = 0; a < nb; a++) { s += values[q * nb + a]!; gx += grads[2 * (q * nb + a)]!; gy += grads[2 * (q * nb + a) + 1]!; }
      expect(Math.abs(s - 1)).toBeLessThan(1e-14);
      expect(Math.abs(gx)).toBeLessThan(1e-13);
      expect(Math.abs(gy)).toBeLessThan(1e-13);
    }
  });

  it('is nodal: N_a(x_b) = δ_ab', () => {
    const t = el.tabulate(el.nodes, nb);
    for (let b = 0; b < nb; b++) for (let a = 0; a < nb; a++) expect(t.values[b * nb + a]).toBeCloseTo(a === b ? 1 : 0, 15);
  });

  it('gradients match central finite differences (1e-7)', () => {
    // Basis functions are at most quadratic, so the central difference error is pure round-off ~ ε/h = 2e-10.
    const h = 1e-6;
    for (let q = 0; q < np; q++) {
      const x = pts[2 * q]!;
      const y = pts[2 * q + 1]!;
      const st = el.tabulate(Float64Array.of(x + h, y, x - h, y, x, y + h, x, y - h), 4).values;
      for (let a = 0; a < nb; a++) {
        const fx = (st[a]! - st[nb + a]!) / (2 * h);
        const fy = (st[2 * nb + a]! - st[3 * nb + a]!) / (2 * h);
        expect(Math.abs(fx - grads[2 * (q * nb + a)]!)).toBeLessThan(1e-7);
        expect(Math.abs(fy - grads[2 * (q * nb + a) + 1]!)).toBeLessThan(1e-7);
      }
    }
  });

  it(`reproduces polynomials of degree ${el.degree} exactly (values and gradients)`, () => {
    // p(ξ,η) = 0.3 − 1.1ξ + 2.3η (+ 0.7ξ² − 1.9ξη + 0.4η² for P2).
    const q2 = el.degree === 2 ? 1 : 0;
    const p = (x: number, y: number): number => 0.3 - 1.1 * x + 2.3 * y + q2 * (0.7 * x * x - 1.9 * x * y + 0.4 * y * y);
    const px = (x: number, y: number): number => -1.1 + q2 * (1.4 * x - 1.9 * y);
    const py = (x: number, y: number): number => 2.3 + q2 * (-1.9 * x + 0.8 * y);
    const coef = Array.from({ length: nb }, (_, a) => p(el.nodes[2 * a]!, el.nodes[2 * a + 1]!));
    for (let q = 0; q < np; q++) {
      const x = pts[2 * q]!;
      const y = pts[2 * q + 1]!;
      let v = 0, gx = 0, gy = 0;
      for (let a = 0; a < nb; a++) {
        v += coef[a]! * values[q * nb + a]!;
        gx += coef[a]! * grads[2 * (q * nb + a)]!;
        gy += coef[a]! * grads[2 * (q * nb + a) + 1]!;
      }
      expect(Math.abs(v - p(x, y))).toBeLessThan(1e-13);
      expect(Math.abs(gx - px(x, y))).toBeLessThan(1e-13);
      expect(Math.abs(gy - py(x, y))).toBeLessThan(1e-13);
    }
  });
}

describe('P1', () => {
  it('has 3 vertex nodes', () => {
    expect([P1.name, P1.degree, P1.nBasis]).toEqual(['P1', 1, 3]);
    expect(lagrangeElement(1)).toBe(P1);
  });
  contract(P1);
});

describe('P2', () => {
  it('has vertices then midsides 3:(0,1) 4:(1,2) 5:(2,0)', () => {
    expect([P2.name, P2.degree, P2.nBasis]).toEqual(['P2', 2, 6]);
    expect(Array.from(P2.nodes)).toEqual([0, 0, 1, 0, 0, 1, 0.5, 0, 0.5, 0.5, 0, 0.5]);
    expect(lagrangeElement(2)).toBe(P2);
  });
  contract(P2);
  it('is not exact for a cubic (so the reproduction test can fail)', () => {
    const { values } = P2.tabulate(Float64Array.of(0.2, 0.3), 1);
    let v = 0;
    for (let a = 0; a < 6; a++) v += P2.nodes[2 * a]! ** 3 * values[a]!;
    expect(Math.abs(v - 0.2 ** 3)).toBeGreaterThan(1e-3);
  });
});
