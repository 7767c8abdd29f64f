/**
 * Sweep definitions from the command line: `--set path=v1,v2` where `path` is a JSON path into the case file
 * (`materials.si.conductivity`, `ohmic.boundaryConditions[0].value`, `materials["Li2.5Si"].x`) and each value is
 * a JSON literal (`2`, `true`, `"x"`, `[1,2]`) or, when it does not parse as JSON, the plain string (`2 mS/cm`).
 */
import { CaseError } from '../case/caseError.js';

/** One path segment: an object key or an array index. */
export type PathSegment = string | number;

/** One `--set`: the path as written, its segments, and the values in the order given (at least one). */
export interface SweepSet {
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly values: readonly unknown[];
}

/**
 * Splits a JSON path `a.b[0]["c.d"]` into segments. Keys are runs of characters other than `.`, `[`, `]`;
 * keys containing those go in brackets as JSON strings. Throws CaseError naming the path when malformed.
 */
export function parsePath(path: string): PathSegment[] {
  const segs: PathSegment[] = [];
  const bad = (why: string): never => {
    throw new CaseError('', `--set '${path}': ${why}`);
  };
  let i = 0;
  let expectKey = true; // at the start or after '.'
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '[') {
      if (expectKey && segs.length > 0) bad(`'.' followed by '[' at position ${i}`);
      if (path[i + 1] === '"') {
        // a quoted key may contain '.', '[' or ']': scan to its closing (unescaped) quote
        let q = i + 2;
        while (q < path.length && path[q] !== '"') q += path[q] === '\\' ? 2 : 1;
        if (q >= path.length) bad('unterminated quoted key');
        if (path[q + 1] !== ']') bad(`expected ']' after the quoted key at position ${q + 1}`);
        let key: unknown;
        try {
          key = JSON.parse(path.slice(i + 1, q + 1));
        } catch {
          bad(`bad quoted key ${path.slice(i + 1, q + 1)}`);
        }
        if (typeof key !== 'string' || key === '') bad('a quoted key must be a non-empty JSON string');
        segs.push(key as string);
        i = q + 2;
      } else {
        const close = path.indexOf(']', i);
        if (close < 0) bad("missing ']'");
        const inner = path.slice(i + 1, close);
        if (!/^[0-9]+$/.test(inner)) bad(`array index must be a non-negative integer or a quoted key, got '[${inner}]'`);
        segs.push(Number(inner));
        i = close + 1;
      }
      expectKey = false;
    } else if (ch === '.') {
      if (expectKey) bad(`empty key at position ${i}`);
      i++;
      expectKey = true;
    } else {
      if (!expectKey) bad(`expected '.' or '[' at position ${i}`);
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[' && path[j] !== ']') j++;
      if (j === i) bad(`unexpected '${path[j]}' at position ${j}`);
      segs.push(path.slice(i, j));
      i = j;
      expectKey = false;
    }
  }
  if (segs.length === 0) bad('empty path');
  if (expectKey) bad('path ends with "."');
  return segs;
}

/** Splits `v1,v2` at commas that are outside brackets, braces and double-quoted strings. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inStr = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === '"') inStr = false;
    } else if (ch === '"') inStr = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A value as given: JSON when it parses (numbers, booleans, null, quoted strings, arrays, objects), else the trimmed text. */
export function parseValue(text: string): unknown {
  const t = text.trim();
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}

/** Parses one `--set path=v1,v2,...` argument. Throws CaseError (exit 2) naming the argument when malformed. */
export function parseSetArg(arg: string): SweepSet {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new CaseError('', `--set '${arg}': expected path=value1,value2,...`);
  const path = arg.slice(0, eq).trim();
  const segments = parsePath(path);
  const raw = splitTopLevel(arg.slice(eq + 1));
  const values: unknown[] = [];
  for (const [k, r] of raw.entries()) {
    if (r.trim() === '') throw new CaseError('', `--set '${path}': value ${k + 1} is empty`);
    values.push(parseValue(r));
  }
  return { path, segments, values };
}

/** Parses all `--set` arguments; the same path twice is an error (the product would be ambiguous). */
export function parseSetArgs(args: readonly string[]): SweepSet[] {
  if (args.length === 0) throw new CaseError('', 'a sweep needs at least one --set path=v1,v2');
  const sets = args.map(parseSetArg);
  const seen = new Set<string>();
  for (const s of sets) {
    const key = JSON.stringify(s.segments);
    if (seen.has(key)) throw new CaseError('', `--set '${s.path}' is given twice`);
    seen.add(key);
  }
  return sets;
}

/**
 * Writes `value` at `segments` inside `root` (mutates it). Every container on the way must exist, array indices
 * must be inside the existing array, and the last key of an object may be new (the case schema then decides
 * whether it is allowed). Throws a plain Error saying which part of the path does not exist.
 */
export function setAtPath(root: unknown, segments: readonly PathSegment[], value: unknown): void {
  let node: unknown = root;
  let where = '';
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const last = k === segments.length - 1;
    const here = typeof seg === 'number' ? `${where}[${seg}]` : where ? `${where}.${seg}` : seg;
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) throw new Error(`'${where || '(root)'}' is not an array`);
      if (seg >= node.length) throw new Error(`'${here}' does not exist ('${where}' has ${node.length} entries)`);
      if (last) node[seg] = value;
      else node = node[seg];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) {
        throw new Error(`'${where || '(root)'}' is not an object`);
      }
      const obj = node as Record<string, unknown>;
      if (last) obj[seg] = value;
      else {
        if (!Object.prototype.hasOwnProperty.call(obj, seg)) throw new Error(`'${here}' does not exist in the case`);
        node = obj[seg];
      }
    }
    where = here;
  }
}

/** Short text of a value for messages and logs: JSON, cut at 40 characters. */
export function showValue(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
