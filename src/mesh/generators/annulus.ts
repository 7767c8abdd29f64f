import type { Mesh } from '../mesh.js';
import { ringMesh, type ArcSpec, type Sector, type ShellSpec } from './rings.js';

export interface AnnulusOptions {
  /** Radii, metres, 0 < innerRadius < outerRadius. */
  readonly innerRadius: number;
  readonly outerRadius: number;
  /** Shells, each from its innerRadius outwards (strictly between the two radii). */
  readonly shells?: readonly ShellSpec[];
  /** Name of the innermost region (default 'annulus'). */
  readonly coreName?: string;
  /** 'full', 'half' (x ≥ 0) or 'quarter' (x ≥ 0, y ≥ 0). Default 'full'. */
  readonly sector?: Sector;
  /** Target cell size, metres (give this or nRings). */
  readonly h?: number;
  /** Number of ring spacings from the inner to the outer radius (overrides h). */
  readonly nRings?: number;
  readonly order?: 1 | 2;
  /** Named pieces of the outer circle, as in the disk. */
  readonly arcs?: readonly ArcSpec[];
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
