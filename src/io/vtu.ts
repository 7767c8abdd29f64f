/**
 * VTK XML UnstructuredGrid (.vtu) writer for 2D triangle meshes, readable by ParaView/VisIt/meshio.
 *
 * Layout: points as 3 components with z = 0; cells as VTK_TRIANGLE (5) for tri3 and VTK_QUADRATIC_TRIANGLE
 * (22) for tri6. VTK's quadratic-triangle node order (vtkQuadraticTriangle: corners 0–2, then midside nodes on
 * edges (0,1), (1,2), (2,0)) is the same as ours, so connectivity is written unchanged. A cell-data array
 * `region` (Int32, index into `mesh.regionNames`) is always added; the names go into an XML comment because
 * meshio cannot read VTK String arrays. Binary data only, `header_type="UInt64"`, in the host byte order.
 */
import type { Mesh } from '../mesh/mesh.js';
import { DEFAULT_BLOCK_SIZE, HOST_BYTE_ORDER, encodeBinaryBlock, type EncodedBlock } from './vtkBinary.js';
import { escapeXml, xmlCommentText } from './xmlEscape.js';

export const VTK_TRIANGLE = 5;
export const VTK_QUADRATIC_TRIANGLE = 22;

/** One data array: `values` [n × components] row-major (n = points or cells). */
export interface VtuArray {
  readonly values: Float64Array;
  readonly components: 1 | 2 | 3 | 4 | 9;
}

export interface VtuFields {
  /** Nodal fields; names may contain units, e.g. `V [V]`. */
  readonly pointData?: Readonly<Record<string, VtuArray>>;
  /** Per-cell fields. The name `region` is reserved. */
  readonly cellData?: Readonly<Record<string, VtuArray>>;
  /** Simulation time [s], written as FieldData `TimeValue` (ParaView shows it as the data time). */
  readonly time?: number;
}

export interface VtuOptions {
  /** 'base64': inline `format="binary"` (default). 'appended-raw': `<AppendedData encoding="raw">`. */
  readonly encoding?: 'base64' | 'appended-raw';
  /** zlib-compress every array (`compressor="vtkZLibDataCompressor"`). Default false. */
  readonly compress?: boolean;
  /** Uncompressed bytes per zlib block (default 32768); small values are for tests. */
  readonly blockSize?: number;
  /**
   * Write 2-component arrays as 3 components with a zero third one, because ParaView's vector filters (Warp By
   * Vector, Glyph) want 3-component vectors. Default true; reading back then gives 3 components.
   */
  readonly vectors2As3?: boolean;
}

interface PendingArray {
  readonly xmlOpen: string; // `<DataArray …` without the closing of the start tag
  readonly block: EncodedBlock;
}

function int64Bytes(src: ArrayLike<number>, n: number): Uint8Array {
  // Non-negative values < 2^31: the high word is 0, so an Int32 view with (lo, 0) pairs is exact and avoids BigInt.
  const words = new Int32Array(2 * n);
  const lo = HOST_BYTE_ORDER === 'LittleEndian' ? 0 : 1;
  for (let i = 0; i < n; i++) words[2 * i + lo] = src[i]!;
  return new Uint8Array(words.buffer);
}

