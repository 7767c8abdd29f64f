import type { FunctionSpace } from './functionSpace.js';

/**
 * Affine dof constraints applied during assembly (Ferrite's ConstraintHandler, resolved eagerly).
 * - `kind` [nDofs]: 0 free, 1 Dirichlet (u_d = value[d]), 2 slave (u_s = u_{master[s]} + value[s]).
 * - `master` [nDofs]: the master of a slave (always a free dof), else −1.
 * - `value` [nDofs]: Dirichlet value or slave offset (units of the field).
 *
 * Periodic pairs form equivalence classes with offsets; each class has one free master. A class that contains a
 * Dirichlet dof is entirely Dirichlet (values carried through the offsets), so every master stays free.
 * Build all constraints before {@link buildAssemblyPattern}; afterwards change only values
 * ({@link updateDirichletValues}, {@link addDirichletDofs} on dofs already Dirichlet).
 */
export interface DofConstraints {
  readonly nDofs: number;
  readonly kind: Uint8Array;
  readonly master: Int32Array;
  readonly value: Float64Array;
}

export const FREE = 0;
export const DIRICHLET = 1;
export const SLAVE = 2;

/** What the user asked for; `kind/master/value` are re-derived from it after every change. */
interface ConstraintInput {
  readonly isDirichlet: Uint8Array; // explicitly prescribed
  readonly dirichlet: Float64Array;
  readonly link: Int32Array; // union-find parent (−1 = root) of periodic classes
  readonly linkOffset: Float64Array; // u_d = u_link[d] + linkOffset[d]
  /** Some periodic/equality link exists. Without links a Dirichlet change touches only its own dofs (no O(nDofs) resolve). */
  hasLinks: boolean;
}

const inputs = new WeakMap<DofConstraints, ConstraintInput>();

/** Constraints for `nDofs` dofs, all free. */
export function createConstraints(nDofs: number): DofConstraints {
  const cons: DofConstraints = {
    nDofs, kind: new Uint8Array(nDofs), master: new Int32Array(nDofs).fill(-1), value: new Float64Array(nDofs),
  };
  inputs.set(cons, {
    isDirichlet: new Uint8Array(nDofs), dirichlet: new Float64Array(nDofs),
    link: new Int32Array(nDofs).fill(-1), linkOffset: new Float64Array(nDofs), hasLinks: false,
  });
  return cons;
}

/** The input record, rebuilt from the resolved arrays for objects not made by createConstraints. */
function inputOf(cons: DofConstraints): ConstraintInput {
  let inp = inputs.get(cons);
  if (!inp) {
    const n = cons.nDofs;
    inp = { isDirichlet: new Uint8Array(n), dirichlet: new Float64Array(n), link: new Int32Array(n).fill(-1), linkOffset: new Float64Array(n), hasLinks: false };
    for (let d = 0; d < n; d++) {
      if (cons.kind[d] === DIRICHLET) { inp.isDirichlet[d] = 1; inp.dirichlet[d] = cons.value[d]!; }
      else if (cons.kind[d] === SLAVE) { inp.link[d] = cons.master[d]!; inp.linkOffset[d] = cons.value[d]!; inp.hasLinks = true; }
    }
    inputs.set(cons, inp);
  }
  return inp;
}

/** Root of d's periodic class and the offset o with u_d = u_root + o. */
function findRoot(inp: ConstraintInput, d: number): { root: number; offset: number } {
  let r = d;
  let o = 0;
  for (let steps = 0; inp.link[r]! >= 0; steps++) {
    if (steps > inp.link.length) throw new Error('periodic constraints form a cycle');
    o += inp.linkOffset[r]!;
    r = inp.link[r]!;
  }
  return { root: r, offset: o };
}

/**
 * Records u_d = g for a Dirichlet dof. Without links the resolved arrays are updated in place (O(1) per dof);
 * with links the caller must {@link resolve} afterwards (the value may propagate through a periodic class).
 */
function setDirichletDof(cons: DofConstraints, inp: ConstraintInput, d: number, g: number): void {
  inp.isDirichlet[d] = 1;
  inp.dirichlet[d] = g;
  if (!inp.hasLinks) { cons.kind[d] = DIRICHLET; cons.master[d] = -1; cons.value[d] = g; }
}

