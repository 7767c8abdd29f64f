/**
 * Straight-sided linear triangles that tile a mesh for drawing: each tri3 cell is one piece; each tri6 cell is
 * split at its midside nodes into 4 (corner triangles [0,3,5], [3,1,4], [5,4,2] and the middle [3,4,5]), so
 * curved edges and the six nodal values are followed piecewise linearly. All pieces keep the cell's
 * orientation.
 */
import type { Mesh } from '../mesh/mesh.js';

const TRI3_PIECES: readonly (readonly [number, number, number])[] = [[0, 1, 2]];
const TRI6_PIECES: readonly (readonly [number, number, number])[] = [[0, 3, 5], [3, 1, 4], [5, 4, 2], [3, 4, 5]];

export interface LinearPieces {
  /** Point indices [nPieces × 3]. */
  readonly nodes: Int32Array;
  /** Cell of each piece [nPieces]. */
  readonly cell: Int32Array;
  readonly count: number;
}

/** The linear pieces of every cell of `mesh`, in cell order. */
export function linearPieces(mesh: Mesh): LinearPieces {
  const local = mesh.cellType === 'tri6' ? TRI6_PIECES : TRI3_PIECES;
  const count = mesh.nCells * local.length;
  const nodes = new Int32Array(3 * count);
  const cell = new Int32Array(count);
  const npc = mesh.nodesPerCell;
  let k = 0;
  for (let c = 0; c < mesh.nCells; c++) {
    for (const p of local) {
      nodes[3 * k] = mesh.cells[c * npc + p[0]]!;
      nodes[3 * k + 1] = mesh.cells[c * npc + p[1]]!;
      nodes[3 * k + 2] = mesh.cells[c * npc + p[2]]!;
      cell[k] = c;
      k++;
    }
  }
  return { nodes, cell, count };
}
