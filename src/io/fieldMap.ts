/**
 * Field map picture of a scalar on the mesh: the triangles filled with a colormap (nodal values interpolated
 * linearly per piece, or one colour per cell), equal x/y scaling, axes with ticks in display length units, a
 * colour bar with tick labels and unit, an optional iso-line (e.g. the phase front φ = 0.5) drawn with a dark
 * halo so it shows on any colour, and an optional mirror image about x = 0 to show an axisymmetric half as a
 * full section. Output: PNG.
 */
import type { Mesh } from '../mesh/mesh.js';
import type { PixelRect, Rgb, RgbaImage } from './image.js';
import { BLACK, createImage, drawLine, fillRect, strokeRect } from './image.js';
import { type ColormapName, colormapTable } from './colormap.js';
import { defaultFontScale, drawText, FONT_CAP_ROWS, textHeight, textWidth } from './font.js';
import { niceStep, ticksForStep, formatTick } from './ticks.js';
import { bottomMargin, drawAxes, frameMetrics, leftMargin } from './axes.js';
import { linearPieces } from './linearPieces.js';
import { rasterizeTriangle } from './raster.js';
import { isoSegments } from './contour.js';
import { encodePng } from './png.js';

export interface FieldMapOptions {
  /** Image size in pixels. */
  readonly width: number;
  readonly height: number;
  readonly title?: string;
  /** Shown above the colour bar, e.g. 'V' or 'A/m^2'. */
  readonly unitLabel?: string;
  readonly colormap?: ColormapName;
  /** Colour range [min, max]; default: the finite data range (a constant field gets ±1 % around its value). */
  readonly range?: readonly [number, number];
  /** Axis values = coordinates × lengthScale (1e6 → µm). Default 1. */
  readonly lengthScale?: number;
  /** Axis titles; default 'x (µm)', 'y (µm)' etc. from lengthScale. */
  readonly axisLabel?: readonly [string, string];
  /** Iso-line of a nodal field [nPoints] at `level`; drawn white with a black halo by default. */
  readonly contour?: { readonly values: Float64Array; readonly level: number; readonly color?: Rgb; readonly halo?: Rgb };
  /** Also draw the mesh mirrored about x = 0 (axisymmetric (r, z) models shown as a full section). */
  readonly mirrorX?: boolean;
  /** 'point' (values [nPoints]) or 'cell' (values [nCells]); default from the length (point if both fit). */
  readonly location?: 'point' | 'cell';
  /** Draw cell edges in grey. */
  readonly showMesh?: boolean;
  /** Font pixel scale; default 1 below 320 px, 2 below 900 px, else 3 (smaller image side). */
  readonly fontScale?: number;
}

/** Where things ended up, for tests and overlays. */
export interface FieldMapLayout {
  /** Data rectangle (pixels). */
  readonly plot: PixelRect;
  /** Colour bar rectangle (pixels): top = range[1], bottom = range[0]. */
  readonly colorbar: PixelRect;
  readonly range: readonly [number, number];
  /** Pixels per metre (same in x and y). */
  readonly pxPerMetre: number;
  /** Mesh coordinates (m) → continuous pixel coordinates. */
  worldToPixel(x: number, y: number): [number, number];
}

const LENGTH_UNITS: ReadonlyMap<number, string> = new Map([[1, 'm'], [1e3, 'mm'], [1e6, 'µm'], [1e9, 'nm']]);
const LUT_SIZE = 1024;
const TEXT: Rgb = [20, 20, 20];
const MESH_EDGE: Rgb = [90, 90, 90];

function dataRange(v: Float64Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.01;
    return [lo - d, hi + d];
  }
  return [lo, hi];
}

