/*
 * Worker-side element kernels of the parallel P1 assembly (imported by the calling thread and, compiled, by every
 * pool worker). Cells are processed in fixed chunks grouped into colours: chunks of one colour touch disjoint
 * matrix rows, so they scatter without races, and colours run in a fixed order, so every matrix slot receives its
 * contributions in the same order whatever the thread count (bitwise identical results).
 */
import { chunkCount, type KernelContext, type KernelDef } from '../parallel/kernelTypes.js';
import { applyConstrainedRows, freeDiagonalSum, scatterCell, scatterCellByLookup } from './scatter.js';
import { patternCountKernel, patternFillKernel } from './parallelPatternKernels.js';

/** Argument slots of the 'p1Assemble' kernel (array ids unless noted). */
export const P1_ARG = {
  /** Scalar: 0 = Poisson −∇·(k∇u) = s, 1 = plane-strain elasticity with isotropic eigenstrain θ·I₃. */
  form: 0,
  /** Vertices are read from cellDofs (P1 on tri3 numbers dofs node·components + c, and nodes are points). */
  points: 1, cellSlots: 2, cellRows: 3, cellDofs: 4, cellConstrained: 5, kind: 6, value: 7,
  values: 8, b: 9,
  /** Int32 [nColours+1] offsets into colourChunks; Int32 list of chunk ids by colour. */
  colourPtr: 10, colourChunks: 11,
  /** Scalars: colours, cells per chunk, cells. */
  nColours: 12, cellsPerChunk: 13, nCells: 14,
  /** Per-cell Float64 arrays: Poisson (k, s); elasticity (E, ν, θ). −1 = constant (k0/k1/k2) or unused. */
  c0: 15, c1: 16, c2: 17,
  /** Int32 [nDofs+1] row pointers of A: the kernel zeroes A's values and b by fixed row chunks first. */
  rowPtr: 18,
  /** Scalars: the value of coefficient 0/1/2 on every cell when its array id (c0/c1/c2) is −1. */
  k0: 19, k1: 20, k2: 21,
  /** Int32 colIdx of A, read when cellSlots is −1 (pattern built without the slot map: slots found by row search). */
  colIdx: 22,
  /** Int32 diagSlot of the pattern; Float64 [2·row chunks] partial sums for the constrained-row scale. */
  diagSlot: 23, partials: 24,
  count: 25,
} as const;

/**
 * P1 gradients of cell c into g [6] (∂N_a/∂x, ∂N_a/∂y); returns the area. Vertex a is cellDofs[c·nLoc + a·nc]/nc:
 * reading the pattern's dofs spares a shared copy of the mesh's cell array.
 */
function p1Gradients(points: Float64Array, cellDofs: Int32Array, nc: number, c: number, g: Float64Array): number {
  const e = 3 * nc * c;
  const v0 = (cellDofs[e]! / nc) | 0, v1 = (cellDofs[e + nc]! / nc) | 0, v2 = (cellDofs[e + 2 * nc]! / nc) | 0;
  const x0 = points[2 * v0]!, y0 = points[2 * v0 + 1]!;
  const x1 = points[2 * v1]!, y1 = points[2 * v1 + 1]!;
  const x2 = points[2 * v2]!, y2 = points[2 * v2 + 1]!;
  const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  const inv = 1 / det;
  g[0] = (y1 - y2) * inv; g[1] = (x2 - x1) * inv;
  g[2] = (y2 - y0) * inv; g[3] = (x0 - x2) * inv;
  g[4] = (y0 - y1) * inv; g[5] = (x1 - x0) * inv;
  return 0.5 * Math.abs(det);
}

function poissonCell(area: number, g: Float64Array, k: number, s: number, Ke: Float64Array, fe: Float64Array): void {
  const w = area * k;
  for (let a = 0; a < 3; a++) {
    fe[a] = area * s / 3;
    for (let b = 0; b < 3; b++) Ke[a * 3 + b] = w * (g[2 * a]! * g[2 * b]! + g[2 * a + 1]! * g[2 * b + 1]!);
  }
}

