import { describe, it, expect } from 'vitest';
import { axpy, axpyNormSq, copy, dot, fill, norm2, xpay } from '../../src/solvers/vector.js';
import { randomVector } from './matrices.js';

describe('vector kernels', () => {
  it('dot matches a 4-lane reference bit for bit and a naive sum to round-off', () => {
    for (const n of [0, 1, 3, 4, 7, 1001]) {
      const x = randomVector(n, 1), y = randomVector(n, 2);
      // Independent reference with the documented lane order: lanes k = i mod 4 over full blocks, tail last.
      const lane = [0, 0, 0, 0];
      const m = n - (n % 4);
      for (let i = 0; i < m; i++) lane[i % 4]! += x[i]! * y[i]!;
      let ref = (lane[0]! + lane[1]!) + (lane[2]! + lane[3]!);
      for (let i = m; i < n; i++) ref += x[i]! * y[i]!;
      expect(dot(x, y)).toBe(ref);
      let naive = 0, absSum = 0;
      for (let i = 0; i < n; i++) { naive += x[i]! * y[i]!; absSum += Math.abs(x[i]! * y[i]!); }
      // Two summation orders differ by at most ~2n·eps·Σ|x_i y_i| (standard bound).
      expect(Math.abs(dot(x, y) - naive)).toBeLessThanOrEqual(2 * n * 2.3e-16 * absSum);
    }
  });

  it('norm2, axpy, xpay, copy, fill', () => {
    const x = Float64Array.from([3, 4, 0, 0, 12]);
    expect(norm2(x)).toBe(13);
    const y = Float64Array.from([1, 1, 1, 1, 1]);
    axpy(2, x, y);
    expect(Array.from(y)).toEqual([7, 9, 1, 1, 25]);
    xpay(x, 0.5, y); // y = x + 0.5 y
    expect(Array.from(y)).toEqual([6.5, 8.5, 0.5, 0.5, 24.5]);
    const z = new Float64Array(5);
    copy(x, z);
    expect(Array.from(z)).toEqual([3, 4, 0, 0, 12]);
    fill(z, -1);
    expect(Array.from(z)).toEqual([-1, -1, -1, -1, -1]);
  });

  it('axpyNormSq equals axpy followed by dot exactly (same lanes)', () => {
    for (const n of [5, 64, 1003]) {
      const x = randomVector(n, 3);
      const y1 = randomVector(n, 4), y2 = y1.slice();
      const s = axpyNormSq(-0.37, x, y1);
      axpy(-0.37, x, y2);
      expect(Array.from(y1)).toEqual(Array.from(y2));
      expect(s).toBe(dot(y2, y2));
    }
  });
});
