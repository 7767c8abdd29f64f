/**
 * Builds {@link BoundarySamples} for the Delaunay generators: circles sampled by equal angles and straight
 * sides sampled at given parameters; shared end points (rectangle corners) are added once.
 */
import type { BoundarySamples } from './planarDomain.js';

export class BoundarySampleBuilder {
  private readonly pts: number[] = [];
  private readonly seg: number[] = [];
  private readonly segCircle: number[] = [];
  private readonly segTag: number[] = [];
  private readonly circ: number[] = [];

  /** Adds a point and returns its index. */
  point(x: number, y: number): number {
    this.pts.push(x, y);
    return this.pts.length / 2 - 1;
  }

  /** A full circle of n ≥ 3 equal chords starting at angle `phase` (rad), tagged `tag`. Returns the circle index. */
  circle(cx: number, cy: number, r: number, n: number, tag: number, phase = 0): number {
    if (!(n >= 3)) throw new Error(`BoundarySampleBuilder.circle: need ≥ 3 chords, got ${n}`);
    const c = this.circ.length / 3;
    this.circ.push(cx, cy, r);
    const first = this.pts.length / 2;
    for (let i = 0; i < n; i++) {
      const th = phase + (2 * Math.PI * i) / n;
      this.point(cx + r * Math.cos(th), cy + r * Math.sin(th));
    }
    for (let i = 0; i < n; i++) this.segment(first + i, first + ((i + 1) % n), c, tag);
    return c;
  }

  /**
   * A straight side from point index a to point index b through the interior parameters `t` (strictly inside
   * (0, 1), ascending), tagged `tag`. Returns the point indices along the side, a and b included.
   */
  side(a: number, b: number, t: ArrayLike<number>, tag: number): number[] {
    const ax = this.pts[2 * a]!, ay = this.pts[2 * a + 1]!, bx = this.pts[2 * b]!, by = this.pts[2 * b + 1]!;
    const ids = [a];
    for (let i = 0; i < t.length; i++) ids.push(this.point(ax + t[i]! * (bx - ax), ay + t[i]! * (by - ay)));
    ids.push(b);
    for (let i = 0; i + 1 < ids.length; i++) this.segment(ids[i]!, ids[i + 1]!, -1, tag);
    return ids;
  }

  private segment(a: number, b: number, circle: number, tag: number): void {
    this.seg.push(a, b);
    this.segCircle.push(circle);
    this.segTag.push(tag);
  }

  build(): BoundarySamples {
    return {
      points: Float64Array.from(this.pts),
      segments: Int32Array.from(this.seg),
      segmentCircle: Int32Array.from(this.segCircle),
      segmentTag: Int32Array.from(this.segTag),
      circles: Float64Array.from(this.circ),
    };
  }
}

/**
 * Interior parameters (0, 1) of a side of `length` sampled with local spacing h(s) (s = distance from the start):
 * marches s += h(s), then rescales to an integer number of steps. At least one step.
 */
export function gradedSideParameters(length: number, h: (s: number) => number): Float64Array {
  const s: number[] = [0];
  while (s[s.length - 1]! < length) s.push(s[s.length - 1]! + h(s[s.length - 1]!));
  // Last sample overshoots: pick the step count whose rescaled end is closest to length.
  const over = s[s.length - 1]! - length, under = length - s[s.length - 2]!;
  const nSteps = s.length - 1 > 1 && under < over ? s.length - 2 : s.length - 1;
  const total = s[nSteps]!;
  const out = new Float64Array(nSteps - 1);
  for (let i = 1; i < nSteps; i++) out[i - 1] = s[i]! / total;
  return out;
}
