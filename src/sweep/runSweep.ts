/**
 * Planning and running a sweep. Every member case is validated before anything runs (a bad value fails with the
 * member index and JSON path, exit 2), the manifest `DIR/sweep.json` is written atomically, and each member runs
 * through runCase into `DIR/member-XXXX/`. A member that fails leaves `DIR/member-XXXX/FAILED` (one line: the
 * error) and the sweep carries on with the next member, exiting non-zero at the end.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCase } from '../case/parseCase.js';
import type { CaseSpec } from '../case/caseSchema.js';
import { CaseError } from '../case/caseError.js';
import { buildMesh } from '../case/buildMesh.js';
import { resolveCase } from '../case/resolveCase.js';
import { runCase, ECMFEM_VERSION } from '../case/runCase.js';
import { setSolverThreads } from '../case/createSolver.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import type { Progress } from '../io/progress.js';
import { LinearSolveError } from '../linalg/linearSolver.js';
import type { Mesh } from '../mesh/mesh.js';
import { parseSetArgs, type SweepSet } from './sweepSpec.js';
import { describeMember, memberCaseJson, memberCount, memberDirName, memberValues } from './members.js';

/** Largest sweep accepted: a guard against a typo multiplying value lists into millions of runs. */
export const MAX_MEMBERS = 100_000;

/** Manifest file name inside the sweep directory. */
export const MANIFEST = 'sweep.json';
/** Marker file of a failed member (one line: the error). */
export const FAILED_MARKER = 'FAILED';

/** A validated sweep: the base case, the sets, and the parsed case of every member. */
export interface SweepPlan {
  /** Absolute path of the base case file. */
  readonly caseFile: string;
  /** Directory of the case file (relative mesh paths resolve against it). */
  readonly caseDir: string;
  /** Absolute sweep directory. */
  readonly outDir: string;
  /** SHA-256 of the case file text: a changed case must not mix with old members. */
  readonly caseHash: string;
  /** The `--set` arguments as given (re-emitted verbatim into sbatch scripts). */
  readonly setArgs: readonly string[];
  readonly sets: readonly SweepSet[];
  /** Member count n = Π |values|. */
  readonly n: number;
  /** Validated case of each member [n]. */
  readonly specs: readonly CaseSpec[];
}

/** What `sweep.json` holds. */
export interface SweepManifest {
  readonly kind: 'ecmfem-sweep';
  readonly ecmfem: string;
  readonly case: string;
  readonly caseHash: string;
  readonly sets: { path: string; values: unknown[] }[];
  readonly count: number;
  readonly members: { index: number; dir: string; values: Record<string, unknown> }[];
}

