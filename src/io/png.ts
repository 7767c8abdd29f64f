/**
 * PNG encoder for 8-bit RGBA images (PNG spec, ISO/IEC 15948: signature, IHDR, IDAT, IEND chunks; CRC-32
 * with polynomial 0xEDB88320; zlib-deflated scanlines each preceded by a filter-type byte).
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309 / PNG / zlib polynomial) of `bytes`, continuing from `crc` (default: a fresh CRC). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes `rgba` [height × width × 4] (row-major, top row first) as a PNG file image.
 * `filter`: 'sub' (type 1, default: plots have long runs of equal colour, which Sub turns into zeros) or
 * 'none' (type 0).
 */
export function encodePng(width: number, height: number, rgba: Uint8Array, opts: { filter?: 'none' | 'sub' } = {}): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`bad PNG size ${width}×${height}`);
  if (rgba.length !== width * height * 4) throw new Error(`PNG data has ${rgba.length} bytes, expected ${width}×${height}×4`);
  const sub = (opts.filter ?? 'sub') === 'sub';
  const stride = width * 4;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    const s = y * stride;
    raw[o] = sub ? 1 : 0;
    if (!sub) {
      raw.set(rgba.subarray(s, s + stride), o + 1);
      continue;
    }
    for (let i = 0; i < stride; i++) raw[o + 1 + i] = (rgba[s + i]! - (i >= 4 ? rgba[s + i - 4]! : 0)) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}
