/*
 * Worker-side kernels of the parallel sparsity-pattern build (src/fem/parallelSparsity.ts). Cell loops run over
 * fixed chunks; row loops give each participant one contiguous row range and have it scan the whole cell → row
 * list for the rows it owns. The pattern is a pure function of the mesh and the constraints (columns sorted per
 * row, slots by lookup), so it is identical for every thread count and equal to buildAssemblyPattern's.
 */
import type { KernelContext } from '../parallel/kernelTypes.js';
import { chunkCount } from '../parallel/kernelTypes.js';
import { sortRow } from '../linalg/sortRow.js';

/** Constraint kinds as in constraints.ts (repeated as literals so workers need not import it). */
const DIRICHLET = 1;
const SLAVE = 2;

/** Argument slots of the 'patternCount' and 'patternFill' kernels (array ids unless noted). */
export const PATTERN_ARG = {
  cellNodes: 0, kind: 1, master: 2,
  cellDofs: 3, cellRows: 4, cellConstrained: 5, cellSlots: 6,
  incPtr: 7, inc: 8, rowPtr: 9, colIdx: 10, diagSlot: 11,
  /** Scalars: nodes per cell, components, cells, dofs. */
  npc: 12, nc: 13, nCells: 14, nDofs: 15,
  /** Scalar: 1 = write cellSlots, 0 = build without the slot map (cellSlots id −1). */
  withSlots: 16,
  count: 17,
} as const;

/** Cells per chunk of the cell loop. */
const CELL_CHUNK = 4096;

/** Rows [r0, r1) owned by this participant (contiguous, balanced by count). */
function ownRows(ctx: KernelContext, nDofs: number): [number, number] {
  return [Math.floor((ctx.thread * nDofs) / ctx.nThreads), Math.floor(((ctx.thread + 1) * nDofs) / ctx.nThreads)];
}

/** Exclusive-to-inclusive prefix sum a[i+1] += a[i] over [0, n] (thread 0 only, between barriers). */
function prefixSum(a: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) a[i + 1]! += a[i]!;
}

/**
 * Phase 1: cellDofs, cellRows, cellConstrained, and cellSlots = −1 for Dirichlet rows, per cell chunk. Phase 2: incidence counts per
 * owned row. Phase 3 (thread 0): incPtr prefix sum. Phase 4: incidence lists of owned rows (ascending cell·nLoc+i)
 * and the number of distinct columns of each owned row into rowPtr[r+1]. Phase 5 (thread 0): rowPtr prefix sum.
 */
export function patternCountKernel(ctx: KernelContext, a: Float64Array): void {
  const A = PATTERN_ARG;
  const cellNodes = ctx.i32(a[A.cellNodes]!), kind = ctx.array(a[A.kind]!) as Uint8Array, master = ctx.i32(a[A.master]!);
  // cellDofs id −1: the caller shares cellNodes as cellDofs (scalar fields), nothing to write.
  const cellDofs = a[A.cellDofs]! >= 0 ? ctx.i32(a[A.cellDofs]!) : null, cellRows = ctx.i32(a[A.cellRows]!);
  const cellConstrained = ctx.array(a[A.cellConstrained]!) as Uint8Array;
  const withSlots = a[A.withSlots]! === 1, cellSlots = withSlots ? ctx.i32(a[A.cellSlots]!) : null;
  const incPtr = ctx.i32(a[A.incPtr]!), inc = ctx.i32(a[A.inc]!), rowPtr = ctx.i32(a[A.rowPtr]!);
  // Scalars arrive as float64: `| 0` keeps the index arithmetic (notably `%`) in int32.
  const npc = a[A.npc]! | 0, nc = a[A.nc]! | 0, nCells = a[A.nCells]! | 0, nDofs = a[A.nDofs]! | 0;
  const nLoc = npc * nc, nEnt = nCells * nLoc;

  const nChunks = chunkCount(nCells, CELL_CHUNK);
  for (let ch = ctx.nextChunk(nChunks); ch >= 0; ch = ctx.nextChunk(nChunks)) {
    const c1 = Math.min(nCells, (ch + 1) * CELL_CHUNK);
    for (let c = ch * CELL_CHUNK; c < c1; c++) {
      let constrained = 0;
      for (let q = 0; q < npc; q++) {
        const node = cellNodes[c * npc + q]!;
        for (let comp = 0; comp < nc; comp++) {
          const d = node * nc + comp, e = c * nLoc + q * nc + comp, k = kind[d]!;
          if (cellDofs !== null) cellDofs[e] = d;
          cellRows[e] = k === DIRICHLET ? -1 : k === SLAVE ? master[d]! : d;
          // A Dirichlet row belongs to no row range, so 'patternFill' never writes its slots: drop them here.
          if (k === DIRICHLET && cellSlots !== null) cellSlots.fill(-1, e * nLoc, (e + 1) * nLoc);
          constrained |= k;
        }
      }
      cellConstrained[c] = constrained !== 0 ? 1 : 0;
    }
  }
  ctx.barrier();

  const [r0, r1] = ownRows(ctx, nDofs);
  incPtr.fill(0, r0 + 1, r1 + 1);
  for (let e = 0; e < nEnt; e++) {
    const r = cellRows[e]!;
    if (r >= r0 && r < r1) incPtr[r + 1]!++;
  }
  ctx.barrier();
  if (ctx.thread === 0) { incPtr[0] = 0; prefixSum(incPtr, nDofs); }
  ctx.barrier();

  const cursor = incPtr.slice(r0, r1);
  for (let e = 0; e < nEnt; e++) {
    const r = cellRows[e]!;
    if (r >= r0 && r < r1) inc[cursor[r - r0]!++] = e;
  }
  const mark = new Int32Array(nDofs).fill(-1);
  for (let r = r0; r < r1; r++) {
    if (r > r0 && sameCells(inc, incPtr, r, nLoc)) { rowPtr[r + 1] = rowPtr[r]!; continue; }
    mark[r] = r;
    let len = 1;
    const e1 = incPtr[r + 1]!;
    for (let q = incPtr[r]!; q < e1; q++) {
      const base = inc[q]! - (inc[q]! % nLoc);
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0 && mark[col] !== r) { mark[col] = r; len++; }
      }
    }
    rowPtr[r + 1] = len;
  }
  ctx.barrier();
  if (ctx.thread === 0) { rowPtr[0] = 0; prefixSum(rowPtr, nDofs); }
}

