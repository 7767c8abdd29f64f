import type { CsrMatrix } from '../linalg/csr.js';
import { DIRICHLET, SLAVE, type DofConstraints } from './constraints.js';
import { cellDofs as fillCellDofs, type FunctionSpace } from './functionSpace.js';
import { sortRow } from '../linalg/sortRow.js';

/**
 * The CSR pattern of a constrained system plus the cell → slot map that makes assembly a pure scatter.
 * Built once per (space, constraint structure) and reused for every assembly.
 * - `A`: the matrix (values refilled by each assembly); every dof has a diagonal entry; rows and columns of
 *   constrained dofs hold only their diagonal; slave couplings are merged into their masters.
 * - `cellSlots` [nCells × nLoc × nLoc]: CSR slot receiving Ke[i][j] of the cell, or −1 where the entry is dropped
 *   (row i Dirichlet, or column j Dirichlet: that column goes to the right-hand side). Empty (length 0) when built
 *   with `cellSlots: false` (buildAssemblyPatternOnPool): assemblers then search the sorted rows instead.
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

/**
 * Builds the pattern for `space` under `constraints` (build all constraints first), once: a row → (cell, local row)
 * incidence list, unique columns per row by marker, then `cellSlots` by direct lookup (no searching), all in one sweep over the rows.
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
  // One pass over the rows: unique columns by marker (diagonal first), sorted, then the slots of every
  // (cell, local row) landing on the row by direct lookup while the row's data is still in cache. Columns go to a
  // growable buffer laid out exactly like colIdx (so slots are final) and copied to an exact-size array at the end.
  const mark = new Int32Array(nDofs).fill(-1);
  const pos = new Int32Array(nDofs);
  const rowPtr = i32(nDofs + 1);
  const diagSlot = new Int32Array(nDofs);
  const cellSlots = i32(nCells * nLoc * nLoc).fill(-1);
  let buf = new Int32Array(Math.max(16, 2 * nDofs + ((incPtr[nDofs]! * nLoc) >> 1)));
  let w = 0;
  for (let r = 0; r < nDofs; r++) {
    const e0 = incPtr[r]!, e1 = incPtr[r + 1]!;
    if (w + 1 + (e1 - e0) * nLoc > buf.length) {
      const grown = new Int32Array(Math.max(2 * buf.length, w + 1 + (e1 - e0) * nLoc));
      grown.set(buf.subarray(0, w));
      buf = grown;
    }
    const start = w;
    mark[r] = r;
    buf[w++] = r;
    for (let e = e0; e < e1; e++) {
      const k = inc[e]!;
      const base = k - (k % nLoc);
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0 && mark[col] !== r) { mark[col] = r; buf[w++] = col; }
      }
    }
    sortRow(buf, start, w);
    rowPtr[r + 1] = w;
    for (let s = start; s < w; s++) pos[buf[s]!] = s;
    diagSlot[r] = pos[r]!;
    for (let e = e0; e < e1; e++) {
      const k = inc[e]!;
      const i = k % nLoc;
      const base = k - i;
      const sbase = base * nLoc + i * nLoc;
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0) cellSlots[sbase + j] = pos[col]!;
      }
    }
  }
  const colIdx = i32(w);
  colIdx.set(buf.subarray(0, w));
  const values = sab ? new Float64Array(new SharedArrayBuffer(8 * w)) : new Float64Array(w);
  const A: CsrMatrix = { n: nDofs, rowPtr, colIdx, values };
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
