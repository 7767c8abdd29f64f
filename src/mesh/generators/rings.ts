/**
 * Shared engine of the disk and annulus generators: concentric rings of nodes, zipped ring to ring into
 * triangles (no external mesher). Ring radii are uniform within each radial interval between the inner radius,
 * the shell radii and the outer radius, so every shell radius is exactly a ring; ring j carries
 * ≈ (angular span)·r_j / h segments, with a golden-ratio phase shift on full rings so that spokes do not line
 * up. Between two rings each step adds the triangle whose new diagonal is shorter (a local Delaunay-like choice).
 */
import { createMesh } from '../createMesh.js';
import { elevateToP2 } from '../elevate.js';
import type { FacetSet, Mesh } from '../mesh.js';
import { boundaryFacets, buildEdges, interfaceFacets } from '../topology.js';

export type Sector = 'full' | 'half' | 'quarter';
/** A shell: the region between `innerRadius` and the next shell's inner radius (or the outer radius). */
export interface ShellSpec {
  readonly name: string;
  readonly innerRadius: number;
}
/** A named piece of the outer circle: polar angles atan2(y, x) from `fromDeg` to `toDeg` (degrees, to > from). */
export interface ArcSpec {
  readonly name: string;
  readonly fromDeg: number;
  readonly toDeg: number;
}

/** Internal: everything the disk and annulus generators pass down. `innerRadius` 0 means a disk. */
/** Options shared by {@link diskMesh} and {@link annulusMesh}. */
export interface RingGeneratorOptions {
  /** Shells, each from its innerRadius outwards (any order; sorted by radius). */
  readonly shells?: readonly ShellSpec[];
  /** Name of the innermost region. */
  readonly coreName?: string;
  /** 'full'; 'half' = x ≥ 0 (meridian plane of an axisymmetric body); 'quarter' = x ≥ 0, y ≥ 0. Default 'full'. */
  readonly sector?: Sector;
  /** Target cell size, metres (give this or nRings). */
  readonly h?: number;
  /** Number of ring spacings across the radial extent (overrides h). */
  readonly nRings?: number;
  readonly order?: 1 | 2;
  /** Named pieces of the outer circle by polar angle atan2(y, x) in degrees (pole of a half disk = 90°). */
  readonly arcs?: readonly ArcSpec[];
}

export interface RingMeshSpec {
  readonly caller: string;
  readonly innerRadius: number;
  readonly outerRadius: number;
  readonly coreName: string;
  readonly shells: readonly ShellSpec[];
  readonly sector: Sector;
  readonly h?: number;
  readonly nRings?: number;
  readonly order: 1 | 2;
  readonly arcs: readonly ArcSpec[];
}

const SECTOR_RANGE: Record<Sector, readonly [number, number]> = {
  full: [0, 2 * Math.PI],
  half: [-Math.PI / 2, Math.PI / 2],
  quarter: [0, Math.PI / 2],
};
/** Fewest segments per ring: keeps the centre fan's angles ≤ 60°. */
const MIN_SEGMENTS: Record<Sector, number> = { full: 6, half: 3, quarter: 2 };
const GOLDEN = 0.6180339887498949;

