import type { MessagePort } from 'node:worker_threads';
import type { SharedTypedArray } from './kernelTypes.js';
import { CONTROL_INTS } from './sync.js';

/*
 * What the calling thread hands each worker once (workerData) and the registration messages it posts later.
 * Shared by pool.ts and worker.ts.
 */

/** Control-block slot counting workers that finished start-up (placed after the slots of sync.ts). */
export const READY = CONTROL_INTS;
export const CONTROL_LENGTH = CONTROL_INTS + 16;

export interface WorkerInit {
  readonly ctrl: SharedArrayBuffer;
  readonly args: SharedArrayBuffer;
  readonly port: MessagePort;
  readonly thread: number;
  readonly nThreads: number;
  readonly chunkRows: number;
  readonly spin: number;
  readonly builtinNames: readonly string[];
  readonly kernelModules: readonly { readonly url: string; readonly names: readonly string[] }[];
}

export type ArrayTypeName =
  | 'Float64Array' | 'Float32Array' | 'Int32Array' | 'Uint32Array' | 'Int16Array' | 'Uint16Array' | 'Int8Array' | 'Uint8Array';

export type RegistrationMessage =
  | { readonly op: 'share'; readonly id: number; readonly type: ArrayTypeName; readonly buffer: SharedArrayBuffer; readonly byteOffset: number; readonly length: number }
  | { readonly op: 'release'; readonly id: number };

const CTORS = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array,
} as const;

/** Element-type name of a shareable typed array (its own class name, checked against the supported list). */
export function arrayTypeName(a: SharedTypedArray): ArrayTypeName {
  const name = a.constructor.name;
  if (!(name in CTORS)) throw new TypeError(`unsupported typed array ${name}`);
  return name as ArrayTypeName;
}

/** The worker-side view of a 'share' message. */
export function viewOf(m: Extract<RegistrationMessage, { op: 'share' }>): SharedTypedArray {
  const Ctor = CTORS[m.type] as unknown as new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => SharedTypedArray;
  return new Ctor(m.buffer, m.byteOffset, m.length);
}

/** True when the array's memory is a SharedArrayBuffer (checked by tag, which also works across realms). */
export function isShared(a: ArrayBufferView): boolean {
  return Object.prototype.toString.call(a.buffer) === '[object SharedArrayBuffer]';
}
