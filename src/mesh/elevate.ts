import { createMesh } from './createMesh.js';
import type { Mesh } from './mesh.js';
import { buildEdges, pointsWithEdgeMidpoints } from './topology.js';

/**
 * Moves a boundary midside node: receives the straight-edge midpoint (x, y) and the boundary name of the facet,
 * returns the node position (e.g. the point on a circle for an isoparametric curved boundary).
 */
export type MidsideProjection = (x: number, y: number, boundaryName: string) => readonly [number, number];

/**
 * tri3 → tri6: one midside node per edge, shared by the two cells of the edge. New point numbering: the old
 * points, then point nPoints + e for edge e of {@link buildEdges}. Midside nodes sit at edge midpoints, except
 * on facets of a named boundary (or interface) where `project` may move them; if a facet is in several
 * boundaries, the first one in `mesh.boundaries` order decides. Regions and boundary facets carry over unchanged.
 */
export function elevateToP2(mesh: Mesh, project?: MidsideProjection): Mesh {
  if (mesh.cellType !== 'tri3') throw new Error(`elevateToP2: mesh is already ${mesh.cellType}; expected tri3`);
  const topo = buildEdges(mesh);
  const { nEdges, cellEdges } = topo;
  const n0 = mesh.nPoints;
  const points = pointsWithEdgeMidpoints(mesh, topo);
  if (project) {
    const done = new Uint8Array(nEdges);
    for (const [name, fs] of mesh.boundaries) {
      for (let i = 0; i < fs.cells.length; i++) {
        const e = cellEdges[3 * fs.cells[i]! + fs.localFacets[i]!]!;
        if (done[e]) continue;
        done[e] = 1;
        const p = 2 * (n0 + e);
        const [x, y] = project(points[p]!, points[p + 1]!, name);
        points[p] = x;
        points[p + 1] = y;
      }
    }
  }
  const nCells = mesh.nCells;
  const cells = new Int32Array(6 * nCells);
  const old = mesh.cells;
  for (let c = 0; c < nCells; c++) {
    cells[6 * c] = old[3 * c]!;
    cells[6 * c + 1] = old[3 * c + 1]!;
    cells[6 * c + 2] = old[3 * c + 2]!;
    cells[6 * c + 3] = n0 + cellEdges[3 * c]!;
    cells[6 * c + 4] = n0 + cellEdges[3 * c + 1]!;
    cells[6 * c + 5] = n0 + cellEdges[3 * c + 2]!;
  }
  return createMesh({
    cellType: 'tri6',
    points,
    cells,
    cellRegion: mesh.cellRegion.slice(),
    regionNames: mesh.regionNames,
    boundaries: new Map([...mesh.boundaries].map(([k, v]) => [k, { cells: v.cells.slice(), localFacets: v.localFacets.slice() }])),
  });
}
