import { createMesh } from './createMesh.js';
import type { FacetSet, Mesh } from './mesh.js';
import { buildEdges, pointsWithEdgeMidpoints } from './topology.js';

/**
 * Uniform red refinement: each triangle (v0, v1, v2) with edge nodes m0 on (v0,v1), m1 on (v1,v2), m2 on (v2,v0)
 * becomes 4 cells, in this order: (v0, m0, m2), (m0, v1, m1), (m2, m1, v2), (m0, m1, m2); cell c's children are
 * 4c..4c+3 and inherit its region. Parent facet k splits into facet k of children k and (k+1) mod 3, so boundary
 * and interface facet sets carry over exactly.
 *
 * tri3 input: new points are the old ones then one per edge (nPoints + e, {@link buildEdges} numbering) at the
 * edge midpoint. tri6 input: its midside nodes become the new vertices (curved boundaries are kept as their
 * piecewise-linear interpolant through the midside nodes); the point array is reused and the result is tri3.
 */
export function refineUniform(mesh: Mesh): Mesh {
  const nCells = mesh.nCells;
  const children = new Int32Array(12 * nCells);
  let points: Float64Array;
  const old = mesh.cells;
  const npc = mesh.nodesPerCell;
  if (mesh.cellType === 'tri3') {
    const topo = buildEdges(mesh);
    const { cellEdges } = topo;
    const n0 = mesh.nPoints;
    points = pointsWithEdgeMidpoints(mesh, topo);
    for (let c = 0; c < nCells; c++) {
      writeChildren(children, c, old[3 * c]!, old[3 * c + 1]!, old[3 * c + 2]!,
        n0 + cellEdges[3 * c]!, n0 + cellEdges[3 * c + 1]!, n0 + cellEdges[3 * c + 2]!);
    }
  } else {
    points = mesh.points.slice();
    for (let c = 0; c < nCells; c++) {
      const o = c * npc;
      writeChildren(children, c, old[o]!, old[o + 1]!, old[o + 2]!, old[o + 3]!, old[o + 4]!, old[o + 5]!);
    }
  }

  const cellRegion = new Int32Array(4 * nCells);
  for (let c = 0; c < nCells; c++) cellRegion.fill(mesh.cellRegion[c]!, 4 * c, 4 * c + 4);

  const boundaries = new Map<string, FacetSet>();
  for (const [name, fs] of mesh.boundaries) {
    const n = fs.cells.length;
    const cells = new Int32Array(2 * n);
    const localFacets = new Int8Array(2 * n);
    for (let i = 0; i < n; i++) {
      const c = fs.cells[i]!;
      const k = fs.localFacets[i]!;
      cells[2 * i] = 4 * c + k;
      cells[2 * i + 1] = 4 * c + (k === 2 ? 0 : k + 1);
      localFacets[2 * i] = k;
      localFacets[2 * i + 1] = k;
    }
    boundaries.set(name, { cells, localFacets });
  }
  return createMesh({ cellType: 'tri3', points, cells: children, cellRegion, regionNames: mesh.regionNames, boundaries });
}

function writeChildren(out: Int32Array, c: number, v0: number, v1: number, v2: number, m0: number, m1: number, m2: number): void {
  const o = 12 * c;
  out[o] = v0; out[o + 1] = m0; out[o + 2] = m2;
  out[o + 3] = m0; out[o + 4] = v1; out[o + 5] = m1;
  out[o + 6] = m2; out[o + 7] = m1; out[o + 8] = v2;
  out[o + 9] = m0; out[o + 10] = m1; out[o + 11] = m2;
}