export function ringMesh(spec: RingMeshSpec): Mesh {
  const { caller, innerRadius: rin, outerRadius: R, sector, order } = spec;
  if (!(R > 0) || !Number.isFinite(R)) throw new Error(`${caller}: outer radius must be a positive number, got ${R}`);
  if (!(rin >= 0) || rin >= R) throw new Error(`${caller}: need 0 ≤ inner radius < outer radius, got ${rin} and ${R}`);
  if (!(sector in SECTOR_RANGE)) throw new Error(`${caller}: sector must be 'full', 'half' or 'quarter', got '${String(sector)}'`);
  if (order !== 1 && order !== 2) throw new Error(`${caller}: order must be 1 or 2, got ${String(order)}`);
  const shells = [...spec.shells].sort((a, b) => a.innerRadius - b.innerRadius);
  const regionNames = [spec.coreName, ...shells.map((s) => s.name)];
  if (new Set(regionNames).size !== regionNames.length) throw new Error(`${caller}: region names must be distinct, got ${regionNames.join(', ')}`);
  let prev = rin;
  for (const s of shells) {
    if (!(s.innerRadius > prev) || !(s.innerRadius < R)) {
      throw new Error(`${caller}: shell '${s.name}' innerRadius ${s.innerRadius} must lie strictly between ${prev} and ${R} (and shell radii must differ)`);
    }
    prev = s.innerRadius;
  }
  let dr: number;
  let h: number;
  if (spec.nRings !== undefined) {
    if (!Number.isInteger(spec.nRings) || spec.nRings < 1) throw new Error(`${caller}: nRings must be an integer ≥ 1, got ${spec.nRings}`);
    dr = (R - rin) / spec.nRings;
    h = (2 / Math.sqrt(3)) * dr;
  } else {
    if (spec.h === undefined || !(spec.h > 0)) throw new Error(`${caller}: give h (target cell size > 0) or nRings`);
    h = spec.h;
    dr = (Math.sqrt(3) / 2) * h; // ring spacing of equilateral triangles of side h
  }

  // Ring radii; ringRegion[j] = region of the band just inside ring j (the interval whose upper part holds it).
  const bps = [rin, ...shells.map((s) => s.innerRadius), R];
  const radii: number[] = rin > 0 ? [rin] : [];
  const ringRegion: number[] = rin > 0 ? [0] : [];
  for (let iv = 0; iv + 1 < bps.length; iv++) {
    const a = bps[iv]!;
    const b = bps[iv + 1]!;
    const k = Math.max(1, Math.round((b - a) / dr));
    for (let i = 1; i <= k; i++) {
      radii.push(i === k ? b : a + ((b - a) * i) / k);
      ringRegion.push(iv);
    }
  }

  const [ta, tb] = SECTOR_RANGE[sector];
  const closed = sector === 'full';
  const outerBreaks = arcBreaks(spec.arcs, ta, tb, closed, caller);
  const rings = radii.map((r, j) => ringAngles(r, h, ta, tb, closed, MIN_SEGMENTS[sector], j === radii.length - 1 ? outerBreaks : [], j));

  // Points: the centre (disk only), then ring by ring.
  const centre = rin === 0 ? 1 : 0;
  const nPoints = centre + rings.reduce((s, a) => s + a.length, 0);
  const points = new Float64Array(2 * nPoints);
  const ringStart: number[] = [];
  let p = centre;
  rings.forEach((angles, j) => {
    ringStart.push(p);
    const r = radii[j]!;
    for (let k = 0; k < angles.length; k++, p++) {
      points[2 * p] = r * Math.cos(angles[k]!);
      points[2 * p + 1] = r * Math.sin(angles[k]!);
    }
    if (!closed) {
      // Exact zeros on the axis (x = 0) and on the bottom line (y = 0): axisymmetric code tests r = 0.
      const first = ringStart[j]!;
      const last = p - 1;
      if (sector === 'half') { points[2 * first] = 0; points[2 * first + 1] = -r; }
      else { points[2 * first] = r; points[2 * first + 1] = 0; }
      points[2 * last] = 0; points[2 * last + 1] = r;
    }
  });

  const segs = (j: number): number => (closed ? rings[j]!.length : rings[j]!.length - 1);
  let nCells = centre ? segs(0) : 0;
  for (let j = 0; j + 1 < rings.length; j++) nCells += segs(j) + segs(j + 1);
  const cells = new Int32Array(3 * nCells);
  const cellRegion = new Int32Array(nCells);
  let c = 0;
  if (centre) {
    const n = rings[0]!.length;
    for (let k = 0; k < segs(0); k++, c++) {
      cells[3 * c] = 0;
      cells[3 * c + 1] = ringStart[0]! + k;
      cells[3 * c + 2] = ringStart[0]! + ((k + 1) % n);
    }
  }
  for (let j = 0; j + 1 < rings.length; j++) {
    const c0 = c;
    c = zipRings(points, ringStart[j]!, rings[j]!.length, ringStart[j + 1]!, rings[j + 1]!.length, closed, cells, c, caller);
    cellRegion.fill(ringRegion[j + 1]!, c0, c);
  }
  if (c !== nCells) throw new Error(`${caller}: internal error, built ${c} cells, expected ${nCells}`);

  const bare = createMesh({ cellType: 'tri3', points, cells, cellRegion, regionNames });
  const topo = buildEdges(bare);
  const boundaries = classifyBoundary(bare, boundaryFacets(bare, topo), rin, R, spec.arcs, caller);
  const radiusOf = new Map<string, number>([['outer', R], ['inner', rin], ...spec.arcs.map((a) => [a.name, R] as [string, number])]);
  for (let i = 0; i < shells.length; i++) {
    const name = `${regionNames[i]}|${regionNames[i + 1]}`;
    boundaries.set(name, interfaceFacets(bare, regionNames[i]!, regionNames[i + 1]!, topo));
    radiusOf.set(name, shells[i]!.innerRadius);
  }
  const mesh = createMesh({ cellType: 'tri3', points, cells, cellRegion, regionNames, boundaries });
  if (order === 1) return mesh;
  // Isoparametric P2: midside nodes of circular facets go onto their circle along the radius.
  return elevateToP2(mesh, (x, y, name) => {
    const rho = radiusOf.get(name);
    if (rho === undefined) return [x, y];
    const s = rho / Math.hypot(x, y);
    return [x * s, y * s];
  });
}

