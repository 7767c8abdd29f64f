import { describe, it, expect } from 'vitest';
import { porousDiskMesh } from '../../src/mesh/generators/porousDisk.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { meshStatistics } from '../../src/mesh/statistics.js';
import { buildEdges } from '../../src/mesh/topology.js';
import type { Mesh } from '../../src/mesh/mesh.js';

const R = 0.5e-6;

/** Least-squares slope of log(err) vs log(h). */
function slope(h: number[], e: number[]): number {
  const X = h.map(Math.log), Y = e.map(Math.log);
  const mx = X.reduce((a, b) => a + b) / X.length, my = Y.reduce((a, b) => a + b) / Y.length;
  let num = 0, den = 0;
  X.forEach((x, i) => { num += (x - mx) * (Y[i]! - my); den += (x - mx) ** 2; });
  return num / den;
}

/** Sorted coordinates (along the side) of the vertices on a boundary. */
function sideCoordinates(mesh: Mesh, name: string, axis: 0 | 1): number[] {
  const fs = mesh.boundaries.get(name)!;
  const set = new Set<number>();
  for (let f = 0; f < fs.cells.length; f++) {
    for (const a of [fs.localFacets[f]!, (fs.localFacets[f]! + 1) % 3]) set.add(mesh.points[2 * mesh.cells[fs.cells[f]! * mesh.nodesPerCell + a]! + axis]!);
  }
  return [...set].sort((a, b) => a - b);
}

describe('porousDiskMesh (built-in Delaunay mesher)', () => {
  it('solid area = πR² − Σ pore areas within the polygonal error, converging at rate 2 in h', () => {
    const hs = [R / 32, R / 45, R / 64];
    const errs: number[] = [];
    let exact = 0;
    for (const h of hs) {
      const g = porousDiskMesh({ radius: R, porosity: 0.4, h, seed: 9 });
      const v = validateMesh(g.mesh);
      expect(v.problems).toEqual([]);
      let poreArea = 0;
      for (let i = 0; i < g.pores.length / 3; i++) poreArea += Math.PI * g.pores[3 * i + 2]! ** 2;
      exact = Math.PI * R * R - poreArea;
      const A = g.statistics.area;
      // Chords of length ≤ h on a circle of radius r cut off ≤ h²/(12 r)·(arc length) … summed: ≤ Σ 2πr·h²/(12r).
      const bound = ((2 * Math.PI * hs.length) / 12) * h * h * (1 + g.pores.length / 3);
      expect(Math.abs(A - exact)).toBeLessThan(bound);
      errs.push(Math.abs(A - exact));
      expect(g.statistics.minQuality).toBeGreaterThan(0.3);
    }
    // Polygonal area error of inscribed chords is O(h²): the fitted rate over a 2× range of h is 2 ± 0.3
    // (ceil() in the chord counts makes h_eff jitter by a few %).
    expect(slope(hs, errs)).toBeGreaterThan(1.7);
    expect(slope(hs, errs)).toBeLessThan(2.3);
  });

  it('hits the target porosity within ±2 % and names regions and boundaries (fibre in a matrix, P2)', () => {
    for (const phi of [0.2, 0.4, 0.55]) {
      const g = porousDiskMesh({ radius: R, porosity: phi, h: R / 30, matrixSize: 4e-6, seed: 4, order: 2 });
      const m = g.mesh;
      expect(validateMesh(m).problems).toEqual([]);
      const s = meshStatistics(m);
      // P2 with midside nodes on the circles: area exact to O(h⁴); porosity from the mesh, not from the circles.
      const meshPorosity = 1 - s.areaByRegion.fiber! / (Math.PI * R * R);
      expect(Math.abs(meshPorosity - phi)).toBeLessThan(0.02);
      expect(s.areaByRegion.matrix!).toBeCloseTo(16e-12 - Math.PI * R * R, 15);
      expect(s.minQuality).toBeGreaterThan(0.3);
      expect(m.regionNames).toEqual(['fiber', 'matrix']);
      const topo = buildEdges(m);
      for (const name of ['fiberOuter', 'pores', 'left', 'right', 'bottom', 'top']) expect(m.boundaries.get(name)!.cells.length).toBeGreaterThan(0);
      // fiberOuter: an interface seen from fibre cells, neighbour in the matrix; pores: exterior facets of fibre cells.
      const fib = m.regionNames.indexOf('fiber');
      for (const [name, interfaceExpected] of [['fiberOuter', true], ['pores', false]] as const) {
        const fs = m.boundaries.get(name)!;
        for (let f = 0; f < fs.cells.length; f++) {
          expect(m.cellRegion[fs.cells[f]!]).toBe(fib);
          const e = topo.cellEdges[3 * fs.cells[f]! + fs.localFacets[f]!]!;
          expect(topo.edgeCells[2 * e + 1]! >= 0).toBe(interfaceExpected);
        }
      }
      // Outer rim length (curved P2 facets): 2πR.
      let len = 0;
      const fo = m.boundaries.get('fiberOuter')!;
      for (let f = 0; f < fo.cells.length; f++) {
        const o = fo.cells[f]! * 6, k = fo.localFacets[f]!;
        const a = m.cells[o + k]!, b = m.cells[o + (k + 1) % 3]!;
        len += Math.hypot(m.points[2 * a]! - m.points[2 * b]!, m.points[2 * a + 1]! - m.points[2 * b + 1]!);
      }
      expect(len / (2 * Math.PI * R)).toBeGreaterThan(0.995);
      expect(len / (2 * Math.PI * R)).toBeLessThanOrEqual(1);
      // Periodic-friendly: opposite sides carry the same node coordinates.
      expect(sideCoordinates(m, 'left', 1)).toEqual(sideCoordinates(m, 'right', 1));
      expect(sideCoordinates(m, 'bottom', 0)).toEqual(sideCoordinates(m, 'top', 0));
    }
  });

  it('dense fibre: no pores, area πR² to the chord error', () => {
    const g = porousDiskMesh({ radius: R, porosity: 0, h: R / 20 });
    expect(g.pores.length).toBe(0);
    expect(validateMesh(g.mesh).ok).toBe(true);
    expect(g.mesh.boundaries.get('pores')!.cells.length).toBe(0);
    const n = Math.ceil((2 * Math.PI * R) / (R / 20));
    // Inscribed regular n-gon: (n/2) R² sin(2π/n); the mesher snaps points to a 2^-24 grid of the box (≤ 1e-7 relative).
    expect(Math.abs(g.statistics.area / (0.5 * n * R * R * Math.sin((2 * Math.PI) / n)) - 1)).toBeLessThan(1e-7);
  });

  it('rejects an unreachable porosity and a mesh too coarse for the pore walls', () => {
    expect(() => porousDiskMesh({ radius: R, porosity: 0.7, h: R / 40, poreRadius: R / 10 })).toThrow(/not reachable/);
    expect(() => porousDiskMesh({ radius: R, porosity: 0.3, h: R / 5 })).toThrow(/too coarse/);
  });
});
