import { describe, it, expect } from 'vitest';
import { writeVtu, VTK_TRIANGLE, VTK_QUADRATIC_TRIANGLE, type VtuOptions } from '../../src/io/vtu.js';
import { readVtu, VtuReadError } from '../../src/io/readVtu.js';
import { diskMesh } from './testMeshes.js';

const ENCODINGS: VtuOptions[] = [
  { encoding: 'base64', compress: false },
  { encoding: 'base64', compress: true },
  { encoding: 'appended-raw', compress: false },
  { encoding: 'appended-raw', compress: true },
  // 64-byte blocks force many zlib blocks with a partial last one (and exact multiples for 8-byte arrays).
  { encoding: 'base64', compress: true, blockSize: 64 },
  { encoding: 'appended-raw', compress: true, blockSize: 64 },
];

/** Bit patterns equal (so NaN payloads, −0 and subnormals count). */
function sameBits(a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }, b: typeof a): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function fields(nPoints: number, nCells: number) {
  const V = new Float64Array(nPoints);
  for (let i = 0; i < nPoints; i++) V[i] = Math.sin(i * 0.37) * 1e-3 + i / 7; // non-terminating binary fractions
  V[0] = -0;
  V[1] = Number.MIN_VALUE; // subnormal
  V[2] = NaN;
  V[3] = 1 / 3;
  const u = new Float64Array(2 * nPoints);
  for (let i = 0; i < 2 * nPoints; i++) u[i] = Math.cos(i) * 1e-9;
  const s = new Float64Array(4 * nCells);
  for (let i = 0; i < 4 * nCells; i++) s[i] = Math.exp(-i / 10) * 1e8;
  return { V, u, s };
}

describe('writeVtu / readVtu round trip', () => {
  for (const quadratic of [false, true]) {
    for (const opts of ENCODINGS) {
      it(`${quadratic ? 'tri6' : 'tri3'} ${opts.encoding}${opts.compress ? ' zlib' : ''}${opts.blockSize ? ` block ${opts.blockSize}` : ''}`, () => {
        const mesh = diskMesh({ n: 4, radius: 25e-6, quadratic });
        const { V, u, s } = fields(mesh.nPoints, mesh.nCells);
        const file = writeVtu(
          mesh,
          { pointData: { 'V [V]': { values: V, components: 1 }, 'u [m]': { values: u, components: 2 } }, cellData: { 'σ [Pa]': { values: s, components: 4 } }, time: 12.5 },
          opts,
        );
        const d = readVtu(file);
        expect(d.nPoints).toBe(mesh.nPoints);
        expect(d.nCells).toBe(mesh.nCells);
        expect(d.time).toBe(12.5);
        // points: (x, y, 0) bit-identical
        const xy = new Float64Array(2 * mesh.nPoints);
        for (let i = 0; i < mesh.nPoints; i++) {
          xy[2 * i] = d.points[3 * i]!;
          xy[2 * i + 1] = d.points[3 * i + 1]!;
          expect(d.points[3 * i + 2]).toBe(0);
        }
        expect(sameBits(xy, mesh.points)).toBe(true);
        expect(Array.from(d.cells)).toEqual(Array.from(mesh.cells));
        expect(d.cellOffsets[d.nCells - 1]).toBe(mesh.cells.length);
        expect(d.cellTypes.every((t) => t === (quadratic ? VTK_QUADRATIC_TRIANGLE : VTK_TRIANGLE))).toBe(true);
        const Vr = d.pointData['V [V]']!;
        expect(Vr.type).toBe('Float64');
        expect(sameBits(Vr.values as Float64Array, V)).toBe(true);
        // 2-component vectors come back padded to 3 with z = 0 (ParaView convention)
        const ur = d.pointData['u [m]']!;
        expect(ur.components).toBe(3);
        for (let i = 0; i < mesh.nPoints; i++) {
          expect(Object.is(ur.values[3 * i], u[2 * i])).toBe(true);
          expect(Object.is(ur.values[3 * i + 1], u[2 * i + 1])).toBe(true);
          expect(ur.values[3 * i + 2]).toBe(0);
        }
        expect(d.cellData['σ [Pa]']!.components).toBe(4);
        expect(sameBits(d.cellData['σ [Pa]']!.values as Float64Array, s)).toBe(true);
        expect(d.cellData['region']!.type).toBe('Int32');
        expect(Array.from(d.cellData['region']!.values)).toEqual(Array.from(mesh.cellRegion));
      });
    }
  }

  it('keeps 2 components when vectors2As3 is false, and names with XML specials survive', () => {
    const mesh = diskMesh({ n: 2, radius: 1 });
    const u = Float64Array.from({ length: 2 * mesh.nPoints }, (_, i) => i * 0.1);
    const file = writeVtu(mesh, { pointData: { 'a<b & "c"': { values: u, components: 2 } } }, { vectors2As3: false });
    const d = readVtu(file);
    expect(d.pointData['a<b & "c"']!.components).toBe(2);
    expect(sameBits(d.pointData['a<b & "c"']!.values as Float64Array, u)).toBe(true);
  });

  it('rejects arrays of the wrong length', () => {
    const mesh = diskMesh({ n: 2, radius: 1 });
    expect(() => writeVtu(mesh, { pointData: { T: { values: new Float64Array(3), components: 1 } } })).toThrow(/expected/);
    expect(() => writeVtu(mesh, { cellData: { region: { values: new Float64Array(mesh.nCells), components: 1 } } })).toThrow(/reserved/);
  });
});

describe('readVtu errors', () => {
  const mesh = diskMesh({ n: 2, radius: 1 });
  const T = Float64Array.from({ length: mesh.nPoints }, (_, i) => i);
  const good = writeVtu(mesh, { pointData: { T: { values: T, components: 1 } } }).toString('utf8');

  it('names the problem', () => {
    expect(() => readVtu('<VTKFile type="PolyData"></VTKFile>')).toThrow(/expected 'UnstructuredGrid'/);
    expect(() => readVtu('not xml at all')).toThrow(VtuReadError);
    expect(() => readVtu(good.slice(0, good.length / 2))).toThrow(/malformed XML|unclosed/);
    expect(() => readVtu(good.replace(/format="binary">[A-Za-z0-9+/]{4}/, 'format="binary">!!!!'))).toThrow(/invalid base64/);
    expect(() => readVtu(good.replace(/NumberOfPoints="\d+"/, 'NumberOfPoints="3"'))).toThrow(/expected 3/);
    expect(() => readVtu(good.replace('header_type="UInt64"', 'header_type="Int8"'))).toThrow(/header_type/);
  });

  it('detects truncated and corrupted binary data', () => {
    const raw = writeVtu(mesh, { pointData: { T: { values: T, components: 1 } } }, { encoding: 'appended-raw' });
    const start = raw.indexOf('_', raw.indexOf('<AppendedData')) + 1;
    const end = raw.lastIndexOf('</AppendedData>');
    const cut = Buffer.concat([raw.subarray(0, start + 100), raw.subarray(end)]);
    expect(() => readVtu(cut)).toThrow(/truncated|beyond/);
    const z = writeVtu(mesh, { pointData: { T: { values: T, components: 1 } } }, { encoding: 'appended-raw', compress: true });
    const zs = z.indexOf('_', z.indexOf('<AppendedData')) + 1;
    const bad = Buffer.from(z);
    // T is the first appended array: header of 4 UInt64s, then its zlib stream; overwrite the stream start.
    bad.fill(0x55, zs + 32, zs + 40);
    expect(() => readVtu(bad)).toThrow(/PointData DataArray 'T'.*zlib/);
  });
});
