/**
 * An 8-bit RGBA raster with the few drawing primitives the plots need (pixels, rectangles, thick lines).
 * Coordinates: x to the right, y down, pixel (x, y) covers [x, x+1) × [y, y+1). Drawing clips to the image
 * (or to an optional clip rectangle for lines).
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** [height × width × 4] row-major, top row first. */
  readonly data: Uint8Array;
}

/** An sRGB colour, components 0–255. */
export type Rgb = readonly [number, number, number];

export const BLACK: Rgb = [0, 0, 0];
export const WHITE: Rgb = [255, 255, 255];

/** Axis-aligned pixel rectangle [x0, x1) × [y0, y1). */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A new opaque image filled with `background`. */
export function createImage(width: number, height: number, background: Rgb = WHITE): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`bad image size ${width}×${height}`);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[4 * i] = background[0];
    data[4 * i + 1] = background[1];
    data[4 * i + 2] = background[2];
    data[4 * i + 3] = 255;
  }
  return { width, height, data };
}

/** Sets one opaque pixel; ignores pixels outside the image. */
export function setPixel(img: RgbaImage, x: number, y: number, c: Rgb): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const o = 4 * (y * img.width + x);
  img.data[o] = c[0];
  img.data[o + 1] = c[1];
  img.data[o + 2] = c[2];
  img.data[o + 3] = 255;
}

/** RGB of pixel (x, y). */
export function getPixel(img: RgbaImage, x: number, y: number): Rgb {
  const o = 4 * (y * img.width + x);
  return [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!];
}

/** Fills the rectangle [x, x+w) × [y, y+h) (integers), clipped to the image. */
export function fillRect(img: RgbaImage, x: number, y: number, w: number, h: number, c: Rgb): void {
  const xa = Math.max(0, x), xb = Math.min(img.width, x + w);
  const ya = Math.max(0, y), yb = Math.min(img.height, y + h);
  for (let yy = ya; yy < yb; yy++) for (let xx = xa; xx < xb; xx++) setPixel(img, xx, yy, c);
}

/** 1-pixel outline of [x, x+w) × [y, y+h). */
export function strokeRect(img: RgbaImage, x: number, y: number, w: number, h: number, c: Rgb): void {
  fillRect(img, x, y, w, 1, c);
  fillRect(img, x, y + h - 1, w, 1, c);
  fillRect(img, x, y, 1, h, c);
  fillRect(img, x + w - 1, y, 1, h, c);
}

/**
 * Line from (x0, y0) to (x1, y1) in continuous pixel coordinates (pixel centres at +0.5), `thickness` pixels
 * wide (a square brush stamped every ≤ 0.5 px along the line), clipped to `clip` if given.
 */
export function drawLine(img: RgbaImage, x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1, clip?: PixelRect): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  const steps = Math.max(1, Math.ceil(len * 2));
  const r = (thickness - 1) / 2;
  const cx0 = clip ? clip.x0 : 0, cy0 = clip ? clip.y0 : 0;
  const cx1 = clip ? clip.x1 : img.width, cy1 = clip ? clip.y1 : img.height;
  let lastX = NaN, lastY = NaN;
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    const px = Math.floor(x0 + (x1 - x0) * t - r);
    const py = Math.floor(y0 + (y1 - y0) * t - r);
    if (px === lastX && py === lastY) continue;
    lastX = px;
    lastY = py;
    const w = Math.max(1, Math.round(thickness));
    for (let yy = py; yy < py + w; yy++) {
      if (yy < cy0 || yy >= cy1) continue;
      for (let xx = px; xx < px + w; xx++) if (xx >= cx0 && xx < cx1) setPixel(img, xx, yy, c);
    }
  }
}
