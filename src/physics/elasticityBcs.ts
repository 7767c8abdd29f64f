/**
 * Boundary conditions of the elasticity problem: their types and how the displacement-type ones become dof
 * constraints (Dirichlet, rollers, axis, periodic with a mean strain, automatic rigid-body pinning).
 * Loads (traction, pressure) are assembled in elasticity.ts.
 */
import type { FunctionSpace } from '../fem/functionSpace.js';
import {
  addDirichlet, addDirichletDofs, addPeriodic, boundaryNodes, FREE, type DofConstraints,
} from '../fem/constraints.js';
import type { ElasticFormulation } from '../materials/elastic.js';
import { periodicTranslation } from './boundaryFlux.js';

/**
 * Boundary conditions, SI units (m, Pa). Components are (x, y) in plane models and (r, z) in axisymmetric ones.
 * - fixed: u = 0.
 * - displacement: u_c = value (m) for `component` (both when omitted); a function is evaluated at each node.
 * - roller: zero normal displacement on a straight boundary parallel to an axis (x = const → u_x = 0,
 *   y = const → u_y = 0); throws for a curved or oblique boundary.
 * - symmetryAxis: u_r = 0 on `boundary` (default 'axis'); axisymmetric models.
 * - traction: t = value [tx, ty] (Pa) on the boundary.
 * - pressure: t = −p n (p > 0 pushes inward), Pa.
 * - periodic: u_s = u_m + Ē·(x_s − x_m) with Ē = [[exx, exy], [exy, eyy]] from `meanStrain` (default 0);
 *   `boundary` is the slave side, `master` the master side; the translation is measured from the meshes.
 */
export type ElasticityBc =
  | { type: 'fixed'; boundary: string }
  | { type: 'displacement'; boundary: string; component?: 0 | 1; value: number | ((x: number, y: number) => number) }
  | { type: 'roller'; boundary: string }
  | { type: 'symmetryAxis'; boundary?: string }
  | { type: 'traction'; boundary: string; value: readonly [number, number] }
  | { type: 'pressure'; boundary: string; value: number }
  | { type: 'periodic'; boundary: string; master: string; meanStrain?: readonly [number, number, number] };

/** Which displacement component a roller on `boundary` constrains: 0 for x = const, 1 for y = const. */
export function rollerComponent(space: FunctionSpace, boundary: string): 0 | 1 {
  const nodes = boundaryNodes(space, boundary);
  const pts = space.mesh.points;
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < nodes.length; i++) {
    const p = space.dofMap.nodeToPoint[nodes[i]!]!;
    const x = pts[2 * p]!, y = pts[2 * p + 1]!;
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  const extent = Math.max(xmax - xmin, ymax - ymin);
  // All nodes (P2 midsides included) on one line x = const or y = const, to round-off of the coordinates.
  const tol = 1e-9 * Math.max(extent, Math.abs(xmax), Math.abs(ymax), 1e-300);
  if (xmax - xmin <= tol) return 0;
  if (ymax - ymin <= tol) return 1;
  throw new Error(
    `roller on '${boundary}': the boundary is not a straight line x = const or y = const ` +
    `(extent ${(xmax - xmin).toExponential(3)} × ${(ymax - ymin).toExponential(3)} m); rollers on curved or oblique ` +
    'boundaries are not supported (use a displacement BC in a rotated frame or a symmetry sector with axis-aligned cuts)',
  );
}

