/**
 * Shared back end of the Delaunay-based generators: boundary samples + graded Poisson-disk interior fill →
 * conforming Delaunay triangulation → Laplacian smoothing of the interior points (re-triangulated) → triangles
 * grouped into regions (components between boundary segments, each classified once by the exact geometry) →
 * named boundary facets → optional tri6 with midside nodes projected on the boundary circles.
 */
import { createMesh } from '../createMesh.js';
import { elevateToP2 } from '../elevate.js';
import type { FacetSet, Mesh } from '../mesh.js';
import { conformingDelaunay, type ConformingResult } from './delaunay.js';
import { poissonFill } from './poissonFill.js';

/** Sampled boundary curves: points [nB × 2], segments [nSeg × 2] (point indices), per segment its circle (or −1) and tag. */
export interface BoundarySamples {
  readonly points: Float64Array;
  readonly segments: Int32Array;
  readonly segmentCircle: Int32Array;
  readonly segmentTag: Int32Array;
  /** Circles [nCircles × 3]: cx, cy, r, m. */
  readonly circles: Float64Array;
}

export interface PlanarDomainSpec {
  readonly caller: string;
  readonly bbox: readonly [number, number, number, number];
  readonly boundary: BoundarySamples;
  /** Boundary name of each tag. */
  readonly tagNames: readonly string[];
  /** Per tag: the region whose cells own the facets where the curve is an interface (−1: exterior boundary). */
  readonly tagOwner: readonly number[];
  readonly regionNames: readonly string[];
  /** Region index of a point by the exact geometry, or −1 outside the domain / inside a hole. */
  readonly regionAt: (x: number, y: number) => number;
  /** Target edge length field, m (Lipschitz constant ≤ 0.5). */
  readonly size: (x: number, y: number) => number;
  /** Distance to the nearest boundary curve, m (≤ 0 outside the meshed domain). */
  readonly distance: (x: number, y: number) => number;
  readonly hMin: number;
  readonly seed: number;
  /** Smoothing sweeps (default 3). */
  readonly smoothing?: number;
  readonly order: 1 | 2;
}

/** Builds the mesh; see the file comment. Throws when a region gets no cells or segments cannot be recovered. */
export function meshPlanarDomain(spec: PlanarDomainSpec): Mesh {
  const b = spec.boundary;
  const nB = b.points.length / 2;
  const interior = poissonFill({
    bbox: spec.bbox, size: spec.size, distance: spec.distance, hMin: spec.hMin, seeds: b.points, seed: spec.seed,
  });
  let pts: Float64Array = new Float64Array(b.points.length + interior.length);
  pts.set(b.points);
  pts.set(interior, b.points.length);
  const nI = interior.length / 2;
  let cd: ConformingResult = conformingDelaunay({
    points: pts, segments: b.segments, segmentCircle: b.segmentCircle, circles: b.circles, segmentTag: b.segmentTag, bbox: spec.bbox,
  });
  const sweeps = spec.smoothing ?? 3;
  for (let s = 0; s < sweeps; s++) {
    pts = smoothInterior(cd, nB, nI, spec);
    cd = conformingDelaunay({
      points: pts, segments: cd.segments, segmentCircle: cd.segmentCircle, circles: b.circles, segmentTag: cd.segmentTag, bbox: spec.bbox,
    });
  }
  const mesh = assemble(cd, spec);
  if (spec.order === 1) return mesh;
  const circles = b.circles;
  const tagOfName = new Map(spec.tagNames.map((n, i) => [n, i] as const));
  // Circles by tag, to project the midside node of a curved facet on the nearest circle of its boundary.
  const circlesOfTag = spec.tagNames.map(() => [] as number[]);
  for (let s = 0; s < b.segmentCircle.length; s++) {
    const c = b.segmentCircle[s]!;
    if (c >= 0 && !circlesOfTag[b.segmentTag[s]!]!.includes(c)) circlesOfTag[b.segmentTag[s]!]!.push(c);
  }
  return elevateToP2(mesh, (x, y, name) => {
    const list = circlesOfTag[tagOfName.get(name) ?? -1];
    if (!list || list.length === 0) return [x, y];
    let best = -1, bd = Infinity;
    for (const c of list) {
      const d = Math.abs(Math.hypot(x - circles[3 * c]!, y - circles[3 * c + 1]!) - circles[3 * c + 2]!);
      if (d < bd) { bd = d; best = c; }
    }
    const cx = circles[3 * best]!, cy = circles[3 * best + 1]!, r = circles[3 * best + 2]!;
    const d = Math.hypot(x - cx, y - cy);
    return [cx + (r * (x - cx)) / d, cy + (r * (y - cy)) / d];
  });
}

/** One Laplacian sweep over the interior fill points (indices nB … nB+nI−1); a move is kept if it stays clear of the boundary and in its region. */
function smoothInterior(cd: ConformingResult, nB: number, nI: number, spec: PlanarDomainSpec): Float64Array {
  const P = cd.points;
  const out = P.slice();
  const sx = new Float64Array(nI), sy = new Float64Array(nI), cnt = new Int32Array(nI);
  const T = cd.triangles;
  for (let t = 0; t < T.length / 3; t++) {
    for (let k = 0; k < 3; k++) {
      const a = T[3 * t + k]!, c = T[3 * t + (k + 1) % 3]!;
      // Each interior edge is seen from both triangles; count every directed edge once per triangle (symmetric).
      if (a >= nB && a < nB + nI) { sx[a - nB] += P[2 * c]!; sy[a - nB] += P[2 * c + 1]!; cnt[a - nB]++; }
      if (c >= nB && c < nB + nI) { sx[c - nB] += P[2 * a]!; sy[c - nB] += P[2 * a + 1]!; cnt[c - nB]++; }
    }
  }
  for (let i = 0; i < nI; i++) {
    if (cnt[i] === 0) continue;
    const p = nB + i;
    const x = sx[i]! / cnt[i]!, y = sy[i]! / cnt[i]!;
    const ox = P[2 * p]!, oy = P[2 * p + 1]!;
    if (spec.regionAt(x, y) !== spec.regionAt(ox, oy)) continue;
    if (spec.distance(x, y) < 0.5 * spec.size(x, y)) continue;
    out[2 * p] = x;
    out[2 * p + 1] = y;
  }
  return out; // split points (after the fill points) stay: the segments refer to them
}