/** Renders the field map into an RGBA image and returns it with its layout. See {@link FieldMapOptions}. */
export function renderFieldMapImage(mesh: Mesh, values: Float64Array, opts: FieldMapOptions): { image: RgbaImage; layout: FieldMapLayout } {
  const location = opts.location ?? (values.length === mesh.nPoints ? 'point' : values.length === mesh.nCells ? 'cell' : null);
  if (location === null || values.length !== (location === 'point' ? mesh.nPoints : mesh.nCells)) {
    throw new Error(`renderFieldMap: ${values.length} values match neither nPoints = ${mesh.nPoints} nor nCells = ${mesh.nCells}`);
  }
  const { width, height } = opts;
  const s = opts.fontScale ?? defaultFontScale(width, height);
  const m = frameMetrics(s);
  const pad = 8 * s;
  const L = opts.lengthScale ?? 1;
  const unit = LENGTH_UNITS.get(L);
  const axisTitles = opts.axisLabel ?? (unit ? [`x (${unit})`, `y (${unit})`] : ['x', 'y']);
  const range = opts.range ? [opts.range[0], opts.range[1]] as [number, number] : dataRange(values);
  if (!(range[1] > range[0])) throw new Error(`renderFieldMap: empty colour range [${range[0]}, ${range[1]}]`);

  // World bounding box (mirrored about x = 0 if asked).
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  const P = mesh.points;
  for (let i = 0; i < mesh.nPoints; i++) {
    const x = P[2 * i]!, y = P[2 * i + 1]!;
    xmin = Math.min(xmin, x, opts.mirrorX ? -x : x);
    xmax = Math.max(xmax, x, opts.mirrorX ? -x : x);
    ymin = Math.min(ymin, y);
    ymax = Math.max(ymax, y);
  }
  const dx = xmax - xmin, dy = ymax - ymin;
  if (!(dx > 0 && dy > 0)) throw new Error('renderFieldMap: mesh has no extent in x or y');

  // Margins: title + unit label above, y axis left, x axis below, colour bar right.
  const top = pad + (opts.title ? m.text + pad : 0) + (opts.unitLabel ? m.text + m.gap : 0) + 4 * s;
  const bottom = bottomMargin(s) + pad;
  const yStep = niceStep(ymin * L, ymax * L, Math.max(2, Math.floor((height - top - bottom) / (50 * s))));
  const yTicksEstimate = ticksForStep(ymin * L, ymax * L, yStep);
  const yLabels = yTicksEstimate.map((v) => formatTick(v, yStep));
  const left = pad + leftMargin(yLabels, s);
  const cbStep = niceStep(range[0], range[1], 5);
  const cbTicks = ticksForStep(range[0], range[1], cbStep);
  const cbLabels = cbTicks.map((v) => formatTick(v, cbStep));
  const cbGap = 12 * s, barW = 14 * s;
  const cbW = Math.max(cbGap + barW + m.tick + m.gap + Math.max(0, ...cbLabels.map((l) => textWidth(l, s))), cbGap + textWidth(opts.unitLabel ?? '', s)) + pad;
  const availW = width - left - cbW, availH = height - top - bottom;
  if (availW < 16 || availH < 16) throw new Error(`renderFieldMap: image ${width}×${height} too small for the labels`);
  const k = Math.min(availW / dx, availH / dy);
  const pw = Math.max(1, Math.floor(dx * k)), ph = Math.max(1, Math.floor(dy * k));
  const x0 = left + Math.floor((availW - pw) / 2), y0 = top + Math.floor((availH - ph) / 2);
  const plot: PixelRect = { x0, y0, x1: x0 + pw, y1: y0 + ph };
  const toPx = (x: number): number => (x - xmin) * k;
  const toPy = (y: number): number => (ymax - y) * k;

  // Rasterize values into the plot rectangle.
  const buf = new Float64Array(pw * ph).fill(NaN);
  const pieces = linearPieces(mesh);
  const mirrors = opts.mirrorX ? [1, -1] : [1];
  for (const sx of mirrors) {
    for (let p = 0; p < pieces.count; p++) {
      const a = pieces.nodes[3 * p]!, b = pieces.nodes[3 * p + 1]!, c = pieces.nodes[3 * p + 2]!;
      let va: number, vb: number, vc: number;
      if (location === 'point') {
        va = values[a]!; vb = values[b]!; vc = values[c]!;
      } else va = vb = vc = values[pieces.cell[p]!]!;
      rasterizeTriangle(buf, pw, ph,
        toPx(sx * P[2 * a]!), toPy(P[2 * a + 1]!), va,
        toPx(sx * P[2 * b]!), toPy(P[2 * b + 1]!), vb,
        toPx(sx * P[2 * c]!), toPy(P[2 * c + 1]!), vc);
    }
  }
  const img = createImage(width, height);
  const lut = colormapTable(opts.colormap ?? 'viridis', LUT_SIZE);
  const scaleT = (LUT_SIZE - 1) / (range[1] - range[0]);
  for (let j = 0; j < ph; j++) {
    for (let i = 0; i < pw; i++) {
      const v = buf[j * pw + i]!;
      if (Number.isNaN(v)) continue;
      const li = Math.min(LUT_SIZE - 1, Math.max(0, Math.round((v - range[0]) * scaleT)));
      const o = 4 * ((y0 + j) * width + x0 + i);
      img.data[o] = lut[3 * li]!;
      img.data[o + 1] = lut[3 * li + 1]!;
      img.data[o + 2] = lut[3 * li + 2]!;
    }
  }
  const clip = plot;
  if (opts.showMesh) {
    for (const sx of mirrors) {
      for (let p = 0; p < pieces.count; p++) {
        for (let e = 0; e < 3; e++) {
          const a = pieces.nodes[3 * p + e]!, b = pieces.nodes[3 * p + ((e + 1) % 3)]!;
          drawLine(img, x0 + toPx(sx * P[2 * a]!), y0 + toPy(P[2 * a + 1]!), x0 + toPx(sx * P[2 * b]!), y0 + toPy(P[2 * b + 1]!), MESH_EDGE, 1, clip);
        }
      }
    }
  }
  if (opts.contour) {
    const seg = isoSegments(mesh, opts.contour.values, opts.contour.level);
    const lw = Math.max(2, s + 1);
    for (const [color, w] of [[opts.contour.halo ?? BLACK, lw + 2], [opts.contour.color ?? [255, 255, 255] as Rgb, lw]] as const) {
      for (const sx of mirrors) {
        for (let q = 0; q < seg.length; q += 4) {
          drawLine(img, x0 + toPx(sx * seg[q]!), y0 + toPy(seg[q + 1]!), x0 + toPx(sx * seg[q + 2]!), y0 + toPy(seg[q + 3]!), color, w, clip);
        }
      }
    }
  }

  // Axes in display units.
  const xStep = niceStep(xmin * L, xmax * L, Math.max(2, Math.floor(pw / (50 * s))));
  const xTicks = ticksForStep(xmin * L, xmax * L, xStep);
  drawAxes(img, plot,
    { min: xmin * L, max: xmax * L, ticks: xTicks, labels: xTicks.map((v) => formatTick(v, xStep)), title: axisTitles[0] },
    { min: ymin * L, max: ymax * L, ticks: yTicksEstimate, labels: yLabels, title: axisTitles[1] },
    s, TEXT);
  if (opts.title) drawText(img, Math.round(width / 2), pad, opts.title, TEXT, s, { align: 'center' });

  // Colour bar: a vertical gradient next to the plot.
  const barH = Math.max(ph, Math.min(availH, 100 * s));
  const cbx = plot.x1 + cbGap, cby0 = Math.round((plot.y0 + plot.y1) / 2 - barH / 2), cby1 = cby0 + barH;
  for (let j = 0; j < barH; j++) {
    const t = 1 - (j + 0.5) / barH;
    const li = Math.round(t * (LUT_SIZE - 1));
    fillRect(img, cbx, cby0 + j, barW, 1, [lut[3 * li]!, lut[3 * li + 1]!, lut[3 * li + 2]!]);
  }
  strokeRect(img, cbx - 1, cby0 - 1, barW + 2, barH + 2, TEXT);
  cbTicks.forEach((v, i) => {
    const py = Math.round(cby1 - 1 - ((v - range[0]) / (range[1] - range[0])) * (barH - 1));
    fillRect(img, cbx + barW + 1, py, m.tick, Math.max(1, Math.round(s / 2)), TEXT);
    drawText(img, cbx + barW + 1 + m.tick + m.gap, py - Math.floor((FONT_CAP_ROWS * s) / 2), cbLabels[i]!, TEXT, s);
  });
  if (opts.unitLabel) drawText(img, cbx, cby0 - m.gap - textHeight(s), opts.unitLabel, TEXT, s);

  const layout: FieldMapLayout = {
    plot,
    colorbar: { x0: cbx, y0: cby0, x1: cbx + barW, y1: cby1 },
    range,
    pxPerMetre: k,
    worldToPixel: (x: number, y: number): [number, number] => [x0 + toPx(x), y0 + toPy(y)],
  };
  return { image: img, layout };
}

/** Field map as a PNG file image; see {@link renderFieldMapImage}. */
export function renderFieldMap(mesh: Mesh, values: Float64Array, opts: FieldMapOptions): Buffer {
  const { image } = renderFieldMapImage(mesh, values, opts);
  return encodePng(image.width, image.height, image.data);
}
