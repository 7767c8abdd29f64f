/** Small meshes for the io tests: a structured grid mapped onto a disk (or half disk), tri3 or tri6. */
import type { Mesh } from '../../src/mesh/mesh.js';

/**
 * Grid of n × m squares on [x0,x1]×[−1,1], two triangles each (CCW), mapped by the square-to-disk map
 * (x, y) ↦ (x√(1 − y²/2), y√(1 − x²/2)) and scaled by `radius`. x0 = −1 gives a disk, x0 = 0 the right half.
 * Region 1 ('core') holds the cells whose centroid lies within radius/2, region 0 ('shell') the rest.
 */
export function diskMesh(opts: { n: number; radius: number; half?: boolean; quadratic?: boolean }): Mesh {
  const { n, radius } = opts;
  const x0 = opts.half ? 0 : -1;
  const nx = opts.half ? n : 2 * n;
  const ny = 2 * n;
  const q = opts.quadratic ? 2 : 1; // sub-steps per square edge (midside nodes on a finer lattice)
  const px = nx * q + 1;
  const py = ny * q + 1;
  const points = new Float64Array(2 * px * py);
  for (let j = 0; j < py; j++) {
    for (let i = 0; i < px; i++) {
      const u = x0 + ((1 - x0) * i) / (px - 1);
      const v = -1 + (2 * j) / (py - 1);
      const k = j * px + i;
      points[2 * k] = radius * u * Math.sqrt(1 - (v * v) / 2);
      points[2 * k + 1] = radius * v * Math.sqrt(1 - (u * u) / 2);
    }
  }
  const id = (i: number, j: number): number => j * px + i;
  const cells: number[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = q * i, b = q * j;
      if (q === 1) {
        cells.push(id(a, b), id(a + 1, b), id(a + 1, b + 1));
        cells.push(id(a, b), id(a + 1, b + 1), id(a, b + 1));
      } else {
        // vertices, then midside nodes on edges (0,1), (1,2), (2,0)
        cells.push(id(a, b), id(a + 2, b), id(a + 2, b + 2), id(a + 1, b), id(a + 2, b + 1), id(a + 1, b + 1));
        cells.push(id(a, b), id(a + 2, b + 2), id(a, b + 2), id(a + 1, b + 1), id(a + 1, b + 2), id(a, b + 1));
      }
    }
  }
  const npc = opts.quadratic ? 6 : 3;
  const nCells = cells.length / npc;
  const cellRegion = new Int32Array(nCells);
  for (let c = 0; c < nCells; c++) {
    let cx = 0, cy = 0;
    for (let a = 0; a < 3; a++) {
      cx += points[2 * cells[c * npc + a]!]! / 3;
      cy += points[2 * cells[c * npc + a]! + 1]! / 3;
    }
    cellRegion[c] = Math.hypot(cx, cy) < radius / 2 ? 1 : 0;
  }
  return {
    cellType: opts.quadratic ? 'tri6' : 'tri3',
    nodesPerCell: npc,
    nPoints: px * py,
    nCells,
    points,
    cells: Int32Array.from(cells),
    cellRegion,
    regionNames: ['shell', 'core'],
    boundaries: new Map(),
  };
}
