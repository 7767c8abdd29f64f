/**
 * A porous film cross-section: the rectangle [0, width] × [0, thickness] on a substrate line (y = 0) with random
 * circular pores, laterally periodic (pores stay ≥ minGap/2 from the lateral edges, so periodic images keep the
 * gap, and the left/right nodes match for periodic conditions). Built-in Delaunay mesher, no external program.
 */
import type { Mesh } from '../mesh.js';
import { meshStatistics, type MeshStatistics } from '../statistics.js';
import { BoundarySampleBuilder } from './boundarySamples.js';
import { meshPlanarDomain } from './planarDomain.js';
import { placePores } from './porePlacement.js';

export interface PorousFilmOptions {
  /** Film thickness t, m. */
  readonly thickness: number;
  /** Periodic width w, m. */
  readonly width: number;
  /** Pore area / (w·t), in [0, 0.7]; 0 = dense film. */
  readonly porosity: number;
  /** Largest pore radius, m (default t/8). */
  readonly poreRadius?: number;
  /** Smallest pore radius, m (default poreRadius/4). */
  readonly minPoreRadius?: number;
  /** Least solid wall between pores, m (default t/40). */
  readonly minGap?: number;
  /** Least solid between a pore and the substrate or the top surface, m (default minGap). */
  readonly surfaceGap?: number;
  readonly seed?: number;
  /** Target edge length, m. */
  readonly h: number;
  readonly order?: 1 | 2;
}

/** The mesh, pore circles [nPores × 3] (cx, cy, r; m), porosity of the circles and quality statistics. */
export interface PorousFilmMesh {
  readonly mesh: Mesh;
  readonly pores: Float64Array;
  readonly porosity: number;
  readonly statistics: MeshStatistics;
}

const TAG_BOTTOM = 0, TAG_TOP = 1, TAG_LEFT = 2, TAG_RIGHT = 3, TAG_PORES = 4;

/**
 * Region 'film'; boundaries 'bottom' (y = 0, the substrate), 'top' (y = t), 'left' (x = 0), 'right' (x = w), each
 * sampled uniformly (left and right at the same heights), and 'pores' (all pore walls). order 2 puts the pore
 * midside nodes on the circles. Throws when the porosity cannot be reached with the given sizes.
 */
export function porousFilmMesh(opts: PorousFilmOptions): PorousFilmMesh {
  const { thickness: t, width: w, h } = opts;
  if (!(t > 0) || !(w > 0)) throw new Error(`porousFilmMesh: thickness and width must be > 0, got ${t}, ${w}`);
  if (!(h > 0 && h < Math.min(t, w))) throw new Error(`porousFilmMesh: h must be in (0, min(t, w)), got ${h}`);
  const rMax = opts.poreRadius ?? t / 8;
  const gap = opts.minGap ?? t / 40;
  if (opts.porosity > 0 && h > 2.5 * gap) throw new Error(`porousFilmMesh: h = ${h} is too coarse for the pore walls (minGap ${gap}); need h ≤ 2.5·minGap`);
  const seed = opts.seed ?? 1;
  const layout = opts.porosity > 0
    ? placePores({
      container: { kind: 'strip', width: w, height: t }, porosity: opts.porosity, rMax, rMin: opts.minPoreRadius ?? rMax / 4,
      minGap: gap, edgeGap: opts.surfaceGap ?? gap, seed,
    })
    : { circles: new Float64Array(0), porosity: 0 };
  const pores = layout.circles;
  const nPores = pores.length / 3;
  const size = (): number => h;
  const distance = (x: number, y: number): number => {
    let d = Math.min(x, w - x, y, t - y);
    for (let i = 0; i < nPores; i++) d = Math.min(d, Math.hypot(x - pores[3 * i]!, y - pores[3 * i + 1]!) - pores[3 * i + 2]!);
    return d;
  };
  const regionAt = (x: number, y: number): number => {
    if (x < 0 || x > w || y < 0 || y > t) return -1;
    for (let i = 0; i < nPores; i++) if (Math.hypot(x - pores[3 * i]!, y - pores[3 * i + 1]!) < pores[3 * i + 2]!) return -1;
    return 0;
  };
  const bb = new BoundarySampleBuilder();
  const uniform = (len: number): Float64Array => {
    const n = Math.max(1, Math.round(len / h));
    return Float64Array.from({ length: n - 1 }, (_, i) => (i + 1) / n);
  };
  const tx = uniform(w), ty = uniform(t);
  const bl = bb.point(0, 0), br = bb.point(w, 0), tr = bb.point(w, t), tl = bb.point(0, t);
  bb.side(bl, br, tx, TAG_BOTTOM);
  bb.side(tl, tr, tx, TAG_TOP);
  bb.side(bl, tl, ty, TAG_LEFT);
  bb.side(br, tr, ty, TAG_RIGHT);
  for (let i = 0; i < nPores; i++) {
    const r = pores[3 * i + 2]!;
    bb.circle(pores[3 * i]!, pores[3 * i + 1]!, r, Math.max(8, Math.ceil((2 * Math.PI * r) / h)), TAG_PORES, 0.5 * i);
  }
  const mesh = meshPlanarDomain({
    caller: 'porousFilmMesh',
    bbox: [0, 0, w, t],
    boundary: bb.build(),
    tagNames: ['bottom', 'top', 'left', 'right', 'pores'],
    tagOwner: [-1, -1, -1, -1, -1],
    regionNames: ['film'],
    regionAt, size, distance, hMin: h, seed: seed + 101,
    order: opts.order ?? 1,
  });
  return { mesh, pores, porosity: layout.porosity, statistics: meshStatistics(mesh) };
}
