/**
 * A small proportional bitmap font for plot labels, designed for this project: 5 px wide, 7 px cap height,
 * 2 px descenders (cell 9 rows), 1 px letter spacing. Covers digits, A–Z, a–z, the punctuation used in
 * numbers and units (. , - + e ^ µ % ( ) / [ ] = : and more), superscripts ¹ ² ³ ⁻, and a few Greek letters
 * common in field names (φ σ ε Δ θ α τ μ). Unknown characters draw as a hollow box.
 */
import type { Rgb, RgbaImage } from './image.js';
import { setPixel } from './image.js';

/** '#' = ink; rows separated by '|'; 7 rows (no descender) or 9 rows. */
const GLYPHS: Readonly<Record<string, string>> = {
  '0': '.###.|#...#|#..##|#.#.#|##..#|#...#|.###.',
  '1': '..#..|.##..|..#..|..#..|..#..|..#..|.###.',
  '2': '.###.|#...#|....#|...#.|..#..|.#...|#####',
  '3': '#####|...#.|..#..|...#.|....#|#...#|.###.',
  '4': '...#.|..##.|.#.#.|#..#.|#####|...#.|...#.',
  '5': '#####|#....|####.|....#|....#|#...#|.###.',
  '6': '..##.|.#...|#....|####.|#...#|#...#|.###.',
  '7': '#####|....#|...#.|..#..|.#...|.#...|.#...',
  '8': '.###.|#...#|#...#|.###.|#...#|#...#|.###.',
  '9': '.###.|#...#|#...#|.####|....#|...#.|.##..',
  A: '.###.|#...#|#...#|#####|#...#|#...#|#...#',
  B: '####.|#...#|#...#|####.|#...#|#...#|####.',
  C: '.###.|#...#|#....|#....|#....|#...#|.###.',
  D: '###..|#..#.|#...#|#...#|#...#|#..#.|###..',
  E: '#####|#....|#....|####.|#....|#....|#####',
  F: '#####|#....|#....|####.|#....|#....|#....',
  G: '.###.|#...#|#....|#.###|#...#|#...#|.####',
  H: '#...#|#...#|#...#|#####|#...#|#...#|#...#',
  I: '###|.#.|.#.|.#.|.#.|.#.|###',
  J: '..###|...#.|...#.|...#.|...#.|#..#.|.##..',
  K: '#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#',
  L: '#....|#....|#....|#....|#....|#....|#####',
  M: '#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#',
  N: '#...#|#...#|##..#|#.#.#|#..##|#...#|#...#',
  O: '.###.|#...#|#...#|#...#|#...#|#...#|.###.',
  P: '####.|#...#|#...#|####.|#....|#....|#....',
  Q: '.###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#',
  R: '####.|#...#|#...#|####.|#.#..|#..#.|#...#',
  S: '.####|#....|#....|.###.|....#|....#|####.',
  T: '#####|..#..|..#..|..#..|..#..|..#..|..#..',
  U: '#...#|#...#|#...#|#...#|#...#|#...#|.###.',
  V: '#...#|#...#|#...#|#...#|#...#|.#.#.|..#..',
  W: '#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.',
  X: '#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#',
  Y: '#...#|#...#|.#.#.|..#..|..#..|..#..|..#..',
  Z: '#####|....#|...#.|..#..|.#...|#....|#####',
  a: '.....|.....|.###.|....#|.####|#...#|.####',
  b: '#....|#....|#.##.|##..#|#...#|#...#|####.',
  c: '.....|.....|.###.|#....|#....|#...#|.###.',
  d: '....#|....#|.##.#|#..##|#...#|#...#|.####',
  e: '.....|.....|.###.|#...#|#####|#....|.###.',
  f: '..##|.#..|.#..|###.|.#..|.#..|.#..',
  g: '.....|.....|.####|#...#|#...#|#...#|.####|....#|.###.',
  h: '#....|#....|#.##.|##..#|#...#|#...#|#...#',
  i: '.#.|...|##.|.#.|.#.|.#.|###',
  j: '..#|...|.##|..#|..#|..#|..#|#.#|.#.',
  k: '#...|#...|#..#|#.#.|##..|#.#.|#..#',
  l: '##.|.#.|.#.|.#.|.#.|.#.|###',
  m: '.....|.....|##.#.|#.#.#|#.#.#|#.#.#|#.#.#',
  n: '.....|.....|#.##.|##..#|#...#|#...#|#...#',
  o: '.....|.....|.###.|#...#|#...#|#...#|.###.',
  p: '.....|.....|####.|#...#|#...#|#...#|####.|#....|#....',
  q: '.....|.....|.####|#...#|#...#|#...#|.####|....#|....#',
  r: '.....|.....|#.##.|##..#|#....|#....|#....',
  s: '.....|.....|.####|#....|.###.|....#|####.',
  t: '.#..|.#..|###.|.#..|.#..|.#.#|..#.',
  u: '.....|.....|#...#|#...#|#...#|#..##|.##.#',
  v: '.....|.....|#...#|#...#|#...#|.#.#.|..#..',
  w: '.....|.....|#...#|#...#|#.#.#|#.#.#|.#.#.',
  x: '.....|.....|#...#|.#.#.|..#..|.#.#.|#...#',
  y: '.....|.....|#...#|#...#|#...#|#...#|.####|....#|.###.',
  z: '.....|.....|#####|...#.|..#..|.#...|#####',
  '.': '..|..|..|..|..|##|##',
  ',': '..|..|..|..|..|##|##|.#|#.',
  '-': '....|....|....|####|....|....|....',
  '+': '.....|..#..|..#..|#####|..#..|..#..|.....',
  '^': '..#..|.#.#.|#...#|.....|.....|.....|.....',
  'µ': '.....|.....|#...#|#...#|#...#|##..#|#.##.|#....|#....',
  '%': '##...|##..#|...#.|..#..|.#...|#..##|...##',
  '(': '..#|.#.|#..|#..|#..|.#.|..#',
  ')': '#..|.#.|..#|..#|..#|.#.|#..',
  '/': '....#|....#|...#.|..#..|.#...|#....|#....',
  '\\': '#....|#....|.#...|..#..|...#.|....#|....#',
  '[': '###|#..|#..|#..|#..|#..|###',
  ']': '###|..#|..#|..#|..#|..#|###',
  '{': '..##|.#..|.#..|#...|.#..|.#..|..##',
  '}': '##..|..#.|..#.|...#|..#.|..#.|##..',
  '=': '.....|.....|#####|.....|#####|.....|.....',
  ':': '..|..|##|##|..|##|##',
  ';': '..|..|##|##|..|##|##|.#|#.',
  '*': '.....|..#..|#.#.#|.###.|#.#.#|..#..|.....',
  '_': '.....|.....|.....|.....|.....|.....|#####',
  '|': '#|#|#|#|#|#|#',
  '<': '...#|..#.|.#..|#...|.#..|..#.|...#',
  '>': '#...|.#..|..#.|...#|..#.|.#..|#...',
  '!': '#|#|#|#|#|.|#',
  '?': '.###.|#...#|....#|...#.|..#..|.....|..#..',
  "'": '#|#|.|.|.|.|.',
  '"': '#.#|#.#|...|...|...|...|...',
  '#': '.#.#.|.#.#.|#####|.#.#.|#####|.#.#.|.#.#.',
  '&': '.##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#',
  '~': '.....|.....|.#...|#.#.#|...#.|.....|.....',
  '°': '.##.|#..#|#..#|.##.|....|....|....',
  '·': '..|..|..|##|##|..|..',
  '×': '.....|#...#|.#.#.|..#..|.#.#.|#...#|.....',
  '¹': '.#.|##.|.#.|.#.|###|...|...',
  '²': '###.|...#|.##.|#...|####|....|....',
  '³': '###.|...#|.##.|...#|###.|....|....',
  '⁻': '...|###|...|...|...|...|...',
  'φ': '.....|..#..|.###.|#.#.#|#.#.#|#.#.#|.###.|..#..|..#..',
  'σ': '.....|.....|.####|#..#.|#...#|#...#|.###.',
  'ε': '.....|.....|.###.|#....|.##..|#....|.###.',
  'Δ': '..#..|..#..|.#.#.|.#.#.|#...#|#...#|#####',
  'θ': '.###.|#...#|#...#|#####|#...#|#...#|.###.',
  'α': '.....|.....|.##.#|#..#.|#..#.|#..#.|.##.#',
  'τ': '.....|.....|#####|..#..|..#..|..#..|...##',
};
/** Characters drawn with another character's glyph (same shape, different code point). */
const ALIASES: Readonly<Record<string, string>> = { 'μ': 'µ', 'ϕ': 'φ', '−': '-', '–': '-', '‑': '-' };
const FALLBACK = '#####|#...#|#...#|#...#|#...#|#...#|#####';

