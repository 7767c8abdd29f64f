import type { Mesh } from '../../src/mesh/mesh.js';
import { cellAreas } from '../../src/mesh/statistics.js';

/** Area of each region, m² (exact for curved tri6 cells, see cellAreas). */
export function regionAreas(mesh: Mesh): Record<string, number> {
  const areas = cellAreas(mesh);
  const out: Record<string, number> = {};
  for (const n of mesh.regionNames) out[n] = 0;
  for (let c = 0; c < mesh.nCells; c++) out[mesh.regionNames[mesh.cellRegion[c]!]!]! += areas[c]!;
  return out;
}

/** Chord lengths of a boundary's facets (vertex to vertex), in facet order. */
export function facetChords(mesh: Mesh, name: string): number[] {
  const fs = mesh.boundaries.get(name);
  if (!fs) throw new Error(`no boundary '${name}' (have: ${[...mesh.boundaries.keys()].join(', ')})`);
  const npc = mesh.nodesPerCell;
  const P = mesh.points;
  return Array.from(fs.cells, (c, i) => {
    const k = fs.localFacets[i]!;
    const a = mesh.cells[c * npc + k]!;
    const b = mesh.cells[c * npc + ((k + 1) % 3)]!;
    return Math.hypot(P[2 * b]! - P[2 * a]!, P[2 * b + 1]! - P[2 * a + 1]!);
  });
}

export function boundaryLength(mesh: Mesh, name: string): number {
  return facetChords(mesh, name).reduce((s, l) => s + l, 0);
}

/** Regions of the cells a boundary's facets name, as a set. */
export function facetRegions(mesh: Mesh, name: string): Set<string> {
  const fs = mesh.boundaries.get(name)!;
  return new Set(Array.from(fs.cells, (c) => mesh.regionNames[mesh.cellRegion[c]!]!));
}

/** Smallest signed vertex area over the cells (> 0 when every cell is counter-clockwise). */
export function minSignedVertexArea(mesh: Mesh): number {
  let min = Infinity;
  const P = mesh.points, npc = mesh.nodesPerCell;
  for (let c = 0; c < mesh.nCells; c++) {
    const a = mesh.cells[c * npc]!, b = mesh.cells[c * npc + 1]!, d = mesh.cells[c * npc + 2]!;
    const A = 0.5 * ((P[2 * b]! - P[2 * a]!) * (P[2 * d + 1]! - P[2 * a + 1]!) - (P[2 * d]! - P[2 * a]!) * (P[2 * b + 1]! - P[2 * a + 1]!));
    min = Math.min(min, A);
  }
  return min;
}
