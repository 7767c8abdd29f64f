/**
 * The `--threads N|auto` flag shared by the commands that solve (reproduce, sweep): a positive integer up to
 * MAX_THREADS, or 'auto'; absent = {@link defaultThreadCount} (SLURM_CPUS_PER_TASK, else all cores).
 */
import { UsageError } from './usageError.js';
import { MAX_THREADS, defaultThreadCount, parseThreads } from '../parallel/threads.js';

/**
 * Thread count from the flag's text (undefined = not given). A bad value throws a UsageError (exit 2) whose one
 * line names the flag and the allowed range, e.g. `invalid --threads 'abc': expected an integer between 1 and 1024 or 'auto'`.
 */
export function threadsFromFlag(value: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (value === undefined) return defaultThreadCount(env);
  try {
    return parseThreads(value, env);
  } catch {
    throw new UsageError(`invalid --threads '${value}': expected an integer between 1 and ${MAX_THREADS} or 'auto'`);
  }
}
