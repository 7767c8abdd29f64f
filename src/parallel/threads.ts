import { availableParallelism } from 'node:os';

/** Largest thread count accepted by {@link parseThreads}: a guard against typos such as `--threads 1000000`. */
export const MAX_THREADS = 1024;

/**
 * Default number of threads for a run: `SLURM_CPUS_PER_TASK` when it is set to a positive integer (the CPUs a
 * batch scheduler actually granted), else `os.availableParallelism()`. An unset or malformed variable falls back
 * silently because the environment is not under the user's control inside a job script.
 */
export function defaultThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const slurm = env['SLURM_CPUS_PER_TASK'];
  if (slurm !== undefined) {
    const t = slurm.trim();
    if (/^[0-9]+$/.test(t)) {
      const v = Number(t);
      if (v >= 1 && v <= MAX_THREADS) return v;
    }
  }
  return Math.max(1, availableParallelism());
}

/**
 * Parses a user-given thread count (CLI flag or case file): a positive integer ≤ {@link MAX_THREADS}, given as
 * a number or a decimal string, or `'auto'` for {@link defaultThreadCount}. Throws a RangeError naming the bad
 * value otherwise.
 */
export function parseThreads(value: string | number, env: NodeJS.ProcessEnv = process.env): number {
  if (typeof value === 'string') {
    const t = value.trim();
    if (t.toLowerCase() === 'auto') return defaultThreadCount(env);
    if (!/^[0-9]+$/.test(t)) throw new RangeError(`invalid thread count '${value}': expected a positive integer or 'auto'`);
    value = Number(t);
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_THREADS) {
    throw new RangeError(`invalid thread count '${value}': expected an integer between 1 and ${MAX_THREADS} or 'auto'`);
  }
  return value;
}
