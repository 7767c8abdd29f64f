/**
 * Plot frame with ticks and labels, shared by the field map and the line plot: a 1-px box around the data
 * rectangle, outward ticks on the bottom and left edges, tick labels, axis titles (the y title rotated).
 */
import type { PixelRect, Rgb, RgbaImage } from './image.js';
import { fillRect, strokeRect } from './image.js';
import { FONT_CAP_ROWS, drawText, textHeight, textWidth } from './font.js';

export interface AxisSpec {
  /** Data value at the left/bottom and right/top edge of the rectangle. */
  readonly min: number;
  readonly max: number;
  /** Logarithmic mapping (min, max > 0). */
  readonly log?: boolean;
  readonly ticks: readonly number[];
  /** Tick labels, same length as `ticks`. */
  readonly labels: readonly string[];
  /** Axis title. */
  readonly title: string;
}

/** Pixel coordinate of data value `v` on an axis drawn from pixel p0 (at min) to p1 (at max). */
export function axisToPixel(axis: Pick<AxisSpec, 'min' | 'max' | 'log'>, v: number, p0: number, p1: number): number {
  const f = axis.log
    ? (Math.log(v) - Math.log(axis.min)) / (Math.log(axis.max) - Math.log(axis.min))
    : (v - axis.min) / (axis.max - axis.min);
  return p0 + f * (p1 - p0);
}

/** Layout constants of the frame at font scale `s`. */
export function frameMetrics(s: number): { tick: number; gap: number; text: number } {
  return { tick: 4 * s, gap: 3 * s, text: textHeight(s) };
}

/** Space (pixels) the y axis needs left of the data rectangle: title, labels, ticks. */
export function leftMargin(yLabels: readonly string[], s: number): number {
  const m = frameMetrics(s);
  const w = Math.max(0, ...yLabels.map((l) => textWidth(l, s)));
  return m.tick + m.gap + w + m.gap * 2 + m.text;
}

/** Space (pixels) the x axis needs below the data rectangle: ticks, labels, title. */
export function bottomMargin(s: number): number {
  const m = frameMetrics(s);
  return m.tick + m.gap + m.text + m.gap + m.text;
}

/** Draws the frame around `rect` with the x axis below and the y axis to the left. */
export function drawAxes(img: RgbaImage, rect: PixelRect, x: AxisSpec, y: AxisSpec, s: number, color: Rgb): void {
  const m = frameMetrics(s);
  const lw = Math.max(1, Math.round(s / 2));
  strokeRect(img, rect.x0 - lw, rect.y0 - lw, rect.x1 - rect.x0 + 2 * lw, rect.y1 - rect.y0 + 2 * lw, color);
  if (lw > 1) strokeRect(img, rect.x0 - 1, rect.y0 - 1, rect.x1 - rect.x0 + 2, rect.y1 - rect.y0 + 2, color);
  x.ticks.forEach((v, i) => {
    const px = Math.round(axisToPixel(x, v, rect.x0, rect.x1 - 1));
    fillRect(img, px - (lw >> 1), rect.y1 + lw, lw, m.tick, color);
    drawText(img, px, rect.y1 + lw + m.tick + m.gap, x.labels[i] ?? '', color, s, { align: 'center' });
  });
  const xTitleY = rect.y1 + lw + m.tick + m.gap + m.text + m.gap;
  drawText(img, Math.round((rect.x0 + rect.x1) / 2), xTitleY, x.title, color, s, { align: 'center' });
  let widest = 0;
  y.ticks.forEach((v, i) => {
    const py = Math.round(axisToPixel(y, v, rect.y1 - 1, rect.y0));
    fillRect(img, rect.x0 - lw - m.tick, py - (lw >> 1), m.tick, lw, color);
    const label = y.labels[i] ?? '';
    widest = Math.max(widest, textWidth(label, s));
    drawText(img, rect.x0 - lw - m.tick - m.gap, py - Math.floor((FONT_CAP_ROWS * s) / 2), label, color, s, { align: 'right' });
  });
  const yTitleX = rect.x0 - lw - m.tick - m.gap - widest - 2 * m.gap - m.text;
  drawText(img, Math.max(0, yTitleX), Math.round((rect.y0 + rect.y1) / 2), y.title, color, s, { align: 'center', rotate: 90 });
}
