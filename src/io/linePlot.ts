/**
 * Line plot picture (PNG): several named series y(x) with axes, ticks, a legend, optional logarithmic y axis.
 * Non-finite points (and y ≤ 0 on a log axis) break a line instead of being drawn.
 */
import type { PixelRect, Rgb, RgbaImage } from './image.js';
import { createImage, drawLine, fillRect, strokeRect } from './image.js';
import { defaultFontScale, drawText, textHeight, textWidth } from './font.js';
import { formatLogTick, formatTick, logTicks, niceStep, ticksForStep } from './ticks.js';
import { axisToPixel, bottomMargin, drawAxes, leftMargin } from './axes.js';
import { encodePng } from './png.js';

export interface LineSeries {
  readonly name: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Line colour; default from a 10-colour categorical palette. */
  readonly color?: Rgb;
}

export interface LinePlotOptions {
  readonly series: readonly LineSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly title?: string;
  readonly width: number;
  readonly height: number;
  readonly logY?: boolean;
  /** Font pixel scale; default 1 below 320 px, 2 below 900 px, else 3 (smaller image side). */
  readonly fontScale?: number;
}

export interface LinePlotLayout {
  readonly plot: PixelRect;
  readonly legend: PixelRect | null;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Data coordinates → continuous pixel coordinates. */
  dataToPixel(x: number, y: number): [number, number];
}

/** matplotlib's "tab10" colours (Tableau 10), a well-tested categorical palette. */
export const SERIES_COLORS: readonly Rgb[] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];
const TEXT: Rgb = [20, 20, 20];

