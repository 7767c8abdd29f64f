/**
 * Random non-overlapping circular pores in a disk or in a laterally periodic strip, to a target porosity.
 *
 * Greedy "largest empty circle" insertion: each step draws `candidates` random centres, keeps the one with the
 * largest admissible radius (distance to the other pores minus their radius and the gap, and to the container
 * edge minus its gap) and places a pore of radius min(admissible, rMax·(1 ± spread), radius of the remaining
 * pore area). It stops when the pore area reaches the target, and fails (throws) when no pore of radius ≥ rMin
 * fits any more. Best-of-many candidates packs far beyond the ≈55 % jamming limit of plain random sequential
 * addition, so high porosities (≈60 %) remain reachable with gaps.
 */

/** A seeded 32-bit PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The container: a disk of `radius` centred at the origin, or the strip [0, width] × [0, height] periodic in x. */
export type PoreContainer =
  | { readonly kind: 'disk'; readonly radius: number }
  | { readonly kind: 'strip'; readonly width: number; readonly height: number };

export interface PorePlacementOptions {
  readonly container: PoreContainer;
  /** Pore area / container area, in [0, 0.7]. */
  readonly porosity: number;
  /** Largest pore radius, m. */
  readonly rMax: number;
  /** Smallest pore radius allowed, m (default rMax/3). */
  readonly rMin?: number;
  /** Least solid wall between two pores, m. */
  readonly minGap: number;
  /** Least solid between a pore and the container edge, m (default minGap). In a strip the lateral edges need minGap/2 (periodic images). */
  readonly edgeGap?: number;
  /** Relative random spread of the capped radius, in [0, 0.5) (default 0.2). */
  readonly spread?: number;
  readonly seed?: number;
  /** Random candidate centres per pore (default 300). */
  readonly candidates?: number;
}

/** Placed pores: circles [nPores × 3] (cx, cy, r in m) and the achieved porosity. */
export interface PoreLayout {
  readonly circles: Float64Array;
  readonly porosity: number;
}

/** Places pores (see the file comment). Deterministic for a given seed. */
export function placePores(opts: PorePlacementOptions): PoreLayout {
  const { container, porosity, rMax, minGap } = opts;
  if (!(porosity >= 0 && porosity <= 0.7)) throw new Error(`placePores: porosity must be in [0, 0.7], got ${porosity}`);
  if (!(rMax > 0) || !(minGap > 0)) throw new Error('placePores: rMax and minGap must be > 0');
  const rMin = opts.rMin ?? rMax / 3;
  const edgeGap = opts.edgeGap ?? minGap;
  const spread = opts.spread ?? 0.2;
  const nCand = opts.candidates ?? 300;
  const rand = seededRandom(opts.seed ?? 1);
  const area = container.kind === 'disk' ? Math.PI * container.radius ** 2 : container.width * container.height;
  const target = porosity * area;
  const pores: number[] = [];
  let poreArea = 0;
  const edgeRoom = (x: number, y: number): number => {
    if (container.kind === 'disk') return container.radius - Math.hypot(x, y) - edgeGap;
    return Math.min(y - edgeGap, container.height - y - edgeGap, x - 0.5 * minGap, container.width - x - 0.5 * minGap);
  };
  const room = (x: number, y: number): number => {
    let r = edgeRoom(x, y);
    for (let j = 0; j < pores.length; j += 3) {
      let dx = Math.abs(x - pores[j]!);
      if (container.kind === 'strip') dx = Math.min(dx, container.width - dx); // periodic image
      const d = Math.hypot(dx, y - pores[j + 1]!) - pores[j + 2]! - minGap;
      if (d < r) { r = d; if (r < rMin) return r; }
    }
    return r;
  };
  const sample = (): [number, number] => {
    if (container.kind === 'disk') {
      const rr = container.radius * Math.sqrt(rand());
      const th = 2 * Math.PI * rand();
      return [rr * Math.cos(th), rr * Math.sin(th)];
    }
    return [container.width * rand(), container.height * rand()];
  };
  while (target - poreArea > 0.5 * Math.PI * rMin * rMin) {
    let best = -Infinity, bx = 0, by = 0;
    for (let k = 0; k < nCand; k++) {
      const [x, y] = sample();
      const r = room(x, y);
      if (r > best) { best = r; bx = x; by = y; }
    }
    // Hill-climb the best centre (pattern search in 8 directions, step halving): packs pores into the corners
    // of the remaining space instead of leaving slivers between them.
    for (let step = Math.max(best, rMin) * 0.5, it = 0; step > 0.02 * rMin && it < 60; it++) {
      let moved = false;
      for (let d = 0; d < 8; d++) {
        const th = (Math.PI / 4) * d;
        const x = bx + step * Math.cos(th), y = by + step * Math.sin(th);
        const r = room(x, y);
        if (r > best) { best = r; bx = x; by = y; moved = true; }
      }
      if (!moved) step *= 0.5;
    }
    if (best < rMin) {
      throw new Error(`placePores: porosity ${porosity} not reachable with rMax ${rMax}, rMin ${rMin}, gap ${minGap} (stuck at ${(poreArea / area).toFixed(3)})`);
    }
    const cap = rMax * (1 + spread * (2 * rand() - 1));
    const rest = Math.sqrt((target - poreArea) / Math.PI);
    // The last pore takes the remaining area when that fits; never leave a remainder smaller than a pore of rMin.
    let r = Math.min(best, cap);
    if (rest <= r) r = Math.max(rest, rMin);
    else if (Math.PI * (rest * rest - r * r) < Math.PI * rMin * rMin) r = Math.max(rMin, Math.sqrt(rest * rest - rMin * rMin));
    pores.push(bx, by, r);
    poreArea += Math.PI * r * r;
  }
  return { circles: Float64Array.from(pores), porosity: poreArea / area };
}
