/**
 * Colormaps as 52 sRGB anchors (every 5th entry of the 256-entry tables, indices 0, 5, …, 255) interpolated
 * linearly; the largest deviation from the full table is 1.2/255 per channel.
 * - viridis, inferno: matplotlib's `_viridis_data` / `_inferno_data` (lib/matplotlib/_cm_listed.py; van der
 *   Walt & Smith, CC0), rounded to 8 bits.
 * - coolwarm: K. Moreland, "Diverging Color Maps for Scientific Visualization" (ISVC 2009), the Msh
 *   interpolation from RGB (59, 76, 192) to (180, 4, 38) through white M = 88, evaluated at i/51 (matches
 *   Moreland's published table, e.g. 0.5 → (221, 221, 221), within rounding).
 */
import type { Rgb } from './image.js';

export type ColormapName = 'viridis' | 'coolwarm' | 'inferno';

const HEX: Readonly<Record<ColormapName, string>> = {
  viridis:
    '440154 46085c 471063 481769 481d6f 482475 472a7a 46307e 453781 433d84 414287 3f4889 3d4e8a 3a538b 38598c 355e8d ' +
    '33638d 31688e 2e6d8e 2c718e 2a768e 297b8e 27808e 25848e 23898e 218e8d 20928c 1f978b 1e9c89 1fa188 21a585 24aa83 ' +
    '28ae80 2eb37c 35b779 3dbc74 46c06f 50c46a 5ac864 65cb5e 70cf57 7cd250 89d548 95d840 a2da37 b0dd2f bddf26 cae11f ' +
    'd8e219 e5e419 f1e51d fde725',
  inferno:
    '000004 02020c 050417 0a0722 10092d 160b39 1e0c45 260c51 2f0a5b 380962 400a67 490b6a 510e6c 59106e 61136e 69166e ' +
    '71196e 781c6d 801f6c 88226a 902568 982766 a02a63 a82e5f b0315b b73557 bf3952 c63d4d cc4248 d34743 d94d3d df5337 ' +
    'e45a31 e9612b ed6925 f1711f f47918 f78212 f98b0b fa9407 fb9d07 fca60c fcb014 fbba1f fac42a f8cd37 f6d746 f4e156 ' +
    'f2ea69 f2f27d f5f992 fcffa4',
  coolwarm:
    '3b4cc0 4155c8 475dcf 4d66d6 536edd 5977e2 5f7fe8 6687ed 6d8ef1 7396f5 7a9df8 81a4fb 88abfd 8fb1fe 96b7ff 9dbdff ' +
    'a3c2fe aac7fd b1cbfc b7cff9 bed3f6 c4d6f3 cad8ef d0daea d5dbe5 dadce0 dfdcd9 e5d9d2 e9d6cb edd2c3 f0cebc f3c9b4 ' +
    'f5c4ac f6bea4 f7b89c f7b294 f7ab8c f6a385 f59c7d f39475 f08b6e ed8366 ea7a5f e57058 e16751 dc5d4a d65243 d0473d ' +
    'ca3b37 c32e31 bc1e2b b40426',
};

const ANCHORS: ReadonlyMap<ColormapName, Uint8Array> = new Map(
  (Object.keys(HEX) as ColormapName[]).map((name) => {
    const hex = HEX[name].split(' ');
    const a = new Uint8Array(3 * hex.length);
    hex.forEach((h, i) => {
      a[3 * i] = parseInt(h.slice(0, 2), 16);
      a[3 * i + 1] = parseInt(h.slice(2, 4), 16);
      a[3 * i + 2] = parseInt(h.slice(4, 6), 16);
    });
    return [name, a];
  }),
);

export function isColormapName(s: string): s is ColormapName {
  return ANCHORS.has(s as ColormapName);
}

/** Colour at t ∈ [0, 1] (clamped; NaN → 0) as unrounded sRGB components 0–255, written to out[0..2]. */
export function colormapRgbFloat(name: ColormapName, t: number, out: Float64Array | number[]): void {
  const a = ANCHORS.get(name);
  if (!a) throw new Error(`unknown colormap '${name}'`);
  const n = a.length / 3 - 1;
  const s = (Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t))) * n;
  const i = Math.min(n - 1, Math.floor(s));
  const f = s - i;
  for (let k = 0; k < 3; k++) out[k] = a[3 * i + k]! * (1 - f) + a[3 * (i + 1) + k]! * f;
}

/** Colour at t ∈ [0, 1] (clamped), rounded to 8 bits. */
export function colormapRgb(name: ColormapName, t: number): Rgb {
  const f = [0, 0, 0];
  colormapRgbFloat(name, t, f);
  return [Math.round(f[0]!), Math.round(f[1]!), Math.round(f[2]!)];
}

/** Lookup table [n × 3] of `name` sampled at t = i/(n−1), for per-pixel colouring without interpolation. */
export function colormapTable(name: ColormapName, n = 1024): Uint8Array {
  const lut = new Uint8Array(3 * n);
  const f = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    colormapRgbFloat(name, i / (n - 1), f);
    for (let k = 0; k < 3; k++) lut[3 * i + k] = Math.round(f[k]!);
  }
  return lut;
}
