/**
 * Boundary bookkeeping shared by physics modules: weights that split nodal reactions between named
 * boundaries, gradient fluxes through facets, and the translation between periodic boundary pairs.
 */
import type { FunctionSpace } from '../fem/functionSpace.js';
import type { CellValues } from '../fem/cellValues.js';
import type { FacetValues } from '../fem/facetValues.js';
import type { Mesh } from '../mesh/mesh.js';
import { boundaryNodes } from '../fem/constraints.js';

/**
 * For each named boundary, a weight per dof [nDofs] such that the weights of all named boundaries sum to 1
 * at every node they share (a corner node's reaction is split by the number of facets of each name touching
 * it). Σ_b Σ_i w_b[i]·r[i] then equals Σ_{i ∈ ∪b} r[i] exactly, which keeps the conservation check exact.
 * Scalar spaces only.
 */
export function boundaryWeights(space: FunctionSpace, names: readonly string[]): Map<string, Float64Array> {
  const n = space.nDofs;
  const counts = names.map(() => new Float64Array(n));
  const { mesh, dofMap } = space;
  const npc = dofMap.nodesPerCell;
  names.forEach((name, k) => {
    const f = mesh.boundaries.get(name);
    if (!f) throw new Error(`unknown boundary '${name}'`);
    for (let i = 0; i < f.cells.length; i++) {
      const c = f.cells[i]!, lf = f.localFacets[i]!;
      const a = lf, b = (lf + 1) % 3;
      counts[k]![dofMap.cellNodes[c * npc + a]!]! += 1;
      counts[k]![dofMap.cellNodes[c * npc + b]!]! += 1;
      if (npc === 6) counts[k]![dofMap.cellNodes[c * npc + 3 + lf]!]! += 2;
    }
  });
  const total = new Float64Array(n);
  for (const c of counts) for (let i = 0; i < n; i++) total[i] += c[i]!;
  const out = new Map<string, Float64Array>();
  names.forEach((name, k) => {
    const w = counts[k]!;
    for (let i = 0; i < n; i++) if (w[i]) w[i] = w[i]! / total[i]!;
    out.set(name, w);
  });
  return out;
}

/** What a gradient flux needs: the mesh, a scalar space, facet values and a per-cell coefficient. */
export interface FluxContext {
  readonly mesh: Mesh;
  readonly space: FunctionSpace;
  readonly fv: FacetValues;
  readonly cellConductivity: Float64Array;
  readonly cv: CellValues;
  conductivityAtQuad?: ((cv: CellValues, cell: number, out: Float64Array) => void) | undefined;
}

/**
 * ∫ σ ∇u·n dΓ over a named facet set, n the outward normal of the facet's own cell: the current entering that
 * cell through those facets when J = −σ∇u. σ is the cell value, or the mean of the quadrature-point hook over
 * the cell. Converges with the gradient (O(h^p)); use reactions where exact conservation is wanted.
 */
export function gradientFluxInward(ctx: FluxContext, u: Float64Array, name: string): number {
  const f = ctx.mesh.boundaries.get(name);
  if (!f) throw new Error(`unknown boundary '${name}'`);
  const { fv, space } = ctx;
  const npc = space.dofMap.nodesPerCell;
  const sq = new Float64Array(ctx.cv.nQuad);
  let total = 0;
  for (let i = 0; i < f.cells.length; i++) {
    const c = f.cells[i]!;
    let sigma = ctx.cellConductivity[c]!;
    if (ctx.conductivityAtQuad) {
      ctx.cv.reinit(c);
      ctx.conductivityAtQuad(ctx.cv, c, sq);
      sigma = 0;
      for (let q = 0; q < sq.length; q++) sigma += sq[q]!;
      sigma /= sq.length;
    }
    fv.reinit(c, f.localFacets[i]!);
    for (let q = 0; q < fv.nQuad; q++) {
      let gx = 0, gy = 0;
      for (let a = 0; a < fv.nBasis; a++) {
        const ua = u[space.dofMap.cellNodes[c * npc + a]!]!;
        gx += ua * fv.dNdx[(q * fv.nBasis + a) * 2]!;
        gy += ua * fv.dNdx[(q * fv.nBasis + a) * 2 + 1]!;
      }
      total += sigma * (gx * fv.normal[2 * q]! + gy * fv.normal[2 * q + 1]!) * fv.ds[q]!;
    }
  }
  return total;
}

/** Translation taking the master boundary onto the slave boundary (difference of their node centroids), m. */
export function periodicTranslation(space: FunctionSpace, slave: string, master: string): [number, number] {
  const centroid = (name: string): [number, number] => {
    const nodes = boundaryNodes(space, name);
    let x = 0, y = 0;
    const pts = space.mesh.points;
    for (let k = 0; k < nodes.length; k++) {
      const p = space.dofMap.nodeToPoint[nodes[k]!]!;
      x += pts[2 * p]!;
      y += pts[2 * p + 1]!;
    }
    return [x / nodes.length, y / nodes.length];
  };
  const s = centroid(slave), m = centroid(master);
  return [s[0] - m[0], s[1] - m[1]];
}
