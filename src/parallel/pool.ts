import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { compiledSibling } from './compiledUrl.js';
import { BUILTIN_KERNELS } from './kernels.js';
import type { KernelDef, SharedTypedArray } from './kernelTypes.js';
import { CONTROL_LENGTH, READY, arrayTypeName, isShared, type RegistrationMessage, type WorkerInit } from './protocol.js';
import {
  ABORT, BAR_COUNT, CLAIM, CMD, CMD_EXIT, DONE, ERRORS, GEN, MAX_ARGS, MESSAGES, PoolAbortError, SLEEP_DONE, SLEEP_GEN,
  ThreadContext, raiseAbort, waitWhileEqual, wakeIfSleeping,
} from './sync.js';

/** Default rows per chunk: large enough to amortise a claim (one atomic add), small enough to balance 2–8 threads at 100k+ rows. */
export const DEFAULT_CHUNK_ROWS = 8192;
/** Default bounded spin (Atomics.load polls) before sleeping; about 0.1–0.3 ms on the target VM. */
export const DEFAULT_SPIN = 100_000;
/** How long creation waits for the workers to come up before failing. */
const STARTUP_TIMEOUT_MS = 30_000;

/** A kernel module of a higher layer: `kernels` is used on the calling thread, `url` (compiled JS) in workers. */
export interface KernelModule {
  readonly url: string | URL;
  readonly kernels: readonly KernelDef[];
}

export interface WorkerPoolOptions {
  /** Rows per fixed chunk (default {@link DEFAULT_CHUNK_ROWS}). Results depend on it, never on the thread count. */
  readonly chunkRows?: number;
  /**
   * Spin polls before a waiting thread sleeps. Default {@link DEFAULT_SPIN} when nThreads ≤ cores, else 0: a
   * spinning thread on an oversubscribed machine steals the core of the thread it waits for.
   */
  readonly spin?: number;
  /** Extra kernels, see kernels.ts "How to add a kernel". */
  readonly kernelModules?: readonly KernelModule[];
  /** Compiled worker entry (default: dist/src/parallel/worker.js next to the compiled pool.js). */
  readonly workerUrl?: URL;
}

/**
 * Shared-memory thread pool: `nThreads − 1` worker threads plus the calling thread, which takes part in every
 * command as thread 0 (so `nThreads = 1` runs the same kernels serially, without workers).
 *
 * Commands are a kernel code plus float64 arguments written into a shared control block, released by bumping a
 * generation counter (workers spin briefly, then Atomics.wait). `run` blocks until every participant finished.
 * Arrays are registered once with {@link share} and referred to by id. Workers are `unref`'d: an open pool does
 * not keep the process alive. Not re-entrant: one command at a time, from the thread that created the pool.
 */
export class WorkerPool {
  readonly nThreads: number;
  readonly chunkRows: number;
  readonly spin: number;
  private readonly ctrl: Int32Array;
  private readonly args: Float64Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly kernels: KernelDef[];
  private readonly kernelIndex = new Map<string, number>();
  private readonly table: (SharedTypedArray | undefined)[] = [];
  private readonly idByArray = new WeakMap<SharedTypedArray, number>();
  private readonly idByName = new Map<string, number>();
  private readonly nameById: string[] = [];
  private readonly freeIds: number[] = [];
  private readonly ctx: ThreadContext;
  private scratchArray: Float64Array | null = null;
  private busy = false;
  private closed = false;

  constructor(nThreads: number, options: WorkerPoolOptions = {}) {
    if (!Number.isInteger(nThreads) || nThreads < 1) throw new RangeError(`createWorkerPool: nThreads must be a positive integer, got ${nThreads}`);
    const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError(`createWorkerPool: chunkRows must be a positive integer, got ${chunkRows}`);
    this.nThreads = nThreads;
    this.chunkRows = chunkRows;
    this.spin = options.spin ?? (nThreads <= availableParallelism() ? DEFAULT_SPIN : 0);
    this.ctrl = new Int32Array(new SharedArrayBuffer(CONTROL_LENGTH * 4));
    this.args = new Float64Array(new SharedArrayBuffer(MAX_ARGS * 8));
    this.kernels = [...BUILTIN_KERNELS];
    const modules = options.kernelModules ?? [];
    for (const m of modules) this.kernels.push(...m.kernels);
    this.kernels.forEach((k, i) => {
      if (this.kernelIndex.has(k.name)) throw new Error(`createWorkerPool: duplicate kernel name '${k.name}'`);
      this.kernelIndex.set(k.name, i);
    });
    this.ctx = new ThreadContext(0, nThreads, chunkRows, this.ctrl, this.table, this.spin);
    if (nThreads > 1) this.startWorkers(options, modules);
  }