/** Adds the displacement-type BCs (everything but traction/pressure) to `cons`. Validates boundary names. */
export function addDisplacementConstraints(
  cons: DofConstraints, space: FunctionSpace, formulation: ElasticFormulation, bcs: readonly ElasticityBc[],
): void {
  for (const bc of bcs) {
    switch (bc.type) {
      case 'fixed': addDirichlet(cons, space, bc.boundary, 0); break;
      case 'displacement': addDirichlet(cons, space, bc.boundary, bc.value, bc.component); break;
      case 'roller': addDirichlet(cons, space, bc.boundary, 0, rollerComponent(space, bc.boundary)); break;
      case 'symmetryAxis':
        if (formulation !== 'axisymmetric') throw new Error(`symmetryAxis BC needs the axisymmetric formulation (got ${formulation})`);
        addDirichlet(cons, space, bc.boundary ?? 'axis', 0, 0);
        break;
      case 'periodic': {
        const t = periodicTranslation(space, bc.boundary, bc.master);
        const [exx, eyy, exy] = bc.meanStrain ?? [0, 0, 0];
        addPeriodic(cons, space, bc.boundary, bc.master, t, [exx * t[0] + exy * t[1], exy * t[0] + eyy * t[1]]);
        break;
      }
      case 'traction':
      case 'pressure':
        boundaryNodes(space, bc.boundary); // validates the name
        break;
      default: throw new Error(`unknown elasticity BC type '${String((bc as { type: unknown }).type)}'`);
    }
  }
}

/**
 * Pins the rigid-body modes left free by the BCs, without over-constraining (so the solution is exact when the
 * load is self-equilibrated, as every pure eigenstrain load is; otherwise the pins carry the net load):
 * - plane, no periodic BC: node A (the free node nearest the centroid) fixed in both components, node B (the free
 *   node farthest from A) fixed in the component normal to the dominant direction of AB (blocks the rotation);
 * - plane with periodic BCs (rotation already blocked): node A in both components;
 * - axisymmetric: u_z of node A (the only rigid mode with the axis condition).
 * Call only for bodies with no displacement-type BCs other than periodic pairs and the symmetry axis. Returns the
 * pinned dofs.
 */
export function pinRigidBodyModes(
  cons: DofConstraints, space: FunctionSpace, formulation: ElasticFormulation, hasPeriodic: boolean,
): Int32Array {
  const { nNodes, nodeToPoint } = space.dofMap;
  const pts = space.mesh.points;
  const free = (n: number, c: number): boolean => cons.kind[2 * n + c] === FREE;
  let cx = 0, cy = 0;
  for (let n = 0; n < nNodes; n++) { cx += pts[2 * nodeToPoint[n]!]!; cy += pts[2 * nodeToPoint[n]! + 1]!; }
  cx /= nNodes;
  cy /= nNodes;
  const axi = formulation === 'axisymmetric';
  let A = -1;
  let best = Infinity;
  for (let n = 0; n < nNodes; n++) {
    if (!free(n, 1) || (!axi && !free(n, 0))) continue;
    const d = Math.hypot(pts[2 * nodeToPoint[n]!]! - cx, pts[2 * nodeToPoint[n]! + 1]! - cy);
    if (d < best) { best = d; A = n; }
  }
  if (A < 0) throw new Error('removeRigidBodyModes: no free node to pin');
  if (axi) {
    const dofs = Int32Array.of(2 * A + 1);
    addDirichletDofs(cons, dofs, 0);
    return dofs;
  }
  if (hasPeriodic) {
    const dofs = Int32Array.of(2 * A, 2 * A + 1);
    addDirichletDofs(cons, dofs, 0);
    return dofs;
  }
  const xa = pts[2 * nodeToPoint[A]!]!, ya = pts[2 * nodeToPoint[A]! + 1]!;
  let B = -1;
  let far = -1;
  for (let n = 0; n < nNodes; n++) {
    if (n === A || !free(n, 0) || !free(n, 1)) continue;
    const d = Math.hypot(pts[2 * nodeToPoint[n]!]! - xa, pts[2 * nodeToPoint[n]! + 1]! - ya);
    if (d > far) { far = d; B = n; }
  }
  if (B < 0) throw new Error('removeRigidBodyModes: need at least two free nodes');
  const dx = pts[2 * nodeToPoint[B]!]! - xa;
  const dy = pts[2 * nodeToPoint[B]! + 1]! - ya;
  // A rotation ω moves B by ω(−dy, dx): pin the component with the larger lever arm.
  const dofs = Int32Array.of(2 * A, 2 * A + 1, Math.abs(dx) >= Math.abs(dy) ? 2 * B + 1 : 2 * B);
  addDirichletDofs(cons, dofs, 0);
  return dofs;
}
