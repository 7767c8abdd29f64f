/**
 * Reader for VTK XML UnstructuredGrid (.vtu) files: everything {@link writeVtu} produces (inline base64 and
 * appended raw, with or without zlib) plus the common variants other tools write (ascii, appended base64,
 * UInt32 headers, either byte order). Single-piece files only. Used by round-trip tests and `ecmfem compare`.
 */
import { childrenNamed, parseXml, XmlError, type XmlElement } from './xmlLite.js';
import {
  HOST_BYTE_ORDER, VTK_TYPE_SIZE, compressedHeaderBytes, decodeBinaryBlock, isVtkScalarType, readHeaderInt,
  swapBytesInPlace, type HeaderWidth, type VtkScalarType,
} from './vtkBinary.js';

/** Values of one array; 64-bit integers come back as Float64Array (exact below 2^53). */
export type VtuValues = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

export interface VtuReadArray {
  readonly type: VtkScalarType;
  readonly components: number;
  /** [n × components] row-major. */
  readonly values: VtuValues;
}

export interface VtuData {
  readonly nPoints: number;
  readonly nCells: number;
  /** [nPoints × 3] coordinates. */
  readonly points: Float64Array;
  /** Flat connectivity [Σ nodes per cell]. */
  readonly cells: Int32Array;
  /** End offset of each cell in `cells` [nCells] (VTK convention: cell c is cells[offsets[c−1] … offsets[c])). */
  readonly cellOffsets: Int32Array;
  /** VTK cell type ids [nCells] (5 = triangle, 22 = quadratic triangle). */
  readonly cellTypes: Uint8Array;
  readonly pointData: Readonly<Record<string, VtuReadArray>>;
  readonly cellData: Readonly<Record<string, VtuReadArray>>;
  readonly fieldData: Readonly<Record<string, VtuReadArray>>;
  /** FieldData `TimeValue`, if present. */
  readonly time?: number;
}

export class VtuReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VtuReadError';
  }
}

interface Context {
  readonly width: HeaderWidth;
  readonly fileLittleEndian: boolean;
  readonly compressed: boolean;
  /** Raw appended bytes (after '_'), or null. */
  readonly appendedRaw: Uint8Array | null;
  /** Base64 appended text (after '_', whitespace removed), or null. */
  readonly appendedB64: string | null;
}

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function b64(text: string, what: string): Buffer {
  if (!B64_RE.test(text) || text.length % 4 === 1) throw new VtuReadError(`${what}: invalid base64 data`);
  return Buffer.from(text, 'base64');
}

/** Decodes base64 text holding header + body; VTK encodes a compressed header separately from the body. */
function decodeBase64Payload(text: string, ctx: Context, what: string): Uint8Array {
  const w = ctx.width;
  const chars = (bytes: number): number => 4 * Math.ceil(bytes / 3);
  if (!ctx.compressed) {
    const headChars = chars(w);
    // Header encoded on its own ends in '=' padding; encoded together with the body it does not.
    if (text.length >= headChars && text[headChars - 1] === '=') {
      const head = b64(text.slice(0, headChars), what);
      const body = b64(text.slice(headChars), what);
      return decodeBinaryBlock(Buffer.concat([head.subarray(0, w), body]), 0, { compressed: false, width: w, littleEndian: ctx.fileLittleEndian }).bytes;
    }
    return decodeBinaryBlock(b64(text, what), 0, { compressed: false, width: w, littleEndian: ctx.fileLittleEndian }).bytes;
  }
  const first = b64(text.slice(0, chars(w)), what);
  const nBlocks = readHeaderInt(first, 0, w, ctx.fileLittleEndian);
  const headBytes = compressedHeaderBytes(nBlocks, w);
  const headChars = chars(headBytes);
  if (text.length < headChars) throw new VtuReadError(`${what}: compressed header truncated`);
  const head = b64(text.slice(0, headChars), what).subarray(0, headBytes);
  const body = b64(text.slice(headChars), what);
  return decodeBinaryBlock(Buffer.concat([head, body]), 0, { compressed: true, width: w, littleEndian: ctx.fileLittleEndian }).bytes;
}

