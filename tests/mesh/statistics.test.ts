import { describe, expect, it } from 'vitest';
import { createMesh } from '../../src/mesh/createMesh.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { cellAreas, meshStatistics } from '../../src/mesh/statistics.js';

describe('meshStatistics', () => {
  it('unit square 2×2: eight right isosceles triangles', () => {
    const s = meshStatistics(unitSquareMesh(2));
    // Right isosceles with legs a: r_in = (2a − a√2)/2, r_circ = a√2/2 ⇒ 2 r_in / r_circ = 2(√2 − 1).
    const q = 2 * (Math.SQRT2 - 1);
    expect(s).toMatchObject({ nPoints: 9, nCells: 8 });
    expect(s.area).toBeCloseTo(1, 15);
    expect(s.areaByRegion).toEqual({ domain: s.area });
    for (const h of [s.hMin, s.hMax, s.hMean]) expect(h).toBeCloseTo(0.5 * Math.SQRT2, 15);
    expect(s.minQuality).toBeCloseTo(q, 14);
    expect(s.meanQuality).toBeCloseTo(q, 14);
  });

  it('equilateral triangle has quality 1; a flat one 0; areas by region add up', () => {
    const m = createMesh({
      cellType: 'tri3',
      points: [0, 0, 2, 0, 1, Math.sqrt(3), 3, Math.sqrt(3), 4, 0],
      cells: [0, 1, 2, 2, 1, 3, 1, 4, 3],
      cellRegion: [0, 1, 1],
      regionNames: ['a', 'b'],
    });
    const s = meshStatistics(m);
    expect(s.minQuality).toBeCloseTo(1, 14);
    expect(s.hMin).toBeCloseTo(2, 14);
    expect(s.areaByRegion.a).toBeCloseTo(Math.sqrt(3), 14);
    expect(s.areaByRegion.b).toBeCloseTo(2 * Math.sqrt(3), 14);
    const flat = createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 2, 0], cells: [0, 1, 2] });
    expect(meshStatistics(flat).minQuality).toBe(0);
  });

  it('tri6 area includes the curved edge: Archimedes parabolic segment (2/3 · chord · sagitta)', () => {
    const p2 = elevateToP2(createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 0, 1], cells: [0, 1, 2] }));
    const pts = p2.points.slice();
    const d = 0.1;
    pts[2 * p2.cells[3]! + 1] = -d; // midside node of edge (0,1) pushed outwards by d
    const curved = { ...p2, points: pts };
    expect(cellAreas(curved)[0]).toBeCloseTo(0.5 + (2 / 3) * 1 * d, 15);
    expect(meshStatistics(curved).area).toBeCloseTo(0.5 + (2 / 3) * d, 15);
  });
});