/** Renders the plot into an RGBA image and returns it with its layout. */
export function renderLinePlotImage(opts: LinePlotOptions): { image: RgbaImage; layout: LinePlotLayout } {
  const { width, height, series } = opts;
  const logY = opts.logY ?? false;
  const s = opts.fontScale ?? defaultFontScale(width, height);
  const usable = (y: number): boolean => Number.isFinite(y) && (!logY || y > 0);
  let xlo = Infinity, xhi = -Infinity, ylo = Infinity, yhi = -Infinity;
  for (const sr of series) {
    if (sr.x.length !== sr.y.length) throw new Error(`series '${sr.name}': x has ${sr.x.length} values, y has ${sr.y.length}`);
    for (let i = 0; i < sr.x.length; i++) {
      const x = sr.x[i]!, y = sr.y[i]!;
      if (!Number.isFinite(x) || !usable(y)) continue;
      xlo = Math.min(xlo, x); xhi = Math.max(xhi, x);
      ylo = Math.min(ylo, y); yhi = Math.max(yhi, y);
    }
  }
  if (xlo > xhi) { xlo = 0; xhi = 1; ylo = logY ? 1 : 0; yhi = logY ? 10 : 1; }
  if (xlo === xhi) { xlo -= 0.5; xhi += 0.5; }
  if (ylo === yhi) {
    if (logY) { ylo /= 2; yhi *= 2; } else { const d = ylo === 0 ? 1 : Math.abs(ylo) * 0.05; ylo -= d; yhi += d; }
  }
  // y: expand to the enclosing nice values (decades on a log axis) so the curves do not touch the frame.
  let yTicks: number[], yLabels: string[];
  if (logY) {
    ylo = Math.pow(10, Math.floor(Math.log10(ylo) + 1e-12));
    yhi = Math.pow(10, Math.ceil(Math.log10(yhi) - 1e-12));
    if (ylo === yhi) yhi *= 10;
    yTicks = logTicks(ylo, yhi);
    yLabels = yTicks.map(formatLogTick);
  } else {
    const st = niceStep(ylo, yhi, 6);
    ylo = Math.floor(ylo / st + 1e-9) * st;
    yhi = Math.ceil(yhi / st - 1e-9) * st;
    yTicks = ticksForStep(ylo, yhi, st);
    yLabels = yTicks.map((v) => formatTick(v, st));
  }
  const pad = 8 * s;
  const top = pad + (opts.title ? textHeight(s) + pad : 0) + 4 * s;
  const left = pad + leftMargin(yLabels, s);
  const bottom = bottomMargin(s) + pad;
  const right = pad + 4 * s + textWidth(formatTick(xhi, niceStep(xlo, xhi, 6)), s) / 2;
  const plot: PixelRect = { x0: left, y0: top, x1: width - Math.ceil(right), y1: height - bottom };
  if (plot.x1 - plot.x0 < 16 || plot.y1 - plot.y0 < 16) throw new Error(`renderLinePlot: image ${width}×${height} too small`);
  const xAxis = { min: xlo, max: xhi };
  const yAxis = { min: ylo, max: yhi, log: logY };
  const toPixel = (x: number, y: number): [number, number] => [
    axisToPixel(xAxis, x, plot.x0, plot.x1),
    axisToPixel(yAxis, y, plot.y1, plot.y0),
  ];
  const img = createImage(width, height);
  const xStep = niceStep(xlo, xhi, Math.max(2, Math.floor((plot.x1 - plot.x0) / (60 * s))));
  const xTicks = ticksForStep(xlo, xhi, xStep);
  // light grid at the ticks, under the data
  const grid: Rgb = [225, 225, 225];
  for (const v of xTicks) { const px = Math.round(toPixel(v, yTicks[0] ?? ylo)[0]); fillRect(img, px, plot.y0, 1, plot.y1 - plot.y0, grid); }
  for (const v of yTicks) { const py = Math.round(toPixel(xlo, v)[1]); fillRect(img, plot.x0, py, plot.x1 - plot.x0, 1, grid); }

  const lw = Math.max(2, s);
  series.forEach((sr, k) => {
    const color = sr.color ?? SERIES_COLORS[k % SERIES_COLORS.length]!;
    let prev: [number, number] | null = null;
    for (let i = 0; i < sr.x.length; i++) {
      const x = sr.x[i]!, y = sr.y[i]!;
      if (!Number.isFinite(x) || !usable(y)) { prev = null; continue; }
      const p = toPixel(x, y);
      if (prev) drawLine(img, prev[0], prev[1], p[0], p[1], color, lw, plot);
      else drawLine(img, p[0], p[1], p[0], p[1], color, lw, plot); // isolated point stays visible
      prev = p;
    }
  });
  drawAxes(img, plot,
    { ...xAxis, ticks: xTicks, labels: xTicks.map((v) => formatTick(v, xStep)), title: opts.xLabel },
    { ...yAxis, ticks: yTicks, labels: yLabels, title: opts.yLabel },
    s, TEXT);
  if (opts.title) drawText(img, Math.round(width / 2), pad, opts.title, TEXT, s, { align: 'center' });

  // Legend: top-right inside the frame, a line sample and the name per series.
  let legend: PixelRect | null = null;
  if (series.length > 0) {
    const row = textHeight(s) + 3 * s;
    const sample = 18 * s;
    const lwid = 6 * s + sample + 4 * s + Math.max(...series.map((sr) => textWidth(sr.name, s)));
    const lh = 4 * s + series.length * row;
    const lx = plot.x1 - lwid - 6 * s, ly = plot.y0 + 6 * s;
    legend = { x0: lx, y0: ly, x1: lx + lwid, y1: ly + lh };
    fillRect(img, lx, ly, lwid, lh, [255, 255, 255]);
    strokeRect(img, lx, ly, lwid, lh, [160, 160, 160]);
    series.forEach((sr, k) => {
      const color = sr.color ?? SERIES_COLORS[k % SERIES_COLORS.length]!;
      const ty = ly + 3 * s + k * row;
      const cy = ty + Math.floor((7 * s) / 2);
      fillRect(img, lx + 4 * s, cy - Math.floor(lw / 2), sample, lw, color);
      drawText(img, lx + 4 * s + sample + 4 * s, ty, sr.name, TEXT, s);
    });
  }
  return { image: img, layout: { plot, legend, xRange: [xlo, xhi], yRange: [ylo, yhi], dataToPixel: toPixel } };
}

/** Line plot as a PNG file image; see {@link renderLinePlotImage}. */
export function renderLinePlot(opts: LinePlotOptions): Buffer {
  const { image } = renderLinePlotImage(opts);
  return encodePng(image.width, image.height, image.data);
}
