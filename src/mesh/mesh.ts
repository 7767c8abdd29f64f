/**
 * The mesh: 2D triangles on flat typed arrays, with named regions (cells) and named boundaries (facets).
 *
 * Conventions (shared by every layer):
 * - `points` [nPoints × 2], metres: (x, y) in plane models, (r, z) in axisymmetric ones (axis at r = 0).
 * - `cells` [nCells × nodesPerCell], counter-clockwise. tri3: 3 vertices. tri6: 3 vertices then the
 *   midside nodes 3 on edge (0,1), 4 on (1,2), 5 on (2,0) (Gmsh order); midside nodes may sit off the
 *   straight edge (curved, isoparametric boundaries).
 * - Local facet k of a triangle is the edge from vertex k to vertex (k+1) mod 3 (midside node 3+k).
 * - `cellRegion` [nCells] indexes `regionNames`. A boundary is a set of (cell, local facet) pairs; boundary
 *   names may also mark interior interfaces (then each pair names the side it was built from).
 */
export type CellType = 'tri3' | 'tri6';

/** (cell, local facet) pairs: `cells` [nFacets], `localFacets` [nFacets] in 0..2. */
export interface FacetSet {
  readonly cells: Int32Array;
  readonly localFacets: Int8Array;
}

export interface Mesh {
  readonly cellType: CellType;
  readonly nodesPerCell: 3 | 6;
  readonly nPoints: number;
  readonly nCells: number;
  readonly points: Float64Array;
  readonly cells: Int32Array;
  readonly cellRegion: Int32Array;
  readonly regionNames: readonly string[];
  readonly boundaries: ReadonlyMap<string, FacetSet>;
}

/** Local vertex pairs of the three facets: facet k = (k, (k+1) mod 3). */
export const TRI_FACET_VERTICES: readonly (readonly [number, number])[] = [[0, 1], [1, 2], [2, 0]];

/** Node of cell c, local node a. */
export function cellNode(mesh: Mesh, c: number, a: number): number {
  return mesh.cells[c * mesh.nodesPerCell + a]!;
}

/** Index of a region by name, or −1. */
export function regionIndex(mesh: Mesh, name: string): number {
  return mesh.regionNames.indexOf(name);
}

/** Cells of the named regions [k], ascending. Throws on an unknown region name. */
export function cellsOfRegions(mesh: Mesh, names: readonly string[]): Int32Array {
  const wanted = new Uint8Array(mesh.regionNames.length);
  for (const n of names) {
    const r = regionIndex(mesh, n);
    if (r < 0) throw new Error(`unknown region '${n}' (mesh has: ${mesh.regionNames.join(', ')})`);
    wanted[r] = 1;
  }
  const out: number[] = [];
  for (let c = 0; c < mesh.nCells; c++) if (wanted[mesh.cellRegion[c]!]) out.push(c);
  return Int32Array.from(out);
}
