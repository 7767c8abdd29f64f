/**
 * Axis tick positions and labels: "nice" steps 1, 2, 2.5, 5 × 10^k for linear axes, decades (with 2 and 5
 * subdivisions for short ranges) for logarithmic ones.
 */

/** Step of about (max − min)/target rounded to 1, 2, 2.5 or 5 × 10^k. */
export function niceStep(min: number, max: number, target = 6): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, target);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  const nice = m < 1.5 ? 1 : m < 2.25 ? 2 : m < 3.5 ? 2.5 : m < 7.5 ? 5 : 10;
  return nice * p;
}

/**
 * Ticks k·step inside [min, max] (inclusive up to 1e-9 of the span), about `target` of them. Values are
 * snapped to the step so that e.g. 0.30000000000000004 prints as 0.3.
 */
export function niceTicks(min: number, max: number, target = 6): number[] {
  if (!(max > min)) return Number.isFinite(min) ? [min] : [];
  return ticksForStep(min, max, niceStep(min, max, target));
}

/** Multiples of `step` inside [min, max] (inclusive up to 1e-9 of the span), snapped to the step's decimals. */
export function ticksForStep(min: number, max: number, step: number): number[] {
  if (!(max >= min) || !(step > 0)) return [];
  const eps = 1e-9 * Math.max(max - min, step);
  const k0 = Math.ceil((min - eps) / step);
  const k1 = Math.floor((max + eps) / step);
  const out: number[] = [];
  for (let k = k0; k <= k1; k++) out.push(snap(k * step, step));
  return out;
}

function snap(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const r = Number(v.toFixed(Math.min(20, digits)));
  return Math.abs(r) < step * 1e-9 ? 0 : r;
}

/** Ticks for a log axis over [min, max] (> 0): decades, or 1-2-5 per decade when the range spans < 3 decades. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const d0 = Math.floor(Math.log10(min));
  const d1 = Math.ceil(Math.log10(max));
  const mult = d1 - d0 < 3 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil((d1 - d0) / 8));
  const out: number[] = [];
  for (let d = d0; d <= d1; d++) {
    if ((d - d0) % every !== 0) continue;
    for (const m of mult) {
      const v = Number((m * Math.pow(10, d)).toPrecision(12));
      if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) out.push(v);
    }
  }
  return out;
}

/**
 * Label for tick value `v` on an axis with spacing `step`: plain decimals with just enough digits to tell
 * neighbouring ticks apart, or `1.5e-7` style when |v| ≥ 1e5 or the step is < 1e-3.
 */
export function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || step < 1e-3) {
    const s = v.toExponential(Math.max(0, Math.min(6, Math.ceil(Math.log10(a / step) - 1e-9))));
    const [m, e] = s.split('e');
    const mant = m!.includes('.') ? m!.replace(/0+$/, '').replace(/\.$/, '') : m!;
    return `${mant}e${Number(e)}`;
  }
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9) + (niceMantissaHasHalf(step) ? 1 : 0));
  return v.toFixed(Math.min(20, decimals));
}

/** 2.5 × 10^k steps need one more decimal than the power of ten suggests. */
function niceMantissaHasHalf(step: number): boolean {
  const m = step / Math.pow(10, Math.floor(Math.log10(step)));
  return Math.abs(m - 2.5) < 1e-9;
}

/** Label for a log-axis tick: 1e-3, 2e-3, 0.01 … 100, 1e3 … */
export function formatLogTick(v: number): string {
  const e = Math.floor(Math.log10(v) + 1e-12);
  if (e >= -2 && e <= 3) return String(Number(v.toPrecision(6)));
  const m = Number((v / Math.pow(10, e)).toPrecision(6));
  return `${m}e${e}`;
}