function typedFromBytes(type: VtkScalarType, raw: Uint8Array, swap: boolean, what: string): VtuValues {
  const size = VTK_TYPE_SIZE[type];
  if (raw.length % size !== 0) throw new VtuReadError(`${what}: ${raw.length} bytes is not a whole number of ${type} values`);
  const bytes = new Uint8Array(raw); // own, aligned copy
  if (swap) swapBytesInPlace(bytes, size);
  const buf = bytes.buffer;
  switch (type) {
    case 'Float64': return new Float64Array(buf);
    case 'Float32': return new Float32Array(buf);
    case 'Int32': return new Int32Array(buf);
    case 'UInt32': return new Uint32Array(buf);
    case 'Int16': return new Int16Array(buf);
    case 'UInt16': return new Uint16Array(buf);
    case 'Int8': return new Int8Array(buf);
    case 'UInt8': return bytes;
    case 'Int64':
    case 'UInt64': {
      const big = type === 'Int64' ? new BigInt64Array(buf) : new BigUint64Array(buf);
      const out = new Float64Array(big.length);
      for (let i = 0; i < big.length; i++) {
        const v = Number(big[i]!);
        if (!Number.isSafeInteger(v)) throw new VtuReadError(`${what}: 64-bit value ${big[i]} exceeds 2^53`);
        out[i] = v;
      }
      return out;
    }
  }
}

function parseAscii(type: VtkScalarType, text: string, what: string): VtuValues {
  const tokens = text.trim() === '' ? [] : text.trim().split(/\s+/);
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const v = Number(tokens[i]);
    if (Number.isNaN(v) && !/^[-+]?nan$/i.test(tokens[i]!)) throw new VtuReadError(`${what}: bad ascii number '${tokens[i]}'`);
    out[i] = v;
  }
  if (type === 'Float64' || type.includes('64')) return out;
  if (type === 'Float32') return Float32Array.from(out);
  if (type === 'UInt8') return Uint8Array.from(out);
  return Int32Array.from(out);
}

function readDataArray(el: XmlElement, ctx: Context, where: string): { name: string; arr: VtuReadArray } {
  const name = el.attrs['Name'] ?? '';
  const what = `${where} DataArray '${name}'`;
  const type = el.attrs['type'] ?? '';
  if (!isVtkScalarType(type)) throw new VtuReadError(`${what}: unsupported type '${type}'`);
  const components = Number(el.attrs['NumberOfComponents'] ?? '1');
  if (!Number.isInteger(components) || components < 1) throw new VtuReadError(`${what}: bad NumberOfComponents`);
  const format = el.attrs['format'] ?? 'ascii';
  const swap = (ctx.fileLittleEndian ? 'LittleEndian' : 'BigEndian') !== HOST_BYTE_ORDER;
  let values: VtuValues;
  try {
    if (format === 'ascii') values = parseAscii(type, el.text, what);
    else if (format === 'binary') values = typedFromBytes(type, decodeBase64Payload(el.text.replace(/\s+/g, ''), ctx, what), swap, what);
    else if (format === 'appended') {
      const off = Number(el.attrs['offset']);
      if (!Number.isInteger(off) || off < 0) throw new VtuReadError(`${what}: bad offset '${el.attrs['offset']}'`);
      let bytes: Uint8Array;
      if (ctx.appendedRaw) {
        if (off >= ctx.appendedRaw.length) throw new VtuReadError(`${what}: offset ${off} beyond the appended data (${ctx.appendedRaw.length} bytes)`);
        bytes = decodeBinaryBlock(ctx.appendedRaw, off, { compressed: ctx.compressed, width: ctx.width, littleEndian: ctx.fileLittleEndian }).bytes;
      } else if (ctx.appendedB64 !== null) {
        bytes = decodeBase64Payload(ctx.appendedB64.slice(off), ctx, what);
      } else throw new VtuReadError(`${what}: format="appended" but the file has no <AppendedData>`);
      values = typedFromBytes(type, bytes, swap, what);
    } else throw new VtuReadError(`${what}: unknown format '${format}'`);
  } catch (err) {
    if (err instanceof VtuReadError) throw err;
    throw new VtuReadError(`${what}: ${(err as Error).message}`);
  }
  if (values.length % components !== 0) throw new VtuReadError(`${what}: ${values.length} values do not fit ${components} components`);
  return { name, arr: { type, components, values } };
}

