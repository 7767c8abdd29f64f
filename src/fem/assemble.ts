import type { CsrMatrix } from '../linalg/csr.js';
import type { CellValues } from './cellValues.js';
import type { FacetValues } from './facetValues.js';
import { cellDofs, type FunctionSpace } from './functionSpace.js';
import { assertPatternCurrent, type AssemblyPattern } from './sparsity.js';
import { scatterCell, scatterCellByLookup, finishConstrainedRows } from './scatter.js';

/**
 * Cell kernel: fills the element matrix `Ke` [nLoc × nLoc] (row-major) and vector `fe` [nLoc], both zeroed, for
 * `cell`; `cv` has already been reinitialised on `cell`. Local dof of basis a, component c = a·components + c.
 */
export type CellKernel = (cv: CellValues, cell: number, Ke: Float64Array, fe: Float64Array) => void;
/** Cell vector kernel: fills `fe` [nLoc] (zeroed); `cv` already reinitialised on `cell`. */
export type VectorKernel = (cv: CellValues, cell: number, fe: Float64Array) => void;
/** Facet kernel: fills `fe` [nLoc] (zeroed) for (cell, localFacet); `fv` already reinitialised. */
export type FacetKernel = (fv: FacetValues, cell: number, localFacet: number, fe: Float64Array) => void;

/** Options: `cells` restricts the loop to these cells [k] (e.g. one region). */
export interface AssembleOptions {
  readonly cells?: Int32Array;
}

/**
 * Assembles the constrained system A·x = b into `pattern.A` (returned) and `b` [nDofs] (zeroed first).
 *
 * Constraints are applied exactly and symmetrically while scattering: a Dirichlet row is dropped and a Dirichlet
 * column j moves to the right-hand side (b_i −= Ke_ij·g_j); a slave's row and column are added to its master's and
 * its offset enters b like a Dirichlet value. Afterwards every constrained dof d gets A_dd = D and b_d = D·g_d
 * (Dirichlet) or 0 (slave), with D the mean |A_dd| over free rows so diagonal preconditioners stay well scaled.
 * A free dof that no assembled cell touches (all-zero row, e.g. outside `opts.cells`) is pinned to 0 the same way.
 * Solve, then call `expandSolution` to fill slave (and Dirichlet) entries.
 * No allocation per cell; the pattern must match the current constraint structure (checked).
 */
export function assembleSystem(
  pattern: AssemblyPattern, cv: CellValues, kernel: CellKernel, b: Float64Array, opts?: AssembleOptions,
): CsrMatrix {
  assertPatternCurrent(pattern);
  const { A, cellSlots, cellDofs: cDofs, cellRows, cellConstrained, diagSlot, nLoc } = pattern;
  const { kind, value } = pattern.constraints;
  const vals = A.values;
  const nDofs = A.n;
  if (b.length !== nDofs) throw new Error(`assembleSystem: b has length ${b.length}, expected ${nDofs}`);
  vals.fill(0);
  b.fill(0);
  const nLoc2 = nLoc * nLoc;
  // A pattern built without the slot map (cellSlots empty) is scattered by searching rows.
  const bySlots = cellSlots.length > 0 || pattern.space.mesh.nCells === 0;
  const Ke = new Float64Array(nLoc2);
  const fe = new Float64Array(nLoc);
  const list = opts?.cells;
  const nIter = list ? list.length : pattern.space.mesh.nCells;
  for (let it = 0; it < nIter; it++) {
    const c = list ? list[it]! : it;
    cv.reinit(c);
    for (let k = 0; k < nLoc2; k++) Ke[k] = 0;
    for (let k = 0; k < nLoc; k++) fe[k] = 0;
    kernel(cv, c, Ke, fe);
    if (bySlots) scatterCell(c, nLoc, Ke, fe, cellSlots, cellRows, cDofs, cellConstrained[c] !== 0, kind, value, vals, b);
    else scatterCellByLookup(c, nLoc, Ke, fe, A.rowPtr, A.colIdx, cellRows, cDofs, cellConstrained[c] !== 0, kind, value, vals, b);
  }
  finishConstrainedRows(A.rowPtr, vals, diagSlot, kind, value, b);
  return A;
}

/**
 * Adds cell vectors into `b` [nDofs] (not zeroed): Dirichlet rows dropped, slave rows moved to their masters, so it
 * composes with {@link assembleSystem}'s right-hand side.
 */
export function assembleVector(
  pattern: AssemblyPattern, cv: CellValues, kernel: VectorKernel, b: Float64Array, opts?: AssembleOptions,
): void {
  assertPatternCurrent(pattern);
  const { cellRows, nLoc } = pattern;
  const fe = new Float64Array(nLoc);
  const list = opts?.cells;
  const nIter = list ? list.length : pattern.space.mesh.nCells;
  for (let it = 0; it < nIter; it++) {
    const c = list ? list[it]! : it;
    cv.reinit(c);
    fe.fill(0);
    kernel(cv, c, fe);
    const base = c * nLoc;
    for (let i = 0; i < nLoc; i++) {
      const r = cellRows[base + i]!;
      if (r >= 0) b[r]! += fe[i]!;
    }
  }
}

/**
 * Adds facet vectors over the named boundary into `b` [nDofs] (Neumann / Robin right-hand sides), constraint-aware
 * like {@link assembleVector}. Throws on an unknown boundary name.
 */
export function assembleFacetVector(
  pattern: AssemblyPattern, fv: FacetValues, boundary: string, kernel: FacetKernel, b: Float64Array,
): void {
  assertPatternCurrent(pattern);
  const mesh = pattern.space.mesh;
  const fs = mesh.boundaries.get(boundary);
  if (!fs) throw new Error(`unknown boundary '${boundary}' (mesh has: ${[...mesh.boundaries.keys()].join(', ')})`);
  const { cellRows, nLoc } = pattern;
  const fe = new Float64Array(nLoc);
  for (let f = 0; f < fs.cells.length; f++) {
    const c = fs.cells[f]!;
    const k = fs.localFacets[f]!;
    fv.reinit(c, k);
    fe.fill(0);
    kernel(fv, c, k, fe);
    const base = c * nLoc;
    for (let i = 0; i < nLoc; i++) {
      const r = cellRows[base + i]!;
      if (r >= 0) b[r]! += fe[i]!;
    }
  }
}

/**
 * Unconstrained residual r = K·x − f [nDofs] (r zeroed first), summed over `cells` (default all) with the same
 * kernel as the system. At Dirichlet dofs r is the consistent reaction (e.g. the boundary flux); at free dofs it is
 * ≈ 0 for a converged solution.
 */
export function cellResidual(
  space: FunctionSpace, cv: CellValues, kernel: CellKernel, x: Float64Array, r: Float64Array, cells?: Int32Array,
): void {
  const nLoc = space.element.nBasis * space.components;
  const Ke = new Float64Array(nLoc * nLoc);
  const fe = new Float64Array(nLoc);
  const dofs = new Int32Array(nLoc);
  r.fill(0);
  const nIter = cells ? cells.length : space.mesh.nCells;
  for (let it = 0; it < nIter; it++) {
    const c = cells ? cells[it]! : it;
    cv.reinit(c);
    Ke.fill(0);
    fe.fill(0);
    kernel(cv, c, Ke, fe);
    cellDofs(space, c, dofs);
    for (let i = 0; i < nLoc; i++) {
      let s = -fe[i]!;
      for (let j = 0; j < nLoc; j++) s += Ke[i * nLoc + j]! * x[dofs[j]!]!;
      r[dofs[i]!]! += s;
    }
  }
}
