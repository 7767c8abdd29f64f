/** Test helpers for the mesh tests (independent of src/mesh's own geometry code). */
import type { FacetSet, Mesh } from '../../src/mesh/mesh.js';

/** Least-squares slope of log(err) against log(h): the measured convergence rate. */
export function fitRate(h: readonly number[], err: readonly number[]): number {
  const x = h.map(Math.log);
  const y = err.map(Math.log);
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

export function pt(mesh: Mesh, p: number): [number, number] {
  return [mesh.points[2 * p]!, mesh.points[2 * p + 1]!];
}

/** End points (and tri6 midside node, else −1) of facet i of a facet set. */
export function facetEnds(mesh: Mesh, fs: FacetSet, i: number): [number, number, number] {
  const npc = mesh.nodesPerCell;
  const o = fs.cells[i]! * npc;
  const k = fs.localFacets[i]!;
  return [mesh.cells[o + k]!, mesh.cells[o + ((k + 1) % 3)]!, npc === 6 ? mesh.cells[o + 3 + k]! : -1];
}

/** 3-point Gauss–Legendre on [0, 1]: exact for polynomials of degree ≤ 5. */
const GL3 = [
  [0.5 - Math.sqrt(15) / 10, 5 / 18],
  [0.5, 8 / 18],
  [0.5 + Math.sqrt(15) / 10, 5 / 18],
] as const;

/**
 * Length of each facet, summed: straight chords for tri3, the quadratic curve through (a, m, b) for tri6 (Gauss,
 * 8 sub-intervals × 3 points: the speed is a square root, so not exact, but its quadrature error is ~1e-12 here).
 */
export function facetLength(mesh: Mesh, fs: FacetSet): number {
  let L = 0;
  for (let i = 0; i < fs.cells.length; i++) {
    const [a, b, m] = facetEnds(mesh, fs, i);
    const [xa, ya] = pt(mesh, a);
    const [xb, yb] = pt(mesh, b);
    if (m < 0) {
      L += Math.hypot(xb - xa, yb - ya);
      continue;
    }
    const [xm, ym] = pt(mesh, m);
    const sub = 8;
    for (let s = 0; s < sub; s++) {
      for (const [g, w] of GL3) {
        const t = (s + g) / sub;
        // d/dt of the Lagrange quadratic through t = 0, ½, 1.
        const d0 = 4 * t - 3, dm = 4 - 8 * t, d1 = 4 * t - 1;
        L += (w / sub) * Math.hypot(d0 * xa + dm * xm + d1 * xb, d0 * ya + dm * ym + d1 * yb);
      }
    }
  }
  return L;
}

/**
 * Area of every cell by integrating det J over the reference triangle with the degree-2 rule at the three
 * edge midpoints (exact: det J of a quadratic map is quadratic). Independent of statistics.ts's Green formula.
 */
export function areasByQuadrature(mesh: Mesh): Float64Array {
  const out = new Float64Array(mesh.nCells);
  const npc = mesh.nodesPerCell;
  const qp = [[0.5, 0], [0.5, 0.5], [0, 0.5]] as const;
  for (let c = 0; c < mesh.nCells; c++) {
    const x: number[] = [];
    const y: number[] = [];
    for (let a = 0; a < npc; a++) {
      const [px, py] = pt(mesh, mesh.cells[c * npc + a]!);
      x.push(px);
      y.push(py);
    }
    let A = 0;
    for (const [s, t] of qp) {
      let ds: number[], dt: number[];
      if (npc === 3) {
        ds = [-1, 1, 0];
        dt = [-1, 0, 1];
      } else {
        const l = 1 - s - t;
        ds = [1 - 4 * l, 4 * s - 1, 0, 4 * (l - s), 4 * t, -4 * t];
        dt = [1 - 4 * l, 0, 4 * t - 1, -4 * s, 4 * s, 4 * (l - t)];
      }
      let xs = 0, xt = 0, ys = 0, yt = 0;
      for (let a = 0; a < npc; a++) {
        xs += ds[a]! * x[a]!;
        xt += dt[a]! * x[a]!;
        ys += ds[a]! * y[a]!;
        yt += dt[a]! * y[a]!;
      }
      A += (1 / 6) * (xs * yt - xt * ys);
    }
    out[c] = A;
  }
  return out;
}

export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
