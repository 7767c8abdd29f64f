import type { CsrMatrix } from '../linalg/csr.js';
import { DIRICHLET, SLAVE, type DofConstraints } from './constraints.js';
import { cellDofs as fillCellDofs, type FunctionSpace } from './functionSpace.js';

/**
 * The CSR pattern of a constrained system plus the cell → slot map that makes assembly a pure scatter.
 * Built once per (space, constraint structure) and reused for every assembly.
 * - `A`: the matrix (values refilled by each assembly); every dof has a diagonal entry; rows and columns of
 *   constrained dofs hold only their diagonal; slave couplings are merged into their masters.
 * - `cellSlots` [nCells × nLoc × nLoc]: CSR slot receiving Ke[i][j] of the cell, or −1 where the entry is dropped
 *   (row i Dirichlet, or column j Dirichlet: that column goes to the right-hand side).
 * - `cellDofs` [nCells × nLoc]: global dofs of each cell (local order a·components + c).
 * - `cellRows` [nCells × nLoc]: the row receiving local row i: the dof itself, its master (slave), or −1 (Dirichlet).
 * - `cellConstrained` [nCells]: 1 when the cell touches a constrained dof (slow path in assembly), else 0.
 * - `diagSlot` [nDofs]: slot of each diagonal entry.
 * `nLoc` = nBasis·components.
 */
export interface AssemblyPattern {
  readonly A: CsrMatrix;
  readonly cellSlots: Int32Array;
  readonly space: FunctionSpace;
  readonly constraints: DofConstraints;
  readonly nLoc: number;
  readonly cellDofs: Int32Array;
  readonly cellRows: Int32Array;
  readonly cellConstrained: Uint8Array;
  readonly diagSlot: Int32Array;
  /** Constraint structure the pattern was built for (kind [nDofs], master [nDofs]): checked before each assembly. */
  readonly builtKind: Uint8Array;
  readonly builtMaster: Int32Array;
}

/** Options of {@link buildAssemblyPattern}. */
export interface PatternOptions {
  /**
   * Allocate A (rowPtr, colIdx, values), cellSlots, cellDofs, cellRows and cellConstrained on SharedArrayBuffers
   * (for the parallel assembler and the pool solvers). Default false.
   */
  readonly sharedMemory?: boolean;
}

/** Sorts `a[lo, hi)` ascending in place (rows are short: insertion sort, typed-array sort for long rows). */
function sortRow(a: Int32Array, lo: number, hi: number): void {
  if (hi - lo > 32) {
    a.subarray(lo, hi).sort();
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = v;
  }
}

/**
 * Builds the pattern for `space` under `constraints` (build all constraints first), once: a row → (cell, local row)
 * incidence list, unique columns per row by marker, then `cellSlots` by direct lookup (no searching).
 * Cost O(nCells·nLoc²) time, O(nCells·nLoc² + nnz) memory.
 */
