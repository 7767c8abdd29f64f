import type { KernelContext, SharedTypedArray } from './kernelTypes.js';

/*
 * Shared control block (Int32Array on a SharedArrayBuffer). Each hot slot gets its own 64-byte line so that
 * threads claiming chunks do not invalidate the line others spin on.
 */
const LINE = 16;
/** Command generation: bumped by the caller to release the workers. */
export const GEN = 0 * LINE;
/** Kernel index of the current command, or {@link CMD_EXIT}. */
export const CMD = 1 * LINE;
/** Workers finished with the current command. */
export const DONE = 2 * LINE;
/** Barrier arrivals and barrier generation. */
export const BAR_COUNT = 3 * LINE;
export const BAR_GEN = 4 * LINE;
/** Next chunk to claim in the current phase. */
export const CLAIM = 5 * LINE;
/** Set when any participant failed: the others leave barriers by throwing {@link PoolAbortError}. */
export const ABORT = 6 * LINE;
/** Number of workers that reported an error message for the current command. */
export const ERRORS = 7 * LINE;
/** Registration messages posted so far (each worker drains its port up to this count before a command). */
export const MESSAGES = 8 * LINE;
/** Sleeper counts: a notifier calls Atomics.notify only when somebody may be asleep (notify is not free). */
export const SLEEP_GEN = 9 * LINE;
export const SLEEP_DONE = 10 * LINE;
export const SLEEP_BAR = 11 * LINE;
export const CONTROL_INTS = 12 * LINE;
export const CMD_EXIT = -1;
/** Float64 argument slots per command. */
export const MAX_ARGS = 64;

/** Thrown inside a participant when another one failed, to unwind it out of barriers. */
export class PoolAbortError extends Error {
  constructor() {
    super('parallel command aborted because another thread failed');
    this.name = 'PoolAbortError';
  }
}

/** Period at which abortable sleepers re-check {@link ABORT} (covers an abort racing with going to sleep). */
const ABORT_POLL_MS = 50;

/**
 * Blocks while `ctrl[index] === value`: first `spin` plain atomic loads (cheap hand-over when the other side is
 * about to arrive: waking a sleeping thread costs ~50–90 µs on the target VM), then Atomics.wait.
 */
export function waitWhileEqual(ctrl: Int32Array, index: number, value: number, spin: number, sleepSlot: number, abortable: boolean): void {
  for (let s = 0; s < spin; s++) if (Atomics.load(ctrl, index) !== value) return;
  while (Atomics.load(ctrl, index) === value) {
    if (abortable && Atomics.load(ctrl, ABORT) !== 0) throw new PoolAbortError();
    Atomics.add(ctrl, sleepSlot, 1);
    Atomics.wait(ctrl, index, value, abortable ? ABORT_POLL_MS : Infinity);
    Atomics.sub(ctrl, sleepSlot, 1);
  }
}

/**
 * Wakes sleepers on `index` if any. Safe against a sleeper registering concurrently: it increments its sleeper
 * count before Atomics.wait, which returns at once because `ctrl[index]` already changed.
 */
export function wakeIfSleeping(ctrl: Int32Array, index: number, sleepSlot: number): void {
  if (Atomics.load(ctrl, sleepSlot) > 0) Atomics.notify(ctrl, index);
}

/** Raises the abort flag and wakes everybody who might sleep on a barrier or on command completion. */
export function raiseAbort(ctrl: Int32Array): void {
  Atomics.store(ctrl, ABORT, 1);
  Atomics.notify(ctrl, BAR_GEN);
  Atomics.notify(ctrl, DONE);
}

/** {@link KernelContext} of one participant; `arrays` is that thread's table of registered arrays by id. */
export class ThreadContext implements KernelContext {
  constructor(
    readonly thread: number,
    readonly nThreads: number,
    readonly chunkRows: number,
    private readonly ctrl: Int32Array,
    private readonly arrays: (SharedTypedArray | undefined)[],
    private readonly spin: number,
  ) {}

  array(id: number): SharedTypedArray {
    const a = this.arrays[id];
    if (a === undefined) throw new Error(`parallel kernel: no array registered under id ${id}`);
    return a;
  }

  f64(id: number): Float64Array {
    const a = this.array(id);
    if (!(a instanceof Float64Array)) throw new TypeError(`parallel kernel: array ${id} is not a Float64Array`);
    return a;
  }

  i32(id: number): Int32Array {
    const a = this.array(id);
    if (!(a instanceof Int32Array)) throw new TypeError(`parallel kernel: array ${id} is not an Int32Array`);
    return a;
  }

  nextChunk(nChunks: number): number {
    const c = Atomics.add(this.ctrl, CLAIM, 1);
    return c < nChunks ? c : -1;
  }

  barrier(): void {
    const ctrl = this.ctrl;
    if (this.nThreads === 1) {
      Atomics.store(ctrl, CLAIM, 0);
      return;
    }
    const g = Atomics.load(ctrl, BAR_GEN);
    if (Atomics.add(ctrl, BAR_COUNT, 1) === this.nThreads - 1) {
      // Last to arrive: everybody has stopped claiming (each got a ticket ≥ nChunks), so the claim counter can be
      // reset for the next phase before anybody is released.
      Atomics.store(ctrl, BAR_COUNT, 0);
      Atomics.store(ctrl, CLAIM, 0);
      Atomics.add(ctrl, BAR_GEN, 1);
      wakeIfSleeping(ctrl, BAR_GEN, SLEEP_BAR);
    } else {
      waitWhileEqual(ctrl, BAR_GEN, g, this.spin, SLEEP_BAR, true);
    }
  }
}
