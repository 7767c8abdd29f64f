import { describe, it, expect } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { rasterizeField, compareRasters } from '../../src/io/fieldRaster.js';

describe('rasterizeField (structured samples of a P1 field)', () => {
  it('reproduces a linear field exactly at every pixel centre and shapes the ndarray [ny × nx]', () => {
    const mesh = unitSquareMesh(7, 5);
    const v = Float64Array.from({ length: mesh.nPoints }, (_, i) => 2 * mesh.points[2 * i]! - 3 * mesh.points[2 * i + 1]! + 1);
    const r = rasterizeField(mesh, v, 40, 30);
    expect(r.shape).toEqual([30, 40]);
    for (let j = 0; j < 30; j++) {
      for (let i = 0; i < 40; i++) {
        const x = (i + 0.5) / 40, y = 1 - (j + 0.5) / 30;
        // P1 interpolation of a linear field is exact; the only error is round-off in the barycentric weights.
        expect(Math.abs(r.get(j, i) - (2 * x - 3 * y + 1))).toBeLessThan(1e-13);
      }
    }
  });

  it('is NaN outside the mesh (disk in its box: the defined fraction → π/4 as pixels shrink)', () => {
    const mesh = diskMesh({ radius: 1, h: 0.05 });
    const r = rasterizeField(mesh, new Float64Array(mesh.nPoints).fill(1), 200, 200);
    let defined = 0;
    for (let k = 0; k < r.data.length; k++) if (Number.isFinite(r.data[k]!)) defined++;
    // Polygonal disk (h = 0.05: area deficit ≈ 0.1 %) and pixel boundary effects (≈ 1 %).
    expect(Math.abs(defined / 40000 - Math.PI / 4)).toBeLessThan(0.01);
    const c = compareRasters(r, r);
    expect(c.maxAbs).toBe(0);
    expect(c.nCompared).toBe(defined);
  });
});
