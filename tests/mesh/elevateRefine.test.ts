import { describe, expect, it } from 'vitest';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { refineUniform } from '../../src/mesh/refine.js';
import { meshStatistics } from '../../src/mesh/statistics.js';
import { buildEdges } from '../../src/mesh/topology.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { areasByQuadrature, facetLength, pt, sum } from './helpers.js';

const layered = (): ReturnType<typeof rectangleLayersMesh> =>
  rectangleLayersMesh({ width: 3, nx: 5, xGrading: 2, layers: [{ name: 'a', thickness: 1, ny: 2, grading: 3 }, { name: 'b', thickness: 0.5, ny: 3 }] });

describe('elevateToP2', () => {
  it('adds one shared midside node per edge, at the edge midpoint', () => {
    const m = unitSquareMesh(4, 3);
    const p2 = elevateToP2(m);
    const nEdges = buildEdges(m).nEdges;
    expect(p2.nPoints).toBe(m.nPoints + nEdges);
    expect(validateMesh(p2)).toEqual({ ok: true, problems: [] });
    // Shared: each midside node is used by as many cells as its edge has (1 or 2); total uses = 3·nCells.
    const uses = new Int32Array(p2.nPoints);
    for (let c = 0; c < p2.nCells; c++) for (let a = 3; a < 6; a++) uses[p2.cells[6 * c + a]!]!++;
    for (let p = m.nPoints; p < p2.nPoints; p++) expect([1, 2]).toContain(uses[p]);
    for (let c = 0; c < p2.nCells; c++) {
      for (let k = 0; k < 3; k++) {
        const [xa, ya] = pt(p2, p2.cells[6 * c + k]!);
        const [xb, yb] = pt(p2, p2.cells[6 * c + ((k + 1) % 3)]!);
        expect(pt(p2, p2.cells[6 * c + 3 + k]!)).toEqual([(xa + xb) / 2, (ya + yb) / 2]);
      }
    }
  });

  it('projects boundary midside nodes with the callback (curved circle)', () => {
    const m = diskMesh({ radius: 1, h: 0.2 });
    const p2 = elevateToP2(m, (x, y, name) => {
      expect(name).toBe('outer');
      const r = Math.hypot(x, y);
      return [x / r, y / r];
    });
    // The curved mesh is closer to π than the polygon by two orders of magnitude at h = 0.2 (rate 4 vs 2).
    expect(Math.abs(sum(areasByQuadrature(p2)) - Math.PI)).toBeLessThan(0.01 * Math.abs(sum(areasByQuadrature(m)) - Math.PI));
    expect(() => elevateToP2(p2)).toThrow(/already tri6/);
  });
});

describe('refineUniform', () => {
  it('tri3: 4× cells, area and every region area conserved exactly, boundary lengths conserved', () => {
    const m = layered();
    const r = refineUniform(m);
    expect(r.nCells).toBe(4 * m.nCells);
    expect(r.nPoints).toBe(m.nPoints + buildEdges(m).nEdges);
    expect(validateMesh(r)).toEqual({ ok: true, problems: [] });
    const s0 = meshStatistics(m);
    const s1 = meshStatistics(r);
    // Midpoint subdivision of a straight triangle is exact: only rounding (1e-14 relative) differs.
    expect(s1.area / s0.area).toBeCloseTo(1, 14);
    for (const n of m.regionNames) expect(s1.areaByRegion[n]! / s0.areaByRegion[n]!).toBeCloseTo(1, 14);
    for (const [name, fs] of m.boundaries) {
      expect(r.boundaries.get(name)!.cells.length).toBe(2 * fs.cells.length);
      expect(facetLength(r, r.boundaries.get(name)!) / facetLength(m, fs)).toBeCloseTo(1, 14);
    }
    // Children are similar to their parent: same min quality, halved diameters.
    expect(s1.minQuality).toBeCloseTo(s0.minQuality, 12);
    expect(s1.hMax).toBeCloseTo(s0.hMax / 2, 12);
  });

  it('refining a shelled disk keeps each region area and splits every interface facet in two', () => {
    const m = diskMesh({ radius: 1, h: 0.25, shells: [{ name: 's', innerRadius: 0.5 }] });
    const r = refineUniform(m);
    expect(meshStatistics(r).areaByRegion.s! / meshStatistics(m).areaByRegion.s!).toBeCloseTo(1, 14);
    expect(r.boundaries.get('core|s')!.cells.length).toBe(2 * m.boundaries.get('core|s')!.cells.length);
  });

  it('elevate + refine = refine (same points, same cells) for a straight mesh', () => {
    const m = layered();
    const a = refineUniform(m);
    const b = refineUniform(elevateToP2(m));
    expect(b.cellType).toBe('tri3');
    expect(Array.from(b.points)).toEqual(Array.from(a.points));
    expect(Array.from(b.cells)).toEqual(Array.from(a.cells));
    expect(Array.from(b.cellRegion)).toEqual(Array.from(a.cellRegion));
    for (const [name, fs] of a.boundaries) {
      expect(Array.from(b.boundaries.get(name)!.cells)).toEqual(Array.from(fs.cells));
      expect(Array.from(b.boundaries.get(name)!.localFacets)).toEqual(Array.from(fs.localFacets));
    }
  });

  it('tri6 with curved edges: its midside nodes become vertices (on the circle)', () => {
    const m2 = diskMesh({ radius: 1, h: 0.25, order: 2 });
    const r = refineUniform(m2);
    expect(validateMesh(r)).toEqual({ ok: true, problems: [] });
    expect(r.nPoints).toBe(m2.nPoints);
    // The refined polygon's vertices all lie on the circle, so its area error is that of a polygon with twice the
    // facets: about ¼ of the coarse polygon's.
    const coarse = Math.PI - meshStatistics(diskMesh({ radius: 1, h: 0.25 })).area;
    const fine = Math.PI - meshStatistics(r).area;
    expect(fine / coarse).toBeGreaterThan(0.2);
    expect(fine / coarse).toBeLessThan(0.3);
    const outer = r.boundaries.get('outer')!;
    for (let i = 0; i < outer.cells.length; i++) {
      const k = outer.localFacets[i]!;
      const p = r.cells[3 * outer.cells[i]! + k]!;
      expect(Math.hypot(...pt(r, p))).toBeCloseTo(1, 14);
    }
  });
});
