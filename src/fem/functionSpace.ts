import type { Mesh } from '../mesh/mesh.js';
import { buildDofMap, type DofMap } from './dofMap.js';
import { lagrangeElement, type ReferenceElement } from './referenceElement.js';

/** A Lagrange field (scalar or 2-vector) on a mesh: element + dof map. */
export interface FunctionSpace {
  readonly mesh: Mesh;
  readonly element: ReferenceElement;
  readonly dofMap: DofMap;
  readonly components: 1 | 2;
  readonly nDofs: number;
}

/** P`degree` space with `components` components (1: scalar, 2: vector). See {@link buildDofMap} for the mesh rules. */
export function createSpace(mesh: Mesh, degree: 1 | 2, components: 1 | 2 = 1): FunctionSpace {
  const dofMap = buildDofMap(mesh, degree, components);
  return { mesh, element: lagrangeElement(degree), dofMap, components, nDofs: dofMap.nDofs };
}

/**
 * Nodal interpolation: out[n·components + c] = f(x_n, y_n, c) at each field node's mesh point.
 * Returns `out` (allocated [nDofs] when not given).
 */
export function interpolate(
  space: FunctionSpace,
  f: (x: number, y: number, c: number) => number,
  out?: Float64Array,
): Float64Array {
  const { dofMap, components: nc, mesh } = space;
  const u = out ?? new Float64Array(space.nDofs);
  if (u.length !== space.nDofs) throw new Error(`interpolate: out has length ${u.length}, expected ${space.nDofs}`);
  const pts = mesh.points;
  for (let n = 0; n < dofMap.nNodes; n++) {
    const p = dofMap.nodeToPoint[n]!;
    const x = pts[2 * p]!;
    const y = pts[2 * p + 1]!;
    for (let c = 0; c < nc; c++) u[n * nc + c] = f(x, y, c);
  }
  return u;
}

/** Global dofs of `cell` into `out` [nBasis·components], local order a·components + c. */
export function cellDofs(space: FunctionSpace, cell: number, out: Int32Array): void {
  const { cellNodes, nodesPerCell: npc } = space.dofMap;
  const nc = space.components;
  for (let a = 0; a < npc; a++) {
    const n = cellNodes[cell * npc + a]!;
    for (let c = 0; c < nc; c++) out[a * nc + c] = n * nc + c;
  }
}
