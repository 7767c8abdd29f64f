import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMphtxt } from '../../src/mesh/comsol/readMphtxt.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { boundaryLength, facetRegions, minSignedVertexArea, regionAreas } from './meshMeasures.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string): string => readFileSync(join(FIX, name), 'utf8');

/**
 * Fixtures: [0,1]×[0,1] is domain 1, [1,2]×[0,1] domain 2; edge entities (0-based in the file) 0 left, 1 bottom
 * of domain 1, 2 top of domain 1, 3 the interface x = 1 (written upwards), 4 bottom of domain 2, 5 top of
 * domain 2, 6 right. GUI numbers are file index + 1. One triangle is clockwise; a Selection object follows
 * the mesh in the tri file. Lengths and areas are sums of ones: exact.
 */
describe('readMphtxt', () => {
  it('tri: domains and boundaries named as the COMSOL GUI numbers them', () => {
    const m = readMphtxt(fixture('two-domains-tri.mphtxt'));
    expect(m.cellType).toBe('tri3');
    expect(m.nPoints).toBe(6);
    expect(m.nCells).toBe(4);
    expect(m.regionNames).toEqual(['domain1', 'domain2']);
    expect(regionAreas(m)).toEqual({ domain1: 1, domain2: 1 });
    expect(minSignedVertexArea(m)).toBeGreaterThan(0);
    expect([...m.boundaries.keys()]).toEqual(['boundary1', 'boundary2', 'boundary3', 'boundary4', 'boundary5', 'boundary6', 'boundary7']);
    for (const b of m.boundaries.keys()) expect(boundaryLength(m, b)).toBe(1);
    expect(facetRegions(m, 'boundary1')).toEqual(new Set(['domain1']));
    expect(facetRegions(m, 'boundary7')).toEqual(new Set(['domain2']));
    // The interface edge runs from (1,0) to (1,1): domain 1 is on its left.
    expect(facetRegions(m, 'boundary4')).toEqual(new Set(['domain1']));
    expect(validateMesh(m).ok).toBe(true);
  });

  it('names option maps GUI numbers to names and merges entities that share a name', () => {
    const m = readMphtxt(fixture('two-domains-tri.mphtxt'), {
      names: { domains: { 1: 'anode', 2: 'electrolyte' }, boundaries: { 2: 'bottom', 5: 'bottom', 4: 'interface' } },
      scale: 1e-6,
    });
    expect(m.regionNames).toEqual(['anode', 'electrolyte']);
    expect(m.boundaries.get('bottom')!.cells.length).toBe(2);
    expect(boundaryLength(m, 'bottom')).toBeCloseTo(2e-6, 20);
    expect(facetRegions(m, 'bottom')).toEqual(new Set(['anode', 'electrolyte']));
    expect(m.boundaries.has('interface')).toBe(true);
    expect(m.boundaries.has('boundary1')).toBe(true);
  });

  it('tri2: COMSOL node order (v0 v1 v2 m01 m02 m12) permuted so node 3+k is the middle of facet k', () => {
    const m = readMphtxt(fixture('two-domains-tri2.mphtxt'));
    expect(m.cellType).toBe('tri6');
    expect(m.nPoints).toBe(15);
    expect(regionAreas(m)).toEqual({ domain1: 1, domain2: 1 });
    const P = m.points;
    for (let c = 0; c < m.nCells; c++) {
      for (let k = 0; k < 3; k++) {
        const a = m.cells[6 * c + k]!, b = m.cells[6 * c + ((k + 1) % 3)]!, mid = m.cells[6 * c + 3 + k]!;
        expect([P[2 * mid]!, P[2 * mid + 1]!]).toEqual([0.5 * (P[2 * a]! + P[2 * b]!), 0.5 * (P[2 * a + 1]! + P[2 * b + 1]!)]);
      }
    }
    // edg2 elements (v0 v1 mid): the reader checks the middle node against the cell's midside node.
    for (const b of m.boundaries.keys()) expect(boundaryLength(m, b)).toBe(1);
    expect(facetRegions(m, 'boundary4')).toEqual(new Set(['domain1']));
    expect(validateMesh(m).ok).toBe(true);
  });

  it('Mesh version 8 (COMSOL 6) located through its comment lines', () => {
    // Same mesh with a version-8 geometric-model header between sdim and the vertices.
    const v8 = fixture('two-domains-tri.mphtxt').replace(
      '4 # version\n2 # sdim\n',
      '8 # version\n2 # sdim\n1 # include geometric model\n6 7 2 # number of geometric entities per dimension\n0 # voids are labeled\n7 # number of up/down pairs\n1 0\n1 0\n1 0\n1 2\n2 0\n2 0\n2 0\n0 # number of isolated vertices\n',
    ).replace('0 # lowest mesh vertex index\n', '');
    const m = readMphtxt(v8);
    expect(regionAreas(m)).toEqual({ domain1: 1, domain2: 1 });
    expect(m.boundaries.size).toBe(7);
  });

  it('an edge element whose middle node is not the cell midside node is rejected', () => {
    const bad = fixture('two-domains-tri2.mphtxt').replace('4 1 11 \n', '4 1 9 \n');
    expect(() => readMphtxt(bad)).toThrow(/middle node is not the midside node/);
  });
});