/** Re-derives kind/master/value from the input record (O(nDofs)). */
function resolve(cons: DofConstraints, inp: ConstraintInput): void {
  const n = cons.nDofs;
  const root = new Int32Array(n);
  const off = new Float64Array(n);
  const rootHasValue = new Uint8Array(n);
  const rootValue = new Float64Array(n); // u_root implied by a Dirichlet member
  for (let d = 0; d < n; d++) {
    let r = d;
    let o = 0;
    for (let steps = 0; inp.link[r]! >= 0; steps++) {
      if (steps > n) throw new Error('periodic constraints form a cycle');
      o += inp.linkOffset[r]!;
      r = inp.link[r]!;
    }
    root[d] = r;
    off[d] = o;
    if (inp.isDirichlet[d] && !rootHasValue[r]) {
      rootHasValue[r] = 1;
      rootValue[r] = inp.dirichlet[d]! - o;
    }
  }
  for (let d = 0; d < n; d++) {
    const r = root[d]!;
    if (inp.isDirichlet[d]) { cons.kind[d] = DIRICHLET; cons.master[d] = -1; cons.value[d] = inp.dirichlet[d]!; }
    else if (rootHasValue[r]) { cons.kind[d] = DIRICHLET; cons.master[d] = -1; cons.value[d] = rootValue[r]! + off[d]!; }
    else if (r !== d) { cons.kind[d] = SLAVE; cons.master[d] = r; cons.value[d] = off[d]!; }
    else { cons.kind[d] = FREE; cons.master[d] = -1; cons.value[d] = 0; }
  }
}

/** Field nodes on the named boundary (facet vertices, plus midsides for P2), sorted unique [k]. */
export function boundaryNodes(space: FunctionSpace, boundary: string): Int32Array {
  const mesh = space.mesh;
  const fs = mesh.boundaries.get(boundary);
  if (!fs) throw new Error(`unknown boundary '${boundary}' (mesh has: ${[...mesh.boundaries.keys()].join(', ')})`);
  const { cellNodes, nodesPerCell: npc, degree } = space.dofMap;
  // Gather, sort, deduplicate: O(k log k) in the boundary size, independent of the mesh size.
  const per = degree === 2 ? 3 : 2;
  const all = new Int32Array(per * fs.cells.length);
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!;
    const k = fs.localFacets[f]!;
    all[per * f] = cellNodes[c * npc + k]!;
    all[per * f + 1] = cellNodes[c * npc + ((k + 1) % 3)]!;
    if (degree === 2) all[per * f + 2] = cellNodes[c * npc + 3 + k]!;
  }
  all.sort();
  let count = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[count++] = all[i]!;
  return all.slice(0, count);
}

function componentsOf(space: FunctionSpace, component: number | undefined): number[] {
  if (component === undefined) return space.components === 1 ? [0] : [0, 1];
  if (!Number.isInteger(component) || component < 0 || component >= space.components) {
    throw new Error(`component ${component} out of range for a ${space.components}-component space`);
  }
  return [component];
}

function setDirichletOnBoundary(
  cons: DofConstraints, space: FunctionSpace, boundary: string,
  value: number | ((x: number, y: number) => number), component: number | undefined, onlyExisting: boolean,
): void {
  const inp = inputOf(cons);
  const nodes = boundaryNodes(space, boundary);
  const comps = componentsOf(space, component);
  const nc = space.components;
  const pts = space.mesh.points;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const p = space.dofMap.nodeToPoint[n]!;
    const g = typeof value === 'number' ? value : value(pts[2 * p]!, pts[2 * p + 1]!);
    for (const c of comps) {
      const d = n * nc + c;
      if (onlyExisting && !inp.isDirichlet[d]) {
        throw new Error(`updateDirichletValues: dof ${d} on '${boundary}' is not Dirichlet; use addDirichlet (then rebuild the pattern)`);
      }
      setDirichletDof(cons, inp, d, g);
    }
  }
  if (inp.hasLinks) resolve(cons, inp);
}

/**
 * Prescribes u = value on the named boundary for one component (or all when `component` is omitted). A
 * function value is evaluated at each field node's coordinates (x, y) or (r, z).
 */
export function addDirichlet(
  cons: DofConstraints, space: FunctionSpace, boundary: string,
  value: number | ((x: number, y: number) => number), component?: number,
): void {
  setDirichletOnBoundary(cons, space, boundary, value, component, false);
}

/** Changes the values of dofs that are already Dirichlet on `boundary` (throws otherwise): the pattern stays valid. */
export function updateDirichletValues(
  cons: DofConstraints, space: FunctionSpace, boundary: string,
  value: number | ((x: number, y: number) => number), component?: number,
): void {
  setDirichletOnBoundary(cons, space, boundary, value, component, true);
}

/** Prescribes dofs directly: `values` [dofs.length] or one number for all. */
export function addDirichletDofs(cons: DofConstraints, dofs: Int32Array, values: Float64Array | number): void {
  const inp = inputOf(cons);
  for (let i = 0; i < dofs.length; i++) {
    const d = dofs[i]!;
    if (d < 0 || d >= cons.nDofs) throw new Error(`addDirichletDofs: dof ${d} out of range [0, ${cons.nDofs})`);
    setDirichletDof(cons, inp, d, typeof values === 'number' ? values : values[i]!);
  }
  if (inp.hasLinks) resolve(cons, inp);
}