/** Arc end angles (radians) strictly inside the sector, sorted; on a full ring reduced to [0, 2π). */
function arcBreaks(arcs: readonly ArcSpec[], ta: number, tb: number, closed: boolean, caller: string): number[] {
  const out: number[] = [];
  const eps = 1e-12;
  arcs.forEach((a, i) => {
    if (typeof a.name !== 'string' || a.name === '') throw new Error(`${caller}: arcs[${i}].name must be a non-empty string`);
    if (!(a.toDeg > a.fromDeg) || a.toDeg - a.fromDeg > 360) {
      throw new Error(`${caller}: arcs[${i}] ('${a.name}') needs fromDeg < toDeg ≤ fromDeg + 360, got ${a.fromDeg}, ${a.toDeg}`);
    }
    if (closed && a.toDeg - a.fromDeg === 360) return;
    for (const d of [a.fromDeg, a.toDeg]) {
      let t = (d * Math.PI) / 180;
      if (closed) t = ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
      else if (t <= ta + eps || t >= tb - eps) continue;
      if (!out.some((u) => Math.abs(u - t) < eps)) out.push(t);
    }
  });
  return out.sort((x, y) => x - y);
}

/**
 * Node angles of one ring: open rings run from ta to tb inclusive, closed ones hold n distinct angles. With
 * break angles, each piece between breaks is divided uniformly so that every break is a node.
 */
function ringAngles(r: number, h: number, ta: number, tb: number, closed: boolean, minSeg: number, breaks: readonly number[], j: number): Float64Array {
  const span = tb - ta;
  if (breaks.length === 0) {
    const n = Math.max(minSeg, Math.round((span * r) / h));
    if (closed) {
      const phase = ((j * GOLDEN) % 1) * (span / n);
      return Float64Array.from({ length: n }, (_, k) => ta + phase + (span * k) / n);
    }
    return Float64Array.from({ length: n + 1 }, (_, k) => (k === n ? tb : ta + (span * k) / n));
  }
  const stops = closed ? [...breaks, breaks[0]! + 2 * Math.PI] : [ta, ...breaks, tb];
  const out: number[] = [];
  for (let s = 0; s + 1 < stops.length; s++) {
    const a = stops[s]!;
    const b = stops[s + 1]!;
    const n = Math.max(1, Math.round(((b - a) * r) / h));
    for (let k = 0; k < n; k++) out.push(a + ((b - a) * k) / n);
  }
  if (!closed) out.push(tb);
  return Float64Array.from(out);
}

/**
 * Triangulates the band between ring A (nA nodes from `a0`) and ring B (outer, nB nodes from `b0`), writing
 * cells from index c; returns the next free cell index. Closed rings are unrolled from the B node nearest in
 * angle to A's first node, so the first and last spokes coincide.
 */
