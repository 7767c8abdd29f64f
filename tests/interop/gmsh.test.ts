import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MeshFormatError } from '../../src/mesh/gmsh/meshFormatError.js';
import { readGmsh } from '../../src/mesh/gmsh/readGmsh.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { writeTwoSquaresBinary } from './mshBinaryWriter.js';
import { boundaryLength, facetRegions, minSignedVertexArea, regionAreas } from './meshMeasures.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string): Buffer => readFileSync(join(FIX, name));

/**
 * The two-squares fixtures: [0,1]×[0,1] is region 'left', [1,2]×[0,1] is 'right', 6 nodes, 4 triangles (one
 * written clockwise), boundaries bottom (2 facets), right, top (2), left, and the interface x = 1, whose line
 * runs upwards, so the cell on its left is in region 'left'. Exact numbers: every length and area is a sum
 * of ones, exact in floating point.
 */
function expectTwoSquares(mesh: Mesh): void {
  expect(mesh.cellType).toBe('tri3');
  expect(mesh.nPoints).toBe(6);
  expect(mesh.nCells).toBe(4);
  expect(mesh.regionNames).toEqual(['left', 'right']);
  expect(regionAreas(mesh)).toEqual({ left: 1, right: 1 });
  expect(minSignedVertexArea(mesh)).toBeGreaterThan(0);
  expect([...mesh.boundaries.keys()].sort()).toEqual(['bottom', 'interface', 'left', 'right', 'top']);
  expect(mesh.boundaries.get('bottom')!.cells.length).toBe(2);
  expect(mesh.boundaries.get('top')!.cells.length).toBe(2);
  expect(boundaryLength(mesh, 'bottom')).toBe(2);
  expect(boundaryLength(mesh, 'top')).toBe(2);
  expect(boundaryLength(mesh, 'left')).toBe(1);
  expect(boundaryLength(mesh, 'right')).toBe(1);
  expect(boundaryLength(mesh, 'interface')).toBe(1);
  expect(facetRegions(mesh, 'interface')).toEqual(new Set(['left']));
  expect(facetRegions(mesh, 'left')).toEqual(new Set(['left']));
  expect(facetRegions(mesh, 'right')).toEqual(new Set(['right']));
  expect(validateMesh(mesh)).toEqual({ ok: true, problems: [] });
}