function bytesOf(a: Float64Array | Int32Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function checkedArray(kind: string, name: string, arr: VtuArray, count: number, pad: boolean): { values: Float64Array; components: number } {
  if (![1, 2, 3, 4, 9].includes(arr.components)) throw new Error(`${kind} '${name}': components must be 1, 2, 3, 4 or 9`);
  if (arr.values.length !== count * arr.components) {
    throw new Error(`${kind} '${name}': expected ${count} × ${arr.components} = ${count * arr.components} values, got ${arr.values.length}`);
  }
  if (!(pad && arr.components === 2)) return { values: arr.values, components: arr.components };
  const out = new Float64Array(3 * count);
  for (let i = 0; i < count; i++) {
    out[3 * i] = arr.values[2 * i]!;
    out[3 * i + 1] = arr.values[2 * i + 1]!;
  }
  return { values: out, components: 3 };
}

/**
 * Serialises `mesh` and its fields to a .vtu file image (UTF-8 XML, plus raw bytes for 'appended-raw').
 * Throws when an array's length does not match nPoints/nCells × components.
 */
export function writeVtu(mesh: Mesh, fields: VtuFields = {}, opts: VtuOptions = {}): Buffer {
  const encoding = opts.encoding ?? 'base64';
  const compress = opts.compress ?? false;
  const pad = opts.vectors2As3 ?? true;
  const littleEndian = HOST_BYTE_ORDER === 'LittleEndian';
  const blockOpts = { compress, width: 8 as const, littleEndian, blockSize: opts.blockSize ?? DEFAULT_BLOCK_SIZE };
  const { nPoints, nCells, nodesPerCell } = mesh;
  if (mesh.points.length !== 2 * nPoints) throw new Error(`mesh.points has ${mesh.points.length} values, expected 2 × ${nPoints}`);
  if (mesh.cells.length !== nodesPerCell * nCells) throw new Error(`mesh.cells has ${mesh.cells.length} values, expected ${nodesPerCell} × ${nCells}`);

  const arrays: PendingArray[] = [];
  const add = (type: string, name: string | null, components: number, bytes: Uint8Array, extra = ''): number => {
    const nameAttr = name === null ? '' : ` Name="${escapeXml(name)}"`;
    const compAttr = components > 1 ? ` NumberOfComponents="${components}"` : '';
    arrays.push({ xmlOpen: `<DataArray type="${type}"${nameAttr}${compAttr}${extra}`, block: encodeBinaryBlock(bytes, blockOpts) });
    return arrays.length - 1;
  };

  const fieldIdx: number[] = [];
  if (fields.time !== undefined) fieldIdx.push(add('Float64', 'TimeValue', 1, bytesOf(Float64Array.of(fields.time)), ' NumberOfTuples="1"'));
  const pointIdx: number[] = [];
  for (const [name, arr] of Object.entries(fields.pointData ?? {})) {
    const a = checkedArray('point data', name, arr, nPoints, pad);
    pointIdx.push(add('Float64', name, a.components, bytesOf(a.values)));
  }
  const cellIdx: number[] = [add('Int32', 'region', 1, bytesOf(mesh.cellRegion))];
  if (mesh.cellRegion.length !== nCells) throw new Error(`mesh.cellRegion has ${mesh.cellRegion.length} values, expected ${nCells}`);
  for (const [name, arr] of Object.entries(fields.cellData ?? {})) {
    if (name === 'region') throw new Error("cell data name 'region' is reserved for mesh.cellRegion");
    const a = checkedArray('cell data', name, arr, nCells, pad);
    cellIdx.push(add('Float64', name, a.components, bytesOf(a.values)));
  }
  const xyz = new Float64Array(3 * nPoints);
  for (let i = 0; i < nPoints; i++) {
    xyz[3 * i] = mesh.points[2 * i]!;
    xyz[3 * i + 1] = mesh.points[2 * i + 1]!;
  }
  const pointsIdx = add('Float64', 'Points', 3, bytesOf(xyz));
  const offsets = new Int32Array(nCells);
  for (let c = 0; c < nCells; c++) offsets[c] = (c + 1) * nodesPerCell;
  const types = new Uint8Array(nCells).fill(mesh.cellType === 'tri3' ? VTK_TRIANGLE : VTK_QUADRATIC_TRIANGLE);
  const connIdx = add('Int64', 'connectivity', 1, int64Bytes(mesh.cells, mesh.cells.length));
  const offIdx = add('Int64', 'offsets', 1, int64Bytes(offsets, nCells));
  const typeIdx = add('UInt8', 'types', 1, types);

  // Appended offsets count bytes from the first byte after '_' (header included).
  const appendedOffsets: number[] = [];
  let running = 0;
  for (const a of arrays) {
    appendedOffsets.push(running);
    running += a.block.header.length + a.block.body.length;
  }
  const arrayXml = (i: number, indent: string): string => {
    const a = arrays[i]!;
    if (encoding === 'appended-raw') return `${indent}${a.xmlOpen} format="appended" offset="${appendedOffsets[i]}"/>\n`;
    // Compressed: header and body are base64-encoded separately (VTK's convention); uncompressed: together.
    const text = compress
      ? a.block.header.toString('base64') + a.block.body.toString('base64')
      : Buffer.concat([a.block.header, a.block.body]).toString('base64');
    return `${indent}${a.xmlOpen} format="binary">${text}</DataArray>\n`;
  };

  const compressorAttr = compress ? ' compressor="vtkZLibDataCompressor"' : '';
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += `<VTKFile type="UnstructuredGrid" version="1.0" byte_order="${HOST_BYTE_ORDER}" header_type="UInt64"${compressorAttr}>\n`;
  xml += `<!-- ecmfem: region ${mesh.regionNames.map((n, i) => `${i}=${xmlCommentText(n)}`).join(', ')} -->\n`;
  xml += '  <UnstructuredGrid>\n';
  if (fieldIdx.length > 0) xml += `    <FieldData>\n${fieldIdx.map((i) => arrayXml(i, '      ')).join('')}    </FieldData>\n`;
  xml += `    <Piece NumberOfPoints="${nPoints}" NumberOfCells="${nCells}">\n`;
  xml += `      <PointData>\n${pointIdx.map((i) => arrayXml(i, '        ')).join('')}      </PointData>\n`;
  xml += `      <CellData>\n${cellIdx.map((i) => arrayXml(i, '        ')).join('')}      </CellData>\n`;
  xml += `      <Points>\n${arrayXml(pointsIdx, '        ')}      </Points>\n`;
  xml += `      <Cells>\n${[connIdx, offIdx, typeIdx].map((i) => arrayXml(i, '        ')).join('')}      </Cells>\n`;
  xml += '    </Piece>\n  </UnstructuredGrid>\n';
  if (encoding === 'base64') return Buffer.from(`${xml}</VTKFile>\n`, 'utf8');
  const parts: Buffer[] = [Buffer.from(`${xml}  <AppendedData encoding="raw">\n_`, 'utf8')];
  for (const a of arrays) parts.push(a.block.header, a.block.body);
  // meshio strips everything after the last newline before </AppendedData>, so end the raw bytes with one.
  parts.push(Buffer.from('\n  </AppendedData>\n</VTKFile>\n', 'utf8'));
  return Buffer.concat(parts);
}
