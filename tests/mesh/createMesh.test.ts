import { describe, expect, it } from 'vitest';
import { createMesh } from '../../src/mesh/createMesh.js';
import { cellNode, cellsOfRegions } from '../../src/mesh/mesh.js';

const square = { points: [0, 0, 1, 0, 0, 1, 1, 1], cells: [0, 1, 3, 0, 3, 2] };

describe('createMesh', () => {
  it('computes the counts and keeps typed arrays without copying', () => {
    const points = Float64Array.from(square.points);
    const m = createMesh({ cellType: 'tri3', points, cells: square.cells, cellRegion: [0, 1], regionNames: ['a', 'b'], boundaries: { bottom: { cells: [0], localFacets: [0] } } });
    expect(m).toMatchObject({ nPoints: 4, nCells: 2, nodesPerCell: 3 });
    expect(m.points).toBe(points);
    expect(cellNode(m, 1, 1)).toBe(3);
    expect(Array.from(cellsOfRegions(m, ['b']))).toEqual([1]);
    expect(m.boundaries.get('bottom')!.localFacets).toBeInstanceOf(Int8Array);
  });

  it('throws clear errors on wrong lengths and out-of-range indices', () => {
    expect(() => createMesh({ cellType: 'quad4' as 'tri3', points: [], cells: [] })).toThrow(/cellType must be 'tri3' or 'tri6'/);
    expect(() => createMesh({ cellType: 'tri3', points: [0, 0, 1], cells: [] })).toThrow(/points has length 3/);
    expect(() => createMesh({ cellType: 'tri6', points: square.points, cells: [0, 1, 3] })).toThrow(/multiple of 6 for tri6/);
    expect(() => createMesh({ cellType: 'tri3', points: square.points, cells: [0, 1, 3, 0, 4, 2] })).toThrow(/cell 1 node 1 is point 4, outside \[0, 4\)/);
    expect(() => createMesh({ ...square, cellType: 'tri3', cellRegion: [0] })).toThrow(/cellRegion has length 1, expected nCells = 2/);
    expect(() => createMesh({ ...square, cellType: 'tri3', cellRegion: [0, 1] })).toThrow(/cellRegion\[1\] = 1, outside \[0, 1\)/);
    expect(() => createMesh({ ...square, cellType: 'tri3', regionNames: ['a', 'a'] })).toThrow(/duplicate region names/);
    expect(() => createMesh({ ...square, cellType: 'tri3', boundaries: { b: { cells: [0, 2], localFacets: [0, 0] } } })).toThrow(/boundary 'b' facet 1 names cell 2/);
    expect(() => createMesh({ ...square, cellType: 'tri3', boundaries: { b: { cells: [0], localFacets: [3] } } })).toThrow(/local facet 3/);
    expect(() => createMesh({ ...square, cellType: 'tri3', boundaries: { b: { cells: [0], localFacets: [] } } })).toThrow(/1 cells but 0 localFacets/);
  });
});
