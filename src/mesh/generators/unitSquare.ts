import { createMesh } from '../createMesh.js';
import type { Mesh } from '../mesh.js';
import { gradedCoordinates, structuredSideFacets, structuredTriangles, type DiagonalType } from './structuredGrid.js';

/**
 * The unit square [0, 1]² cut into nx × ny squares, each split in two triangles along its
 * lower-left–upper-right diagonal ('right', as DOLFINx `create_unit_square(…, DiagonalType.right)` and FreeFEM
 * `square(nx, ny)`) or lower-right–upper-left ('left'). 2·nx·ny tri3 cells, (nx+1)(ny+1) points, one region
 * 'domain', boundaries 'left' (x = 0), 'right' (x = 1), 'bottom' (y = 0), 'top' (y = 1).
 * Typed arrays only: nx = ny = 1024 (2.1 M cells) builds in a few tens of milliseconds. `sharedMemory` puts points
 * and cells on SharedArrayBuffers, so a worker pool reads them without a copy.
 */
export function unitSquareMesh(nx: number, ny: number = nx, diagonal: DiagonalType = 'right', opts: { sharedMemory?: boolean } = {}): Mesh {
  for (const [name, n] of [['nx', nx], ['ny', ny]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`unitSquareMesh: ${name} must be an integer ≥ 1, got ${n}`);
  }
  if (diagonal !== 'right' && diagonal !== 'left') throw new Error(`unitSquareMesh: diagonal must be 'right' or 'left', got '${String(diagonal)}'`);
  const { points, cells } = structuredTriangles(gradedCoordinates(0, 1, nx), gradedCoordinates(0, 1, ny), diagonal, opts.sharedMemory === true);
  return createMesh({
    cellType: 'tri3',
    points,
    cells,
    regionNames: ['domain'],
    boundaries: new Map([
      ['left', structuredSideFacets(nx, diagonal, 'left', 0, 0, ny)],
      ['right', structuredSideFacets(nx, diagonal, 'right', nx - 1, 0, ny)],
      ['bottom', structuredSideFacets(nx, diagonal, 'bottom', 0, 0, nx)],
      ['top', structuredSideFacets(nx, diagonal, 'top', ny - 1, 0, nx)],
    ]),
  });
}
