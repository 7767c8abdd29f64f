import type { Mesh } from '../mesh/mesh.js';
import { createCellValues, type CellValues } from './cellValues.js';
import type { FunctionSpace } from './functionSpace.js';
import { triangleRule } from './quadrature.js';

/** Σ_cells Σ_q f(cv, q, cell)·dx_q over `cells` (default all). Reinitialises `cv` on each cell. */
export function integrate(
  cv: CellValues, mesh: Mesh, f: (cv: CellValues, q: number, cell: number) => number, cells?: Int32Array,
): number {
  let sum = 0;
  const nIter = cells ? cells.length : mesh.nCells;
  for (let it = 0; it < nIter; it++) {
    const c = cells ? cells[it]! : it;
    cv.reinit(c);
    for (let q = 0; q < cv.nQuad; q++) sum += f(cv, q, c) * cv.dx[q]!;
  }
  return sum;
}

/** Values of component `component` of the field `u` [nDofs] at the quadrature points of `cv.cell` into `out` [nQuad]. */
export function evaluateAtQuad(space: FunctionSpace, cv: CellValues, u: Float64Array, component: number, out: Float64Array): void {
  const { cellNodes, nodesPerCell: npc } = space.dofMap;
  const nc = space.components;
  const nb = cv.nBasis;
  const base = cv.cell * npc;
  const N = cv.N;
  for (let q = 0; q < cv.nQuad; q++) {
    let s = 0;
    for (let a = 0; a < nb; a++) s += N[q * nb + a]! * u[cellNodes[base + a]! * nc + component]!;
    out[q] = s;
  }
}

/** Gradient of component `component` of `u` at the quadrature points of `cv.cell` into `out` [nQuad × 2]. */
export function gradientAtQuad(space: FunctionSpace, cv: CellValues, u: Float64Array, component: number, out: Float64Array): void {
  const { cellNodes, nodesPerCell: npc } = space.dofMap;
  const nc = space.components;
  const nb = cv.nBasis;
  const base = cv.cell * npc;
  const G = cv.dNdx;
  for (let q = 0; q < cv.nQuad; q++) {
    let gx = 0;
    let gy = 0;
    for (let a = 0; a < nb; a++) {
      const ua = u[cellNodes[base + a]! * nc + component]!;
      gx += G[2 * (q * nb + a)]! * ua;
      gy += G[2 * (q * nb + a) + 1]! * ua;
    }
    out[2 * q] = gx;
    out[2 * q + 1] = gy;
  }
}

/**
 * L2 norm and H1 seminorm of (u_h − u) for a scalar field (component 0), integrated with a rule of `degree`
 * (default 2·p + 4, at most 10) so quadrature error stays well below discretisation error for smooth u.
 * Axisymmetric: the norms include the 2πr weight.
 */
export function errorNorms(
  space: FunctionSpace, u: Float64Array, exact: (x: number, y: number) => number,
  grad: (x: number, y: number) => [number, number], opts?: { axisymmetric?: boolean; degree?: number },
): { l2: number; h1semi: number } {
  const deg = opts?.degree ?? Math.min(10, 2 * space.element.degree + 4);
  const cv = createCellValues(space, triangleRule(deg), { axisymmetric: opts?.axisymmetric === true });
  const uq = new Float64Array(cv.nQuad);
  const gq = new Float64Array(2 * cv.nQuad);
  let l2 = 0;
  let h1 = 0;
  for (let c = 0; c < space.mesh.nCells; c++) {
    cv.reinit(c);
    evaluateAtQuad(space, cv, u, 0, uq);
    gradientAtQuad(space, cv, u, 0, gq);
    for (let q = 0; q < cv.nQuad; q++) {
      const x = cv.xq[2 * q]!;
      const y = cv.xq[2 * q + 1]!;
      const e = uq[q]! - exact(x, y);
      const [gx, gy] = grad(x, y);
      const ex = gq[2 * q]! - gx;
      const ey = gq[2 * q + 1]! - gy;
      l2 += e * e * cv.dx[q]!;
      h1 += (ex * ex + ey * ey) * cv.dx[q]!;
    }
  }
  return { l2: Math.sqrt(l2), h1semi: Math.sqrt(h1) };
}
