/*
 * Worker-thread entry of the shared-memory pool (loaded from dist/src/parallel/worker.js by pool.ts).
 * Sleeps on the control block's command generation, drains array registrations from its MessagePort without
 * yielding to the event loop (receiveMessageOnPort), runs the command's kernel as participant `thread`, and
 * counts itself done. Never uses postMessage on the hot path: only to report an error.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { BUILTIN_KERNELS } from './kernels.js';
import type { KernelDef, SharedTypedArray } from './kernelTypes.js';
import { ABORT, CMD, CMD_EXIT, DONE, ERRORS, GEN, MESSAGES, PoolAbortError, SLEEP_DONE, SLEEP_GEN, ThreadContext, raiseAbort, waitWhileEqual, wakeIfSleeping } from './sync.js';
import type { RegistrationMessage, WorkerInit } from './protocol.js';
import { READY, viewOf } from './protocol.js';

const init = workerData as WorkerInit;
const ctrl = new Int32Array(init.ctrl);
const args = new Float64Array(init.args);
const port: MessagePort = init.port;
const arrays: (SharedTypedArray | undefined)[] = [];
const ctx = new ThreadContext(init.thread, init.nThreads, init.chunkRows, ctrl, arrays, init.spin);

/** Set when this worker cannot serve commands (stale build, failed kernel module): reported on every command. */
let startupError: string | null = null;
const kernels: KernelDef[] = [...BUILTIN_KERNELS];

function sameNames(got: readonly KernelDef[], want: readonly string[], what: string): void {
  const names = got.map((k) => k.name);
  if (names.length !== want.length || names.some((s, i) => s !== want[i])) {
    throw new Error(`${what} kernels differ between the calling thread [${want.join(', ')}] and the worker [${names.join(', ')}]: rebuild dist/ (npm run build)`);
  }
}

try {
  sameNames(BUILTIN_KERNELS, init.builtinNames, 'built-in');
  for (const m of init.kernelModules) {
    const mod = (await import(m.url)) as { kernels?: readonly KernelDef[] };
    if (!Array.isArray(mod.kernels)) throw new Error(`kernel module ${m.url} does not export 'kernels'`);
    sameNames(mod.kernels, m.names, `module ${m.url}`);
    kernels.push(...mod.kernels);
  }
} catch (e) {
  startupError = e instanceof Error ? e.message : String(e);
}
Atomics.add(ctrl, READY, 1);
Atomics.notify(ctrl, READY);

let seenMessages = 0;
function drainRegistrations(): void {
  const target = Atomics.load(ctrl, MESSAGES);
  while (seenMessages < target) {
    // postMessage enqueues synchronously before the caller bumps GEN, so the message is already there.
    const got = receiveMessageOnPort(port);
    if (got === undefined) throw new Error('pool worker: registration message missing');
    const m = got.message as RegistrationMessage;
    if (m.op === 'share') arrays[m.id] = viewOf(m);
    else arrays[m.id] = undefined;
    seenMessages++;
  }
}

function report(message: string): void {
  port.postMessage({ thread: init.thread, message });
  Atomics.add(ctrl, ERRORS, 1);
  raiseAbort(ctrl);
}

let gen = 0;
for (;;) {
  waitWhileEqual(ctrl, GEN, gen, init.spin, SLEEP_GEN, false);
  gen = Atomics.load(ctrl, GEN);
  const cmd = Atomics.load(ctrl, CMD);
  if (cmd === CMD_EXIT) break;
  try {
    drainRegistrations();
    if (startupError !== null) throw new Error(startupError);
    const k = kernels[cmd];
    if (k === undefined) throw new Error(`unknown kernel code ${cmd}`);
    if (Atomics.load(ctrl, ABORT) === 0) k.run(ctx, args);
  } catch (e) {
    if (!(e instanceof PoolAbortError)) report(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
  }
  Atomics.add(ctrl, DONE, 1);
  wakeIfSleeping(ctrl, DONE, SLEEP_DONE);
}
port.close();
