/**
 * Lagrange reference elements P1 and P2 on the reference triangle (0,0),(1,0),(0,1).
 *
 * With barycentric coordinates L0 = 1−ξ−η, L1 = ξ, L2 = η:
 * - P1: N_a = L_a.
 * - P2: vertices N_a = L_a(2L_a − 1); midsides N_3 = 4L0L1 (edge 0–1), N_4 = 4L1L2 (edge 1–2), N_5 = 4L2L0
 *   (edge 2–0), matching the tri6 node order of `src/mesh/mesh.ts`.
 */

/** A scalar Lagrange element. `nodes` [nBasis × 2] reference node coordinates. */
export interface ReferenceElement {
  readonly name: 'P1' | 'P2';
  readonly degree: 1 | 2;
  readonly nBasis: 3 | 6;
  readonly nodes: Float64Array;
  /**
   * Basis values [nPoints × nBasis] and reference gradients [nPoints × nBasis × 2] (∂/∂ξ, ∂/∂η) at
   * `points` [nPoints × 2]. Allocates the outputs: call at set-up, not per cell.
   */
  tabulate(points: Float64Array, nPoints: number): { values: Float64Array; grads: Float64Array };
}

/** Barycentric gradients (constant): dL0 = (−1,−1), dL1 = (1,0), dL2 = (0,1). */
const DL = [-1, -1, 1, 0, 0, 1];

function evalP1(xi: number, eta: number, v: Float64Array, vo: number, g: Float64Array, go: number): void {
  v[vo] = 1 - xi - eta;
  v[vo + 1] = xi;
  v[vo + 2] = eta;
  for (let k = 0; k < 6; k++) g[go + k] = DL[k]!;
}

/** P2 midside node m (3..5) couples the barycentrics of its edge (m−3, (m−2) mod 3). */
function evalP2(xi: number, eta: number, v: Float64Array, vo: number, g: Float64Array, go: number): void {
  const L0 = 1 - xi - eta;
  const L = [L0, xi, eta];
  for (let a = 0; a < 3; a++) {
    const La = L[a]!;
    v[vo + a] = La * (2 * La - 1);
    g[go + 2 * a] = (4 * La - 1) * DL[2 * a]!;
    g[go + 2 * a + 1] = (4 * La - 1) * DL[2 * a + 1]!;
  }
  for (let e = 0; e < 3; e++) {
    const a = e;
    const b = (e + 1) % 3;
    const La = L[a]!;
    const Lb = L[b]!;
    const m = 3 + e;
    v[vo + m] = 4 * La * Lb;
    g[go + 2 * m] = 4 * (Lb * DL[2 * a]! + La * DL[2 * b]!);
    g[go + 2 * m + 1] = 4 * (Lb * DL[2 * a + 1]! + La * DL[2 * b + 1]!);
  }
}

function makeElement(degree: 1 | 2): ReferenceElement {
  const nBasis = degree === 1 ? 3 : 6;
  const nodes =
    degree === 1
      ? Float64Array.of(0, 0, 1, 0, 0, 1)
      : Float64Array.of(0, 0, 1, 0, 0, 1, 0.5, 0, 0.5, 0.5, 0, 0.5);
  const evalAt = degree === 1 ? evalP1 : evalP2;
  return {
    name: degree === 1 ? 'P1' : 'P2',
    degree,
    nBasis,
    nodes,
    tabulate(points: Float64Array, nPoints: number) {
      const values = new Float64Array(nPoints * nBasis);
      const grads = new Float64Array(nPoints * nBasis * 2);
      for (let q = 0; q < nPoints; q++) {
        evalAt(points[2 * q]!, points[2 * q + 1]!, values, q * nBasis, grads, q * nBasis * 2);
      }
      return { values, grads };
    },
  };
}

/** Linear Lagrange triangle (3 vertex nodes). */
export const P1: ReferenceElement = makeElement(1);
/** Quadratic Lagrange triangle (3 vertices, then midsides of edges 0–1, 1–2, 2–0). */
export const P2: ReferenceElement = makeElement(2);

/** The Lagrange element of the given degree (the shared P1/P2 singletons). */
export function lagrangeElement(degree: 1 | 2): ReferenceElement {
  if (degree === 1) return P1;
  if (degree === 2) return P2;
  throw new Error(`lagrangeElement: degree must be 1 or 2, got ${String(degree)}`);
}