  /**
   * True when arrays must live on SharedArrayBuffers (the pool has workers). A 1-thread pool accepts ordinary
   * typed arrays, so callers can skip shared copies there.
   */
  get needsSharedMemory(): boolean {
    return this.workers.length > 0;
  }

  /** Worker threads (nThreads − 1). */
  get workerCount(): number {
    return this.workers.length;
  }

  private startWorkers(options: WorkerPoolOptions, modules: readonly KernelModule[]): void {
    const url = options.workerUrl ?? compiledSibling(import.meta.url, './worker.js');
    const kernelModules = modules.map((m) => ({ url: m.url.toString(), names: m.kernels.map((k) => k.name) }));
    for (let t = 1; t < this.nThreads; t++) {
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = {
        ctrl: this.ctrl.buffer as SharedArrayBuffer, args: this.args.buffer as SharedArrayBuffer, port: port2,
        thread: t, nThreads: this.nThreads, chunkRows: this.chunkRows, spin: this.spin,
        builtinNames: BUILTIN_KERNELS.map((k) => k.name), kernelModules,
      };
      // Workers inherit execArgv; --input-type (valid only for -e/stdin input) would make the worker fail to start.
      const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
      const w = new Worker(url, { workerData: init, transferList: [port2], execArgv });
      w.unref();
      port1.unref();
      // Without a listener an uncaught worker error would crash the process; failures surface through run().
      w.on('error', () => undefined);
      this.workers.push(w);
      this.ports.push(port1);
    }
    // Block until every worker imported its modules: start-up failures surface here, not as a hang in run().
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let r: number;
    while ((r = Atomics.load(this.ctrl, READY)) < this.workers.length) {
      const left = deadline - Date.now();
      if (left <= 0) {
        void this.close();
        throw new Error(`createWorkerPool: ${this.workers.length - r} worker(s) did not start within ${STARTUP_TIMEOUT_MS / 1000} s (${url.href})`);
      }
      Atomics.wait(this.ctrl, READY, r, left);
    }
  }

  /**
   * Registers a typed array living on a SharedArrayBuffer under a unique name and returns its id for kernel
   * arguments. Registering the same array object again returns the same id. One message per worker, once.
   */
  share(name: string, array: SharedTypedArray): number {
    this.assertOpen();
    const known = this.idByArray.get(array);
    if (known !== undefined) return known;
    // A pool without workers runs every kernel on the calling thread, so ordinary memory is fine there.
    if (!isShared(array) && this.workers.length > 0) throw new TypeError(`pool.share('${name}'): the array is not on a SharedArrayBuffer; copy it with toShared()`);
    if (this.idByName.has(name)) throw new Error(`pool.share: the name '${name}' is already registered`);
    const id = this.freeIds.pop() ?? this.table.length;
    this.table[id] = array;
    this.idByArray.set(array, id);
    this.idByName.set(name, id);
    this.nameById[id] = name;
    this.post({ op: 'share', id, type: arrayTypeName(array), buffer: array.buffer as SharedArrayBuffer, byteOffset: array.byteOffset, length: array.length });
    return id;
  }

  /** Id of a registered array; an unregistered SharedArrayBuffer-backed array is registered on the spot. */
  idOf(array: SharedTypedArray): number {
    const id = this.idByArray.get(array);
    if (id !== undefined) return id;
    if (!isShared(array) && this.workers.length > 0) throw new TypeError('parallel: array is not on a SharedArrayBuffer; copy it once with toShared() (or toSharedCsr()) and reuse it');
    let k = this.table.length;
    while (this.idByName.has(`auto:${k}`)) k++;
    return this.share(`auto:${k}`, array);
  }

  /** Registered id by name, or undefined. */
  idByNameOf(name: string): number | undefined {
    return this.idByName.get(name);
  }

  /** Forgets a registration (by array or id) so the workers drop their reference to its memory. */
  release(arrayOrId: SharedTypedArray | number): void {
    const id = typeof arrayOrId === 'number' ? arrayOrId : this.idByArray.get(arrayOrId);
    if (id === undefined || this.table[id] === undefined || this.closed) return;
    this.idByArray.delete(this.table[id]!);
    this.idByName.delete(this.nameById[id]!);
    this.table[id] = undefined;
    this.freeIds.push(id);
    this.post({ op: 'release', id });
  }

