import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { caseSchema, type CaseSpec } from './caseSchema.js';
import { CaseError, formatPath } from './caseError.js';
import { resolveLibraryMaterial, type MaterialOverrides } from '../materials/library.js';

/**
 * Replaces `library` references by the library's values with the case's overrides applied (all SI by now),
 * keeping the provenance (library value, override, source, confidence) for results.json.
 */
function applyMaterialLibrary(spec: CaseSpec): CaseSpec {
  for (const [name, m] of Object.entries(spec.materials)) {
    if (!m.library) continue;
    const overrides: MaterialOverrides = {};
    for (const k of ['conductivity', 'youngsModulus', 'poissonRatio', 'volumeRatio', 'density', 'x'] as const) {
      const v = m[k];
      if (v !== undefined) overrides[k] = v;
    }
    let res;
    try {
      res = resolveLibraryMaterial(m.library, overrides);
    } catch (e) {
      throw new CaseError(`materials.${name}.library`, (e as Error).message);
    }
    const r = res.record;
    spec.materials[name] = {
      ...m, conductivity: r.conductivity, youngsModulus: r.youngsModulus, poissonRatio: r.poissonRatio,
      // The library's V/V0 is relative to unlithiated Si: it drives swelling only where this material is the
      // reacted phase of a level set, never as a region's own eigenstrain (a Li21Si5 layer is stress-free as built).
      ...(r.volumeRatio !== undefined ? { siVolumeRatio: r.volumeRatio } : {}),
      ...(r.density !== undefined ? { density: r.density } : {}),
      provenance: res.provenance as unknown as Record<string, unknown>,
    };
  }
  return spec;
}

/**
 * Validates a parsed JSON value as a case. Throws {@link CaseError} naming the JSON path of the first
 * problem (the most specific one for unions) and what is allowed. Fills defaults; converts units to SI.
 */
export function parseCase(json: unknown): CaseSpec {
  const r = caseSchema.safeParse(json);
  if (r.success) return applyMaterialLibrary(r.data);
  const issue = mostSpecific(r.error.issues);
  throw new CaseError(formatPath(issue.path), describe(issue));
}

/** Reads and validates a case file. */
export function readCaseFile(file: string): CaseSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CaseError('', `cannot read case file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CaseError('', `case file '${file}' is not valid JSON: ${(e as Error).message}`);
  }
  return parseCase(json);
}

type Issue = z.core.$ZodIssue;

/** Descends into union failures and picks the branch issue with the longest path. */
function mostSpecific(issues: readonly Issue[]): Issue {
  let best = issues[0]!;
  for (const i of issues) {
    let cand: Issue = i;
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      const inner = i.errors.map((errs) => mostSpecific(errs.map((e) => ({ ...e, path: [...i.path, ...e.path] }) as Issue)));
      cand = inner.reduce((a, b) => (b.path.length > a.path.length ? b : a));
      // a union of literals (e.g. elementOrder 1 | 2): name every allowed value, not just the first branch's
      if (inner.every((x) => x.code === 'invalid_value' && x.path.length === i.path.length)) {
        cand = { ...cand, values: inner.flatMap((x) => (x.code === 'invalid_value' ? x.values : [])) } as Issue;
      }
    }
    if (cand.path.length > best.path.length || best.code === 'invalid_union') best = cand;
  }
  return best;
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_union': {
      // a discriminated union with an unknown tag lists its tags in `options`
      const options = (issue as { options?: unknown[] }).options;
      return Array.isArray(options) && options.length > 0
        ? `must be one of ${options.map((v) => JSON.stringify(v)).join(', ')}`
        : 'does not match any allowed form';
    }
    case 'unrecognized_keys':
      return `unknown key(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return issue.message.replace(/^Invalid input: /, '');
    default:
      return issue.message;
  }
}
