/**
 * Shared-memory parallel engine: a worker-thread pool on SharedArrayBuffers, deterministic chunked kernels
 * (results bitwise identical for any thread count) and a fused parallel PCG implementing linalg's LinearSolver.
 */
export { createWorkerPool, WorkerPool, DEFAULT_CHUNK_ROWS, DEFAULT_SPIN, type WorkerPoolOptions, type KernelModule } from './pool.js';
export { parallelSpmv, parallelDot, parallelAxpy, parallelResidualNorm } from './ops.js';
export { createParallelCg, type ParallelCgOptions, type ParallelCgSolver } from './parallelCg.js';
export { createParallelAmgCg, type ParallelAmgCgOptions, type ParallelAmgCgSolver, type AmgLevelData, type AmgRectData, type AmgHierarchySource } from './parallelAmgCg.js';
export { toShared, toSharedCsr, ensureShared, sharedFloat64 } from './sharedArrays.js';
export { defaultThreadCount, parseThreads, MAX_THREADS } from './threads.js';
export { compiledUrl } from './compiledUrl.js';
export { BUILTIN_KERNELS } from './kernels.js';
export { chunkCount, type Kernel, type KernelContext, type KernelDef, type SharedTypedArray } from './kernelTypes.js';
