import { describe, it, expect } from 'vitest';
import { renderFieldMap, renderFieldMapImage } from '../../src/io/fieldMap.js';
import { colormapRgb } from '../../src/io/colormap.js';
import { getPixel } from '../../src/io/image.js';
import { decodePng, pixelAt } from './pngDecode.js';
import { diskMesh } from './testMeshes.js';

const R = 25e-6;

/** |a − b| ≤ tol per channel. */
function near(a: readonly number[], b: readonly number[], tol: number): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= tol);
}

describe('renderFieldMap', () => {
  for (const quadratic of [false, true]) {
    it(`constant field shows the colormap colour of its value everywhere inside (${quadratic ? 'tri6' : 'tri3'})`, () => {
      const mesh = diskMesh({ n: 8, radius: R, quadratic });
      const v = new Float64Array(mesh.nPoints).fill(1);
      const opts = { width: 500, height: 400, title: 'constant', unitLabel: 'V', colormap: 'viridis' as const, range: [0, 2] as const, lengthScale: 1e6 };
      const png = decodePng(renderFieldMap(mesh, v, opts));
      const { layout } = renderFieldMapImage(mesh, v, opts);
      expect([png.width, png.height]).toEqual([500, 400]);
      // matplotlib viridis at 0.5 = mean of _viridis_data rows 127 and 128 = (0.128149, 0.565107, 0.550893) × 255
      // = (32.68, 144.10, 140.48). Tolerance 2: anchor interpolation error ≤ 1.2 plus rounding.
      const ref = [32.68, 144.10, 140.48];
      let checked = 0;
      for (let k = 0; k < 200; k++) {
        const r = 0.9 * R * Math.sqrt((k % 20) / 20), th = k * 2.399; // spread over the disk
        const [px, py] = layout.worldToPixel(r * Math.cos(th), r * Math.sin(th));
        expect(near(pixelAt(png, Math.floor(px), Math.floor(py)), ref, 2)).toBe(true);
        checked++;
      }
      expect(checked).toBe(200);
      // outside the disk (plot corner) stays white background
      expect(pixelAt(png, layout.plot.x0 + 1, layout.plot.y0 + 1)).toEqual([255, 255, 255]);
    });
  }

  it('interpolates a linear field exactly (colour of the value at the pixel centre)', () => {
    const mesh = diskMesh({ n: 6, radius: R });
    const f = (x: number, y: number): number => (0.7 * x + 0.3 * y) / R;
    const v = new Float64Array(mesh.nPoints);
    for (let i = 0; i < mesh.nPoints; i++) v[i] = f(mesh.points[2 * i]!, mesh.points[2 * i + 1]!);
    const { image, layout } = renderFieldMapImage(mesh, v, { width: 420, height: 360, colormap: 'coolwarm', range: [-1, 1], lengthScale: 1e6 });
    const k = layout.pxPerMetre;
    let worst = 0;
    for (let j = layout.plot.y0; j < layout.plot.y1; j += 7) {
      for (let i = layout.plot.x0; i < layout.plot.x1; i += 7) {
        // world coordinates of the pixel centre (inverse of worldToPixel)
        const [ox, oy] = layout.worldToPixel(0, 0);
        const x = (i + 0.5 - ox) / k, y = (oy - (j + 0.5)) / k;
        if (Math.hypot(x, y) > 0.95 * R) continue;
        const ref = colormapRgb('coolwarm', (f(x, y) + 1) / 2);
        const got = getPixel(image, i, j);
        worst = Math.max(worst, ...got.map((g, c) => Math.abs(g - ref[c]!)));
      }
    }
    // P1 interpolation of a linear field is exact; only the 1024-entry lookup table quantises t by ≤ 1/2046,
    // which moves a coolwarm channel by < 0.5 (steepest anchor slope ≈ 420/unit t).
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('draws the iso-line (φ = 0.5 of a radial field) on the circle r = R/2 and nowhere near r = 0.3R or 0.7R', () => {
    const mesh = diskMesh({ n: 12, radius: R, quadratic: true });
    const phi = new Float64Array(mesh.nPoints);
    for (let i = 0; i < mesh.nPoints; i++) phi[i] = Math.hypot(mesh.points[2 * i]!, mesh.points[2 * i + 1]!) / R;
    const opts = { width: 600, height: 500, colormap: 'viridis' as const, range: [0, 1] as const, contour: { values: phi, level: 0.5 } };
    const png = decodePng(renderFieldMap(mesh, phi, opts));
    const { layout } = renderFieldMapImage(mesh, phi, opts);
    const isLine = (c: number[]): boolean => near(c, [255, 255, 255], 0) || near(c, [0, 0, 0], 0);
    for (let q = 0; q < 24; q++) {
      const th = (2 * Math.PI * q) / 24;
      const at = (r: number): number[] => {
        const [px, py] = layout.worldToPixel(r * Math.cos(th), r * Math.sin(th));
        return pixelAt(png, Math.floor(px), Math.floor(py));
      };
      // core colour of the line is white (the iso-line of the P1/P2-piece interpolant is within 0.4 px of the circle)
      expect(at(0.5 * R)).toEqual([255, 255, 255]);
      expect(isLine(at(0.3 * R))).toBe(false);
      expect(isLine(at(0.7 * R))).toBe(false);
      expect(near(at(0.3 * R), colormapRgb('viridis', 0.3), 3)).toBe(true);
    }
  });

  it('mirrorX shows the half model as a symmetric full section', () => {
    const mesh = diskMesh({ n: 6, radius: R, half: true });
    const v = new Float64Array(mesh.nPoints);
    for (let i = 0; i < mesh.nPoints; i++) v[i] = mesh.points[2 * i]! / R + 0.2 * mesh.points[2 * i + 1]! / R;
    const { image, layout } = renderFieldMapImage(mesh, v, { width: 500, height: 400, mirrorX: true, colormap: 'inferno' });
    let compared = 0;
    for (let k = 1; k < 40; k++) {
      const x = 0.9 * R * (k / 40), y = 0.8 * R * Math.sin(k);
      if (Math.hypot(x, y) > 0.95 * R) continue;
      const [pr, py] = layout.worldToPixel(x, y);
      const [pl] = layout.worldToPixel(-x, y);
      // mirrored pixel centres differ by < 1 px in x; compare colours within one LUT step of the local gradient
      const right = getPixel(image, Math.floor(pr), Math.floor(py));
      const left = getPixel(image, Math.floor(pl), Math.floor(py));
      expect(left).not.toEqual([255, 255, 255]);
      expect(near(left, right, 12)).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('cell values colour each cell uniformly', () => {
    const mesh = diskMesh({ n: 8, radius: R });
    const cv = Float64Array.from(mesh.cellRegion); // core = 1, shell = 0
    const { image, layout } = renderFieldMapImage(mesh, cv, { width: 400, height: 400, location: 'cell', colormap: 'viridis', range: [0, 1] });
    const [cx, cy] = layout.worldToPixel(0, 0);
    const [ex, ey] = layout.worldToPixel(0.9 * R, 0);
    expect(near(getPixel(image, Math.floor(cx), Math.floor(cy)), [253, 231, 37], 1)).toBe(true); // viridis(1)
    expect(near(getPixel(image, Math.floor(ex), Math.floor(ey)), [68, 1, 84], 1)).toBe(true); // viridis(0)
  });

  it('rejects values that fit neither points nor cells', () => {
    const mesh = diskMesh({ n: 2, radius: R });
    expect(() => renderFieldMap(mesh, new Float64Array(5), { width: 300, height: 300 })).toThrow(/match neither/);
  });
});