  /**
   * A registered shared Float64Array of at least `length` entries for per-chunk partial sums, reused between
   * commands (contents are overwritten by the next command using it).
   */
  scratch(length: number): Float64Array {
    if (this.scratchArray === null || this.scratchArray.length < length) {
      if (this.scratchArray !== null) this.release(this.scratchArray);
      this.scratchArray = new Float64Array(new SharedArrayBuffer(8 * Math.max(length, 2 * (this.scratchArray?.length ?? 0), 64)));
      this.share('pool:scratch', this.scratchArray);
    }
    return this.scratchArray;
  }

  /** True when kernel `name` is registered (built in, or from a kernel module given at creation). */
  hasKernel(name: string): boolean {
    return this.kernelIndex.has(name);
  }

  /**
   * Runs kernel `name` on all participants with `args` (≤ 64 numbers: array ids, integers, scalars) and returns
   * when all finished. Throws the first failure of any participant (the others are aborted out of barriers).
   */
  run(name: string, args: ArrayLike<number>): void {
    this.assertOpen();
    const k = this.kernelIndex.get(name);
    if (k === undefined) throw new Error(`pool.run: unknown kernel '${name}'`);
    if (args.length > MAX_ARGS) throw new RangeError(`pool.run('${name}'): at most ${MAX_ARGS} arguments`);
    if (this.busy) throw new Error(`pool.run('${name}'): the pool is already running a command (kernels must not call run)`);
    this.busy = true;
    const ctrl = this.ctrl, nw = this.workers.length;
    try {
      this.args.fill(0);
      this.args.set(args);
      // Every worker is idle here (it counted itself done), so the per-command state can be reset plainly.
      Atomics.store(ctrl, CLAIM, 0);
      Atomics.store(ctrl, BAR_COUNT, 0);
      Atomics.store(ctrl, ABORT, 0);
      Atomics.store(ctrl, ERRORS, 0);
      Atomics.store(ctrl, DONE, 0);
      Atomics.store(ctrl, CMD, k);
      if (nw > 0) {
        Atomics.add(ctrl, GEN, 1);
        wakeIfSleeping(ctrl, GEN, SLEEP_GEN);
      }
      let failure: unknown = null;
      try {
        this.kernels[k]!.run(this.ctx, this.args);
      } catch (e) {
        failure = e;
        if (nw > 0) raiseAbort(ctrl);
      }
      let d: number;
      while ((d = Atomics.load(ctrl, DONE)) < nw) waitWhileEqual(ctrl, DONE, d, this.spin, SLEEP_DONE, false);
      if (Atomics.load(ctrl, ERRORS) > 0 && (failure === null || failure instanceof PoolAbortError)) {
        throw new Error(`pool.run('${name}') failed in a worker: ${this.workerErrors().join('; ')}`);
      }
      this.workerErrors(); // drop messages of workers that failed after the caller's own error
      if (failure !== null) throw failure;
    } finally {
      this.busy = false;
    }
  }

  /** Stops and terminates the workers; the pool is unusable afterwards. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.workers.length > 0) {
      Atomics.store(this.ctrl, CMD, CMD_EXIT);
      Atomics.add(this.ctrl, GEN, 1);
      Atomics.notify(this.ctrl, GEN);
    }
    for (const p of this.ports) p.close();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private workerErrors(): string[] {
    const out: string[] = [];
    for (const p of this.ports) {
      for (let m = receiveMessageOnPort(p); m !== undefined; m = receiveMessageOnPort(p)) {
        const e = m.message as { thread: number; message: string };
        out.push(`thread ${e.thread}: ${e.message}`);
      }
    }
    return out;
  }

  private post(m: RegistrationMessage): void {
    if (this.ports.length === 0) return;
    for (const p of this.ports) p.postMessage(m);
    Atomics.add(this.ctrl, MESSAGES, 1);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('parallel: the worker pool is closed');
  }
}

/** Creates a {@link WorkerPool} with `nThreads` participants (the caller plus `nThreads − 1` workers). */
export function createWorkerPool(nThreads: number, options?: WorkerPoolOptions): WorkerPool {
  return new WorkerPool(nThreads, options);
}
