/**
 * Crash-safe output: single files written via temp-name + fsync + rename, and whole result directories staged
 * in a sibling temp directory that replaces the previous run's directory only once everything was written.
 *
 * Why: a solver run that dies half way (exception, Ctrl-C, full disk) must never leave a half-written VTU or a
 * directory that mixes files of two runs. rename(2) within one directory is atomic on POSIX file systems.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';

function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Writes `data` to an open-able path and fsyncs it before closing, so a later rename publishes complete bytes. */
function writeAndSync(path: string, data: string | Uint8Array, overwrite = false): void {
  // 'wx': never clobber a file we did not create — except in a resumable stage, where a resumed run rewrites
  // the files a killed run left after its last checkpoint (the same bytes, as the run is deterministic).
  const fd = openSync(path, overwrite ? 'w' : 'wx');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Best-effort fsync of a directory so a rename inside it survives a power loss (not supported everywhere). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename itself is still atomic.
  }
}

/**
 * Writes `data` to `path` atomically: a temp file `.<name>.tmp-<pid>-<rand>` in the same directory is written,
 * fsynced and renamed over `path`. Readers see either the old file or the complete new one. Creates the parent
 * directory if needed. On failure the temp file is removed and the error rethrown.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(resolve(path));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.tmp-${uniqueSuffix()}`);
  try {
    writeAndSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // temp file may not exist (open failed); nothing to clean
    }
    throw err;
  }
  syncDir(dir);
}

/** A result directory being built; see {@link createOutputStage}. */
export interface OutputStage {
  /** Final directory (absolute). */
  readonly outDir: string;
  /** Temp directory that receives the writes until {@link OutputStage.commit} (absolute). */
  readonly tempDir: string;
  /** 'open' until commit() or abort() was called. */
  readonly state: 'open' | 'committed' | 'aborted';
  /**
   * Absolute path of `rel` inside the temp directory (parent folders are created), for writers that need a
   * path. Valid only until commit/abort: after commit the file lives under `outDir`.
   */
  path(rel: string): string;
  /** Writes a UTF-8 text file at `rel` (relative, no '..'). */
  writeText(rel: string, s: string): void;
  /** Writes a binary file at `rel` (relative, no '..'). */
  writeBytes(rel: string, buf: Uint8Array): void;
  /** Publishes the temp directory as `outDir`, replacing a previous directory there only after success. */
  commit(): void;
  /** Removes the temp directory; `outDir` is left exactly as it was. Safe to call twice. */
  abort(): void;
  /** Closes the stage but keeps a resumable (`.partial`) temp directory for a later `--resume`. */
  suspend(): void;
}

/** Options of {@link createOutputStage}. */
export interface OutputStageOptions {
  /**
   * Use the fixed temp directory `.<name>.partial` (for checkpointed runs): `resume: true` keeps what a killed
   * or suspended run left there, `resume: false` starts it empty.
   */
  readonly resumable?: { readonly resume: boolean };
}

/**
 * Starts staging a result directory. Writes go to a sibling temp directory `.<name>.tmp-<pid>-<rand>`;
 * `commit()` moves an existing `outDir` aside (`.<name>.old-…`), renames the temp directory to `outDir`, then
 * deletes the old one; `abort()` deletes the temp directory. Limitation: `outDir` must not be a mount point or
 * be in use by another process (both renames happen in the parent directory).
 */
export function createOutputStage(outDir: string, opts: OutputStageOptions = {}): OutputStage {
  const finalDir = resolve(outDir);
  const parent = dirname(finalDir);
  const name = basename(finalDir);
  if (existsSync(finalDir) && !statSync(finalDir).isDirectory()) {
    throw new Error(`output path '${finalDir}' exists and is not a directory`);
  }
  mkdirSync(parent, { recursive: true });
  const tempDir = opts.resumable ? partialDir(finalDir) : join(parent, `.${name}.tmp-${uniqueSuffix()}`);
  if (opts.resumable && !opts.resumable.resume) rmSync(tempDir, { recursive: true, force: true });
  mkdirSync(tempDir, { recursive: true });
  let state: 'open' | 'committed' | 'aborted' = 'open';

  const resolveRel = (rel: string): string => {
    if (state !== 'open') throw new Error(`output stage for '${finalDir}' is ${state}; cannot write '${rel}'`);
    const norm = normalize(rel);
    if (rel.length === 0 || isAbsolute(rel) || norm === '..' || norm.startsWith(`..${sep}`)) {
      throw new Error(`output file name '${rel}' must be a relative path inside the output directory`);
    }
    const full = join(tempDir, norm);
    mkdirSync(dirname(full), { recursive: true });
    return full;
  };

  return {
    outDir: finalDir,
    tempDir,
    get state() {
      return state;
    },
    path: resolveRel,
    writeText(rel: string, s: string): void {
      writeAndSync(resolveRel(rel), s, opts.resumable !== undefined);
    },
    writeBytes(rel: string, buf: Uint8Array): void {
      writeAndSync(resolveRel(rel), buf, opts.resumable !== undefined);
    },
    commit(): void {
      if (state !== 'open') throw new Error(`output stage for '${finalDir}' is already ${state}`);
      syncDir(tempDir);
      let old: string | null = null;
      if (existsSync(finalDir)) {
        old = join(parent, `.${name}.old-${uniqueSuffix()}`);
        renameSync(finalDir, old);
      }
      try {
        renameSync(tempDir, finalDir);
      } catch (err) {
        if (old !== null) renameSync(old, finalDir); // put the previous results back
        throw err;
      }
      state = 'committed';
      syncDir(parent);
      if (old !== null) rmSync(old, { recursive: true, force: true });
    },
    abort(): void {
      if (state === 'committed') return;
      state = 'aborted';
      rmSync(tempDir, { recursive: true, force: true });
    },
    suspend(): void {
      if (state !== 'open') return;
      syncDir(tempDir);
      state = 'aborted';
    },
  };
}

/** The fixed temp directory of a resumable stage for `outDir`: `<parent>/.<name>.partial`. */
export function partialDir(outDir: string): string {
  const finalDir = resolve(outDir);
  return join(dirname(finalDir), `.${basename(finalDir)}.partial`);
}

/**
 * Runs `fn` with a fresh stage for `outDir`: commits when `fn` resolves, aborts (and rethrows) when it throws,
 * so a failed run leaves the previous results untouched and no temp directory behind.
 */
export async function withOutputStage<T>(outDir: string, fn: (stage: OutputStage) => T | Promise<T>): Promise<T> {
  const stage = createOutputStage(outDir);
  try {
    const result = await fn(stage);
    stage.commit();
    return result;
  } catch (err) {
    stage.abort();
    throw err;
  }
}
