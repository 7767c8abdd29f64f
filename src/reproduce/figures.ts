/**
 * Pictures of the reproductions: field maps in µm with colour bars and the φ = 0.5 front drawn, and line plots,
 * written as PNG into the reproduction's directory. Returns the Figure records for results.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mesh } from '../mesh/mesh.js';
import { renderFieldMap } from '../io/fieldMap.js';
import { renderLinePlot, type LineSeries } from '../io/linePlot.js';
import type { ColormapName } from '../io/colormap.js';
import type { Figure } from './reproduction.js';

export interface MapSpec {
  readonly file: string;
  readonly caption: string;
  readonly title: string;
  readonly unitLabel: string;
  /** [nCells] or [nPoints]. */
  readonly values: Float64Array;
  readonly location: 'cell' | 'point';
  readonly colormap: ColormapName;
  /** Nodal φ [nPoints] for the front contour. */
  readonly phi: Float64Array;
  readonly axisymmetric: boolean;
  readonly range?: readonly [number, number];
}

/** Writes a field map (µm axes, φ = 0.5 contour) and returns its Figure. */
export function writeMap(dir: string, mesh: Mesh, m: MapSpec): Figure {
  const png = renderFieldMap(mesh, m.values, {
    width: 900, height: 700, title: m.title, unitLabel: m.unitLabel, colormap: m.colormap, lengthScale: 1e6,
    axisLabel: m.axisymmetric ? ['r (µm)', 'z (µm)'] : ['x (µm)', 'y (µm)'], mirrorX: m.axisymmetric, location: m.location,
    contour: { values: m.phi, level: 0.5 }, ...(m.range ? { range: m.range } : {}),
  });
  writeFileSync(join(dir, m.file), png);
  return { file: m.file, caption: m.caption };
}

/** Writes a line plot and returns its Figure. */
export function writePlot(dir: string, file: string, caption: string, opts: { series: LineSeries[]; xLabel: string; yLabel: string; title: string; logY?: boolean }): Figure {
  writeFileSync(join(dir, file), renderLinePlot({ ...opts, width: 900, height: 560 }));
  return { file, caption };
}

/** Symmetric colour range ±max|v| over finite values (signed stresses). */
export function symmetricRange(v: Float64Array): [number, number] {
  let m = 0;
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]!)) m = Math.max(m, Math.abs(v[i]!));
  return [-(m || 1), m || 1];
}

/** Values scaled by `f` (e.g. Pa → GPa), NaN where `keep(i)` is false. */
export function scaled(v: Float64Array, f: number, keep?: (i: number) => boolean): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = keep && !keep(i) ? NaN : v[i]! * f;
  return out;
}
