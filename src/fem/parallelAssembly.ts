import type { CsrMatrix } from '../linalg/csr.js';
import { compiledUrl } from '../parallel/compiledUrl.js';
import type { KernelModule, WorkerPool } from '../parallel/pool.js';
import type { SharedTypedArray } from '../parallel/kernelTypes.js';
import { isShared } from '../parallel/protocol.js';
import { toShared } from '../parallel/sharedArrays.js';
import { P1_ARG, RANGE_ARG, chunkRowRange, kernelModuleUrl, kernels } from './parallelAssemblyKernels.js';
import { assertPatternCurrent, type AssemblyPattern } from './sparsity.js';

/** Cells per fixed chunk: part of the arithmetic contract (the colouring and thus the summation order depend on it). */
export const CELLS_PER_CHUNK = 2048;
/** Colours are a bit mask per row; a mesh needing more (pathological numbering) is rejected. */
const MAX_COLOURS = 31;

/** The kernel module to pass in `createWorkerPool(n, { kernelModules: [parallelAssemblyModule()] })`. */
export function parallelAssemblyModule(): KernelModule {
  return { url: compiledUrl(kernelModuleUrl), kernels };
}

/** A coefficient: one value per cell [nCells], or one number for every cell. */
export type CellCoefficient = Float64Array | number;

/** The P1 bilinear forms the parallel assembler knows, with per-cell (or constant) data. */
export type P1Form =
  /** −∇·(k∇u) = s: conductivity k and source s. */
  | { readonly type: 'poisson'; readonly k: CellCoefficient; readonly source: CellCoefficient }
  /** Plane-strain elasticity, Young's modulus E (Pa), Poisson ratio ν and isotropic eigenstrain θ (ε* = θ·I₃). */
  | { readonly type: 'planeStrain'; readonly E: CellCoefficient; readonly nu: CellCoefficient; readonly eigenstrain: CellCoefficient };

export interface ParallelAssembler {
  /** The assembled matrix: pattern.A's structure on SharedArrayBuffers (values refilled by each `assemble`). */
  readonly A: CsrMatrix;
  /** Number of cell-chunk colours. */
  readonly colours: number;
  /** Assembles `form` into {@link A} (returned) and `b` [nDofs], exactly like assembleSystem (same constraints treatment). */
  assemble(form: P1Form, b: Float64Array): CsrMatrix;
  /** Unregisters the shared arrays from the pool. */
  release(): void;
}

/** Above this many colours the interval colouring is replaced by the exact one (more colours = more barriers). */
const MAX_INTERVAL_COLOURS = 8;

/**
 * Colouring of fixed cell chunks so that chunks of one colour touch disjoint rows. First by row intervals: chunk c
 * conflicts with an earlier chunk whose [min row, max row] overlaps its own (one pass over cellRows, then a
 * greedy sweep over the chunks; conservative, and exact enough for meshes numbered along a sweep, like generated
 * or RCM-ordered ones). When that needs more than {@link MAX_INTERVAL_COLOURS} colours, the exact test: a per-row
 * bit mask of the colours of chunks touching it. Returns CSR-like lists (chunks by colour, ascending).
 */
export function colourChunks(
  cellRows: Int32Array, nLoc: number, nCells: number, nDofs: number, pool?: WorkerPool,
): { ptr: Int32Array; list: Int32Array; n: number; method: 'interval' | 'exact' } {
  const nChunks = Math.ceil(nCells / CELLS_PER_CHUNK);
  const colour = new Int32Array(nChunks);
  let nColours = intervalColouring(chunkRowRanges(cellRows, nLoc, nCells, nChunks, pool), nChunks, colour);
  let method: 'interval' | 'exact' = 'interval';
  if (nColours > MAX_INTERVAL_COLOURS) { nColours = exactColouring(cellRows, nLoc, nCells, nDofs, nChunks, colour); method = 'exact'; }
  const ptr = new Int32Array(nColours + 1);
  for (let k = 0; k < nChunks; k++) ptr[colour[k]! + 1]!++;
  for (let c = 0; c < nColours; c++) ptr[c + 1]! += ptr[c]!;
  const fill = ptr.slice(0, nColours);
  const list = new Int32Array(nChunks);
  for (let k = 0; k < nChunks; k++) list[fill[colour[k]!]!++] = k;
  return { ptr: toShared(ptr), list: toShared(list), n: nColours, method };
}

