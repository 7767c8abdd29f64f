/**
 * Line probes of a level-set field: point evaluation (bucket-grid point location over the active cells,
 * straight-sided cells), the position of an iso-value along a line, the 5–95 % front width and the flatness of
 * a front over several lines.
 */
import type { LevelSetProblem } from './levelSetProblem.js';

/** A probe segment from `from` to `to` (m). Positions are distances from `from` (m). */
export interface ProbeLine {
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
}

interface Locator {
  readonly x0: number; readonly y0: number; readonly cs: number; readonly nx: number; readonly ny: number;
  readonly start: Int32Array; readonly items: Int32Array;
}

const locators = new WeakMap<LevelSetProblem, Locator>();

/** Bucket grid of the active cells' bounding boxes, ~1 cell per bucket; built once per problem. */
function locatorOf(p: LevelSetProblem): Locator {
  const cached = locators.get(p);
  if (cached) return cached;
  const { points: X, cells, nodesPerCell: npc } = p.mesh;
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const c of p.activeCells) {
    for (let a = 0; a < 3; a++) {
      const v = cells[c * npc + a]!;
      xmin = Math.min(xmin, X[2 * v]!); xmax = Math.max(xmax, X[2 * v]!);
      ymin = Math.min(ymin, X[2 * v + 1]!); ymax = Math.max(ymax, X[2 * v + 1]!);
    }
  }
  const nCells = p.activeCells.length;
  const cs = Math.max(Math.sqrt(((xmax - xmin) * (ymax - ymin)) / nCells), 1e-300) * 1.5;
  const nx = Math.max(1, Math.ceil((xmax - xmin) / cs));
  const ny = Math.max(1, Math.ceil((ymax - ymin) / cs));
  const start = new Int32Array(nx * ny + 1);
  const range = (c: number): [number, number, number, number] => {
    let a = Infinity, b = -Infinity, d = Infinity, e = -Infinity;
    for (let k = 0; k < 3; k++) {
      const v = cells[c * npc + k]!;
      a = Math.min(a, X[2 * v]!); b = Math.max(b, X[2 * v]!); d = Math.min(d, X[2 * v + 1]!); e = Math.max(e, X[2 * v + 1]!);
    }
    const clamp = (t: number, m: number): number => Math.min(m - 1, Math.max(0, Math.floor(t)));
    return [clamp((a - xmin) / cs, nx), clamp((b - xmin) / cs, nx), clamp((d - ymin) / cs, ny), clamp((e - ymin) / cs, ny)];
  };
  for (const c of p.activeCells) {
    const [i0, i1, j0, j1] = range(c);
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) start[j * nx + i + 1]!++;
  }
  for (let b = 0; b < nx * ny; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(start[nx * ny]!);
  for (const c of p.activeCells) {
    const [i0, i1, j0, j1] = range(c);
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) items[fill[j * nx + i]!++] = c;
  }
  const loc = { x0: xmin, y0: ymin, cs, nx, ny, start, items };
  locators.set(p, loc);
  return loc;
}

/**
 * φ at (x, y): the active cell containing the point (barycentric test with a relative tolerance of 1e-10) and
 * its P1/P2 interpolant. NaN outside the active cells.
 */
export function evaluateLevelSetAt(p: LevelSetProblem, phi: Float64Array, x: number, y: number): number {
  const L = locatorOf(p);
  const i = Math.floor((x - L.x0) / L.cs), j = Math.floor((y - L.y0) / L.cs);
  if (i < -1 || j < -1 || i > L.nx || j > L.ny) return NaN;
  const b = Math.min(L.ny - 1, Math.max(0, j)) * L.nx + Math.min(L.nx - 1, Math.max(0, i));
  const { points: X, cells, nodesPerCell: npc } = p.mesh;
  const { cellNodes, nodesPerCell: fnpc } = p.space.dofMap;
  for (let s = L.start[b]!; s < L.start[b + 1]!; s++) {
    const c = L.items[s]!;
    const v0 = cells[c * npc]!, v1 = cells[c * npc + 1]!, v2 = cells[c * npc + 2]!;
    const x0 = X[2 * v0]!, y0 = X[2 * v0 + 1]!;
    const d1x = X[2 * v1]! - x0, d1y = X[2 * v1 + 1]! - y0, d2x = X[2 * v2]! - x0, d2y = X[2 * v2 + 1]! - y0;
    const det = d1x * d2y - d2x * d1y;
    const l1 = ((x - x0) * d2y - d2x * (y - y0)) / det;
    const l2 = (d1x * (y - y0) - (x - x0) * d1y) / det;
    const l0 = 1 - l1 - l2;
    const tol = -1e-10;
    if (l0 < tol || l1 < tol || l2 < tol) continue;
    const f = (a: number): number => phi[cellNodes[c * fnpc + a]!]!;
    if (fnpc === 3) return l0 * f(0) + l1 * f(1) + l2 * f(2);
    return l0 * (2 * l0 - 1) * f(0) + l1 * (2 * l1 - 1) * f(1) + l2 * (2 * l2 - 1) * f(2)
      + 4 * l0 * l1 * f(3) + 4 * l1 * l2 * f(4) + 4 * l2 * l0 * f(5);
  }
  return NaN;
}

/**
 * Distance (m) from `line.from` of the first crossing of φ = level along the line (default 0.5), found by
 * sampling every h_min/4 and bisecting to 1e-12 of the line length; NaN if there is none.
 */
export function frontPosition(p: LevelSetProblem, phi: Float64Array, line: ProbeLine, level = 0.5): number {
  const [ax, ay] = line.from;
  const dx = line.to[0] - ax, dy = line.to[1] - ay;
  const len = Math.hypot(dx, dy);
  const n = Math.max(2, Math.ceil((4 * len) / p.hMin));
  const at = (t: number): number => evaluateLevelSetAt(p, phi, ax + t * dx, ay + t * dy) - level;
  let tPrev = 0;
  let fPrev = at(0);
  for (let k = 1; k <= n; k++) {
    const t = k / n;
    const f = at(t);
    if (Number.isNaN(f)) continue;
    if (!Number.isNaN(fPrev) && (f === 0 || (fPrev < 0) !== (f < 0))) {
      let lo = tPrev, hi = t, flo = fPrev;
      while (hi - lo > 1e-12) {
        const mid = 0.5 * (lo + hi);
        const fm = at(mid);
        if ((fm < 0) === (flo < 0) && fm !== 0) { lo = mid; flo = fm; } else hi = mid;
      }
      return 0.5 * (lo + hi) * len;
    }
    tPrev = t;
    fPrev = f;
  }
  return NaN;
}

/** Distance (m) between the `lo` and `hi` crossings along the line (default 5–95 %: 5.89ε for the equilibrium profile). */
export function frontWidth(p: LevelSetProblem, phi: Float64Array, line: ProbeLine, lo = 0.05, hi = 0.95): number {
  return Math.abs(frontPosition(p, phi, line, hi) - frontPosition(p, phi, line, lo));
}

/** Front positions along several lines: mean and standard deviation (m); NaN entries are ignored. */
export function frontFlatness(p: LevelSetProblem, phi: Float64Array, lines: readonly ProbeLine[], level = 0.5): { mean: number; std: number; positions: number[] } {
  const positions = lines.map((l) => frontPosition(p, phi, l, level));
  const ok = positions.filter((s) => !Number.isNaN(s));
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  const std = Math.sqrt(ok.reduce((a, b) => a + (b - mean) * (b - mean), 0) / ok.length);
  return { mean, std, positions };
}
