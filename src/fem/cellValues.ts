import type { FunctionSpace } from './functionSpace.js';
import type { QuadratureRule } from './quadrature.js';
import { P1, P2 } from './referenceElement.js';
import { mapPoint } from './isoparametricMap.js';

/**
 * Basis values, physical gradients and integration weights at the quadrature points of one cell at a time
 * (Ferrite's CellValues). Call `reinit(cell)` before reading the per-cell arrays.
 *
 * Geometry is isoparametric in the mesh: the map x(ξ) uses the cell's mesh nodes with the P1 (tri3) or P2
 * (tri6, possibly curved) basis, independent of the field's degree.
 * - `N` [nQuad × nBasis] basis values (the same for every cell).
 * - `dNdx` [nQuad × nBasis × 2] physical gradients ∂N/∂x, ∂N/∂y of the current cell (1/m).
 * - `dx` [nQuad] |det J|·w (m²), times 2πr (m³ per radian-integrated volume) when axisymmetric.
 * - `xq` [nQuad × 2] physical quadrature points (m); `detJ` [nQuad] Jacobian determinants.
 * `nBasis` counts scalar basis functions: a vector field's local dofs number nBasis·components.
 */
export interface CellValues {
  readonly nQuad: number;
  readonly nBasis: number;
  readonly N: Float64Array;
  readonly dNdx: Float64Array;
  readonly dx: Float64Array;
  readonly xq: Float64Array;
  readonly detJ: Float64Array;
  /** The quadrature rule the values were tabulated at. */
  readonly rule: QuadratureRule;
  cell: number;
  reinit(cell: number): void;
}

/** Options: `axisymmetric` multiplies every weight by 2πr with r = x (the first coordinate). */
export interface ValuesOptions {
  readonly axisymmetric?: boolean;
}

/**
 * Creates the cell values for `space` with `rule`. `reinit` allocates nothing and throws if det J ≤ 0 at a
 * quadrature point (an inverted or degenerate cell), naming the cell.
 */
export function createCellValues(space: FunctionSpace, rule: QuadratureRule, opts?: ValuesOptions): CellValues {
  const mesh = space.mesh;
  const axi = opts?.axisymmetric === true;
  const nq = rule.nPoints;
  const nb = space.element.nBasis;
  const field = space.element.tabulate(rule.points, nq);
  const affine = mesh.cellType === 'tri3';
  const geoEl = affine ? P1 : P2;
  const ng = geoEl.nBasis;
  const geo = geoEl.tabulate(rule.points, nq);
  const gVal = geo.values;
  const gGrad = geo.grads;
  const refGrad = field.grads;
  const w = rule.weights;
  const pts = mesh.points;
  const cells = mesh.cells;
  const npc = mesh.nodesPerCell;
  const X = new Float64Array(2 * ng); // cell node coordinates
  const dNdx = new Float64Array(nq * nb * 2);
  const dx = new Float64Array(nq);
  const xq = new Float64Array(nq * 2);
  const detJ = new Float64Array(nq);
  const TWO_PI = 2 * Math.PI;
  const map = new Float64Array(7); // J⁻ᵀ, det J, x, y of the current point (mapPoint)

  const cv: CellValues = {
    nQuad: nq, nBasis: nb, N: field.values, dNdx, dx, xq, detJ, rule, cell: -1,
    reinit(cell: number): void {
      const base = cell * npc;
      for (let a = 0; a < ng; a++) {
        const p = cells[base + a]!;
        X[2 * a] = pts[2 * p]!;
        X[2 * a + 1] = pts[2 * p + 1]!;
      }
      for (let q = 0; q < nq; q++) {
        mapPoint(X, ng, gVal, gGrad, q, cell, map);
        const a00 = map[0]!, a01 = map[1]!, a10 = map[2]!, a11 = map[3]!, det = map[4]!, x = map[5]!, y = map[6]!;
        const fo = q * nb;
        for (let b = 0; b < nb; b++) {
          const gx = refGrad[2 * (fo + b)]!;
          const gy = refGrad[2 * (fo + b) + 1]!;
          dNdx[2 * (fo + b)] = a00 * gx + a01 * gy;
          dNdx[2 * (fo + b) + 1] = a10 * gx + a11 * gy;
        }
        xq[2 * q] = x;
        xq[2 * q + 1] = y;
        detJ[q] = det;
        dx[q] = axi ? det * w[q]! * TWO_PI * x : det * w[q]!;
      }
      cv.cell = cell;
    },
  };
  return cv;
}