/** Plane strain, D from (E, ν), load ∫ Bᵀσ* with σ* = E/(1−2ν)·θ·(1, 1, 0): same element as physics/elasticity. */
function planeStrainCell(area: number, g: Float64Array, E: number, nu: number, theta: number, Ke: Float64Array, fe: Float64Array): void {
  const lam = ((E * nu) / ((1 + nu) * (1 - 2 * nu))) * area, mu = (E / (2 * (1 + nu))) * area, l2m = lam + 2 * mu;
  const sig = (E / (1 - 2 * nu)) * theta * area;
  for (let a = 0; a < 3; a++) {
    const ax = g[2 * a]!, ay = g[2 * a + 1]!;
    fe[2 * a] = sig * ax;
    fe[2 * a + 1] = sig * ay;
    const r0 = 2 * a * 6, r1 = r0 + 6;
    for (let b = 0; b < 3; b++) {
      const bx = g[2 * b]!, by = g[2 * b + 1]!;
      Ke[r0 + 2 * b] = l2m * ax * bx + mu * ay * by;
      Ke[r0 + 2 * b + 1] = lam * ax * by + mu * ay * bx;
      Ke[r1 + 2 * b] = lam * ay * bx + mu * ax * by;
      Ke[r1 + 2 * b + 1] = l2m * ay * by + mu * ax * bx;
    }
  }
}

/** The P1 assembly kernel: one phase per colour, chunks of a colour claimed dynamically. */
export function p1AssembleKernel(ctx: KernelContext, a: Float64Array): void {
  const A = P1_ARG;
  const form = a[A.form]!;
  const points = ctx.f64(a[A.points]!);
  const bySlots = a[A.cellSlots]! >= 0;
  const cellSlots = bySlots ? ctx.i32(a[A.cellSlots]!) : new Int32Array(0), colIdx = bySlots ? new Int32Array(0) : ctx.i32(a[A.colIdx]!);
  const cellRows = ctx.i32(a[A.cellRows]!), cellDofs = ctx.i32(a[A.cellDofs]!);
  const cellConstrained = ctx.array(a[A.cellConstrained]!) as Uint8Array, kind = ctx.array(a[A.kind]!) as Uint8Array;
  const value = ctx.f64(a[A.value]!), vals = ctx.f64(a[A.values]!), b = ctx.f64(a[A.b]!);
  const colourPtr = ctx.i32(a[A.colourPtr]!), colourChunks = ctx.i32(a[A.colourChunks]!);
  // Scalars arrive as float64: `| 0` keeps the index arithmetic in int32.
  const nColours = a[A.nColours]! | 0, cpc = a[A.cellsPerChunk]! | 0, nCells = a[A.nCells]! | 0;
  // Per-cell coefficient arrays, or a one-entry array read with stride 0 for a constant (no branch in the cell loop).
  const coef = (idSlot: number, kSlot: number): Float64Array => (a[idSlot]! >= 0 ? ctx.f64(a[idSlot]!) : Float64Array.of(a[kSlot]!));
  const c0 = coef(A.c0, A.k0), c1 = coef(A.c1, A.k1), c2 = coef(A.c2, A.k2);
  const s0 = a[A.c0]! >= 0 ? 1 : 0, s1 = a[A.c1]! >= 0 ? 1 : 0, s2 = a[A.c2]! >= 0 ? 1 : 0;
  const nLoc = form === 0 ? 3 : 6, nc = form === 0 ? 1 : 2;
  // Phase 0: zero A and b (each thread touches the pages it zeroes, instead of one thread zeroing all).
  const rowPtr = ctx.i32(a[A.rowPtr]!), nRows = rowPtr.length - 1, cr = ctx.chunkRows;
  const nRowChunks = chunkCount(nRows, cr);
  for (let k = ctx.nextChunk(nRowChunks); k >= 0; k = ctx.nextChunk(nRowChunks)) {
    const r0 = k * cr, r1 = Math.min(nRows, r0 + cr);
    vals.fill(0, rowPtr[r0]!, rowPtr[r1]!);
    b.fill(0, r0, r1);
  }
  ctx.barrier();
  const Ke = new Float64Array(nLoc * nLoc), fe = new Float64Array(nLoc), g = new Float64Array(6);
  for (let col = 0; col < nColours; col++) {
    const k0 = colourPtr[col]!, nk = colourPtr[col + 1]! - k0;
    for (let t = ctx.nextChunk(nk); t >= 0; t = ctx.nextChunk(nk)) {
      const chunk = colourChunks[k0 + t]!;
      const e1 = Math.min(nCells, (chunk + 1) * cpc);
      for (let c = chunk * cpc; c < e1; c++) {
        const area = p1Gradients(points, cellDofs, nc, c, g);
        if (form === 0) poissonCell(area, g, c0[c * s0]!, c1[c * s1]!, Ke, fe);
        else planeStrainCell(area, g, c0[c * s0]!, c1[c * s1]!, c2[c * s2]!, Ke, fe);
        if (bySlots) scatterCell(c, nLoc, Ke, fe, cellSlots, cellRows, cellDofs, cellConstrained[c] !== 0, kind, value, vals, b);
        else scatterCellByLookup(c, nLoc, Ke, fe, rowPtr, colIdx, cellRows, cellDofs, cellConstrained[c] !== 0, kind, value, vals, b);
      }
    }
    ctx.barrier();
  }
  // Constrained rows (finishConstrainedRows, by row chunks): D = mean |A_dd| over free rows, summed per chunk and
  // then over the chunks in order by every thread (same D everywhere, for any thread count).
  const diagSlot = ctx.i32(a[A.diagSlot]!), partials = ctx.f64(a[A.partials]!);
  for (let k = ctx.nextChunk(nRowChunks); k >= 0; k = ctx.nextChunk(nRowChunks)) {
    freeDiagonalSum(vals, diagSlot, kind, k * cr, Math.min(nRows, (k + 1) * cr), partials, 2 * k);
  }
  ctx.barrier();
  let sum = 0, count = 0;
  for (let k = 0; k < nRowChunks; k++) { sum += partials[2 * k]!; count += partials[2 * k + 1]!; }
  const D = count > 0 ? sum / count : 1;
  for (let k = ctx.nextChunk(nRowChunks); k >= 0; k = ctx.nextChunk(nRowChunks)) {
    applyConstrainedRows(rowPtr, vals, diagSlot, kind, value, b, D, k * cr, Math.min(nRows, (k + 1) * cr));
  }
}

