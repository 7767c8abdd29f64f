import { describe, it, expect } from 'vitest';
import { formatLogTick, formatTick, logTicks, niceStep, niceTicks } from '../../src/io/ticks.js';

describe('ticks', () => {
  it('steps are 1, 2, 2.5 or 5 × 10^k and ticks cover the range', () => {
    for (const [lo, hi] of [[0, 1], [-25, 25], [3.7e-7, 9.1e-6], [0.1, 0.30000000000000004], [-1e5, 2e5], [12.3, 12.9]] as const) {
      const step = niceStep(lo, hi, 6);
      const m = step / Math.pow(10, Math.floor(Math.log10(step)));
      expect([1, 2, 2.5, 5].some((x) => Math.abs(m - x) < 1e-9)).toBe(true);
      const t = niceTicks(lo, hi, 6);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(13);
      for (const v of t) expect(v >= lo - 1e-9 * (hi - lo) && v <= hi + 1e-9 * (hi - lo)).toBe(true);
      // consecutive ticks differ by exactly one step (up to rounding of the snapped values)
      for (let i = 1; i < t.length; i++) expect(Math.abs(t[i]! - t[i - 1]! - step)).toBeLessThan(1e-9 * step);
    }
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.30000000000000004, 2)).toEqual([0.1, 0.2, 0.3]);
  });

  it('labels tell neighbours apart and use exponents for tiny or huge values', () => {
    expect(niceTicks(-25, 25, 5).map((v) => formatTick(v, 10))).toEqual(['-20', '-10', '0', '10', '20']);
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(7.5, 2.5)).toBe('7.5');
    expect(formatTick(2.5e-6, 5e-7)).toBe('2.5e-6');
    expect(formatTick(3e5, 1e5)).toBe('3e5');
  });

  it('log ticks are decades (1-2-5 for short ranges)', () => {
    expect(logTicks(1e-5, 1)).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1]);
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(['1e-5', '0.01', '1', '1e4'].map(Number).map(formatLogTick)).toEqual(['1e-5', '0.01', '1', '1e4']);
  });
});
