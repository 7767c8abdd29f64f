import type { ValuesOptions } from './cellValues.js';
import type { FunctionSpace } from './functionSpace.js';
import type { LineRule } from './quadrature.js';
import { P1, P2 } from './referenceElement.js';

/**
 * Cell basis values and gradients at the quadrature points of one facet (edge) of one cell, with the line
 * measure and the outward unit normal. Call `reinit(cell, localFacet)` first; local facet k runs from vertex k
 * to vertex (k+1) mod 3 and is parameterised by t ∈ [0, 1] in that direction.
 * - `N` [nQuad × nBasis], `dNdx` [nQuad × nBasis × 2] (1/m): the cell's basis on the facet.
 * - `ds` [nQuad] |dx/dt|·w (m), times 2πr when axisymmetric (m²).
 * - `xq` [nQuad × 2] (m); `normal` [nQuad × 2] unit outward normal of the cell (exact on curved tri6 edges).
 */
export interface FacetValues {
  readonly nQuad: number;
  readonly nBasis: number;
  readonly N: Float64Array;
  readonly dNdx: Float64Array;
  readonly ds: Float64Array;
  readonly xq: Float64Array;
  readonly normal: Float64Array;
  reinit(cell: number, localFacet: number): void;
}

/** Reference vertices and facet directions e_k = v_{k+1} − v_k. */
const REF_V = [0, 0, 1, 0, 0, 1];

/** Creates facet values for `space` with the line `rule`. `reinit` allocates nothing; throws if det J ≤ 0. */
export function createFacetValues(space: FunctionSpace, rule: LineRule, opts?: ValuesOptions): FacetValues {
  const mesh = space.mesh;
  const axi = opts?.axisymmetric === true;
  const nq = rule.nPoints;
  const nb = space.element.nBasis;
  const geoEl = mesh.cellType === 'tri3' ? P1 : P2;
  const ng = geoEl.nBasis;
  // Reference points of all three facets: [3 × nq × 2].
  const refPts = new Float64Array(3 * nq * 2);
  const dirs = new Float64Array(6);
  for (let k = 0; k < 3; k++) {
    const k1 = (k + 1) % 3;
    const ex = REF_V[2 * k1]! - REF_V[2 * k]!;
    const ey = REF_V[2 * k1 + 1]! - REF_V[2 * k + 1]!;
    dirs[2 * k] = ex;
    dirs[2 * k + 1] = ey;
    for (let q = 0; q < nq; q++) {
      const t = rule.points[q]!;
      refPts[2 * (k * nq + q)] = REF_V[2 * k]! + t * ex;
      refPts[2 * (k * nq + q) + 1] = REF_V[2 * k + 1]! + t * ey;
    }
  }
  const fTab = space.element.tabulate(refPts, 3 * nq);
  const gTab = geoEl.tabulate(refPts, 3 * nq);
  const w = rule.weights;
  const pts = mesh.points;
  const cells = mesh.cells;
  const npc = mesh.nodesPerCell;
  const X = new Float64Array(2 * ng);
  const N = new Float64Array(nq * nb);
  const dNdx = new Float64Array(nq * nb * 2);
  const ds = new Float64Array(nq);
  const xq = new Float64Array(nq * 2);
  const normal = new Float64Array(nq * 2);
  const TWO_PI = 2 * Math.PI;

  return {
    nQuad: nq, nBasis: nb, N, dNdx, ds, xq, normal,
    reinit(cell: number, localFacet: number): void {
      if (localFacet < 0 || localFacet > 2) throw new Error(`facet values: local facet must be 0..2, got ${localFacet}`);
      const base = cell * npc;
      for (let a = 0; a < ng; a++) {
        const p = cells[base + a]!;
        X[2 * a] = pts[2 * p]!;
        X[2 * a + 1] = pts[2 * p + 1]!;
      }
      const ex = dirs[2 * localFacet]!;
      const ey = dirs[2 * localFacet + 1]!;
      for (let q = 0; q < nq; q++) {
        const tq = localFacet * nq + q;
        let j00 = 0, j01 = 0, j10 = 0, j11 = 0, x = 0, y = 0;
        for (let a = 0; a < ng; a++) {
          const xa = X[2 * a]!;
          const ya = X[2 * a + 1]!;
          const gx = gTab.grads[2 * (tq * ng + a)]!;
          const gy = gTab.grads[2 * (tq * ng + a) + 1]!;
          const v = gTab.values[tq * ng + a]!;
          j00 += xa * gx; j01 += xa * gy;
          j10 += ya * gx; j11 += ya * gy;
          x += xa * v; y += ya * v;
        }
        const det = j00 * j11 - j01 * j10;
        if (!(det > 0)) throw new Error(`cell ${cell} is inverted or degenerate: det J = ${det} on facet ${localFacet}`);
        const inv = 1 / det;
        const a00 = j11 * inv, a01 = -j10 * inv, a10 = -j01 * inv, a11 = j00 * inv;
        for (let b = 0; b < nb; b++) {
          const gx = fTab.grads[2 * (tq * nb + b)]!;
          const gy = fTab.grads[2 * (tq * nb + b) + 1]!;
          N[q * nb + b] = fTab.values[tq * nb + b]!;
          dNdx[2 * (q * nb + b)] = a00 * gx + a01 * gy;
          dNdx[2 * (q * nb + b) + 1] = a10 * gx + a11 * gy;
        }
        // Physical tangent J·e_k; for a counter-clockwise cell the outward normal is the tangent turned clockwise.
        const tx = j00 * ex + j01 * ey;
        const ty = j10 * ex + j11 * ey;
        const len = Math.hypot(tx, ty);
        normal[2 * q] = ty / len;
        normal[2 * q + 1] = -tx / len;
        xq[2 * q] = x;
        xq[2 * q + 1] = y;
        ds[q] = axi ? len * w[q]! * TWO_PI * x : len * w[q]!;
      }
    },
  };
}