/**
 * Ties each field node on `slaveBoundary` to the node of `masterBoundary` at x_s − translation:
 * u_s = u_m + offset[c] per component c (offset defaults to 0). Matching tolerance is 1e-6 of the shortest
 * master facet; throws if a slave node has no partner. Corners of doubly periodic domains and chains are
 * merged into one class with one free master.
 */
export function addPeriodic(
  cons: DofConstraints, space: FunctionSpace, slaveBoundary: string, masterBoundary: string,
  translation: [number, number], offset?: number[],
): void {
  const inp = inputOf(cons);
  const slaves = boundaryNodes(space, slaveBoundary);
  const masters = boundaryNodes(space, masterBoundary);
  const pts = space.mesh.points;
  const n2p = space.dofMap.nodeToPoint;
  const nc = space.components;
  const px = (n: number): number => pts[2 * n2p[n]!]!;
  const py = (n: number): number => pts[2 * n2p[n]! + 1]!;
  // Tolerance from the shortest master facet (vertex to vertex).
  const fs = space.mesh.boundaries.get(masterBoundary)!;
  let hmin = Infinity;
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!;
    const k = fs.localFacets[f]!;
    const npc = space.mesh.nodesPerCell;
    const a = space.mesh.cells[c * npc + k]!;
    const b = space.mesh.cells[c * npc + ((k + 1) % 3)]!;
    hmin = Math.min(hmin, Math.hypot(pts[2 * a]! - pts[2 * b]!, pts[2 * a + 1]! - pts[2 * b + 1]!));
  }
  const tol = 1e-6 * hmin;
  // Sort masters along their longer extent, then search a window around each target.
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const m of masters) { xmin = Math.min(xmin, px(m)); xmax = Math.max(xmax, px(m)); ymin = Math.min(ymin, py(m)); ymax = Math.max(ymax, py(m)); }
  const key = xmax - xmin >= ymax - ymin ? px : py;
  const sorted = Array.from(masters).sort((a, b) => key(a) - key(b));
  const keys = sorted.map(key);
  for (const s of slaves) {
    const tx = px(s) - translation[0];
    const ty = py(s) - translation[1];
    const kt = key === px ? tx : ty;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid]! < kt - tol) lo = mid + 1; else hi = mid; }
    let match = -1;
    for (let i = lo; i < keys.length && keys[i]! <= kt + tol; i++) {
      const m = sorted[i]!;
      if (Math.abs(px(m) - tx) <= tol && Math.abs(py(m) - ty) <= tol) { match = m; break; }
    }
    if (match < 0) throw new Error(`addPeriodic: no node on '${masterBoundary}' at (${tx}, ${ty}) for the node of '${slaveBoundary}' at (${px(s)}, ${py(s)})`);
    if (match === s) continue;
    for (let c = 0; c < nc; c++) link(inp, s * nc + c, match * nc + c, offset?.[c] ?? 0);
  }
  resolve(cons, inp);
}

/**
 * Ties the dofs together: u_d = u_{dofs[0]} for every d (one unknown for the whole set), e.g. an
 * equipotential electrode. Merged with periodic classes; if any member is Dirichlet the set is Dirichlet.
 * Returns the dof that carries the set's value after resolution (the class master, or dofs[0]).
 */
export function addEquality(cons: DofConstraints, dofs: Int32Array): number {
  const inp = inputOf(cons);
  for (let k = 1; k < dofs.length; k++) link(inp, dofs[k]!, dofs[0]!, 0);
  resolve(cons, inp);
  const d0 = dofs[0]!;
  return cons.kind[d0] === SLAVE ? cons.master[d0]! : d0;
}

/** Union of the classes of s and m with u_s = u_m + off (throws on a contradiction within one class). */
function link(inp: ConstraintInput, s: number, m: number, off: number): void {
  const rs = findRoot(inp, s);
  const rm = findRoot(inp, m);
  // u_rs + os = u_rm + om + off.
  const rel = rm.offset + off - rs.offset;
  if (rs.root === rm.root) {
    if (Math.abs(rel) > 1e-12 * (1 + Math.abs(off))) throw new Error(`periodic offsets contradict each other at dof ${s} (mismatch ${rel})`);
    return;
  }
  inp.link[rs.root] = rm.root;
  inp.linkOffset[rs.root] = rel;
  inp.hasLinks = true;
}

/** Fills constrained entries of a solution `x` [nDofs]: Dirichlet values, then u_s = u_m + offset. */
export function expandSolution(cons: DofConstraints, x: Float64Array): void {
  const { kind, master, value, nDofs } = cons;
  for (let d = 0; d < nDofs; d++) {
    const k = kind[d]!;
    if (k === DIRICHLET) x[d] = value[d]!;
    else if (k === SLAVE) x[d] = x[master[d]!]! + value[d]!;
  }
}