/** [min row, max row] of each chunk (lo = 2³¹−1, hi = −1 for a chunk without rows), on the pool when one is given. */
function chunkRowRanges(cellRows: Int32Array, nLoc: number, nCells: number, nChunks: number, pool?: WorkerPool): { lo: Int32Array; hi: Int32Array } {
  if (pool !== undefined) {
    const alloc = (n: number): Int32Array => (pool.needsSharedMemory ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n));
    const lo = alloc(nChunks), hi = alloc(nChunks);
    const args = new Float64Array(RANGE_ARG.count);
    args[RANGE_ARG.cellRows] = pool.idOf(cellRows); args[RANGE_ARG.lo] = pool.idOf(lo); args[RANGE_ARG.hi] = pool.idOf(hi);
    args[RANGE_ARG.nLoc] = nLoc; args[RANGE_ARG.nCells] = nCells; args[RANGE_ARG.cellsPerChunk] = CELLS_PER_CHUNK;
    try { pool.run('chunkRowRange', args); } finally { pool.release(lo); pool.release(hi); }
    return { lo, hi };
  }
  const lo = new Int32Array(nChunks), hi = new Int32Array(nChunks);
  for (let k = 0; k < nChunks; k++) chunkRowRange(cellRows, nLoc, nCells, CELLS_PER_CHUNK, k, lo, hi);
  return { lo, hi };
}

/** Greedy colouring by overlapping row intervals; returns the number of colours (may exceed MAX_COLOURS). */
function intervalColouring({ lo, hi }: { lo: Int32Array; hi: Int32Array }, nChunks: number, colour: Int32Array): number {
  let nColours = 0;
  const used = new Uint8Array(nChunks + 1);
  for (let k = 0; k < nChunks; k++) {
    used.fill(0, 0, nColours + 1);
    if (hi[k]! >= 0) for (let j = 0; j < k; j++) if (hi[j]! >= lo[k]! && lo[j]! <= hi[k]!) used[colour[j]!] = 1;
    let c = 0;
    while (used[c]) c++;
    colour[k] = c;
    nColours = Math.max(nColours, c + 1);
  }
  return nColours;
}

/** Greedy colouring with the exact row test (bit mask per row); throws above MAX_COLOURS. */
function exactColouring(cellRows: Int32Array, nLoc: number, nCells: number, nDofs: number, nChunks: number, colour: Int32Array): number {
  const used = new Int32Array(nDofs); // bit mask of colours of chunks touching the row so far
  let nColours = 0;
  for (let k = 0; k < nChunks; k++) {
    const e0 = k * CELLS_PER_CHUNK * nLoc, e1 = Math.min(nCells, (k + 1) * CELLS_PER_CHUNK) * nLoc;
    let forbidden = 0;
    for (let e = e0; e < e1; e++) { const r = cellRows[e]!; if (r >= 0) forbidden |= used[r]!; }
    let col = 0;
    while (col < MAX_COLOURS && (forbidden & (1 << col)) !== 0) col++;
    if (col === MAX_COLOURS) throw new Error(`parallel assembly: more than ${MAX_COLOURS} chunk colours needed (renumber the mesh)`);
    colour[k] = col;
    nColours = Math.max(nColours, col + 1);
    for (let e = e0; e < e1; e++) { const r = cellRows[e]!; if (r >= 0) used[r]! |= 1 << col; }
  }
  return nColours;
}

/**
 * Parallel assembly of P1 Poisson or plane-strain systems on a worker pool (created with
 * {@link parallelAssemblyModule}), for tri3 meshes. Pattern arrays are copied to shared memory once here; each
 * `assemble` zeroes and refills the shared values. Element matrices are computed from the vertex coordinates with
 * the exact one-point rule (P1). Results do not depend on the thread count (fixed chunks, fixed colour order);
 * they equal assembleSystem's up to summation order. Throws for other element types.
 */
