import type { FacetSet, Mesh } from './mesh.js';
import { regionIndex } from './mesh.js';

/**
 * Edge (facet) topology of a triangle mesh, built from the vertices (nodes 0..2 of each cell).
 * - `edgeNodes` [nEdges × 2]: the edge's end points, in the order of local facet k of its first cell
 *   (vertex k then vertex (k+1) mod 3), so a boundary edge runs counter-clockwise around the domain.
 * - `cellEdges` [nCells × 3]: edge of local facet k of each cell.
 * - `edgeCells` [nEdges × 2]: the cells sharing the edge, lower cell index first; −1 in slot 1 on the boundary.
 * - `edgeLocalFacets` [nEdges × 2]: the local facet index of the edge in each of those cells (−1 if none).
 * Edges are numbered by their lower end point, then by first appearance. Throws on an edge shared by more than
 * two cells (non-manifold mesh).
 */
export interface EdgeTopology {
  readonly nEdges: number;
  readonly edgeNodes: Int32Array;
  readonly cellEdges: Int32Array;
  readonly edgeCells: Int32Array;
  readonly edgeLocalFacets: Int8Array;
}

/** Builds the {@link EdgeTopology} in O(nCells) with typed arrays (bucket by lower end point). */
export function buildEdges(mesh: Mesh): EdgeTopology {
  const { nCells, nPoints, cells, nodesPerCell: npc } = mesh;
  const nFacets = 3 * nCells;
  // Bucket every facet under its lower end point: start[v] .. start[v+1] are the facets whose lower end is v.
  const start = new Int32Array(nPoints + 1);
  for (let c = 0; c < nCells; c++) {
    const o = c * npc;
    for (let k = 0; k < 3; k++) {
      const a = cells[o + k]!;
      const b = cells[o + (k === 2 ? 0 : k + 1)]!;
      start[(a < b ? a : b) + 1]!++;
    }
  }
  for (let v = 0; v < nPoints; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, nPoints);
  const upper = new Int32Array(nFacets);
  const facetOfSlot = new Int32Array(nFacets);
  for (let c = 0; c < nCells; c++) {
    const o = c * npc;
    for (let k = 0; k < 3; k++) {
      const a = cells[o + k]!;
      const b = cells[o + (k === 2 ? 0 : k + 1)]!;
      const lo = a < b ? a : b;
      const s = fill[lo]!++;
      upper[s] = a < b ? b : a;
      facetOfSlot[s] = 3 * c + k;
    }
  }

  const cellEdges = new Int32Array(nFacets).fill(-1);
  const edgeNodesAll = new Int32Array(2 * nFacets);
  const edgeCellsAll = new Int32Array(2 * nFacets);
  const edgeLfAll = new Int8Array(2 * nFacets);
  let nEdges = 0;
  for (let v = 0; v < nPoints; v++) {
    const end = start[v + 1]!;
    for (let s = start[v]!; s < end; s++) {
      const f = facetOfSlot[s]!;
      if (cellEdges[f]! >= 0) continue;
      const e = nEdges++;
      const c0 = (f / 3) | 0;
      const k0 = f - 3 * c0;
      cellEdges[f] = e;
      edgeNodesAll[2 * e] = cells[c0 * npc + k0]!;
      edgeNodesAll[2 * e + 1] = cells[c0 * npc + (k0 === 2 ? 0 : k0 + 1)]!;
      edgeCellsAll[2 * e] = c0;
      edgeLfAll[2 * e] = k0;
      edgeCellsAll[2 * e + 1] = -1;
      edgeLfAll[2 * e + 1] = -1;
      const w = upper[s]!;
      for (let t = s + 1; t < end; t++) {
        if (upper[t] !== w) continue;
        const g = facetOfSlot[t]!;
        if (edgeCellsAll[2 * e + 1]! >= 0) {
          const c2 = (g / 3) | 0;
          throw new Error(`buildEdges: edge (${v}, ${w}) is shared by more than two cells (${c0}, ${edgeCellsAll[2 * e + 1]}, ${c2}): non-manifold mesh`);
        }
        const c1 = (g / 3) | 0;
        cellEdges[g] = e;
        edgeCellsAll[2 * e + 1] = c1;
        edgeLfAll[2 * e + 1] = g - 3 * c1;
      }
    }
  }
  return {
    nEdges,
    edgeNodes: edgeNodesAll.slice(0, 2 * nEdges),
    cellEdges,
    edgeCells: edgeCellsAll.slice(0, 2 * nEdges),
    edgeLocalFacets: edgeLfAll.slice(0, 2 * nEdges),
  };
}

