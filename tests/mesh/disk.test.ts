import { describe, expect, it } from 'vitest';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { boundaryFacets } from '../../src/mesh/topology.js';
import { meshStatistics } from '../../src/mesh/statistics.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { areasByQuadrature, facetEnds, facetLength, fitRate, pt, sum } from './helpers.js';

const R = 2e-6; // a 2 µm particle: the scale the solver meshes
const SIZES = [R / 6, R / 12, R / 24];

describe('diskMesh', () => {
  it('area → πR²: order 1 converges at rate 2, order 2 (curved) at rate 4', () => {
    const e1: number[] = [];
    const e2: number[] = [];
    for (const h of SIZES) {
      const m1 = diskMesh({ radius: R, h });
      const m2 = diskMesh({ radius: R, h, order: 2 });
      e1.push(Math.abs(sum(areasByQuadrature(m1)) - Math.PI * R * R) / (Math.PI * R * R));
      e2.push(Math.abs(sum(areasByQuadrature(m2)) - Math.PI * R * R) / (Math.PI * R * R));
    }
    // Chord deficit of a polygon is (2π³/3)/n² ∝ h²; the quadratic interpolant of an arc loses area ∝ h⁵ per
    // facet, so h⁴ in total. ±0.3 covers the ring counts being rounded to integers.
    expect(fitRate(SIZES, e1)).toBeGreaterThan(1.7);
    expect(fitRate(SIZES, e1)).toBeLessThan(2.3);
    expect(fitRate(SIZES, e2)).toBeGreaterThan(3.7);
    expect(fitRate(SIZES, e2)).toBeLessThan(4.4);
    expect(e2[2]!).toBeLessThan(1e-6);
  });

  it('statistics area (Green formula) equals the det J quadrature for curved cells', () => {
    const m = diskMesh({ radius: R, h: R / 8, order: 2, sector: 'half' });
    // Both are exact for quadratic geometry, so they agree to rounding (1e-12 relative).
    expect(meshStatistics(m).area).toBeCloseTo(sum(areasByQuadrature(m)), 24);
    expect(Math.abs(meshStatistics(m).area / sum(areasByQuadrature(m)) - 1)).toBeLessThan(1e-12);
  });

  it('perimeter → 2πR: chords at rate 2, quadratic edges at rate ≥ 3.5', () => {
    const e1: number[] = [];
    const e2: number[] = [];
    for (const h of SIZES) {
      const m1 = diskMesh({ radius: R, h });
      const m2 = diskMesh({ radius: R, h, order: 2 });
      e1.push(Math.abs(facetLength(m1, m1.boundaries.get('outer')!) / (2 * Math.PI * R) - 1));
      e2.push(Math.abs(facetLength(m2, m2.boundaries.get('outer')!) / (2 * Math.PI * R) - 1));
    }
    expect(fitRate(SIZES, e1)).toBeGreaterThan(1.7);
    expect(fitRate(SIZES, e1)).toBeLessThan(2.3);
    // Length error of the quadratic arc interpolant is O(h⁴) like the area; ≥ 3.5 allows integer rounding.
    expect(fitRate(SIZES, e2)).toBeGreaterThan(3.5);
  });

  it('every sector is valid, quasi-uniform and of good quality', () => {
    for (const sector of ['full', 'half', 'quarter'] as const) {
      const h = R / 10;
      const m = diskMesh({ radius: R, h, sector, shells: [{ name: 'shell', innerRadius: 0.7 * R }] });
      expect(validateMesh(m)).toEqual({ ok: true, problems: [] });
      const s = meshStatistics(m);
      // Ring-zipped triangles are near equilateral: min quality of 0.7 and mean of 0.9 are loose floors
      // (measured ≈ 0.76 / 0.93); cell diameters stay within [0.7 h, 1.6 h].
      expect(s.minQuality).toBeGreaterThan(0.7);
      expect(s.meanQuality).toBeGreaterThan(0.9);
      expect(s.hMin).toBeGreaterThan(0.7 * h);
      expect(s.hMax).toBeLessThan(1.6 * h);
      const frac = sector === 'full' ? 1 : sector === 'half' ? 0.5 : 0.25;
      // Polygonal area deficit at h = R/10 is ≈ π h²/3 per unit radius² → < 2 %.
      expect(Math.abs(s.area / (frac * Math.PI * R * R) - 1)).toBeLessThan(0.02);
    }
  });

  it('the shell interface lies exactly on the shell radius and separates the right regions', () => {
    const rs = 0.63 * R;
    const m = diskMesh({ radius: R, h: R / 9, sector: 'half', shells: [{ name: 'coating', innerRadius: rs }] });
    expect(m.regionNames).toEqual(['core', 'coating']);
    const fs = m.boundaries.get('core|coating')!;
    expect(fs.cells.length).toBeGreaterThan(10);
    const core = m.regionNames.indexOf('core');
    let L = 0;
    for (let i = 0; i < fs.cells.length; i++) {
      expect(m.cellRegion[fs.cells[i]!]).toBe(core);
      for (const p of facetEnds(m, fs, i).slice(0, 2)) expect(Math.abs(Math.hypot(...pt(m, p)) - rs)).toBeLessThan(1e-15 * R * 10);
    }
    L = facetLength(m, fs);
    // Half circle of radius rs as a polygon with ≥ 10 chords: within 1 % of π·rs.
    expect(Math.abs(L / (Math.PI * rs) - 1)).toBeLessThan(0.01);
    // Region areas: cells entirely inside / outside the shell radius.
    for (let c = 0; c < m.nCells; c++) {
      for (let a = 0; a < 3; a++) {
        const r = Math.hypot(...pt(m, m.cells[3 * c + a]!));
        if (m.cellRegion[c] === core) expect(r).toBeLessThanOrEqual(rs * (1 + 1e-12));
        else expect(r).toBeGreaterThanOrEqual(rs * (1 - 1e-12));
      }
    }
  });

  it('order 2 puts the shell and outer midside nodes on their circles, interior ones at edge midpoints', () => {
    const rs = 0.5 * R;
    const m = diskMesh({ radius: R, h: R / 6, order: 2, shells: [{ name: 'shell', innerRadius: rs }] });
    expect(m.cellType).toBe('tri6');
    expect(validateMesh(m).ok).toBe(true);
    for (const [name, rad] of [['outer', R], ['core|shell', rs]] as const) {
      const fs = m.boundaries.get(name)!;
      for (let i = 0; i < fs.cells.length; i++) {
        const mid = facetEnds(m, fs, i)[2];
        expect(Math.abs(Math.hypot(...pt(m, mid)) / rad - 1)).toBeLessThan(1e-14);
      }
    }
    // A cell with no vertex on a circle keeps straight edges: midside = mean of its end points.
    let checked = 0;
    for (let c = 0; c < m.nCells; c++) {
      const v = [0, 1, 2].map((a) => Math.hypot(...pt(m, m.cells[6 * c + a]!)));
      if (v.some((r) => Math.abs(r - R) < 1e-9 * R || Math.abs(r - rs) < 1e-9 * R)) continue;
      for (let k = 0; k < 3; k++) {
        const [xa, ya] = pt(m, m.cells[6 * c + k]!);
        const [xb, yb] = pt(m, m.cells[6 * c + ((k + 1) % 3)]!);
        const [xm, ym] = pt(m, m.cells[6 * c + 3 + k]!);
        expect(Math.hypot(xm - (xa + xb) / 2, ym - (ya + yb) / 2)).toBeLessThan(1e-15 * R * 10);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('half disk: axis at x = 0 exactly, spanning y ∈ [−R, R]; named arcs keep to their angles', () => {
    const m = diskMesh({
      radius: R, h: R / 12, sector: 'half',
      arcs: [{ name: 'pole', fromDeg: 70, toDeg: 90 }, { name: 'band', fromDeg: -33.3, toDeg: 12.5 }],
    });
    const axis = m.boundaries.get('axis')!;
    let len = 0;
    for (let i = 0; i < axis.cells.length; i++) {
      const [a, b] = facetEnds(m, axis, i);
      expect(pt(m, a)[0]).toBe(0);
      expect(pt(m, b)[0]).toBe(0);
      len += Math.abs(pt(m, b)[1] - pt(m, a)[1]);
    }
    expect(len / (2 * R)).toBeCloseTo(1, 12);
    let total = 0;
    for (const [name, from, to] of [['pole', 70, 90], ['band', -33.3, 12.5]] as const) {
      const fs = m.boundaries.get(name)!;
      expect(fs.cells.length).toBeGreaterThan(0);
      let arcLen = 0;
      for (let i = 0; i < fs.cells.length; i++) {
        const [a, b] = facetEnds(m, fs, i);
        for (const p of [a, b]) {
          const deg = (Math.atan2(pt(m, p)[1], pt(m, p)[0]) * 180) / Math.PI;
          // Arc ends are nodes, so every vertex lies in [from, to] up to rounding of cos/sin (1e-9 degrees).
          expect(deg).toBeGreaterThanOrEqual(from - 1e-9);
          expect(deg).toBeLessThanOrEqual(to + 1e-9);
        }
        arcLen += Math.hypot(pt(m, b)[0] - pt(m, a)[0], pt(m, b)[1] - pt(m, a)[1]);
      }
      // The chords of an arc of angle Δ: length R·Δ up to the polygon deficit (< 0.5 % at h = R/12).
      const exact = (R * (to - from) * Math.PI) / 180;
      expect(Math.abs(arcLen / exact - 1)).toBeLessThan(0.005);
      total += fs.cells.length;
    }
    // 'outer' lost exactly the arc facets: outer and the arcs are disjoint and together hold every exterior
    // facet on the circle (counted independently from the exterior facets with both ends at radius R).
    const outer = m.boundaries.get('outer')!;
    const seen = new Set<string>();
    for (const name of ['outer', 'pole', 'band']) {
      const fs = m.boundaries.get(name)!;
      for (let i = 0; i < fs.cells.length; i++) {
        const key = `${fs.cells[i]}:${fs.localFacets[i]}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
    const ext = boundaryFacets(m);
    let onCircle = 0;
    for (let i = 0; i < ext.cells.length; i++) {
      const [a, b] = facetEnds(m, ext, i);
      if (Math.abs(Math.hypot(...pt(m, a)) / R - 1) < 1e-12 && Math.abs(Math.hypot(...pt(m, b)) / R - 1) < 1e-12) onCircle++;
    }
    expect(total + outer.cells.length).toBe(onCircle);
  });

  it('quarter disk: bottom at y = 0, axis at x = 0, arcs across 0° on a full disk wrap around', () => {
    const q = diskMesh({ radius: R, nRings: 8, sector: 'quarter' });
    for (const [name, d] of [['bottom', 1], ['axis', 0]] as const) {
      const fs = q.boundaries.get(name)!;
      for (let i = 0; i < fs.cells.length; i++) for (const p of facetEnds(q, fs, i).slice(0, 2)) expect(pt(q, p)[d]).toBe(0);
      expect(facetLength(q, fs) / R).toBeCloseTo(1, 12);
    }
    const f = diskMesh({ radius: R, h: R / 10, arcs: [{ name: 'east', fromDeg: -20, toDeg: 20 }] });
    const fs = f.boundaries.get('east')!;
    for (let i = 0; i < fs.cells.length; i++) {
      for (const p of facetEnds(f, fs, i).slice(0, 2)) {
        expect(Math.abs((Math.atan2(pt(f, p)[1], pt(f, p)[0]) * 180) / Math.PI)).toBeLessThanOrEqual(20 + 1e-9);
      }
    }
    expect(Math.abs(facetLength(f, fs) / ((R * 40 * Math.PI) / 180) - 1)).toBeLessThan(0.005);
  });

  it('rejects bad input with clear messages', () => {
    expect(() => diskMesh({ radius: R })).toThrow(/h .* or nRings/);
    expect(() => diskMesh({ radius: R, h: R / 4, shells: [{ name: 's', innerRadius: 2 * R }] })).toThrow(/shell 's'/);
    expect(() => diskMesh({ radius: R, h: R / 4, sector: 'quarter', arcs: [{ name: 'x', fromDeg: 180, toDeg: 200 }] })).toThrow(/arc 'x'/);
  });
});
