/** Typed arrays a pool can share with its workers (each must live on a SharedArrayBuffer). */
export type SharedTypedArray =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/**
 * What a kernel sees on every participating thread (the calling thread is thread 0).
 *
 * A kernel splits its work into FIXED chunks of `chunkRows` rows that do not depend on the thread count, claims
 * them with {@link nextChunk}, and separates phases with {@link barrier}. Any reduction is stored per chunk and
 * summed in chunk order, so results are bitwise identical for every thread count.
 */
export interface KernelContext {
  /** Index of this participant, 0 … nThreads−1 (0 = the thread that called `pool.run`). */
  readonly thread: number;
  readonly nThreads: number;
  /** Rows per chunk (pool option, default 8192): part of the arithmetic contract, not of the scheduling. */
  readonly chunkRows: number;
  /** Registered array by id, checked to be a Float64Array. */
  f64(id: number): Float64Array;
  /** Registered array by id, checked to be an Int32Array. */
  i32(id: number): Int32Array;
  /** Registered array by id, any element type. */
  array(id: number): SharedTypedArray;
  /**
   * Claims the next unprocessed chunk of the current phase (dynamic scheduling: a descheduled thread's chunks are
   * taken over by the others), or returns −1 when all `nChunks` chunks are taken.
   */
  nextChunk(nChunks: number): number;
  /** Waits until every participant arrives; afterwards all chunk-claims of the next phase start from chunk 0. */
  barrier(): void;
}

/**
 * A kernel: runs on every participant with the same `args` (numbers; array ids and integers are exact in
 * float64). It must be deterministic per chunk, must not allocate per row, and must leave shared outputs identical
 * whatever thread processed a chunk.
 */
export type Kernel = (ctx: KernelContext, args: Float64Array) => void;

/** A named kernel as listed in a registry. */
export interface KernelDef {
  readonly name: string;
  readonly run: Kernel;
}

/** Number of fixed chunks of `chunkRows` rows covering `n` rows. */
export function chunkCount(n: number, chunkRows: number): number {
  return Math.ceil(n / chunkRows);
}