/**
 * Owned rows: the distinct columns (diagonal included) written at rowPtr[r] and sorted, the diagonal slot, and
 * the slot of every (cell, local row i, local column j) landing on the row (−1 for a Dirichlet column). Every
 * cellSlots entry is written exactly once, here or in phase 1, so the array needs no initial fill.
 */
export function patternFillKernel(ctx: KernelContext, a: Float64Array): void {
  const A = PATTERN_ARG;
  const cellRows = ctx.i32(a[A.cellRows]!), withSlots = a[A.withSlots]! === 1;
  const cellSlots = withSlots ? ctx.i32(a[A.cellSlots]!) : new Int32Array(0);
  const incPtr = ctx.i32(a[A.incPtr]!), inc = ctx.i32(a[A.inc]!), rowPtr = ctx.i32(a[A.rowPtr]!);
  const colIdx = ctx.i32(a[A.colIdx]!), diagSlot = ctx.i32(a[A.diagSlot]!);
  const nLoc = (a[A.npc]! * a[A.nc]!) | 0, nDofs = a[A.nDofs]! | 0;
  const [r0, r1] = ownRows(ctx, nDofs);
  const pos = new Int32Array(nDofs).fill(-1);
  for (let r = r0; r < r1; r++) {
    const start = rowPtr[r]!;
    const e0 = incPtr[r]!, e1 = incPtr[r + 1]!;
    if (r > r0 && sameCells(inc, incPtr, r, nLoc)) {
      // Same cells as row r − 1 (the next component of the node): same sorted columns.
      const prev = rowPtr[r - 1]!;
      colIdx.copyWithin(start, prev, start);
      for (let s = start; s < rowPtr[r + 1]!; s++) if (colIdx[s] === r) diagSlot[r] = s;
      if (!withSlots) continue;
      for (let s = start; s < rowPtr[r + 1]!; s++) pos[colIdx[s]!] = s;
      writeSlots(cellRows, inc, e0, e1, nLoc, pos, cellSlots);
      continue;
    }
    let w = start;
    // pos doubles as the marker: −1 − r means "seen in row r" until the row is sorted and real slots are stored.
    const seen = -2 - r;
    pos[r] = seen;
    colIdx[w++] = r;
    for (let q = e0; q < e1; q++) {
      const base = inc[q]! - (inc[q]! % nLoc);
      for (let j = 0; j < nLoc; j++) {
        const col = cellRows[base + j]!;
        if (col >= 0 && pos[col] !== seen) { pos[col] = seen; colIdx[w++] = col; }
      }
    }
    sortRow(colIdx, start, w);
    for (let s = start; s < w; s++) pos[colIdx[s]!] = s;
    diagSlot[r] = pos[r]!;
    if (withSlots) writeSlots(cellRows, inc, e0, e1, nLoc, pos, cellSlots);
  }
}

/** The cell slots of one row's incidences [e0, e1), from pos[col] = slot of col in the row. */
function writeSlots(cellRows: Int32Array, inc: Int32Array, e0: number, e1: number, nLoc: number, pos: Int32Array, cellSlots: Int32Array): void {
  for (let q = e0; q < e1; q++) {
    const e = inc[q]!;
    const i = e % nLoc;
    const base = e - i;
    const sbase = base * nLoc + i * nLoc;
    for (let j = 0; j < nLoc; j++) {
      const col = cellRows[base + j]!;
      cellSlots[sbase + j] = col >= 0 ? pos[col]! : -1;
    }
  }
}

/**
 * True when row r's incidence list names the same cells as row r − 1's (non-empty): then both rows have the same
 * columns. Vector fields hit this for every free node (its components meet the same cells), so half of the rows
 * are copied instead of scanned. Lists ascend by cell·nLoc + i, so cells compare position by position.
 */
function sameCells(inc: Int32Array, incPtr: Int32Array, r: number, nLoc: number): boolean {
  const a0 = incPtr[r - 1]!, b0 = incPtr[r]!, len = b0 - a0;
  if (len === 0 || incPtr[r + 1]! - b0 !== len) return false;
  for (let q = 0; q < len; q++) if (((inc[a0 + q]! / nLoc) | 0) !== ((inc[b0 + q]! / nLoc) | 0)) return false;
  return true;
}
