/**
 * Compares a field on our triangle mesh with another tool's point values (e.g. a COMSOL text export): our
 * field is interpolated at their points (P1 barycentric, or P2 on 6-node cells) and the differences are
 * summarised. Point location uses a uniform bucket grid over the triangles' bounding boxes, O(n) to build and
 * O(1) per query for meshes of even cell size.
 */

/** Triangles for point location: `points` [nPoints × 2], `cells` [nCells × nodesPerCell] (vertices first). */
export interface LocatorMesh {
  readonly points: Float64Array;
  readonly cells: Int32Array;
  readonly nodesPerCell?: 3 | 6;
}

/**
 * Finds the triangle that holds a point. `tolerance` is a slack on the barycentric coordinates (relative to
 * the triangle's size): a point with every barycentric coordinate ≥ −tolerance counts as inside, and its
 * coordinates are clamped to the triangle. Curved (tri6) edges are treated as straight.
 */
export class TriangleLocator {
  private readonly P: Float64Array;
  private readonly C: Int32Array;
  private readonly npc: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly dx: number;
  private readonly dy: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;

  constructor(mesh: LocatorMesh, readonly tolerance = 1e-9) {
    this.P = mesh.points;
    this.C = mesh.cells;
    this.npc = mesh.nodesPerCell ?? 3;
    const nCells = Math.floor(this.C.length / this.npc);
    let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
    let cellSize = 0;
    for (let c = 0; c < nCells; c++) {
      let cx0 = Infinity, cy0 = Infinity, cx1 = -Infinity, cy1 = -Infinity;
      for (let a = 0; a < 3; a++) {
        const p = this.C[c * this.npc + a]!;
        const x = this.P[2 * p]!, y = this.P[2 * p + 1]!;
        if (x < cx0) cx0 = x;
        if (x > cx1) cx1 = x;
        if (y < cy0) cy0 = y;
        if (y > cy1) cy1 = y;
      }
      xmin = Math.min(xmin, cx0); xmax = Math.max(xmax, cx1); ymin = Math.min(ymin, cy0); ymax = Math.max(ymax, cy1);
      cellSize = Math.max(cellSize, cx1 - cx0, cy1 - cy0);
    }
    if (nCells === 0) { xmin = ymin = 0; xmax = ymax = 1; }
    const w = Math.max(xmax - xmin, 1e-300);
    const h = Math.max(ymax - ymin, 1e-300);
    // About one bucket per cell, shaped like the bounding box.
    this.nx = Math.max(1, Math.min(4096, Math.round(Math.sqrt((nCells * w) / h))));
    this.ny = Math.max(1, Math.min(4096, Math.round(nCells / this.nx)));
    // Room for points up to the tolerance outside the mesh (same growth as bucketRange gives each cell).
    const pad = Math.max(1e-12 * Math.max(w, h), 2 * tolerance * cellSize);
    this.x0 = xmin - pad;
    this.y0 = ymin - pad;
    this.dx = (w + 2 * pad) / this.nx;
    this.dy = (h + 2 * pad) / this.ny;
    const nb = this.nx * this.ny;
    const start = new Int32Array(nb + 1);
    const range = new Int32Array(4);
    // Two passes (count, then fill) give a CSR bucket → cells table without per-bucket arrays.
    for (let c = 0; c < nCells; c++) {
      this.bucketRange(c, range);
      for (let j = range[2]!; j <= range[3]!; j++) for (let i = range[0]!; i <= range[1]!; i++) start[j * this.nx + i + 1]!++;
    }
    for (let k = 0; k < nb; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, nb);
    const items = new Int32Array(start[nb]!);
    for (let c = 0; c < nCells; c++) {
      this.bucketRange(c, range);
      for (let j = range[2]!; j <= range[3]!; j++) for (let i = range[0]!; i <= range[1]!; i++) items[fill[j * this.nx + i]!++] = c;
    }
    this.start = start;
    this.items = items;
  }

