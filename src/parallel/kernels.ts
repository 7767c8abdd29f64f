import { amgPcgKernel } from './amgPcgKernel.js';
import { pcgKernel } from './cgKernel.js';
import type { KernelDef } from './kernelTypes.js';
import { axpyKernel, dotKernel, jacobiInverseKernel, residualKernel, spmvKernel } from './vectorKernels.js';

/**
 * Registry of the kernels every pool knows: imported by the calling thread (pool.ts) AND by each worker
 * (worker.ts), so both sides resolve `pool.run(name, …)` to the same function. A kernel's index in this list is
 * its command code in the shared control block.
 *
 * How to add a kernel
 * 1. Write it as a {@link Kernel} `(ctx, args) => void` in a module that plain Node can import from `dist/`
 *    (no side effects at import, no imports that need the main thread). Loop over FIXED chunks claimed with
 *    `ctx.nextChunk(chunkCount(n, ctx.chunkRows))`, store every reduction per chunk and sum chunks in chunk order,
 *    separate phases with `ctx.barrier()`. Pass array ids (from `pool.share`) and scalars in `args`.
 * 2a. Kernel living in src/parallel (linear algebra only, per the layering rules): append it to
 *     {@link BUILTIN_KERNELS} below. Append, never reorder; names must be unique.
 * 2b. Kernel living in a higher layer (e.g. element assembly with cell colouring in src/fem, which src/parallel
 *     must not import): export `const kernels: readonly KernelDef[]` from its module and pass
 *     `{ url: compiledUrl(import.meta.url), kernels }` in `createWorkerPool(n, { kernelModules: [...] })`. The
 *     calling thread uses `kernels` directly; each worker `import()`s the compiled module from `url` and checks
 *     that it exports the same names in the same order.
 * 3. `npm run build` before running: workers always load `dist/`. Test it with 1, 2, 3 threads and compare the
 *    output bytes (see tests/parallel).
 */
export const BUILTIN_KERNELS: readonly KernelDef[] = [
  { name: 'spmv', run: spmvKernel },
  { name: 'dot', run: dotKernel },
  { name: 'axpy', run: axpyKernel },
  { name: 'residual', run: residualKernel },
  { name: 'jacobiInverse', run: jacobiInverseKernel },
  { name: 'pcg', run: pcgKernel },
  { name: 'amgPcg', run: amgPcgKernel },
];
