/**
 * The members of a sweep: the cartesian product of the `--set` value lists in a stable order. The first `--set`
 * varies slowest, the last fastest (nested loops in the order given), so member i ↔ its values is fixed by the
 * command line alone and every array task of a job computes the same table.
 */
import type { SweepSet } from './sweepSpec.js';
import { setAtPath } from './sweepSpec.js';

/** Number of members: the product of the value-list lengths. */
export function memberCount(sets: readonly SweepSet[]): number {
  let n = 1;
  for (const s of sets) n *= s.values.length;
  return n;
}

/**
 * The value index into each set for member `i` (mixed-radix digits, last set fastest). Throws a RangeError
 * when `i` is not an integer in [0, memberCount).
 */
export function memberDigits(sets: readonly SweepSet[], i: number): number[] {
  const n = memberCount(sets);
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`member index ${i} is outside [0, ${n})`);
  const digits = new Array<number>(sets.length);
  let rest = i;
  for (let k = sets.length - 1; k >= 0; k--) {
    const m = sets[k]!.values.length;
    digits[k] = rest % m;
    rest = Math.floor(rest / m);
  }
  return digits;
}

/** The values of member `i`, one per set, in `--set` order. */
export function memberValues(sets: readonly SweepSet[], i: number): unknown[] {
  return memberDigits(sets, i).map((d, k) => sets[k]!.values[d]);
}

/** The member index of a combination of value indices (inverse of {@link memberDigits}). */
export function memberIndex(sets: readonly SweepSet[], digits: readonly number[]): number {
  let i = 0;
  for (let k = 0; k < sets.length; k++) i = i * sets[k]!.values.length + digits[k]!;
  return i;
}

/** Directory name of member `i` in a sweep of `n`: `member-0003` (at least 4 digits, more for n > 10 000). */
export function memberDirName(i: number, n: number): string {
  const width = Math.max(4, String(Math.max(0, n - 1)).length);
  return `member-${String(i).padStart(width, '0')}`;
}

/** The case JSON of member `i`: a deep copy of `base` with every set's value written at its path. */
export function memberCaseJson(base: unknown, sets: readonly SweepSet[], i: number): unknown {
  const copy: unknown = structuredClone(base);
  const values = memberValues(sets, i);
  sets.forEach((s, k) => {
    try {
      setAtPath(copy, s.segments, structuredClone(values[k]));
    } catch (e) {
      throw new Error(`--set ${s.path}: ${(e as Error).message}`);
    }
  });
  return copy;
}

/** `path=value` pairs of member `i` for logs and messages. */
export function describeMember(sets: readonly SweepSet[], i: number): string {
  const values = memberValues(sets, i);
  return sets.map((s, k) => `${s.path}=${JSON.stringify(values[k])}`).join(', ');
}
