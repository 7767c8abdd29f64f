/**
 * Checkpoints of a coupled run: everything the time loop needs to continue bit for bit — the level-set
 * history (φⁿ, φⁿ⁻¹, step, time, dt, γ), the last potential, current, displacement and velocity fields, and the
 * loop's own bookkeeping (time series so far, snapshots written, step-size state). Typed arrays are stored as
 * base64 of their bytes (exact). Written atomically (temp + rename) as `checkpoint.json` in the run's
 * resumable `.partial` directory.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../io/atomicWrite.js';

export const CHECKPOINT_FILE = 'checkpoint.json';
const VERSION = 1;

export interface LoopCheckpoint {
  readonly caseHash: string;
  readonly ls: { phi: Float64Array; phiPrev: Float64Array; step: number; time: number; dtPrev: number; gamma: number };
  readonly fields: { V: Float64Array | null; Jcell: Float64Array | null; u: Float64Array | null; velocity: Float64Array; step: number; time: number };
  readonly loop: {
    dtPrev: number; easy: boolean; phi0: number; maxSpeed: number; ohmicReport: unknown;
    rows: Record<string, number>[]; snapshots: { time: number; file: string }[]; counters: Record<string, number>;
  };
}

/** A stable hash of the case (so a checkpoint is never resumed with another case). */
export function caseHash(spec: unknown): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
}

const enc = (a: Float64Array | null) => (a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') : null);
function dec(s: string | null): Float64Array | null {
  if (s === null) return null;
  const b = Buffer.from(s, 'base64');
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function writeCheckpoint(path: string, c: LoopCheckpoint): void {
  const json = {
    version: VERSION, caseHash: c.caseHash,
    ls: { ...c.ls, phi: enc(c.ls.phi), phiPrev: enc(c.ls.phiPrev) },
    fields: { ...c.fields, V: enc(c.fields.V), Jcell: enc(c.fields.Jcell), u: enc(c.fields.u), velocity: enc(c.fields.velocity) },
    // Rows hold NaN/Infinity at times: keep them exact through JSON as strings.
    loop: { ...c.loop, rows: c.loop.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)]))) },
  };
  writeFileAtomic(path, JSON.stringify(json));
}

/** Reads a checkpoint; throws a clear Error when it is missing, corrupt, of another version or another case. */
export function readCheckpoint(path: string, expectedHash: string): LoopCheckpoint {
  if (!existsSync(path)) throw new Error(`no checkpoint to resume from at '${path}'`);
  let j: any;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`checkpoint '${path}' is corrupt: ${(e as Error).message}`);
  }
  if (j.version !== VERSION) throw new Error(`checkpoint '${path}' has version ${j.version}, expected ${VERSION}`);
  if (j.caseHash !== expectedHash) throw new Error(`checkpoint '${path}' belongs to a different case (or a changed case file): start without --resume`);
  return {
    caseHash: j.caseHash,
    ls: { ...j.ls, phi: dec(j.ls.phi)!, phiPrev: dec(j.ls.phiPrev)! },
    fields: { ...j.fields, V: dec(j.fields.V), Jcell: dec(j.fields.Jcell), u: dec(j.fields.u), velocity: dec(j.fields.velocity)! },
    loop: { ...j.loop, rows: j.loop.rows.map((r: Record<string, number | string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]))) },
  };
}
