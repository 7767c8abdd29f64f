import { describe, expect, it } from 'vitest';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { createMesh } from '../../src/mesh/createMesh.js';
import { boundaryFacets, buildEdges, facetNodes, interfaceFacets } from '../../src/mesh/topology.js';
import { facetEnds, facetLength } from './helpers.js';

describe('topology', () => {
  it('buildEdges: Euler count E = V + F − 1, 4N boundary edges, consistent cell ↔ edge maps', () => {
    const N = 7;
    const m = unitSquareMesh(N, N);
    const t = buildEdges(m);
    // Euler's formula for a simply connected planar triangulation: V − E + F = 1.
    expect(t.nEdges).toBe(m.nPoints + m.nCells - 1);
    let nb = 0;
    for (let e = 0; e < t.nEdges; e++) {
      if (t.edgeCells[2 * e + 1]! < 0) nb++;
      for (let s = 0; s < 2; s++) {
        const c = t.edgeCells[2 * e + s]!;
        if (c < 0) continue;
        const k = t.edgeLocalFacets[2 * e + s]!;
        expect(t.cellEdges[3 * c + k]).toBe(e);
        const ends = [m.cells[3 * c + k]!, m.cells[3 * c + ((k + 1) % 3)]!].sort((a, b) => a - b);
        expect(ends).toEqual([t.edgeNodes[2 * e]!, t.edgeNodes[2 * e + 1]!].sort((a, b) => a - b));
      }
    }
    expect(nb).toBe(4 * N);
    expect(t.edgeCells[1]).not.toBe(t.edgeCells[0]);
  });

  it('boundaryFacets of a disk: closed curve of length ≈ 2πR, Euler count with one boundary', () => {
    const m = diskMesh({ radius: 1, h: 0.1 });
    const b = boundaryFacets(m);
    expect(Math.abs(facetLength(m, b) / (2 * Math.PI) - 1)).toBeLessThan(0.002);
    // Every boundary vertex appears exactly twice among the facet ends (a closed curve).
    const count = new Map<number, number>();
    for (let i = 0; i < b.cells.length; i++) for (const p of facetEnds(m, b, i).slice(0, 2)) count.set(p, (count.get(p) ?? 0) + 1);
    for (const v of count.values()) expect(v).toBe(2);
    expect(buildEdges(m).nEdges).toBe(m.nPoints + m.nCells - 1);
  });

  it('interfaceFacets matches the generator interface from both sides', () => {
    const m = rectangleLayersMesh({ width: 1, nx: 5, layers: [{ name: 'a', thickness: 1, ny: 2 }, { name: 'b', thickness: 1, ny: 3 }] });
    const ab = interfaceFacets(m, 'a', 'b');
    const gen = m.boundaries.get('a|b')!;
    const key = (fs: typeof ab): string[] => Array.from(fs.cells, (c, i) => `${c}:${fs.localFacets[i]}`).sort();
    expect(key(ab)).toEqual(key(gen));
    const ba = interfaceFacets(m, 'b', 'a');
    expect(ba.cells.length).toBe(5);
    for (const c of ba.cells) expect(m.cellRegion[c]).toBe(1);
    expect(() => interfaceFacets(m, 'a', 'zz')).toThrow(/unknown region 'zz'/);
  });

  it('facetNodes: sorted unique vertices, plus midside nodes for tri6', () => {
    const m = unitSquareMesh(3, 3);
    const bottom = facetNodes(m, m.boundaries.get('bottom')!);
    expect(Array.from(bottom)).toEqual([0, 1, 2, 3]);
    const m2 = elevateToP2(m);
    const b2 = facetNodes(m2, m2.boundaries.get('bottom')!);
    expect(b2.length).toBe(7);
    for (let i = 1; i < b2.length; i++) expect(b2[i]!).toBeGreaterThan(b2[i - 1]!);
    for (const p of b2) expect(m2.points[2 * p + 1]).toBe(0);
    expect(facetNodes(m2, boundaryFacets(m2)).length).toBe(2 * 12);
  });

  it('buildEdges rejects an edge shared by three cells', () => {
    const m = createMesh({ cellType: 'tri3', points: [0, 0, 1, 0, 0, 1, 0, -1, 1, 1], cells: [0, 1, 2, 1, 0, 3, 0, 1, 4] });
    expect(() => buildEdges(m)).toThrow(/more than two cells/);
  });
});
