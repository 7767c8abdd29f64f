import type { Mesh } from '../mesh.js';
import { ringMesh, type RingGeneratorOptions } from './rings.js';

export interface DiskOptions extends RingGeneratorOptions {
  /** Outer radius, metres. The core region defaults to 'core'. */
  readonly radius: number;
}

/**
 * A disk (or half/quarter disk) of concentric node rings, quasi-uniform with cell size ≈ h, not aligned with
 * any direction (see `rings.ts`). Regions: core, then the shells. Boundaries: 'outer' (outer circle minus the
 * arcs), 'axis' (x = 0; half and quarter), 'bottom' (y = 0; quarter), each arc by name (arc ends are nodes;
 * the first arc containing a facet's mid angle takes it), and `<inner>|<outer>` at each shell radius (facets of
 * the inner region's cells; the shell radius is exactly a node ring). order 2 → tri6 whose midside nodes on
 * the outer circle and the shell circles lie on the circles (isoparametric), elsewhere at edge midpoints.
 */
export function diskMesh(opts: DiskOptions): Mesh {
  return ringMesh({
    caller: 'diskMesh',
    innerRadius: 0,
    outerRadius: opts.radius,
    coreName: opts.coreName ?? 'core',
    shells: opts.shells ?? [],
    sector: opts.sector ?? 'full',
    h: opts.h,
    nRings: opts.nRings,
    order: opts.order ?? 1,
    arcs: opts.arcs ?? [],
  });
}
