import type { Mesh } from '../mesh.js';
import { ringMesh, type RingGeneratorOptions } from './rings.js';

export interface AnnulusOptions extends RingGeneratorOptions {
  /** Radii, metres, 0 < innerRadius < outerRadius. The innermost region defaults to 'annulus'. */
  readonly innerRadius: number;
  readonly outerRadius: number;
}

/**
 * An annulus (or half/quarter annulus) built like {@link diskMesh} without the centre. Boundaries: 'inner',
 * 'outer' (minus arcs), 'axis' (x = 0; half and quarter), 'bottom' (y = 0; quarter), arcs, and
 * `<inner>|<outer>` at each shell radius. order 2 curves the inner, outer and shell circles.
 */
export function annulusMesh(opts: AnnulusOptions): Mesh {
  if (!(opts.innerRadius > 0)) throw new Error(`annulusMesh: innerRadius must be > 0, got ${opts.innerRadius} (use diskMesh for a full disk)`);
  return ringMesh({
    caller: 'annulusMesh',
    innerRadius: opts.innerRadius,
    outerRadius: opts.outerRadius,
    coreName: opts.coreName ?? 'annulus',
    shells: opts.shells ?? [],
    sector: opts.sector ?? 'full',
    h: opts.h,
    nRings: opts.nRings,
    order: opts.order ?? 1,
    arcs: opts.arcs ?? [],
  });
}
