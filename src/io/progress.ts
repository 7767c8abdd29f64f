/**
 * Progress for long runs: a one-line bar redrawn on a TTY, plain log lines otherwise (at most one per
 * `intervalSeconds`, so cluster logs stay readable). Writes to the given stream (stderr in the CLI).
 */
export interface Progress {
  /** fraction in [0, 1]; `text` describes the state (step, t, dt). */
  update(fraction: number, text: string): void;
  done(text: string): void;
}

export function createProgress(opts: { stream?: NodeJS.WriteStream; quiet?: boolean; intervalSeconds?: number; label?: string } = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) return { update() {}, done() {} };
  const tty = stream.isTTY === true;
  const interval = (opts.intervalSeconds ?? (tty ? 0.1 : 10)) * 1000;
  const label = opts.label ?? 'ecmfem';
  const start = Date.now();
  let last = -Infinity;
  const eta = (f: number) => {
    const el = (Date.now() - start) / 1000;
    if (f <= 0) return '?';
    const s = (el * (1 - f)) / f;
    return s < 60 ? `${s.toFixed(0)} s` : s < 3600 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
  };
  return {
    update(fraction, text) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      const f = Math.min(1, Math.max(0, fraction));
      if (tty) {
        const w = 30, k = Math.round(f * w);
        stream.write(`\r[${label}] [${'#'.repeat(k)}${'.'.repeat(w - k)}] ${(100 * f).toFixed(1)}% ${text} ETA ${eta(f)}\x1b[K`);
      } else {
        stream.write(`[${label}] ${(100 * f).toFixed(1)}% ${text} ETA ${eta(f)}\n`);
      }
    },
    done(text) {
      if (tty) stream.write(`\r\x1b[K`);
      stream.write(`[${label}] ${text}\n`);
    },
  };
}
