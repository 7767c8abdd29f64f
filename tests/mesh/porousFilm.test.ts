import { describe, it, expect } from 'vitest';
import { porousFilmMesh } from '../../src/mesh/generators/porousFilm.js';
import { validateMesh } from '../../src/mesh/validate.js';
import type { Mesh } from '../../src/mesh/mesh.js';

function sideCoordinates(mesh: Mesh, name: string, axis: 0 | 1): number[] {
  const fs = mesh.boundaries.get(name)!;
  const set = new Set<number>();
  for (let f = 0; f < fs.cells.length; f++) {
    for (const a of [fs.localFacets[f]!, (fs.localFacets[f]! + 1) % 3]) set.add(mesh.points[2 * mesh.cells[fs.cells[f]! * mesh.nodesPerCell + a]! + axis]!);
  }
  return [...set].sort((a, b) => a - b);
}

describe('porousFilmMesh', () => {
  const t = 1.55e-6, w = 1.0e-6;

  it('area = w·t − Σ pore areas (polygonal error), porosity ±2 %, boundaries, quality, periodic sides', () => {
    for (const phi of [0.2, 0.4]) {
      const g = porousFilmMesh({ thickness: t, width: w, porosity: phi, h: t / 50, seed: 2 });
      expect(validateMesh(g.mesh).problems).toEqual([]);
      let poreArea = 0;
      for (let i = 0; i < g.pores.length / 3; i++) poreArea += Math.PI * g.pores[3 * i + 2]! ** 2;
      const h = t / 50;
      // Σ over pores of the chord deficit ≤ 2πr·h²/(12 r) = πh²/6 per pore.
      expect(Math.abs(g.statistics.area - (w * t - poreArea))).toBeLessThan((g.pores.length / 3) * Math.PI * h * h / 6);
      expect(Math.abs(1 - g.statistics.area / (w * t) - phi)).toBeLessThan(0.02);
      expect(g.statistics.minQuality).toBeGreaterThan(0.3);
      for (const name of ['bottom', 'top', 'left', 'right', 'pores']) expect(g.mesh.boundaries.get(name)!.cells.length).toBeGreaterThan(0);
      expect(sideCoordinates(g.mesh, 'left', 1)).toEqual(sideCoordinates(g.mesh, 'right', 1));
      expect(sideCoordinates(g.mesh, 'bottom', 1)).toEqual([0]);
      const top = sideCoordinates(g.mesh, 'top', 1);
      expect(top.length).toBe(1); // one straight line (snapping keeps it exactly level)
      expect(Math.abs(top[0]! - t)).toBeLessThan(1e-7 * t);
      // Pores keep ≥ minGap/2 from the lateral edges and the default gap t/40 from substrate and surface.
      for (let i = 0; i < g.pores.length / 3; i++) {
        const [x, y, r] = [g.pores[3 * i]!, g.pores[3 * i + 1]!, g.pores[3 * i + 2]!];
        expect(Math.min(x - r, w - x - r)).toBeGreaterThanOrEqual(t / 80 - 1e-15);
        expect(Math.min(y - r, t - y - r)).toBeGreaterThanOrEqual(t / 40 - 1e-15);
      }
    }
  });

  it('P2: pore midside nodes on the circles, mesh valid; dense film has no pores', () => {
    const g = porousFilmMesh({ thickness: t, width: w, porosity: 0.4, h: t / 40, seed: 3, order: 2 });
    expect(validateMesh(g.mesh).problems).toEqual([]);
    const fs = g.mesh.boundaries.get('pores')!;
    let worst = 0;
    for (let f = 0; f < fs.cells.length; f++) {
      const m = g.mesh.cells[fs.cells[f]! * 6 + 3 + fs.localFacets[f]!]!;
      const x = g.mesh.points[2 * m]!, y = g.mesh.points[2 * m + 1]!;
      let d = Infinity;
      for (let i = 0; i < g.pores.length / 3; i++) d = Math.min(d, Math.abs(Math.hypot(x - g.pores[3 * i]!, y - g.pores[3 * i + 1]!) - g.pores[3 * i + 2]!));
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThan(1e-6 * t); // snapping grid of the mesher: 2^-24 of the box
    const d = porousFilmMesh({ thickness: 1e-6, width: 0.5e-6, porosity: 0, h: 1e-6 / 20 });
    expect(d.pores.length).toBe(0);
    expect(d.statistics.area).toBeCloseTo(0.5e-12, 24);
    expect(d.statistics.minQuality).toBeGreaterThan(0.3);
  });
});
