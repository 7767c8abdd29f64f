/**
 * Graded Poisson-disk fill of a 2D domain with interior mesh points (Bridson's dart throwing, "Fast Poisson disk
 * sampling in arbitrary dimensions", SIGGRAPH sketches 2007, with a variable radius): every accepted point spawns
 * candidates in the annulus [κh, 2κh] around it; a candidate is kept if it lies inside the domain, keeps a
 * clearance of `clearance`·h from the boundary curves (so no boundary segment of length ≤ h is encroached and the
 * boundary edges stay Delaunay) and is at least κ·(h_p + h_q)/2 from every accepted point q. h is the target
 * edge length field. A uniform-grid bucket list (cell = the smallest h) answers the neighbour queries.
 */
import { seededRandom } from './porePlacement.js';

export interface PoissonFillOptions {
  /** Bounding box [xmin, ymin, xmax, ymax], m. */
  readonly bbox: readonly [number, number, number, number];
  /** Target edge length at (x, y), m; > 0 everywhere inside. */
  readonly size: (x: number, y: number) => number;
  /** Signed distance to the nearest boundary curve (> 0 inside the meshed domain, ≤ 0 outside or in a hole), m. */
  readonly distance: (x: number, y: number) => number;
  /** Smallest value `size` takes (sets the bucket grid), m. */
  readonly hMin: number;
  /** Boundary samples [n × 2]: already accepted, they seed the fill. */
  readonly seeds: Float64Array;
  /** Spacing factor κ (default 0.8: accepted points ≥ 0.8 h apart, mean spacing ≈ h). */
  readonly kappa?: number;
  /** Least distance to the boundary in units of h (default 0.6). */
  readonly clearance?: number;
  /** Lipschitz constant of `size` (|∇h| bound, default 0.5): bounds the neighbour search radius. */
  readonly sizeLipschitz?: number;
  /** Candidates per active point (default 24). */
  readonly tries?: number;
  readonly seed?: number;
}

/** Interior points [m × 2] (the seeds are not repeated). */
export function poissonFill(opts: PoissonFillOptions): Float64Array {
  const [x0, y0, x1, y1] = opts.bbox;
  const kappa = opts.kappa ?? 0.8;
  const clear = opts.clearance ?? 0.6;
  const tries = opts.tries ?? 24;
  const rand = seededRandom(opts.seed ?? 7);
  const cell = opts.hMin;
  const nx = Math.max(1, Math.ceil((x1 - x0) / cell));
  const ny = Math.max(1, Math.ceil((y1 - y0) / cell));
  if (nx * ny > 2e7) throw new Error(`poissonFill: bucket grid of ${nx} × ${ny} is too large (hMin too small for the box)`);
  const head = new Int32Array(nx * ny).fill(-1);
  let cap = 1024;
  let px = new Float64Array(2 * cap);
  let ph = new Float64Array(cap);
  let next = new Int32Array(cap);
  let n = 0;
  const lip = opts.sizeLipschitz ?? 0.5;
  if (!(lip >= 0 && kappa * lip < 1.9)) throw new Error(`poissonFill: need κ·sizeLipschitz < 1.9, got ${kappa * lip}`);
  const bucket = (x: number, y: number): number => {
    const i = Math.min(nx - 1, Math.max(0, Math.floor((x - x0) / cell)));
    const j = Math.min(ny - 1, Math.max(0, Math.floor((y - y0) / cell)));
    return j * nx + i;
  };
  const add = (x: number, y: number, h: number): void => {
    if (n === cap) {
      cap *= 2;
      const a = new Float64Array(2 * cap); a.set(px); px = a;
      const b = new Float64Array(cap); b.set(ph); ph = b;
      const c = new Int32Array(cap); c.set(next); next = c;
    }
    px[2 * n] = x; px[2 * n + 1] = y; ph[n] = h;
    const b = bucket(x, y);
    next[n] = head[b]!;
    head[b] = n;
    n++;
  };
  /** No accepted point closer than κ(h + h_q)/2? */
  const isFree = (x: number, y: number, h: number): boolean => {
    // |p − q| < κ(h + h_q)/2 with h_q ≤ h + L|p − q|  ⇒  |p − q| < κh/(1 − κL/2).
    const reach = (kappa * h) / (1 - 0.5 * kappa * lip);
    const i0 = Math.max(0, Math.floor((x - reach - x0) / cell)), i1 = Math.min(nx - 1, Math.floor((x + reach - x0) / cell));
    const j0 = Math.max(0, Math.floor((y - reach - y0) / cell)), j1 = Math.min(ny - 1, Math.floor((y + reach - y0) / cell));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        for (let q = head[j * nx + i]!; q >= 0; q = next[q]!) {
          const d = 0.5 * kappa * (h + ph[q]!);
          const dx = px[2 * q]! - x, dy = px[2 * q + 1]! - y;
          if (dx * dx + dy * dy < d * d) return false;
        }
      }
    }
    return true;
  };
  const nSeeds = opts.seeds.length / 2;
  for (let s = 0; s < nSeeds; s++) {
    const x = opts.seeds[2 * s]!, y = opts.seeds[2 * s + 1]!;
    add(x, y, opts.size(x, y));
  }
  const active: number[] = [];
  for (let s = 0; s < nSeeds; s++) active.push(s);
  while (active.length > 0) {
    const k = Math.floor(rand() * active.length);
    const p = active[k]!;
    const hp = ph[p]!;
    let found = false;
    for (let t = 0; t < tries; t++) {
      const rr = kappa * hp * (1 + rand());
      const th = 2 * Math.PI * rand();
      const x = px[2 * p]! + rr * Math.cos(th), y = px[2 * p + 1]! + rr * Math.sin(th);
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      const h = opts.size(x, y);
      if (opts.distance(x, y) < clear * h) continue;
      if (!isFree(x, y, h)) continue;
      add(x, y, h);
      active.push(n - 1);
      found = true;
    }
    if (!found) { active[k] = active[active.length - 1]!; active.pop(); }
  }
  return px.slice(2 * nSeeds, 2 * n);
}
