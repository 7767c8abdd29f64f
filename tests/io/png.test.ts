import { describe, it, expect } from 'vitest';
import { crc32, encodePng } from '../../src/io/png.js';
import { decodePng } from './pngDecode.js';

describe('encodePng', () => {
  it('crc32 matches the standard check value', () => {
    // CRC-32/ISO-HDLC check value for ASCII "123456789" (Rocksoft catalogue): 0xCBF43926.
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
    // Incremental use gives the same CRC as one pass.
    expect(crc32(Buffer.from('56789'), crc32(Buffer.from('1234')))).toBe(0xcbf43926);
  });

  for (const filter of ['none', 'sub'] as const) {
    it(`round-trips random pixels exactly (filter ${filter})`, () => {
      const w = 37, h = 23; // odd sizes: no accidental alignment
      const rgba = new Uint8Array(w * h * 4);
      let seed = 12345;
      for (let i = 0; i < rgba.length; i++) { seed = (seed * 1103515245 + 12345) >>> 0; rgba[i] = seed >>> 24; }
      const png = encodePng(w, h, rgba, { filter });
      const d = decodePng(png); // checks every chunk CRC with an independent bitwise CRC
      expect(d.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect([d.width, d.height]).toEqual([w, h]);
      expect(d.filterTypes).toEqual(new Set([filter === 'none' ? 0 : 1]));
      expect(Buffer.compare(Buffer.from(d.rgba), Buffer.from(rgba))).toBe(0);
    });
  }

  it('rejects inconsistent sizes', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/size/);
  });
});
