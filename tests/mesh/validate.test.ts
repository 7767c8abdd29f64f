import { describe, expect, it } from 'vitest';
import { createMesh } from '../../src/mesh/createMesh.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import type { FacetSet, Mesh } from '../../src/mesh/mesh.js';
import { validateMesh } from '../../src/mesh/validate.js';

/** A deep copy with some fields replaced: each test plants one defect in an otherwise valid mesh. */
function variant(m: Mesh, over: Partial<Mesh> = {}): Mesh {
  return {
    ...m,
    points: m.points.slice(),
    cells: m.cells.slice(),
    cellRegion: m.cellRegion.slice(),
    boundaries: new Map(m.boundaries),
    ...over,
  };
}

const only = (m: Mesh, pattern: RegExp): void => {
  const v = validateMesh(m);
  expect(v.ok).toBe(false);
  expect(v.problems.length).toBe(1);
  expect(v.problems[0]).toMatch(pattern);
};

describe('validateMesh', () => {
  it('accepts the generated meshes', () => {
    expect(validateMesh(unitSquareMesh(3))).toEqual({ ok: true, problems: [] });
  });

  it('detects an inverted (clockwise) cell', () => {
    const m = variant(unitSquareMesh(3));
    // Cell 8 is in the middle square (no boundary facet to renumber): swap two of its vertices.
    [m.cells[3 * 8 + 1], m.cells[3 * 8 + 2]] = [m.cells[3 * 8 + 2]!, m.cells[3 * 8 + 1]!];
    only(m, /^1 inverted cells .*: 8$/);
  });

  it('detects a degenerate cell (area below 1e-12·h²) but not a merely small one', () => {
    const m = variant(createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 0.5, 1e-13], cells: [0, 1, 2] }));
    only(m, /1 degenerate cells/);
    // 1e-6 relative height: thin but a genuine triangle.
    expect(validateMesh(createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 0.5, 1e-6], cells: [0, 1, 2] })).ok).toBe(true);
  });

  it('detects NaN coordinates', () => {
    const m = variant(unitSquareMesh(2));
    m.points[2 * 5 + 1] = NaN;
    const v = validateMesh(m);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatch(/^1 points with NaN or infinite coordinates: 5$/);
  });

  it('detects unreferenced points', () => {
    const m0 = unitSquareMesh(2);
    const pts = new Float64Array(m0.points.length + 4);
    pts.set(m0.points);
    const m = variant(m0, { points: pts, nPoints: m0.nPoints + 2 });
    only(m, /^2 unreferenced points: 9, 10$/);
  });

  it('detects out-of-range node, region and facet indices', () => {
    const m = variant(unitSquareMesh(2));
    m.cells[7] = 99;
    const v = validateMesh(m);
    expect(v.problems.some((p) => /cell node indices outside \[0, 9\): cell 2 node 1 = 99/.test(p))).toBe(true);
    const r = variant(unitSquareMesh(2));
    r.cellRegion[3] = 2;
    only(r, /cells with a region index outside \[0, 1\): 3/);
    const b = variant(unitSquareMesh(2));
    (b.boundaries as Map<string, FacetSet>).set('bad', { cells: Int32Array.from([0, 50]), localFacets: Int8Array.from([3, 0]) });
    only(b, /boundary 'bad'.*\(0, 3\), \(50, 0\)/);
  });

  it('detects a boundary facet inside a region, but accepts region interfaces', () => {
    const m = variant(unitSquareMesh(2));
    // Cell 0's facet 2 is the diagonal of square (0, 0): interior, both sides in 'domain'.
    (m.boundaries as Map<string, FacetSet>).set('oops', { cells: Int32Array.from([0]), localFacets: Int8Array.from([2]) });
    only(m, /boundary 'oops' are interior facets inside one region/);
    const layers = rectangleLayersMesh({ width: 1, nx: 2, layers: [{ name: 'a', thickness: 1, ny: 1 }, { name: 'b', thickness: 1, ny: 1 }] });
    expect(layers.boundaries.has('a|b')).toBe(true);
    expect(validateMesh(layers).ok).toBe(true);
  });

  it('detects a folded curved tri6 cell and non-manifold edges', () => {
    const m = variant(elevateToP2(createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 0, 1], cells: [0, 1, 2] })));
    // Push the midside node of edge (0,1) far across the opposite vertex: det J < 0 near the edge.
    m.points[2 * m.cells[3]! + 1] = 1.2;
    only(m, /curved tri6 cells with Jacobian ≤ 0/);
    const nm = createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 0, 1, 0, -1, 1, 1], cells: [0, 1, 2, 1, 0, 3, 0, 1, 4] });
    const v = validateMesh(nm);
    expect(v.problems.some((p) => /more than two cells/.test(p))).toBe(true);
  });

  it('detects wrong array lengths', () => {
    const v = validateMesh(variant(unitSquareMesh(2), { nCells: 9 }));
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(['cells has length 24, expected 3·nCells = 27', 'cellRegion has length 8, expected nCells = 9']);
  });
});
