import { describe, it, expect } from 'vitest';
import { renderLinePlot, renderLinePlotImage, SERIES_COLORS } from '../../src/io/linePlot.js';
import { decodePng, pixelAt } from './pngDecode.js';

describe('renderLinePlot', () => {
  it('draws each series through its data points and lists it in the legend', () => {
    const x = Float64Array.from({ length: 41 }, (_, i) => i * 0.25);
    const a = x.map((t) => 2 * t + 1);
    const b = x.map((t) => 20 - t * t * 0.15);
    const opts = { width: 640, height: 420, title: 'test', xLabel: 't [s]', yLabel: 'y', series: [{ name: 'line', x, y: a }, { name: 'parabola', x, y: b }] };
    const png = decodePng(renderLinePlot(opts));
    const { layout } = renderLinePlotImage(opts);
    expect([png.width, png.height]).toEqual([640, 420]);
    // the y range is expanded to nice values around the data
    expect(layout.yRange[0]).toBeLessThanOrEqual(1);
    expect(layout.yRange[1]).toBeGreaterThanOrEqual(21);
    for (const [k, ys] of [[0, a], [1, b]] as const) {
      let hits = 0;
      for (let i = 0; i < x.length - 1; i += 3) { // the last point sits on the frame's right edge
        const [px, py] = layout.dataToPixel(x[i]!, ys[i]!);
        const inLegend = layout.legend && px >= layout.legend.x0 - 3 && px <= layout.legend.x1 + 3 && py >= layout.legend.y0 - 3 && py <= layout.legend.y1 + 3;
        if (inLegend) continue;
        expect(pixelAt(png, Math.floor(px), Math.floor(py))).toEqual([...SERIES_COLORS[k]!]);
        hits++;
      }
      expect(hits).toBeGreaterThan(5);
      // legend sample of series k exists inside the legend box
      const L = layout.legend!;
      let found = false;
      for (let yy = L.y0; yy < L.y1 && !found; yy++) for (let xx = L.x0; xx < L.x1; xx++) {
        if (pixelAt(png, xx, yy).every((c, i) => c === SERIES_COLORS[k]![i])) { found = true; break; }
      }
      expect(found).toBe(true);
    }
  });

  it('log y axis: decade range, non-positive values break the line instead of failing', () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => i);
    const y = x.map((t) => Math.pow(10, -t / 6));
    y[10] = 0;
    y[11] = -1;
    const { image, layout } = renderLinePlotImage({ width: 500, height: 400, xLabel: 'iteration', yLabel: 'residual', logY: true, series: [{ name: 'r', x, y }] });
    expect(layout.yRange[0]).toBeCloseTo(Math.pow(10, Math.floor(Math.log10(y[29]!))), 15);
    expect(layout.yRange[1]).toBe(1);
    const [px, py] = layout.dataToPixel(20, y[20]!);
    const o = 4 * (Math.floor(py) * image.width + Math.floor(px));
    expect([image.data[o], image.data[o + 1], image.data[o + 2]]).toEqual([...SERIES_COLORS[0]!]);
  });

  it('rejects series whose x and y lengths differ', () => {
    expect(() => renderLinePlot({ width: 300, height: 200, xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: new Float64Array(3), y: new Float64Array(4) }] })).toThrow(/x has 3/);
  });
});