function indexOfBytes(hay: Uint8Array, needle: string, from = 0): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from, 'latin1');
}

/** Parses a .vtu file image. Throws {@link VtuReadError} naming the offending element on malformed input. */
export function readVtu(input: Uint8Array | string): VtuData {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  // Raw appended data is not text: split it off before XML parsing.
  let xmlText: string;
  let appendedRaw: Uint8Array | null = null;
  let appendedB64: string | null = null;
  const appStart = indexOfBytes(buf, '<AppendedData');
  const asText = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  if (appStart >= 0) {
    const tagEnd = indexOfBytes(buf, '>', appStart);
    if (tagEnd < 0) throw new VtuReadError('unterminated <AppendedData> tag');
    const tag = asText(buf.subarray(appStart, tagEnd + 1));
    const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
    const underscore = indexOfBytes(buf, '_', tagEnd);
    const close = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).lastIndexOf('</AppendedData>', undefined, 'latin1');
    if (underscore < 0 || close < 0 || close < underscore) throw new VtuReadError('<AppendedData> without "_" marker or closing tag');
    if (enc === 'raw') appendedRaw = buf.subarray(underscore + 1, close);
    else if (enc === 'base64') appendedB64 = asText(buf.subarray(underscore + 1, close)).replace(/\s+/g, '');
    else throw new VtuReadError(`unsupported AppendedData encoding '${enc}'`);
    xmlText = asText(buf.subarray(0, appStart)) + asText(buf.subarray(close + '</AppendedData>'.length));
  } else xmlText = asText(buf);

  let root: XmlElement;
  try {
    root = parseXml(xmlText);
  } catch (err) {
    if (err instanceof XmlError) throw new VtuReadError(`malformed XML: ${err.message}`);
    throw err;
  }
  if (root.name !== 'VTKFile') throw new VtuReadError(`root element is <${root.name}>, expected <VTKFile>`);
  if (root.attrs['type'] !== 'UnstructuredGrid') throw new VtuReadError(`VTKFile type is '${root.attrs['type']}', expected 'UnstructuredGrid'`);
  const headerType = root.attrs['header_type'] ?? 'UInt32';
  if (headerType !== 'UInt32' && headerType !== 'UInt64') throw new VtuReadError(`unsupported header_type '${headerType}'`);
  const byteOrder = root.attrs['byte_order'] ?? HOST_BYTE_ORDER;
  if (byteOrder !== 'LittleEndian' && byteOrder !== 'BigEndian') throw new VtuReadError(`unknown byte_order '${byteOrder}'`);
  const compressor = root.attrs['compressor'];
  if (compressor !== undefined && compressor !== 'vtkZLibDataCompressor') throw new VtuReadError(`unsupported compressor '${compressor}'`);
  const ctx: Context = {
    width: headerType === 'UInt64' ? 8 : 4,
    fileLittleEndian: byteOrder === 'LittleEndian',
    compressed: compressor !== undefined,
    appendedRaw,
    appendedB64,
  };

  const grid = childrenNamed(root, 'UnstructuredGrid')[0];
  if (!grid) throw new VtuReadError('missing <UnstructuredGrid>');
  const pieces = childrenNamed(grid, 'Piece');
  if (pieces.length !== 1) throw new VtuReadError(`expected exactly one <Piece>, found ${pieces.length}`);
  const piece = pieces[0]!;
  const nPoints = Number(piece.attrs['NumberOfPoints']);
  const nCells = Number(piece.attrs['NumberOfCells']);
  if (!Number.isInteger(nPoints) || nPoints < 0 || !Number.isInteger(nCells) || nCells < 0) {
    throw new VtuReadError('<Piece> needs integer NumberOfPoints and NumberOfCells');
  }

  const section = (parent: XmlElement, tag: string, count: number | null): Record<string, VtuReadArray> => {
    const out: Record<string, VtuReadArray> = {};
    for (const sec of childrenNamed(parent, tag)) {
      for (const el of childrenNamed(sec, 'DataArray')) {
        const { name, arr } = readDataArray(el, ctx, tag);
        if (count !== null && arr.values.length !== count * arr.components) {
          throw new VtuReadError(`${tag} '${name}': ${arr.values.length} values, expected ${count} × ${arr.components}`);
        }
        out[name] = arr;
      }
    }
    return out;
  };
  const fieldData = section(grid, 'FieldData', null);
  const pointData = section(piece, 'PointData', nPoints);
  const cellData = section(piece, 'CellData', nCells);

  const ptsEl = childrenNamed(piece, 'Points')[0];
  const ptsArr = ptsEl ? childrenNamed(ptsEl, 'DataArray')[0] : undefined;
  if (!ptsArr) throw new VtuReadError('missing <Points><DataArray>');
  const pts = readDataArray(ptsArr, ctx, 'Points').arr;
  if (pts.components !== 3 || pts.values.length !== 3 * nPoints) throw new VtuReadError(`Points: expected ${nPoints} × 3 values, got ${pts.values.length} (${pts.components} components)`);

  const cellsEl = childrenNamed(piece, 'Cells')[0];
  if (!cellsEl) throw new VtuReadError('missing <Cells>');
  const byName: Record<string, VtuReadArray> = {};
  for (const el of childrenNamed(cellsEl, 'DataArray')) {
    const { name, arr } = readDataArray(el, ctx, 'Cells');
    byName[name] = arr;
  }
  for (const need of ['connectivity', 'offsets', 'types']) if (!byName[need]) throw new VtuReadError(`<Cells> lacks the '${need}' array`);
  const conn = Int32Array.from(byName['connectivity']!.values);
  const offsets = Int32Array.from(byName['offsets']!.values);
  const types = Uint8Array.from(byName['types']!.values);
  if (offsets.length !== nCells || types.length !== nCells) throw new VtuReadError(`<Cells>: offsets/types have ${offsets.length}/${types.length} entries, expected ${nCells}`);
  let prev = 0;
  for (let c = 0; c < nCells; c++) {
    if (offsets[c]! < prev) throw new VtuReadError(`<Cells>: offsets decrease at cell ${c}`);
    prev = offsets[c]!;
  }
  if (prev !== conn.length) throw new VtuReadError(`<Cells>: last offset ${prev} ≠ connectivity length ${conn.length}`);
  for (let k = 0; k < conn.length; k++) {
    if (conn[k]! < 0 || conn[k]! >= nPoints) throw new VtuReadError(`<Cells>: connectivity entry ${k} = ${conn[k]} out of range 0..${nPoints - 1}`);
  }
  const tv = fieldData['TimeValue'];
  const time = tv && tv.values.length >= 1 ? Number(tv.values[0]) : undefined;
  return {
    nPoints, nCells,
    points: pts.values instanceof Float64Array ? pts.values : Float64Array.from(pts.values),
    cells: conn, cellOffsets: offsets, cellTypes: types,
    pointData, cellData, fieldData,
    ...(time !== undefined ? { time } : {}),
  };
}