export function buildAssemblyPattern(space: FunctionSpace, constraints: DofConstraints, opts?: PatternOptions): AssemblyPattern {
  // Shared allocation lets a worker pool (parallelAssembly.ts) read the pattern and fill A in place, without copies.
  const sab = opts?.sharedMemory === true;
  const i32 = (n: number): Int32Array => (sab ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n));
  const nDofs = space.nDofs;
  if (constraints.nDofs !== nDofs) throw new Error(`buildAssemblyPattern: constraints have ${constraints.nDofs} dofs, space has ${nDofs}`);
  const nCells = space.mesh.nCells;
  const nLoc = space.element.nBasis * space.components;
  const { kind, master } = constraints;

  const cellDofs = i32(nCells * nLoc);
  const cellRows = i32(nCells * nLoc);
  const cellConstrained = sab ? new Uint8Array(new SharedArrayBuffer(nCells)) : new Uint8Array(nCells);
  const tmp = new Int32Array(nLoc);
  for (let c = 0; c < nCells; c++) {
    fillCellDofs(space, c, tmp);
    for (let i = 0; i < nLoc; i++) {
      const d = tmp[i]!;
      const k = kind[d]!;
      cellDofs[c * nLoc + i] = d;
      cellRows[c * nLoc + i] = k === DIRICHLET ? -1 : k === SLAVE ? master[d]! : d;
      if (k !== 0) cellConstrained[c] = 1;
    }
  }

  // Incidence: for each row r, the (cell·nLoc + i) entries whose local row i lands on r.
  const incPtr = new Int32Array(nDofs + 1);
  for (let k = 0; k < nCells * nLoc; k++) {
    const r = cellRows[k]!;
    if (r >= 0) incPtr[r + 1]!++;
  }
  for (let d = 0; d < nDofs; d++) incPtr[d + 1]! += incPtr[d]!;
  const inc = new Int32Array(incPtr[nDofs]!);
  const fill = incPtr.slice(0, nDofs);
  for (let k = 0; k < nCells * nLoc; k++) {
    const r = cellRows[k]!;
    if (r >= 0) inc[fill[r]!++] = k;
  }
  // Pass 1: unique columns per row (diagonal always included), via a marker stamped with the row index.
  const mark = new Int32Array(nDofs).fill(-1);
  const rowPtr = i32(nDofs + 1);
  for (let r = 0; r < nDofs; r++) {
    mark[r] = r;
    let count = 1;
    for (let e = incPtr[r]!; e < incPtr[r + 1]!; e++) {
      const base = inc[e]! - (inc[e]! % nLoc);
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0 && mark[col] !== r) { mark[col] = r; count++; }
      }
    }
    rowPtr[r + 1] = rowPtr[r]! + count;
  }
  // Pass 2: fill and sort each row.
  const colIdx = i32(rowPtr[nDofs]!);
  mark.fill(-1);
  for (let r = 0; r < nDofs; r++) {
    let w = rowPtr[r]!;
    mark[r] = r;
    colIdx[w++] = r;
    for (let e = incPtr[r]!; e < incPtr[r + 1]!; e++) {
      const base = inc[e]! - (inc[e]! % nLoc);
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0 && mark[col] !== r) { mark[col] = r; colIdx[w++] = col; }
      }
    }
    sortRow(colIdx, rowPtr[r]!, w);
  }
  const values = sab ? new Float64Array(new SharedArrayBuffer(8 * colIdx.length)) : new Float64Array(colIdx.length);
  const A: CsrMatrix = { n: nDofs, rowPtr, colIdx, values };

  // Pass 3: slots. pos[col] = slot within the current row, so every (cell, i, j) is a direct lookup.
  const diagSlot = new Int32Array(nDofs);
  const cellSlots = i32(nCells * nLoc * nLoc).fill(-1);
  const pos = mark; // reused: values are overwritten row by row before being read
  for (let r = 0; r < nDofs; r++) {
    for (let s = rowPtr[r]!; s < rowPtr[r + 1]!; s++) pos[colIdx[s]!] = s;
    diagSlot[r] = pos[r]!;
    for (let e = incPtr[r]!; e < incPtr[r + 1]!; e++) {
      const k = inc[e]!;
      const i = k % nLoc;
      const base = k - i;
      const sbase = (base / nLoc) * nLoc * nLoc + i * nLoc;
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0) cellSlots[sbase + j] = pos[col]!;
      }
    }
  }
  return {
    A, cellSlots, space, constraints, nLoc, cellDofs, cellRows, cellConstrained, diagSlot,
    builtKind: kind.slice(), builtMaster: master.slice(),
  };
}

/** Throws if the constraint structure changed since the pattern was built (values may change freely). */
export function assertPatternCurrent(pattern: AssemblyPattern): void {
  const { kind, master } = pattern.constraints;
  const bk = pattern.builtKind;
  const bm = pattern.builtMaster;
  for (let d = 0; d < bk.length; d++) {
    if (kind[d] !== bk[d] || master[d] !== bm[d]) {
      throw new Error(`assembly pattern is stale: the constraint on dof ${d} changed after buildAssemblyPattern; rebuild the pattern`);
    }
  }
}
