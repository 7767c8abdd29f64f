/**
 * A porous fibre cross-section: a disk of radius R (centre at the origin) with random circular pores, optionally
 * embedded in a square matrix (electrolyte) region, meshed by the built-in Delaunay mesher (no external program).
 */
import type { Mesh } from '../mesh.js';
import { meshStatistics, type MeshStatistics } from '../statistics.js';
import { BoundarySampleBuilder, gradedSideParameters } from './boundarySamples.js';
import { meshPlanarDomain } from './planarDomain.js';
import { placePores } from './porePlacement.js';

export interface PorousDiskOptions {
  /** Fibre radius R, m. */
  readonly radius: number;
  /** Pore area / πR², in [0, 0.7]; 0 = dense fibre. */
  readonly porosity: number;
  /** Largest pore radius, m (default R/6). */
  readonly poreRadius?: number;
  /** Smallest pore radius, m (default poreRadius/4). */
  readonly minPoreRadius?: number;
  /** Least solid wall between pores, m (default R/32). */
  readonly minGap?: number;
  /** Least solid between a pore and the rim, m (default minGap). */
  readonly rimGap?: number;
  /** Random seed of the pore layout and the point fill (default 1). */
  readonly seed?: number;
  /** Target edge length inside the fibre, m (default R/25). */
  readonly h: number;
  /** Side of the square matrix centred on the fibre, m; omit for the bare fibre. */
  readonly matrixSize?: number;
  /** Largest edge length in the matrix, m (default matrixSize/8). */
  readonly hMax?: number;
  /** Growth of the edge length with distance from the fibre in the matrix (default 0.3). */
  readonly grading?: number;
  readonly order?: 1 | 2;
}

/** The mesh, the pore circles [nPores × 3] (cx, cy, r; m), the porosity of the circles and quality statistics. */
export interface PorousDiskMesh {
  readonly mesh: Mesh;
  readonly pores: Float64Array;
  readonly porosity: number;
  readonly statistics: MeshStatistics;
}

const FIBER = 0, MATRIX = 1;
const TAG_FIBER_OUTER = 0, TAG_PORES = 1, TAG_LEFT = 2, TAG_RIGHT = 3, TAG_BOTTOM = 4, TAG_TOP = 5;

/**
 * Regions 'fiber' (and 'matrix' with `matrixSize`). Boundaries: 'fiberOuter' (the rim; with a matrix it is the
 * fibre|matrix interface and its facets belong to fibre cells), 'pores' (all pore walls, facets of fibre cells),
 * and with a matrix 'left', 'right', 'bottom', 'top' (x, y = ∓L/2, ±L/2) whose nodes match pairwise
 * (left↔right, bottom↔top) for periodic conditions. Pores keep `minGap` between each other and `rimGap` to the
 * rim; the pore layout is random but reproducible (seed). order 2 puts the midside nodes of the rim and pore
 * facets on the circles (isoparametric). Throws when the porosity cannot be reached with the given sizes.
 */
export function porousDiskMesh(opts: PorousDiskOptions): PorousDiskMesh {
  const R = opts.radius;
  if (!(R > 0)) throw new Error(`porousDiskMesh: radius must be > 0, got ${R}`);
  const h = opts.h;
  if (!(h > 0 && h < R)) throw new Error(`porousDiskMesh: h must be in (0, R), got ${h}`);
  const rMax = opts.poreRadius ?? R / 6;
  const gap = opts.minGap ?? R / 32;
  const rimGap = opts.rimGap ?? gap;
  if (opts.porosity > 0 && h > 2.5 * Math.min(gap, rimGap)) throw new Error(`porousDiskMesh: h = ${h} is too coarse for the pore walls (gap ${Math.min(gap, rimGap)}); need h ≤ 2.5·gap`);
  const seed = opts.seed ?? 1;
  const L = opts.matrixSize;
  if (L !== undefined && !(L > 2 * R + 2 * h)) throw new Error(`porousDiskMesh: matrixSize must exceed the fibre diameter plus 2h, got ${L}`);
  const hMax = opts.hMax ?? (L !== undefined ? L / 8 : h);
  const grading = opts.grading ?? 0.3;
  const layout = opts.porosity > 0
    ? placePores({ container: { kind: 'disk', radius: R }, porosity: opts.porosity, rMax, rMin: opts.minPoreRadius ?? rMax / 4, minGap: gap, edgeGap: rimGap, seed })
    : { circles: new Float64Array(0), porosity: 0 };
  const pores = layout.circles;
  const nPores = pores.length / 3;

  const size = (x: number, y: number): number => {
    const r = Math.hypot(x, y);
    return r <= R ? h : Math.min(hMax, h + grading * (r - R));
  };
  /** Distance to the nearest curve, > 0 in the solid fibre or the matrix. */
  const distance = (x: number, y: number): number => {
    const r = Math.hypot(x, y);
    if (r > R) {
      if (L === undefined) return R - r;
      return Math.min(r - R, 0.5 * L - Math.abs(x), 0.5 * L - Math.abs(y));
    }
    let d = R - r;
    for (let i = 0; i < nPores; i++) d = Math.min(d, Math.hypot(x - pores[3 * i]!, y - pores[3 * i + 1]!) - pores[3 * i + 2]!);
    return d;
  };
  const regionAt = (x: number, y: number): number => {
    const r = Math.hypot(x, y);
    if (r > R) return L !== undefined && Math.abs(x) < 0.5 * L && Math.abs(y) < 0.5 * L ? MATRIX : -1;
    for (let i = 0; i < nPores; i++) if (Math.hypot(x - pores[3 * i]!, y - pores[3 * i + 1]!) < pores[3 * i + 2]!) return -1;
    return FIBER;
  };

  const bb = new BoundarySampleBuilder();
  bb.circle(0, 0, R, Math.max(12, Math.ceil((2 * Math.PI * R) / h)), TAG_FIBER_OUTER);
  for (let i = 0; i < nPores; i++) {
    const r = pores[3 * i + 2]!;
    bb.circle(pores[3 * i]!, pores[3 * i + 1]!, r, Math.max(8, Math.ceil((2 * Math.PI * r) / h)), TAG_PORES, 0.5 * i);
  }
  if (L !== undefined) {
    const a = 0.5 * L;
    // One parameter list for all four sides (the size field is symmetric), so opposite sides match node for node.
    const t = gradedSideParameters(L, (s) => size(-a + s, -a));
    const bl = bb.point(-a, -a), br = bb.point(a, -a), tr = bb.point(a, a), tl = bb.point(-a, a);
    bb.side(bl, br, t, TAG_BOTTOM);
    bb.side(tl, tr, t, TAG_TOP);
    bb.side(bl, tl, t, TAG_LEFT);
    bb.side(br, tr, t, TAG_RIGHT);
  }
  const ext = L !== undefined ? 0.5 * L : R;
  const withMatrix = L !== undefined;
  const mesh = meshPlanarDomain({
    caller: 'porousDiskMesh',
    bbox: [-ext, -ext, ext, ext],
    boundary: bb.build(),
    tagNames: withMatrix ? ['fiberOuter', 'pores', 'left', 'right', 'bottom', 'top'] : ['fiberOuter', 'pores'],
    tagOwner: withMatrix ? [FIBER, FIBER, -1, -1, -1, -1] : [-1, -1],
    regionNames: withMatrix ? ['fiber', 'matrix'] : ['fiber'],
    regionAt, size, distance, hMin: h, seed: seed + 101,
    order: opts.order ?? 1,
  });
  return { mesh, pores, porosity: layout.porosity, statistics: meshStatistics(mesh) };
}
