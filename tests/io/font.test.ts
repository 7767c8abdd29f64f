import { describe, it, expect } from 'vitest';
import { drawText, glyphBitmap, hasGlyph, textWidth } from '../../src/io/font.js';
import { createImage, getPixel } from '../../src/io/image.js';

const REQUIRED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,-+e^µ%()/[]=: ';

describe('bitmap font', () => {
  it('has a glyph for every required character, and no two glyphs look the same', () => {
    const seen = new Map<string, string>();
    for (const ch of new Set(REQUIRED)) {
      expect(hasGlyph(ch), `missing glyph '${ch}'`).toBe(true);
      if (ch === ' ') continue;
      const key = glyphBitmap(ch).join('/');
      expect(key.includes('#'), `empty glyph '${ch}'`).toBe(true);
      expect(seen.get(key), `'${ch}' looks like '${seen.get(key)}'`).toBeUndefined();
      seen.set(key, ch);
    }
    expect(hasGlyph('\u2603')).toBe(false); // snowman: falls back to the box
  });

  it('draws ink only inside the measured box, at the requested scale', () => {
    for (const scale of [1, 3]) {
      const img = createImage(400, 60);
      const text = 'V [µm] = 1.5e-3';
      const w = drawText(img, 10, 20, text, [0, 0, 0], scale);
      expect(w).toBe(textWidth(text, scale));
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, ink = 0;
      for (let y = 0; y < 60; y++) for (let x = 0; x < 400; x++) {
        if (getPixel(img, x, y)[0] === 0) { ink++; minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
      }
      expect(ink % (scale * scale)).toBe(0); // whole scale×scale blocks
      expect(minX).toBe(10);
      expect(maxX).toBe(10 + w - 1);
      expect(minY).toBeGreaterThanOrEqual(20);
      expect(maxY).toBeLessThan(20 + 9 * scale); // 9-row cell incl. descender of 'µ'
    }
  });

  it('rotated text occupies the transposed box', () => {
    const img = createImage(40, 120);
    const w = drawText(img, 5, 100, 'y (µm)', [0, 0, 0], 1, { rotate: 90 });
    let minY = Infinity, maxY = -Infinity, maxX = -Infinity;
    for (let y = 0; y < 120; y++) for (let x = 0; x < 40; x++) if (getPixel(img, x, y)[0] === 0) { minY = Math.min(minY, y); maxY = Math.max(maxY, y); maxX = Math.max(maxX, x); }
    expect(maxY).toBe(99);
    expect(minY).toBe(100 - w);
    expect(maxX).toBeLessThan(5 + 9);
  });
});