/** Rows of one glyph cell. */
export const FONT_ROWS = 9;
/** Rows above the baseline (cap height). */
export const FONT_CAP_ROWS = 7;
const SPACE_ADVANCE = 4;

interface Glyph {
  readonly width: number;
  /** Bit c of rows[r] = ink at column c (after trimming blank columns). */
  readonly rows: Uint8Array;
}

function parseGlyph(def: string): Glyph {
  const lines = def.split('|');
  if (lines.length !== 7 && lines.length !== FONT_ROWS) throw new Error(`glyph needs 7 or 9 rows: ${def}`);
  let left = Infinity, right = -1;
  for (const l of lines) for (let c = 0; c < l.length; c++) if (l[c] === '#') { left = Math.min(left, c); right = Math.max(right, c); }
  const rows = new Uint8Array(FONT_ROWS);
  if (right < 0) return { width: 0, rows };
  lines.forEach((l, r) => {
    for (let c = left; c <= right; c++) if (l[c] === '#') rows[r]! |= 1 << (c - left);
  });
  return { width: right - left + 1, rows };
}

const TABLE = new Map<string, Glyph>(Object.entries(GLYPHS).map(([ch, def]) => [ch, parseGlyph(def)]));
const FALLBACK_GLYPH = parseGlyph(FALLBACK);