/** Regions, compaction and boundary facets from the conforming triangulation. */
function assemble(cd: ConformingResult, spec: PlanarDomainSpec): Mesh {
  const T = cd.triangles;
  const nT = T.length / 3;
  const nP = cd.points.length / 2;
  const key = (a: number, c: number): number => (a < c ? a * nP + c : c * nP + a);
  const segTag = new Map<number, number>();
  for (let s = 0; s < cd.segmentTag.length; s++) segTag.set(key(cd.segments[2 * s]!, cd.segments[2 * s + 1]!), cd.segmentTag[s]!);
  // Triangle adjacency across edges.
  const edgeOwner = new Map<number, number>();
  const nbr = new Int32Array(3 * nT).fill(-1);
  for (let t = 0; t < nT; t++) {
    for (let k = 0; k < 3; k++) {
      const e = key(T[3 * t + k]!, T[3 * t + (k + 1) % 3]!);
      const o = edgeOwner.get(e);
      if (o === undefined) edgeOwner.set(e, 3 * t + k);
      else { nbr[3 * t + k] = (o / 3) | 0; nbr[o] = t; }
    }
  }
  // Components that do not cross segments; each is classified at the centroid of its largest triangle.
  const region = new Int32Array(nT).fill(-2);
  const P = cd.points;
  const area = (t: number): number => {
    const a = T[3 * t]!, c = T[3 * t + 1]!, d = T[3 * t + 2]!;
    return 0.5 * ((P[2 * c]! - P[2 * a]!) * (P[2 * d + 1]! - P[2 * a + 1]!) - (P[2 * d]! - P[2 * a]!) * (P[2 * c + 1]! - P[2 * a + 1]!));
  };
  for (let t0 = 0; t0 < nT; t0++) {
    if (region[t0] !== -2) continue;
    const comp = [t0];
    region[t0] = -3;
    let best = t0, bestA = area(t0);
    for (let i = 0; i < comp.length; i++) {
      const t = comp[i]!;
      for (let k = 0; k < 3; k++) {
        const nb = nbr[3 * t + k]!;
        if (nb < 0 || region[nb] !== -2) continue;
        if (segTag.has(key(T[3 * t + k]!, T[3 * t + (k + 1) % 3]!))) continue;
        region[nb] = -3;
        comp.push(nb);
        const A = area(nb);
        if (A > bestA) { bestA = A; best = nb; }
      }
    }
    const a = T[3 * best]!, c = T[3 * best + 1]!, d = T[3 * best + 2]!;
    const r = spec.regionAt((P[2 * a]! + P[2 * c]! + P[2 * d]!) / 3, (P[2 * a + 1]! + P[2 * c + 1]! + P[2 * d + 1]!) / 3);
    for (const t of comp) region[t] = r;
  }
  // Compact: kept cells and the points they use.
  const newPt = new Int32Array(nP).fill(-1);
  const cells: number[] = [];
  const cellRegion: number[] = [];
  const cellOf = new Int32Array(nT).fill(-1);
  let np = 0;
  for (let t = 0; t < nT; t++) {
    if (region[t]! < 0) continue;
    cellOf[t] = cellRegion.length;
    cellRegion.push(region[t]!);
    for (let k = 0; k < 3; k++) {
      const v = T[3 * t + k]!;
      if (newPt[v]! < 0) newPt[v] = np++;
      cells.push(newPt[v]!);
    }
  }
  const points = new Float64Array(2 * np);
  for (let v = 0; v < nP; v++) {
    const i = newPt[v]!;
    if (i >= 0) { points[2 * i] = P[2 * v]!; points[2 * i + 1] = P[2 * v + 1]!; }
  }
  for (let r = 0; r < spec.regionNames.length; r++) {
    if (!cellRegion.includes(r)) throw new Error(`${spec.caller}: region '${spec.regionNames[r]}' got no cells (mesh too coarse?)`);
  }
  const facetCells = spec.tagNames.map(() => [] as number[]);
  const facetLocal = spec.tagNames.map(() => [] as number[]);
  for (let t = 0; t < nT; t++) {
    if (region[t]! < 0) continue;
    for (let k = 0; k < 3; k++) {
      const tag = segTag.get(key(T[3 * t + k]!, T[3 * t + (k + 1) % 3]!));
      if (tag === undefined) continue;
      const nb = nbr[3 * t + k]!;
      const exterior = nb < 0 || region[nb]! < 0;
      if (!exterior && region[t] !== spec.tagOwner[tag]) continue;
      facetCells[tag]!.push(cellOf[t]!);
      facetLocal[tag]!.push(k);
    }
  }
  const boundaries = new Map<string, FacetSet>();
  spec.tagNames.forEach((name, g) => boundaries.set(name, { cells: Int32Array.from(facetCells[g]!), localFacets: Int8Array.from(facetLocal[g]!) }));
  return createMesh({
    cellType: 'tri3', points, cells: Int32Array.from(cells), cellRegion: Int32Array.from(cellRegion), regionNames: spec.regionNames, boundaries,
  });
}
