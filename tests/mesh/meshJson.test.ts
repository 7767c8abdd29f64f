import { describe, expect, it } from 'vitest';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { meshFromJson, meshToJson } from '../../src/mesh/meshJson.js';

function expectSameMesh(a: Mesh, b: Mesh): void {
  expect(b.cellType).toBe(a.cellType);
  expect(b.nPoints).toBe(a.nPoints);
  expect(b.nCells).toBe(a.nCells);
  expect(Array.from(b.points)).toEqual(Array.from(a.points));
  expect(Array.from(b.cells)).toEqual(Array.from(a.cells));
  expect(b.regionNames).toEqual(a.regionNames);
  expect(Array.from(b.cellRegion)).toEqual(Array.from(a.cellRegion));
  expect([...b.boundaries.keys()]).toEqual([...a.boundaries.keys()]);
  for (const [k, fs] of a.boundaries) {
    expect(Array.from(b.boundaries.get(k)!.cells)).toEqual(Array.from(fs.cells));
    expect(Array.from(b.boundaries.get(k)!.localFacets)).toEqual(Array.from(fs.localFacets));
  }
}

describe('mesh JSON', () => {
  it('round-trips tri3 and tri6 meshes through JSON text exactly', () => {
    const meshes = [
      rectangleLayersMesh({ width: 1e-6, nx: 3, layers: [{ name: 'a', thickness: 1e-7, ny: 2 }, { name: 'b', thickness: 3e-7, ny: 2 }] }),
      diskMesh({ radius: 1, h: 0.3, order: 2, sector: 'half', shells: [{ name: 's', innerRadius: 0.6 }] }),
    ];
    for (const m of meshes) {
      const text = JSON.stringify(meshToJson(m));
      expectSameMesh(m, meshFromJson(JSON.parse(text)));
    }
  });

  it('defaults: no regions → one region domain, no boundaries → none', () => {
    const m = meshFromJson({ cellType: 'tri3', points: [[0, 0], [1, 0], [0, 1]], cells: [[0, 1, 2]] });
    expect(m.regionNames).toEqual(['domain']);
    expect(m.boundaries.size).toBe(0);
  });

  it('names the JSON path of bad data in a plain Error', () => {
    const good = { cellType: 'tri3', points: [[0, 0], [1, 0], [0, 1], [1, 1]], cells: [[0, 1, 2], [1, 3, 2]], regions: { a: [0], b: [1] }, boundaries: { bottom: [[0, 0]] } };
    const bad = (patch: Record<string, unknown>): unknown => ({ ...good, ...patch });
    const cases: [unknown, RegExp][] = [
      [42, /^mesh: expected an object/],
      [bad({ cellType: 'quad4' }), /^mesh\.cellType: expected 'tri3' or 'tri6', got "quad4"/],
      [bad({ points: [[0, 0], [1, 'x'], [0, 1], [1, 1]] }), /^mesh\.points\[1\]\[1\]: expected a finite number, got "x"/],
      [bad({ points: [[0, 0], [1], [0, 1], [1, 1]] }), /^mesh\.points\[1\]: expected \[x, y\]/],
      [bad({ cells: [[0, 1, 2], [1, 9, 2]] }), /^mesh\.cells\[1\]\[1\]: point index 9 is outside \[0, 4\)/],
      [bad({ cells: [[0, 1, 2], [1, 3]] }), /^mesh\.cells\[1\]: expected 3 point indices for tri3/],
      [bad({ regions: { a: [0], b: [0] } }), /^mesh\.regions\["b"\]\[0\]: cell 0 is already in region 'a'/],
      [bad({ regions: { a: [0] } }), /^mesh\.regions: cell 1 is in no region/],
      [bad({ regions: { a: [0, 1.5] } }), /^mesh\.regions\["a"\]\[1\]: expected an integer cell index, got 1.5/],
      [bad({ boundaries: { bottom: [[0, 3]] } }), /^mesh\.boundaries\["bottom"\]\[0\]\[1\]: local facet 3 is outside \[0, 3\)/],
      [bad({ boundaries: { bottom: [0] } }), /^mesh\.boundaries\["bottom"\]\[0\]: expected \[cell, localFacet\], got 0/],
    ];
    for (const [obj, re] of cases) {
      let err: unknown;
      try {
        meshFromJson(obj);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(re);
    }
    expect(meshFromJson(good).nCells).toBe(2);
  });
});