function facetSetFromLists(cells: number[], lfs: number[]): FacetSet {
  return { cells: Int32Array.from(cells), localFacets: Int8Array.from(lfs) };
}

/** All exterior facets (edges with one cell), ordered by edge number. Pass `topo` to reuse a built topology. */
export function boundaryFacets(mesh: Mesh, topo: EdgeTopology = buildEdges(mesh)): FacetSet {
  const { nEdges, edgeCells, edgeLocalFacets } = topo;
  let n = 0;
  for (let e = 0; e < nEdges; e++) if (edgeCells[2 * e + 1]! < 0) n++;
  const cells = new Int32Array(n);
  const localFacets = new Int8Array(n);
  let i = 0;
  for (let e = 0; e < nEdges; e++) {
    if (edgeCells[2 * e + 1]! >= 0) continue;
    cells[i] = edgeCells[2 * e]!;
    localFacets[i++] = edgeLocalFacets[2 * e]!;
  }
  return { cells, localFacets };
}

/**
 * Facets between two regions, seen from the cells of `regionA` (each pair is a cell of A and its facet whose
 * neighbour lies in B). Throws on an unknown region name.
 */
export function interfaceFacets(mesh: Mesh, regionA: string, regionB: string, topo: EdgeTopology = buildEdges(mesh)): FacetSet {
  const ra = regionIndex(mesh, regionA);
  const rb = regionIndex(mesh, regionB);
  for (const [name, r] of [[regionA, ra], [regionB, rb]] as const) {
    if (r < 0) throw new Error(`interfaceFacets: unknown region '${name}' (mesh has: ${mesh.regionNames.join(', ')})`);
  }
  const { nEdges, edgeCells, edgeLocalFacets } = topo;
  const reg = mesh.cellRegion;
  const cells: number[] = [];
  const lfs: number[] = [];
  for (let e = 0; e < nEdges; e++) {
    const c1 = edgeCells[2 * e + 1]!;
    if (c1 < 0) continue;
    const c0 = edgeCells[2 * e]!;
    const r0 = reg[c0]!;
    const r1 = reg[c1]!;
    if (r0 === ra && r1 === rb) {
      cells.push(c0);
      lfs.push(edgeLocalFacets[2 * e]!);
    } else if (r1 === ra && r0 === rb) {
      cells.push(c1);
      lfs.push(edgeLocalFacets[2 * e + 1]!);
    }
  }
  return facetSetFromLists(cells, lfs);
}

/** Sorted unique point indices on the facets: both end vertices, plus the midside node 3+k for tri6. */
export function facetNodes(mesh: Mesh, facets: FacetSet): Int32Array {
  const mark = new Uint8Array(mesh.nPoints);
  const npc = mesh.nodesPerCell;
  const { cells } = mesh;
  let count = 0;
  const markOne = (p: number): void => {
    if (mark[p] === 0) {
      mark[p] = 1;
      count++;
    }
  };
  for (let i = 0; i < facets.cells.length; i++) {
    const o = facets.cells[i]! * npc;
    const k = facets.localFacets[i]!;
    markOne(cells[o + k]!);
    markOne(cells[o + (k === 2 ? 0 : k + 1)]!);
    if (npc === 6) markOne(cells[o + 3 + k]!);
  }
  const out = new Int32Array(count);
  let j = 0;
  for (let p = 0; p < mesh.nPoints; p++) if (mark[p]) out[j++] = p;
  return out;
}

/**
 * The mesh points followed by one new point at the midpoint of every edge: [(nPoints + nEdges) × 2]; the point
 * of edge e is nPoints + e. Shared by P2 elevation and uniform refinement.
 */
export function pointsWithEdgeMidpoints(mesh: Mesh, topo: EdgeTopology): Float64Array {
  const { nEdges, edgeNodes } = topo;
  const n0 = mesh.nPoints;
  const points = new Float64Array(2 * (n0 + nEdges));
  points.set(mesh.points);
  const src = mesh.points;
  for (let e = 0; e < nEdges; e++) {
    const a = edgeNodes[2 * e]!;
    const b = edgeNodes[2 * e + 1]!;
    points[2 * (n0 + e)] = 0.5 * (src[2 * a]! + src[2 * b]!);
    points[2 * (n0 + e) + 1] = 0.5 * (src[2 * a + 1]! + src[2 * b + 1]!);
  }
  return points;
}