  /** Bucket index range [i0, i1, j0, j1] of cell c's bounding box, grown by the tolerance. */
  private bucketRange(c: number, out: Int32Array): void {
    const o = c * this.npc;
    let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
    for (let a = 0; a < 3; a++) {
      const p = this.C[o + a]!;
      const x = this.P[2 * p]!, y = this.P[2 * p + 1]!;
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
    const g = this.tolerance * Math.max(xmax - xmin, ymax - ymin) * 2;
    out[0] = this.clampI(Math.floor((xmin - g - this.x0) / this.dx));
    out[1] = this.clampI(Math.floor((xmax + g - this.x0) / this.dx));
    out[2] = this.clampJ(Math.floor((ymin - g - this.y0) / this.dy));
    out[3] = this.clampJ(Math.floor((ymax + g - this.y0) / this.dy));
  }

  private clampI(i: number): number {
    return i < 0 ? 0 : i >= this.nx ? this.nx - 1 : i;
  }

  private clampJ(j: number): number {
    return j < 0 ? 0 : j >= this.ny ? this.ny - 1 : j;
  }

  /**
   * Cell holding (px, py), or −1; `bary` [3] receives the barycentric coordinates (vertex 0, 1, 2), clamped to
   * the triangle and summing to 1 when the point was accepted within the tolerance.
   */
  locate(px: number, py: number, bary: Float64Array): number {
    const fi = Math.floor((px - this.x0) / this.dx);
    const fj = Math.floor((py - this.y0) / this.dy);
    if (!(fi >= 0 && fi < this.nx && fj >= 0 && fj < this.ny)) return -1;
    const b = fj * this.nx + fi;
    const P = this.P, C = this.C, npc = this.npc;
    let best = -1, bestMin = -Infinity, b0 = 0, b1 = 0, b2 = 0;
    for (let s = this.start[b]!; s < this.start[b + 1]!; s++) {
      const c = this.items[s]!;
      const p0 = C[c * npc]!, p1 = C[c * npc + 1]!, p2 = C[c * npc + 2]!;
      const x0 = P[2 * p0]!, y0 = P[2 * p0 + 1]!;
      const ax = P[2 * p1]! - x0, ay = P[2 * p1 + 1]! - y0, bx = P[2 * p2]! - x0, by = P[2 * p2 + 1]! - y0;
      const det = ax * by - bx * ay;
      if (det === 0) continue;
      const qx = px - x0, qy = py - y0;
      const l1 = (qx * by - bx * qy) / det;
      const l2 = (ax * qy - qx * ay) / det;
      const l0 = 1 - l1 - l2;
      const m = Math.min(l0, l1, l2);
      if (m > bestMin) {
        bestMin = m; best = c; b0 = l0; b1 = l1; b2 = l2;
        if (m >= 0) break;
      }
    }
    if (best < 0 || bestMin < -this.tolerance) return -1;
    if (bestMin < 0) {
      b0 = Math.max(b0, 0); b1 = Math.max(b1, 0); b2 = Math.max(b2, 0);
      const s = b0 + b1 + b2;
      b0 /= s; b1 /= s; b2 /= s;
    }
    bary[0] = b0; bary[1] = b1; bary[2] = b2;
    return best;
  }
}

/** Our side of a comparison: a nodal field on triangles (`values` [nPoints]). */
export interface FieldOnMesh {
  readonly points: Float64Array;
  /** Required: the triangles to interpolate on, [nCells × nodesPerCell]. */
  readonly cells?: Int32Array;
  /** 3 (P1, default) or 6 (P2 on tri6 cells, values at all six nodes). */
  readonly nodesPerCell?: 3 | 6;
  readonly values: Float64Array;
}

/** Their side: values [n] at points [n × 2]. */
export interface FieldAtPoints {
  readonly points: Float64Array;
  readonly values: Float64Array;
}

export interface CompareFieldsOptions {
  /** Barycentric slack for points on or just outside our boundary, see {@link TriangleLocator}; default 1e-9. */
  readonly tolerance?: number;
}

/**
 * Result of {@link compareFields}. Differences d = ours(p) − theirs(p) over the compared points (inside our
 * mesh, both values finite): `l2Relative` = ‖d‖₂ / ‖theirs‖₂, `maxAbs` = max |d|, `maxRelative` = maxAbs /
 * max |theirs| (0/0 → 0, x/0 → ∞).
 */
export interface FieldComparison {
  readonly nPoints: number;
  /** Their points outside our mesh (beyond the tolerance). */
  readonly nOutside: number;
  /** Points skipped because a value is NaN or infinite (COMSOL writes NaN outside its geometry). */
  readonly nNaN: number;
  readonly nCompared: number;
  readonly l2Relative: number;
  readonly maxRelative: number;
  readonly maxAbs: number;
  /** Index (in their points) of the largest |d|, or −1. */
  readonly worstPoint: number;
  /** Our field at their points [n] (NaN outside our mesh). */
  readonly interpolated: Float64Array;
}

/**
 * Interpolates `ours` (needs `cells`) at `theirs.points` and reports the differences.
 * Cost: O(nCells + nTheirPoints) for meshes without extreme size grading.
 */
export function compareFields(ours: FieldOnMesh, theirs: FieldAtPoints, opts: CompareFieldsOptions = {}): FieldComparison {
  if (!ours.cells) throw new Error('compareFields: ours needs cells (triangles) to interpolate on');
  const npc = ours.nodesPerCell ?? 3;
  if (ours.values.length * 2 !== ours.points.length) throw new Error(`compareFields: ours has ${ours.points.length / 2} points but ${ours.values.length} values`);
  if (theirs.values.length * 2 !== theirs.points.length) throw new Error(`compareFields: theirs has ${theirs.points.length / 2} points but ${theirs.values.length} values`);
  const locator = new TriangleLocator({ points: ours.points, cells: ours.cells, nodesPerCell: npc }, opts.tolerance ?? 1e-9);
  const n = theirs.values.length;
  const out = new Float64Array(n);
  const bary = new Float64Array(3);
  const C = ours.cells, V = ours.values;
  let nOutside = 0, nNaN = 0, nCompared = 0, worst = -1;
  let sumD2 = 0, sumT2 = 0, maxAbs = 0, maxT = 0;
  for (let i = 0; i < n; i++) {
    const c = locator.locate(theirs.points[2 * i]!, theirs.points[2 * i + 1]!, bary);
    if (c < 0) {
      out[i] = NaN;
      nOutside++;
      continue;
    }
    const l0 = bary[0]!, l1 = bary[1]!, l2 = bary[2]!;
    const o = c * npc;
    let v: number;
    if (npc === 3) v = l0 * V[C[o]!]! + l1 * V[C[o + 1]!]! + l2 * V[C[o + 2]!]!;
    else {
      v = l0 * (2 * l0 - 1) * V[C[o]!]! + l1 * (2 * l1 - 1) * V[C[o + 1]!]! + l2 * (2 * l2 - 1) * V[C[o + 2]!]!
        + 4 * l0 * l1 * V[C[o + 3]!]! + 4 * l1 * l2 * V[C[o + 4]!]! + 4 * l2 * l0 * V[C[o + 5]!]!;
    }
    out[i] = v;
    const t = theirs.values[i]!;
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      nNaN++;
      continue;
    }
    const d = Math.abs(v - t);
    nCompared++;
    sumD2 += d * d;
    sumT2 += t * t;
    if (d > maxAbs || worst < 0) { maxAbs = d; worst = i; }
    if (Math.abs(t) > maxT) maxT = Math.abs(t);
  }
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : a === 0 ? 0 : Infinity);
  return {
    nPoints: n, nOutside, nNaN, nCompared,
    l2Relative: ratio(Math.sqrt(sumD2), Math.sqrt(sumT2)),
    maxRelative: ratio(maxAbs, maxT),
    maxAbs, worstPoint: worst, interpolated: out,
  };
}