/** Reads the base case as raw JSON (same messages as `ecmfem run`). */
function readCaseJson(file: string): { json: unknown; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CaseError('', `cannot read case file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { json: JSON.parse(text), text };
  } catch (e) {
    throw new CaseError('', `case file '${file}' is not valid JSON: ${(e as Error).message}`);
  }
}

/** One line for a member-level problem: `sweep member 3 of 4 (a=1, b="x"): <what>`. */
function memberError(plan: { sets: readonly SweepSet[]; n: number }, i: number, what: string): CaseError {
  return new CaseError('', `sweep member ${i} of ${plan.n} (${describeMember(plan.sets, i)}): ${what}`);
}

/**
 * Parses the `--set` arguments and validates every member case with the case schema. Throws CaseError (exit 2)
 * naming the member index, its values and the JSON path of the first problem. `outDir` defaults to
 * `results/<case name>-sweep`.
 */
export function planSweep(caseFile: string, setArgs: readonly string[], outDir?: string): SweepPlan {
  const file = resolve(caseFile);
  const { json, text } = readCaseJson(file);
  const sets = parseSetArgs(setArgs);
  const n = memberCount(sets);
  if (n > MAX_MEMBERS) throw new CaseError('', `the sweep has ${n} members, more than the limit of ${MAX_MEMBERS}`);
  const specs: CaseSpec[] = [];
  for (let i = 0; i < n; i++) {
    let member: unknown;
    try {
      member = memberCaseJson(json, sets, i);
    } catch (e) {
      throw memberError({ sets, n }, i, (e as Error).message);
    }
    try {
      specs.push(parseCase(member));
    } catch (e) {
      if (e instanceof CaseError) throw memberError({ sets, n }, i, e.message);
      throw e;
    }
  }
  return {
    caseFile: file, caseDir: dirname(file), outDir: resolve(outDir ?? `results/${specs[0]!.name}-sweep`),
    caseHash: createHash('sha256').update(text).digest('hex'), setArgs: [...setArgs], sets, n, specs,
  };
}

/**
 * The checks that need the mesh (region, boundary and material names; mesh files), for every member: each
 * distinct mesh is built once. Run before a whole sweep or a job submission so that no array task can fail on
 * a name; throws CaseError naming the member.
 */
export function checkMembersAgainstMesh(plan: SweepPlan): void {
  const meshes = new Map<string, Mesh>();
  plan.specs.forEach((spec, i) => {
    try {
      const key = JSON.stringify([spec.mesh, spec.elementOrder, spec.refine]);
      let mesh = meshes.get(key);
      if (!mesh) {
        mesh = buildMesh(spec.mesh, spec.elementOrder, spec.refine, plan.caseDir);
        meshes.set(key, mesh);
      }
      resolveCase(spec, mesh);
    } catch (e) {
      if (e instanceof CaseError) throw memberError(plan, i, e.message);
      throw e;
    }
  });
}

/** The manifest of a plan (no time stamps: every array task computes identical bytes). */
export function sweepManifest(plan: SweepPlan): SweepManifest {
  return {
    kind: 'ecmfem-sweep', ecmfem: ECMFEM_VERSION, case: plan.caseFile, caseHash: plan.caseHash,
    sets: plan.sets.map((s) => ({ path: s.path, values: [...s.values] })),
    count: plan.n,
    members: Array.from({ length: plan.n }, (_, i) => {
      const v = memberValues(plan.sets, i);
      return { index: i, dir: memberDirName(i, plan.n), values: Object.fromEntries(plan.sets.map((s, k) => [s.path, v[k]])) };
    }),
  };
}

/**
 * Writes `DIR/sweep.json` atomically. A directory that already holds a different sweep (other case file, case
 * content or sets) is refused with a CaseError so that members of two sweeps never mix; an identical manifest
 * is left as it is (array tasks all call this).
 */
export function writeManifest(plan: SweepPlan): string {
  const path = join(plan.outDir, MANIFEST);
  const text = JSON.stringify(sweepManifest(plan), null, 2) + '\n';
  if (existsSync(path)) {
    let old = '';
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      // unreadable: treated as different below
    }
    if (old === text) return path;
    throw new CaseError('--out', `'${plan.outDir}' already holds a different sweep (${MANIFEST} differs: other case file, case content or --set values); use another --out or delete it`);
  }
  writeFileAtomic(path, text);
  return path;
}

/** Outcome of one member. `code` is the CLI exit code it would have on its own (0 ok, 1, 2, 3). */
export interface MemberOutcome {
  readonly index: number;
  readonly dir: string;
  readonly code: number;
  /** The error line (failed members only). */
  readonly error?: string;
  readonly seconds: number;
}

export interface SweepRunOptions {
  /** Diagnostics sink (stderr lines in the CLI); omitted = silent. */
  readonly log?: (line: string) => void;
  /** Progress reporter per member (time loops only). */
  readonly progress?: (index: number) => Progress;
  /**
   * Threads of the members' CG + AMG solves (default 1), set for the process before each member. Results do
   * not depend on it; the wall time does. Direct and GMRES + ILU(0) solves are serial whatever this is.
   */
  readonly threads?: number;
}

/** What a member's results.json states about how it was run (`run` key, added by the sweep). */
export interface MemberRunInfo {
  readonly command: 'sweep';
  readonly member: number;
  /** Solver threads in effect (see {@link SweepRunOptions.threads}). */
  readonly threads: number;
  /** Wall time of the member (mesh, solves, outputs), s. The first member of a process also starts the thread pool. */
  readonly wallSeconds: number;
}

/** Exit code and one-line text of an error, with the CLI's classification. */
export function classifyError(e: unknown): { code: number; line: string } {
  const msg = (e as Error)?.message ?? String(e);
  const oneLine = msg.replace(/\s*\n\s*/g, ' ');
  if (e instanceof CaseError) return { code: 2, line: `error: ${oneLine}` };
  if (e instanceof LinearSolveError) return { code: 3, line: `solver failure: ${oneLine}` };
  return { code: 1, line: `internal error: ${oneLine}` };
}

/**
 * Runs member `i` into `DIR/member-XXXX/` (replaced atomically on success). On failure writes
 * `DIR/member-XXXX/FAILED` with the error line and returns the exit code instead of throwing.
 */
export function runMember(plan: SweepPlan, i: number, opts: SweepRunOptions = {}): MemberOutcome {
  const name = memberDirName(i, plan.n);
  const dir = join(plan.outDir, name);
  const log = opts.log;
  const threads = opts.threads ?? 1;
  setSolverThreads(threads);
  const t0 = performance.now();
  log?.(`${name} (${i + 1}/${plan.n}): ${describeMember(plan.sets, i)}`);
  try {
    const r = runCase(plan.specs[i]!, {
      caseDir: plan.caseDir, outDir: dir,
      ...(log ? { log: (line: string) => log(`${name}: ${line}`) } : {}),
      ...(opts.progress ? { progress: opts.progress(i) } : {}),
    });
    // runCase has committed DIR/member-XXXX; the sweep adds how the member ran (same text plus a `run` key).
    const run: MemberRunInfo = { command: 'sweep', member: i, threads, wallSeconds: (performance.now() - t0) / 1000 };
    writeFileAtomic(join(dir, 'results.json'), JSON.stringify({ ...r.results, run }, null, 2) + '\n');
  } catch (e) {
    const { code, line } = classifyError(e);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, FAILED_MARKER), `${line}\n`);
    return { index: i, dir, code, error: line, seconds: (performance.now() - t0) / 1000 };
  }
  return { index: i, dir, code: 0, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Runs the members listed (default: all, in index order) one after the other. Returns their outcomes; the
 * caller turns them into an exit code (see {@link sweepExitCode}).
 */
export function runMembers(plan: SweepPlan, indices: readonly number[], opts: SweepRunOptions = {}): MemberOutcome[] {
  return indices.map((i) => runMember(plan, i, opts));
}

/** 0 when every member succeeded, else the exit code of the first failed member (2 input, 3 solver, 1 internal). */
export function sweepExitCode(outcomes: readonly MemberOutcome[]): number {
  return outcomes.find((o) => o.code !== 0)?.code ?? 0;
}