export function createParallelAssembler(pool: WorkerPool, pattern: AssemblyPattern): ParallelAssembler {
  const { space, nLoc, constraints } = pattern;
  const mesh = space.mesh;
  if (mesh.cellType !== 'tri3' || space.element.nBasis !== 3) throw new Error('parallel assembly: P1 on tri3 meshes only');
  const nCells = mesh.nCells, nDofs = pattern.A.n;
  const reg: SharedTypedArray[] = [];
  // Arrays already on shared memory (buildAssemblyPattern(…, { sharedMemory: true })) are used in place.
  // A pool without workers reads ordinary arrays too (no copies at 1 thread).
  const share = <T extends SharedTypedArray>(a: T): T => { const s = isShared(a) || !pool.needsSharedMemory ? a : toShared(a); reg.push(s); pool.idOf(s); return s; };
  const points = share(mesh.points);
  const bySlots = pattern.cellSlots.length > 0 || nCells === 0;
  const cellSlots = bySlots ? share(pattern.cellSlots) : null, cellRows = share(pattern.cellRows), cellDofs = share(pattern.cellDofs);
  const cellConstrained = share(pattern.cellConstrained);
  const kind = share(constraints.kind), value = share(constraints.value);
  // A is pattern.A itself when the pattern is shared, so serial and parallel assembly fill the same matrix.
  const inPlace = !pool.needsSharedMemory || (isShared(pattern.A.values) && isShared(pattern.A.rowPtr) && isShared(pattern.A.colIdx));
  const A: CsrMatrix = inPlace
    ? (share(pattern.A.rowPtr), share(pattern.A.colIdx), share(pattern.A.values), pattern.A)
    : { n: nDofs, rowPtr: share(pattern.A.rowPtr), colIdx: share(pattern.A.colIdx), values: share(pattern.A.values) };
  const col = colourChunks(cellRows, nLoc, nCells, nDofs, pool);
  reg.push(col.ptr, col.list);
  const bShared = share(pool.needsSharedMemory ? new Float64Array(new SharedArrayBuffer(8 * nDofs)) : new Float64Array(nDofs));
  // Per-cell data: copied in at each assembly only when the pool needs shared memory, else used directly.
  // Allocated on first use per slot (Poisson needs two, elasticity three).
  const perCell: Float64Array[] = [];
  const args = new Float64Array(P1_ARG.count);
  const id = (x: SharedTypedArray): number => pool.idOf(x);
  args[P1_ARG.points] = id(points); args[P1_ARG.cellSlots] = cellSlots !== null ? id(cellSlots) : -1;
  args[P1_ARG.cellRows] = id(cellRows); args[P1_ARG.cellDofs] = id(cellDofs); args[P1_ARG.cellConstrained] = id(cellConstrained);
  args[P1_ARG.kind] = id(kind); args[P1_ARG.value] = id(value); args[P1_ARG.values] = id(A.values); args[P1_ARG.b] = id(bShared);
  args[P1_ARG.colourPtr] = id(col.ptr); args[P1_ARG.colourChunks] = id(col.list);
  args[P1_ARG.nColours] = col.n; args[P1_ARG.cellsPerChunk] = CELLS_PER_CHUNK; args[P1_ARG.nCells] = nCells;
  args[P1_ARG.rowPtr] = id(A.rowPtr);
  args[P1_ARG.colIdx] = id(A.colIdx);
  const partials = share(new Float64Array(new SharedArrayBuffer(16 * Math.ceil(nDofs / pool.chunkRows))));
  args[P1_ARG.diagSlot] = id(share(pattern.diagSlot)); args[P1_ARG.partials] = id(partials);

  function assemble(form: P1Form, b: Float64Array): CsrMatrix {
    assertPatternCurrent(pattern);
    if (b.length !== nDofs) throw new Error(`parallel assembly: b has length ${b.length}, expected ${nDofs}`);
    const want = form.type === 'poisson' ? 3 : 6;
    if (want !== nLoc) throw new Error(`parallel assembly: form '${form.type}' needs ${want} local dofs, the pattern has ${nLoc}`);
    // Constraint values may change between assemblies (only the structure is fixed): refresh them.
    value.set(constraints.value);
    const data = form.type === 'poisson' ? [form.k, form.source] : [form.E, form.nu, form.eigenstrain];
    const direct = !pool.needsSharedMemory;
    const slots = [[P1_ARG.c0, P1_ARG.k0], [P1_ARG.c1, P1_ARG.k1], [P1_ARG.c2, P1_ARG.k2]] as const;
    const used: Float64Array[] = [];
    for (let i = 0; i < 3; i++) {
      const d = data[i], [idSlot, kSlot] = slots[i]!;
      args[idSlot] = -1;
      args[kSlot] = 0;
      if (d === undefined) continue;
      if (typeof d === 'number') { args[kSlot] = d; continue; }
      if (d.length !== nCells) throw new Error(`parallel assembly: per-cell array ${i} has length ${d.length}, expected ${nCells}`);
      let arr = d;
      if (!direct) {
        perCell[i] ??= share(new Float64Array(new SharedArrayBuffer(8 * nCells)));
        perCell[i]!.set(d);
        arr = perCell[i]!;
      }
      used.push(arr);
      args[idSlot] = id(arr);
    }
    args[P1_ARG.form] = form.type === 'poisson' ? 0 : 1;
    try {
      pool.run('p1Assemble', args);
    } finally {
      if (direct) for (const d of used) pool.release(d);
    }
    b.set(bShared);
    return A;
  }

  return {
    A, colours: col.n, assemble,
    release() { for (const a of reg) pool.release(a); reg.length = 0; },
  };
}