describe('readGmsh: hand-written files', () => {
  it('MSH 4.1 ASCII with sparse node tags, a point element and a clockwise triangle', () => {
    expectTwoSquares(readGmsh(fixture('two-squares-41.msh')));
  });

  it('MSH 2.2 ASCII', () => {
    expectTwoSquares(readGmsh(fixture('two-squares-22.msh')));
  });

  it('MSH 4.1 binary, little- and big-endian, reads exactly like the ASCII file', () => {
    const ascii = readGmsh(fixture('two-squares-41.msh'));
    for (const little of [true, false]) {
      const bytes = writeTwoSquaresBinary(little);
      const mesh = readGmsh(new Uint8Array(bytes)); // a plain Uint8Array works too
      expectTwoSquares(mesh);
      expect(mesh.points).toEqual(ascii.points);
      expect(mesh.cells).toEqual(ascii.cells);
      expect(mesh.boundaries).toEqual(ascii.boundaries);
    }
  });

  it('a truncated binary file fails with the byte offset, never past the end', () => {
    const bytes = writeTwoSquaresBinary(true);
    const cut = bytes.indexOf('$EndElements') - 10;
    expect(() => readGmsh(bytes.subarray(0, cut))).toThrow(/\$Elements, byte \d+: (truncated binary data|wrong count or truncated file)/);
  });

  it('tri6 with a curved edge: midside nodes permuted on reorientation, exact curved area', () => {
    const mesh = readGmsh(fixture('curved-square-tri6-22.msh'));
    expect(mesh.cellType).toBe('tri6');
    expect(mesh.nPoints).toBe(9);
    // Unit square plus the parabolic cap over the top edge (midside raised by 0.1): (2/3)·1·0.1 = 1/15.
    // cellAreas integrates quadratic edges exactly, so only rounding remains.
    expect(regionAreas(mesh).body!).toBeCloseTo(1 + 1 / 15, 14);
    expect(minSignedVertexArea(mesh)).toBeGreaterThan(0);
    const P = mesh.points;
    for (let c = 0; c < mesh.nCells; c++) {
      for (let k = 0; k < 3; k++) {
        const a = mesh.cells[6 * c + k]!, b = mesh.cells[6 * c + ((k + 1) % 3)]!, m = mesh.cells[6 * c + 3 + k]!;
        const mx = 0.5 * (P[2 * a]! + P[2 * b]!), my = 0.5 * (P[2 * a + 1]! + P[2 * b + 1]!);
        // Midside node 3+k sits at the middle of facet k, except on the curved top edge (raised by 0.1).
        const lift = my === 1 ? 0.1 : 0;
        expect([P[2 * m]!, P[2 * m + 1]!]).toEqual([mx, my + lift]);
      }
    }
    const top = mesh.boundaries.get('top')!;
    const c = top.cells[0]!, k = top.localFacets[0]!;
    expect(P[2 * mesh.cells[6 * c + 3 + k]! + 1]).toBe(1.1);
    expect(validateMesh(mesh).ok).toBe(true);
  });

  it('scale multiplies coordinates', () => {
    const mesh = readGmsh(fixture('two-squares-22.msh'), { scale: 1e-6 });
    const a = regionAreas(mesh);
    expect(a.left!).toBeCloseTo(1e-12, 25);
    expect(boundaryLength(mesh, 'bottom')).toBeCloseTo(2e-6, 20);
  });

  it("untagged triangles go to 'domain', unnamed groups are physical<tag>; requirePhysicalNames refuses both", () => {
    const text = fixture('two-squares-22.msh').toString('latin1')
      .replace('9 2 2 1 1 1 2 5', '9 2 2 0 1 1 2 5')
      .replace('10 2 2 1 1 1 5 4', '10 2 2 0 1 1 5 4')
      .replace('1 12 "right"\n', '')
      .replace('$PhysicalNames\n7', '$PhysicalNames\n6');
    const mesh = readGmsh(Buffer.from(text, 'latin1'));
    expect(mesh.regionNames).toEqual(['right', 'domain']);
    expect(regionAreas(mesh)).toEqual({ right: 1, domain: 1 });
    expect(boundaryLength(mesh, 'physical12')).toBe(1);
    expect(() => readGmsh(Buffer.from(text, 'latin1'), { requirePhysicalNames: true })).toThrow(MeshFormatError);
    expect(() => readGmsh(Buffer.from(text, 'latin1'), { requirePhysicalNames: true })).toThrow(/triangle 9 .*belongs to no physical surface/);
    const tagged = text.replace('9 2 2 0 1 1 2 5', '9 2 2 1 1 1 2 5').replace('10 2 2 0 1 1 5 4', '10 2 2 1 1 1 5 4');
    expect(() => readGmsh(Buffer.from(tagged, 'latin1'), { requirePhysicalNames: true })).toThrow(/physical curve 12 has no name/);
  });

  it('CRLF line ends and trailing sections ($NodeData) are accepted', () => {
    const text = fixture('two-squares-41.msh').toString('latin1')
      + '$NodeData\n1\n"u"\n1\n0\n3\n0\n1\n6\n10 1\n20 2\n30 3\n40 4\n50 5\n60 6\n$EndNodeData\n';
    expectTwoSquares(readGmsh(Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1')));
  });

  it('rejects a string argument with a clear message', () => {
    expect(() => readGmsh('$MeshFormat' as unknown as Buffer)).toThrow(/expects the file bytes/);
  });
});
