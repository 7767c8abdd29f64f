import { z } from 'zod';
import { toSI, unitsOf, type Dimension } from './units.js';

/** Range limits checked after conversion to SI. */
export interface QuantityRange { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number }

/**
 * A zod schema for a unit-tagged quantity: a number (SI) or "<number> <unit>"; the output is the SI number.
 * Errors say the allowed units and range; zod adds the JSON path.
 */
export function quantity(dim: Dimension, range: QuantityRange = {}, description = '') {
  const units = unitsOf(dim);
  const rangeText = describeRange(range);
  return z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      let x: number;
      try {
        x = toSI(v, dim);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
      const bad = checkRange(x, range);
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `${bad} (got ${x} in SI units)` });
        return z.NEVER;
      }
      return x;
    })
    .meta({
      description: `${description}${description ? ' ' : ''}SI number${units.length ? ` or "<number> <unit>" with unit in {${units.join(', ')}}` : ''}${rangeText ? `; ${rangeText}` : ''}`,
    });
}

function describeRange(r: QuantityRange): string {
  const parts: string[] = [];
  if (r.exclusiveMin !== undefined) parts.push(`> ${r.exclusiveMin}`);
  if (r.min !== undefined) parts.push(`>= ${r.min}`);
  if (r.exclusiveMax !== undefined) parts.push(`< ${r.exclusiveMax}`);
  if (r.max !== undefined) parts.push(`<= ${r.max}`);
  return parts.length ? `allowed: ${parts.join(' and ')}` : '';
}

function checkRange(x: number, r: QuantityRange): string | null {
  if (r.exclusiveMin !== undefined && !(x > r.exclusiveMin)) return `must be > ${r.exclusiveMin}`;
  if (r.min !== undefined && !(x >= r.min)) return `must be >= ${r.min}`;
  if (r.exclusiveMax !== undefined && !(x < r.exclusiveMax)) return `must be < ${r.exclusiveMax}`;
  if (r.max !== undefined && !(x <= r.max)) return `must be <= ${r.max}`;
  return null;
}
