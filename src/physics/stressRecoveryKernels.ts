/*
 * Worker-side kernels of the stress recovery (imported by the calling thread and, compiled, by every pool worker).
 * Cells are split into fixed chunks claimed dynamically; each cell writes only its own outputs with the per-cell
 * functions of stressRecoveryCell.ts, so there is no reduction and the result is the serial one bit for bit, for
 * any thread count.
 */
import { chunkCount, type KernelContext, type KernelDef } from '../parallel/kernelTypes.js';
import {
  FORMULATIONS, cellAverage, cellMeasure, cellPointValues, createRecoveryWorkspace, unpackTabulation, type RecoveryInput,
} from './stressRecoveryCell.js';

/** Cells per claimed chunk (scheduling only: every cell's result is independent of it). */
export const RECOVERY_CELLS_PER_CHUNK = 2048;

/** Argument slots shared by the recovery kernels (array ids unless noted). */
export const RECOVERY_ARG = {
  points: 0, cells: 1, cellNodes: 2, u: 3,
  /** Packed tabulation (stressRecoveryCell.ts) of the evaluation points. */
  tab: 4,
  /** Scalars: points of the tabulation, geometry nodes per cell, field basis functions. */
  nq: 5, ng: 6, nb: 7,
  /** Material arrays (E, ν, β) and their strides (scalars), see RecoveryInput. */
  E: 8, nu: 9, beta: 10, matCellStride: 11, matQuadStride: 12,
  /** Scalars: formulation code (index in FORMULATIONS), ε_zz of generalized plane strain, on-axis radius. */
  formulation: 13, axialStrain: 14, rTiny: 15,
  /** Outputs: strain and stress (Float64 [nCells × 4] averages, or [nCells × nq × 4] point values). */
  strain: 16, stress: 17,
  /** Scalar: number of cells. */
  nCells: 18,
  /** 'stressCellNodal' only: packed tabulation of the problem's quadrature, its point count, measure output [nCells]. */
  measureTab: 19, measureNq: 20, measure: 21,
  count: 22,
} as const;

function inputFromArgs(ctx: KernelContext, a: Float64Array): RecoveryInput {
  const R = RECOVERY_ARG;
  const form = FORMULATIONS[a[R.formulation]! | 0];
  if (form === undefined) throw new Error(`stress recovery kernel: unknown formulation code ${a[R.formulation]!}`);
  return {
    points: ctx.f64(a[R.points]!), cells: ctx.i32(a[R.cells]!), cellNodes: ctx.i32(a[R.cellNodes]!), u: ctx.f64(a[R.u]!),
    tab: unpackTabulation(ctx.f64(a[R.tab]!), a[R.nq]! | 0, a[R.ng]! | 0, a[R.nb]! | 0),
    E: ctx.f64(a[R.E]!), nu: ctx.f64(a[R.nu]!), beta: ctx.f64(a[R.beta]!),
    matCellStride: a[R.matCellStride]! | 0, matQuadStride: a[R.matQuadStride]! | 0,
    formulation: form, axialStrain: a[R.axialStrain]!, rTiny: a[R.rTiny]!,
  };
}

/** Cell averages of strain and stress: outputs [nCells × 4] (see cellAverage). */
export function stressCellAveragesKernel(ctx: KernelContext, a: Float64Array): void {
  const inp = inputFromArgs(ctx, a);
  const strain = ctx.f64(a[RECOVERY_ARG.strain]!), stress = ctx.f64(a[RECOVERY_ARG.stress]!);
  const nCells = a[RECOVERY_ARG.nCells]! | 0, cpc = RECOVERY_CELLS_PER_CHUNK;
  const ws = createRecoveryWorkspace();
  const nChunks = chunkCount(nCells, cpc);
  for (let k = ctx.nextChunk(nChunks); k >= 0; k = ctx.nextChunk(nChunks)) {
    const e1 = Math.min(nCells, (k + 1) * cpc);
    for (let c = k * cpc; c < e1; c++) cellAverage(inp, c, ws, strain, stress);
  }
}

/** Per-cell values at the tabulation points [nCells × nq × 4] and cell measures [nCells] with the measure tabulation. */
export function stressCellNodalKernel(ctx: KernelContext, a: Float64Array): void {
  const R = RECOVERY_ARG;
  const inp = inputFromArgs(ctx, a);
  const strain = ctx.f64(a[R.strain]!), stress = ctx.f64(a[R.stress]!), measure = ctx.f64(a[R.measure]!);
  const mtab = unpackTabulation(ctx.f64(a[R.measureTab]!), a[R.measureNq]! | 0, inp.tab.ng, inp.tab.nb);
  const axi = inp.formulation === 'axisymmetric';
  const nCells = a[R.nCells]! | 0, cpc = RECOVERY_CELLS_PER_CHUNK, stride = 4 * inp.tab.nq;
  const ws = createRecoveryWorkspace();
  const nChunks = chunkCount(nCells, cpc);
  for (let k = ctx.nextChunk(nChunks); k >= 0; k = ctx.nextChunk(nChunks)) {
    const e1 = Math.min(nCells, (k + 1) * cpc);
    for (let c = k * cpc; c < e1; c++) {
      cellPointValues(inp, c, ws, strain, stress, c * stride);
      measure[c] = cellMeasure(inp.points, inp.cells, mtab, axi, c, ws);
    }
  }
}

/** Kernels of this module, in registration order (see src/parallel/kernels.ts, "How to add a kernel", 2b). */
export const kernels: readonly KernelDef[] = [
  { name: 'stressCellAverages', run: stressCellAveragesKernel },
  { name: 'stressCellNodal', run: stressCellNodalKernel },
];

/** This module's URL (mapped to dist/ by compiledUrl when running from sources). */
export const kernelModuleUrl: string = import.meta.url;
