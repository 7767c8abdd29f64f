import { describe, expect, it } from 'vitest';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { gradedCoordinates } from '../../src/mesh/generators/structuredGrid.js';
import { meshStatistics } from '../../src/mesh/statistics.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { facetEnds, facetLength, pt } from './helpers.js';

const W = 1e-6;
const LAYERS = [
  { name: 'current', thickness: 0.2e-6, ny: 4, grading: 4 },
  { name: 'si', thickness: 0.5e-6, ny: 6, grading: 0.25 },
  { name: 'coat', thickness: 0.05e-6, ny: 2 },
];

/** Sorted distinct y (or x) values of the mesh points. */
function levels(m: ReturnType<typeof rectangleLayersMesh>, d: 0 | 1): number[] {
  const s = new Set<number>();
  for (let p = 0; p < m.nPoints; p++) s.add(m.points[2 * p + d]!);
  return [...s].sort((a, b) => a - b);
}

describe('rectangleLayersMesh', () => {
  it('gradedCoordinates: end points exact, geometric ratio last/first as asked', () => {
    for (const [n, r] of [[1, 3], [5, 1], [7, 10], [4, 0.2]] as const) {
      const x = gradedCoordinates(2, 5, n, r);
      expect(x[0]).toBe(2);
      expect(x[n]).toBe(5);
      const d = Array.from({ length: n }, (_, i) => x[i + 1]! - x[i]!);
      if (n > 1) expect(d[n - 1]! / d[0]!).toBeCloseTo(r, 12);
      // Constant ratio between neighbours: q = r^(1/(n−1)).
      for (let i = 1; i < n; i++) expect(d[i]! / d[i - 1]!).toBeCloseTo(Math.pow(r, 1 / (n - 1)), 12);
    }
  });

  it('stacks the layers with their thickness, divisions and grading ratios', () => {
    const m = rectangleLayersMesh({ width: W, nx: 8, layers: LAYERS, y0: -0.1e-6 });
    expect(validateMesh(m)).toEqual({ ok: true, problems: [] });
    expect(m.regionNames).toEqual(['current', 'si', 'coat']);
    const ys = levels(m, 1);
    expect(ys.length).toBe(4 + 6 + 2 + 1);
    let row = 0;
    let yb = -0.1e-6;
    for (const l of LAYERS) {
      const d = Array.from({ length: l.ny }, (_, i) => ys[row + i + 1]! - ys[row + i]!);
      expect(ys[row]!).toBeCloseTo(yb, 20);
      expect(ys[row + l.ny]! - ys[row]!).toBeCloseTo(l.thickness, 20);
      expect(d[l.ny - 1]! / d[0]!).toBeCloseTo(l.grading ?? 1, 9);
      row += l.ny;
      yb += l.thickness;
    }
    // Region areas are width × thickness exactly (up to rounding).
    const s = meshStatistics(m);
    for (const l of LAYERS) expect(s.areaByRegion[l.name]! / (W * l.thickness)).toBeCloseTo(1, 12);
    // Every cell of a region lies inside its layer's y band.
    const lo = [-0.1e-6, 0.1e-6, 0.6e-6];
    const hi = [0.1e-6, 0.6e-6, 0.65e-6];
    for (let c = 0; c < m.nCells; c++) {
      const r = m.cellRegion[c]!;
      for (let a = 0; a < 3; a++) {
        const y = pt(m, m.cells[3 * c + a]!)[1];
        expect(y).toBeGreaterThanOrEqual(lo[r]! - 1e-20);
        expect(y).toBeLessThanOrEqual(hi[r]! + 1e-20);
      }
    }
  });

  it('x grading and the named boundaries (sides, per-layer sides, interfaces)', () => {
    const m = rectangleLayersMesh({ x0: 1e-6, width: W, nx: 10, xGrading: 5, layers: LAYERS, diagonal: 'left' });
    const xs = levels(m, 0);
    expect((xs[10]! - xs[9]!) / (xs[1]! - xs[0]!)).toBeCloseTo(5, 9);
    const H = 0.75e-6;
    const expectLen: Record<string, number> = {
      left: H, right: H, bottom: W, top: W,
      'current.left': 0.2e-6, 'si.right': 0.5e-6, 'coat.left': 0.05e-6,
      'current|si': W, 'si|coat': W,
    };
    for (const [name, L] of Object.entries(expectLen)) expect(facetLength(m, m.boundaries.get(name)!) / L).toBeCloseTo(1, 12);
    // Interfaces are built from the lower layer's cells and lie on the layer boundary.
    for (const [name, region, y] of [['current|si', 0, 0.2e-6], ['si|coat', 1, 0.7e-6]] as const) {
      const fs = m.boundaries.get(name)!;
      for (let i = 0; i < fs.cells.length; i++) {
        expect(m.cellRegion[fs.cells[i]!]).toBe(region);
        for (const p of facetEnds(m, fs, i).slice(0, 2)) expect(pt(m, p)[1]).toBeCloseTo(y, 20);
      }
    }
  });

  it('xBreaks: the contact spot is a named boundary ending on a node; the rest keeps its name', () => {
    const m = rectangleLayersMesh({
      width: W, nx: 10, layers: LAYERS,
      xBreaks: [{ boundary: 'top', name: 'contact', from: 0, to: 0.23e-6 }, { boundary: 'bottom', name: 'tab', from: 0.41e-6, to: 0.77e-6 }],
    });
    expect(validateMesh(m).ok).toBe(true);
    const xs = levels(m, 0);
    expect(xs).toContain(0.23e-6);
    expect(xs).toContain(0.41e-6);
    expect(xs).toContain(0.77e-6);
    expect(facetLength(m, m.boundaries.get('contact')!)).toBeCloseTo(0.23e-6, 20);
    expect(facetLength(m, m.boundaries.get('top')!)).toBeCloseTo(W - 0.23e-6, 20);
    expect(facetLength(m, m.boundaries.get('tab')!)).toBeCloseTo(0.36e-6, 20);
    expect(facetLength(m, m.boundaries.get('bottom')!)).toBeCloseTo(W - 0.36e-6, 20);
    // Moving the nearest node keeps every column at least half its original width (0.1 µm here).
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(0.05e-6 - 1e-20);
    const contact = m.boundaries.get('contact')!;
    for (let i = 0; i < contact.cells.length; i++) for (const p of facetEnds(m, contact, i).slice(0, 2)) expect(pt(m, p)[0]).toBeLessThanOrEqual(0.23e-6);
  });

  it('order 2 gives a valid tri6 mesh with straight midside nodes and the same boundaries', () => {
    const m = rectangleLayersMesh({ width: W, nx: 4, layers: LAYERS, order: 2 });
    expect(m.cellType).toBe('tri6');
    expect(validateMesh(m).ok).toBe(true);
    expect(meshStatistics(m).area / (W * 0.75e-6)).toBeCloseTo(1, 12);
    expect(facetLength(m, m.boundaries.get('si|coat')!) / W).toBeCloseTo(1, 12);
  });

  it('rejects bad input', () => {
    expect(() => rectangleLayersMesh({ width: W, nx: 4, layers: [] })).toThrow(/layers is empty/);
    expect(() => rectangleLayersMesh({ width: W, nx: 4, layers: [LAYERS[0]!, LAYERS[0]!] })).toThrow(/duplicate layer name 'current'/);
    expect(() => rectangleLayersMesh({ width: W, nx: 4, layers: LAYERS, xBreaks: [{ boundary: 'top', name: 'c', from: 0.3e-6, to: 2e-6 }] })).toThrow(/xBreaks\[0\]/);
    expect(() => rectangleLayersMesh({
      width: W, nx: 2, layers: LAYERS, xBreaks: [{ boundary: 'top', name: 'c', from: 0.45e-6, to: 0.55e-6 }],
    })).toThrow(/increase nx/);
  });
});
