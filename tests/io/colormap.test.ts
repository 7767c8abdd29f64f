import { describe, it, expect } from 'vitest';
import { colormapRgb, colormapTable } from '../../src/io/colormap.js';

describe('colormaps', () => {
  it('hit published reference colours', () => {
    // matplotlib _viridis_data[0] = (0.267004, 0.004874, 0.329415), [255] = (0.993248, 0.906157, 0.143936);
    // _inferno_data[255] = (0.988362, 0.998364, 0.644924); Moreland's coolwarm table: 0 → (59,76,192),
    // 0.5 → (221,221,221), 1 → (180,4,38), 0.25 → (141,176,254), 0.75 → (244,154,123).
    expect(colormapRgb('viridis', 0)).toEqual([68, 1, 84]);
    expect(colormapRgb('viridis', 1)).toEqual([253, 231, 37]);
    expect(colormapRgb('inferno', 1)).toEqual([252, 255, 164]);
    const near = (a: readonly number[], b: number[]): boolean => a.every((v, i) => Math.abs(v - b[i]!) <= 1);
    expect(near(colormapRgb('coolwarm', 0), [59, 76, 192])).toBe(true);
    expect(near(colormapRgb('coolwarm', 0.5), [221, 221, 221])).toBe(true);
    expect(near(colormapRgb('coolwarm', 1), [180, 4, 38])).toBe(true);
    expect(near(colormapRgb('coolwarm', 0.25), [141, 176, 254])).toBe(true);
    expect(near(colormapRgb('coolwarm', 0.75), [244, 154, 123])).toBe(true);
    // viridis row 64 = (0.229739, 0.322361, 0.545706) at t = 64/255
    expect(near(colormapRgb('viridis', 64 / 255), [58.58, 82.20, 139.15])).toBe(true);
  });

  it('clamps out-of-range t and tabulates consistently', () => {
    expect(colormapRgb('inferno', -3)).toEqual(colormapRgb('inferno', 0));
    expect(colormapRgb('inferno', 7)).toEqual(colormapRgb('inferno', 1));
    const lut = colormapTable('viridis', 11);
    expect(Array.from(lut.subarray(15, 18))).toEqual(colormapRgb('viridis', 0.5));
  });
});
