import { describe, it, expect } from 'vitest';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { transformMesh } from '../../src/mesh/transform.js';
import { meshStatistics } from '../../src/mesh/statistics.js';
import { validateMesh } from '../../src/mesh/validate.js';

describe('transformMesh (gl-matrix mat2d in double precision)', () => {
  it('scale, rotate, translate: exact images of known points; area scales by s²; orientation kept', () => {
    const m = rectangleLayersMesh({ width: 2, nx: 4, layers: [{ name: 'a', thickness: 1, ny: 2 }] });
    const t = transformMesh(m, { scale: 1e-6, rotateDeg: 90, translate: [3.3e-6, 1.234567891234e-6] });
    // (2, 1) → scale (2e-6, 1e-6) → rotate 90° (−1e-6, 2e-6) → translate (2.3e-6, 3.234567891234e-6).
    let found = false;
    for (let i = 0; i < m.nPoints; i++) {
      if (m.points[2 * i] === 2 && m.points[2 * i + 1] === 1) {
        // Double precision end to end: a Float32 path would be off by ~1e-13 m here.
        expect(Math.abs(t.points[2 * i]! - 2.3e-6)).toBeLessThan(1e-20);
        expect(Math.abs(t.points[2 * i + 1]! - 3.234567891234e-6)).toBeLessThan(1e-20);
        found = true;
      }
    }
    expect(found).toBe(true);
    expect(Math.abs(meshStatistics(t).area / 2e-12 - 1)).toBeLessThan(1e-12);
    expect(validateMesh(t).ok).toBe(true);
    expect(() => transformMesh(m, { scale: -1 })).toThrow(/scale must be > 0/);
  });
});