/** True when `ch` has its own glyph (not the fallback box). */
export function hasGlyph(ch: string): boolean {
  return ch === ' ' || TABLE.has(ch) || ALIASES[ch] !== undefined;
}

function glyphOf(ch: string): Glyph {
  return TABLE.get(ALIASES[ch] ?? ch) ?? FALLBACK_GLYPH;
}

/** Ink rows of `ch` as strings ('#'/'.'), for tests and debugging. */
export function glyphBitmap(ch: string): string[] {
  const g = glyphOf(ch);
  return Array.from(g.rows, (bits) => Array.from({ length: g.width }, (_, c) => ((bits >> c) & 1 ? '#' : '.')).join(''));
}

/** Width in pixels of `text` drawn at `scale` (no trailing spacing). */
export function textWidth(text: string, scale = 1): number {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? SPACE_ADVANCE : glyphOf(ch).width + 1;
  return Math.max(0, w - 1) * scale;
}

/** Height in pixels of one text line at `scale`, descenders included. */
export function textHeight(scale = 1): number {
  return FONT_ROWS * scale;
}

/** Font scale that keeps labels readable: 1 when the smaller image side is < 320 px, 2 when < 900 px, else 3. */
export function defaultFontScale(width: number, height: number): number {
  const m = Math.min(width, height);
  return m < 320 ? 1 : m < 900 ? 2 : 3;
}

export interface TextOptions {
  /** Anchor along the text direction: x (or y when rotated) is the left end, centre or right end. */
  readonly align?: 'left' | 'center' | 'right';
  /** 0: normal; 90: rotated counter-clockwise (reads bottom to top), for vertical axis labels. */
  readonly rotate?: 0 | 90;
}

/**
 * Draws `text` with its cell's top-left corner at (x, y) (for `rotate: 90`, (x, y) is the bottom-left of the
 * rotated run, i.e. text starts at y and goes up). Each font pixel becomes a `scale` × `scale` block.
 * Returns the text width in pixels.
 */
export function drawText(img: RgbaImage, x: number, y: number, text: string, color: Rgb, scale = 1, opts: TextOptions = {}): number {
  const w = textWidth(text, scale);
  const shift = opts.align === 'center' ? Math.round(w / 2) : opts.align === 'right' ? w : 0;
  const rotated = opts.rotate === 90;
  let u = -shift; // position along the text direction
  for (const ch of text) {
    if (ch === ' ') {
      u += SPACE_ADVANCE * scale;
      continue;
    }
    const g = glyphOf(ch);
    for (let r = 0; r < FONT_ROWS; r++) {
      const bits = g.rows[r]!;
      if (bits === 0) continue;
      for (let c = 0; c < g.width; c++) {
        if (!((bits >> c) & 1)) continue;
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) {
            const tu = u + c * scale + sx; // along text
            const tv = r * scale + sy; // down the glyph
            if (rotated) setPixel(img, x + tv, y - 1 - tu, color);
            else setPixel(img, x + tu, y + tv, color);
          }
        }
      }
    }
    u += (g.width + 1) * scale;
  }
  return w;
}
