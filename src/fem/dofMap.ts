import type { Mesh } from '../mesh/mesh.js';

/**
 * Numbering of field nodes and degrees of freedom for a Lagrange field on a mesh.
 *
 * Global dof of field node n, component c = n·components + c (interleaved). Element-local dof of basis a,
 * component c = a·components + c.
 * - `cellNodes` [nCells × nodesPerCell] field-node indices (vertices, then P2 midsides).
 * - `nodeToPoint` [nNodes] mesh point of each field node; `pointToNode` [nPoints] field node or −1.
 */
export interface DofMap {
  readonly degree: 1 | 2;
  readonly components: 1 | 2;
  readonly nNodes: number;
  readonly nDofs: number;
  readonly nodesPerCell: 3 | 6;
  readonly cellNodes: Int32Array;
  readonly nodeToPoint: Int32Array;
  readonly pointToNode: Int32Array;
}

/**
 * Builds the dof map. P1 on tri3 and P2 on tri6: field nodes are the mesh points (identity numbering).
 * P1 on tri6: field nodes are the vertex points only, renumbered compactly in ascending point order.
 * P2 on tri3 throws (elevate the mesh to tri6 first with `elevateToP2` from src/mesh).
 */
export function buildDofMap(mesh: Mesh, degree: 1 | 2, components: 1 | 2): DofMap {
  if (degree !== 1 && degree !== 2) throw new Error(`buildDofMap: degree must be 1 or 2, got ${String(degree)}`);
  if (components !== 1 && components !== 2) throw new Error(`buildDofMap: components must be 1 or 2, got ${String(components)}`);
  const { nCells, nPoints, nodesPerCell: npc, cells } = mesh;
  if (degree === 2 && mesh.cellType !== 'tri6') {
    throw new Error(`buildDofMap: a P2 field needs a tri6 mesh (got ${mesh.cellType}); elevate it with elevateToP2 from src/mesh`);
  }
  if (degree === 2 || mesh.cellType === 'tri3') {
    // Field nodes = mesh points. Points that no cell uses still get a node (their dofs stay decoupled).
    const nodeToPoint = new Int32Array(nPoints);
    for (let p = 0; p < nPoints; p++) nodeToPoint[p] = p;
    return {
      degree, components, nNodes: nPoints, nDofs: nPoints * components, nodesPerCell: npc,
      cellNodes: cells, nodeToPoint, pointToNode: nodeToPoint.slice(),
    };
  }
  // P1 on tri6: keep only vertex points.
  const pointToNode = new Int32Array(nPoints).fill(-1);
  for (let c = 0; c < nCells; c++) for (let a = 0; a < 3; a++) pointToNode[cells[c * npc + a]!] = 0;
  let nNodes = 0;
  for (let p = 0; p < nPoints; p++) if (pointToNode[p] === 0) pointToNode[p] = nNodes++;
  const nodeToPoint = new Int32Array(nNodes);
  for (let p = 0; p < nPoints; p++) if (pointToNode[p]! >= 0) nodeToPoint[pointToNode[p]!] = p;
  const cellNodes = new Int32Array(nCells * 3);
  for (let c = 0; c < nCells; c++) for (let a = 0; a < 3; a++) cellNodes[3 * c + a] = pointToNode[cells[c * npc + a]!]!;
  return { degree, components, nNodes, nDofs: nNodes * components, nodesPerCell: 3, cellNodes, nodeToPoint, pointToNode };
}