/** Argument slots of 'chunkRowRange': cellRows id, nLoc, nCells, cells per chunk, lo id, hi id (Int32 [nChunks]). */
export const RANGE_ARG = { cellRows: 0, nLoc: 1, nCells: 2, cellsPerChunk: 3, lo: 4, hi: 5, count: 6 } as const;

/** Smallest and largest row (cellRows ≥ 0) touched by cell chunk k (cells [k·cpc, (k+1)·cpc)) into lo[k], hi[k]. */
export function chunkRowRange(cellRows: Int32Array, nLoc: number, nCells: number, cpc: number, k: number, lo: Int32Array, hi: Int32Array): void {
  let mn = 0x7fffffff, mx = -1;
  const e1 = Math.min(nCells, (k + 1) * cpc) * nLoc;
  for (let e = k * cpc * nLoc; e < e1; e++) {
    const r = cellRows[e]!;
    if (r >= 0) { if (r < mn) mn = r; if (r > mx) mx = r; }
  }
  lo[k] = mn; hi[k] = mx;
}

/** {@link chunkRowRange} for every fixed cell chunk, for the interval colouring. */
export function chunkRowRangeKernel(ctx: KernelContext, a: Float64Array): void {
  const R = RANGE_ARG;
  const cellRows = ctx.i32(a[R.cellRows]!), lo = ctx.i32(a[R.lo]!), hi = ctx.i32(a[R.hi]!);
  const nLoc = a[R.nLoc]! | 0, nCells = a[R.nCells]! | 0, cpc = a[R.cellsPerChunk]! | 0;
  const nChunks = chunkCount(nCells, cpc);
  for (let k = ctx.nextChunk(nChunks); k >= 0; k = ctx.nextChunk(nChunks)) chunkRowRange(cellRows, nLoc, nCells, cpc, k, lo, hi);
}

/** Kernels of this module, in registration order (see src/parallel/kernels.ts, "How to add a kernel", 2b). */
export const kernels: readonly KernelDef[] = [
  { name: 'p1Assemble', run: p1AssembleKernel },
  { name: 'patternCount', run: patternCountKernel },
  { name: 'patternFill', run: patternFillKernel },
  { name: 'chunkRowRange', run: chunkRowRangeKernel },
];

/** This module's URL (mapped to dist/ by compiledUrl when running from sources). */
export const kernelModuleUrl: string = import.meta.url;