function zipRings(pts: Float64Array, a0: number, nA: number, b0: number, nB: number, closed: boolean, cells: Int32Array, c: number, caller: string): number {
  let shift = 0;
  let stepsA = nA - 1;
  let stepsB = nB - 1;
  if (closed) {
    stepsA = nA;
    stepsB = nB;
    const tA = Math.atan2(pts[2 * a0 + 1]!, pts[2 * a0]!);
    let best = Infinity;
    for (let k = 0; k < nB; k++) {
      const q = b0 + k;
      let d = Math.abs(Math.atan2(pts[2 * q + 1]!, pts[2 * q]!) - tA);
      if (d > Math.PI) d = 2 * Math.PI - d;
      if (d < best) { best = d; shift = k; }
    }
  }
  const A = (i: number): number => a0 + (i % nA);
  const B = (j: number): number => b0 + ((j + shift) % nB);
  const dist2 = (u: number, v: number): number => (pts[2 * u]! - pts[2 * v]!) ** 2 + (pts[2 * u + 1]! - pts[2 * v + 1]!) ** 2;
  const area2 = (u: number, v: number, w: number): number =>
    (pts[2 * v]! - pts[2 * u]!) * (pts[2 * w + 1]! - pts[2 * u + 1]!) - (pts[2 * w]! - pts[2 * u]!) * (pts[2 * v + 1]! - pts[2 * u + 1]!);
  let i = 0;
  let j = 0;
  while (i < stepsA || j < stepsB) {
    let advanceB: boolean;
    if (i === stepsA) advanceB = true;
    else if (j === stepsB) advanceB = false;
    else {
      advanceB = dist2(A(i), B(j + 1)) <= dist2(A(i + 1), B(j));
      // Never take an inverted triangle when the other choice is valid.
      const ok = advanceB ? area2(A(i), B(j), B(j + 1)) > 0 : area2(A(i), B(j), A(i + 1)) > 0;
      if (!ok) advanceB = !advanceB;
    }
    const [u, v, w] = advanceB ? [A(i), B(j), B(j + 1)] : [A(i), B(j), A(i + 1)];
    if (area2(u, v, w) <= 0) throw new Error(`${caller}: internal error, inverted triangle between rings (h too large for the radii?)`);
    cells[3 * c] = u;
    cells[3 * c + 1] = v;
    cells[3 * c + 2] = w;
    c++;
    if (advanceB) j++;
    else i++;
  }
  return c;
}

/** Names the exterior facets by geometry: inner/outer circle (then arcs by mid angle), axis x = 0, bottom y = 0. */
function classifyBoundary(mesh: Mesh, ext: FacetSet, rin: number, R: number, arcs: readonly ArcSpec[], caller: string): Map<string, FacetSet> {
  const tol = 1e-9 * R;
  const names = ['outer', 'inner', 'axis', 'bottom', ...arcs.map((a) => a.name)];
  const lists = new Map<string, [number[], number[]]>(names.map((n) => [n, [[], []]]));
  const P = mesh.points;
  for (let f = 0; f < ext.cells.length; f++) {
    const cell = ext.cells[f]!;
    const k = ext.localFacets[f]!;
    const a = mesh.cells[3 * cell + k]!;
    const b = mesh.cells[3 * cell + (k === 2 ? 0 : k + 1)]!;
    const xa = P[2 * a]!, ya = P[2 * a + 1]!, xb = P[2 * b]!, yb = P[2 * b + 1]!;
    const ra = Math.hypot(xa, ya);
    const rb = Math.hypot(xb, yb);
    let name: string;
    if (Math.abs(ra - R) < tol && Math.abs(rb - R) < tol) {
      name = 'outer';
      const phi = (Math.atan2(ya + yb, xa + xb) * 180) / Math.PI;
      for (const arc of arcs) {
        const d = (((phi - arc.fromDeg) % 360) + 360) % 360;
        if (d < arc.toDeg - arc.fromDeg) { name = arc.name; break; }
      }
    } else if (rin > 0 && Math.abs(ra - rin) < tol && Math.abs(rb - rin) < tol) name = 'inner';
    else if (Math.abs(xa) < tol && Math.abs(xb) < tol) name = 'axis';
    else if (Math.abs(ya) < tol && Math.abs(yb) < tol) name = 'bottom';
    else throw new Error(`${caller}: internal error, exterior facet (${cell}, ${k}) is on no known boundary`);
    const l = lists.get(name)!;
    l[0].push(cell);
    l[1].push(k);
  }
  const out = new Map<string, FacetSet>();
  for (const [name, [cs, ks]] of lists) {
    // 'outer' may be empty when arcs cover the whole circle; an empty arc is a user error.
    if (cs.length === 0 && (name === 'inner' || name === 'axis' || name === 'bottom' || (name === 'outer' && arcs.length > 0))) continue;
    if (cs.length === 0) throw new Error(`${caller}: ${name === 'outer' ? "boundary 'outer'" : `arc '${name}'`} holds no facet of the outer circle`);
    out.set(name, { cells: Int32Array.from(cs), localFacets: Int8Array.from(ks) });
  }
  return out;
}
