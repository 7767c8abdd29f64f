/**
 * Byte-level layout of binary DataArrays in VTK XML files (the "VTK File Formats" document, sections
 * "Binary data" / "Compressed data"):
 * - uncompressed: a header integer with the byte count, then the raw bytes;
 * - zlib-compressed: a header [nBlocks, blockSize, lastBlockSize, compressedSize_0 … compressedSize_{n−1}]
 *   (lastBlockSize is the uncompressed size of a partial last block, 0 when the last block is full), then the
 *   concatenated zlib streams, one per block of `blockSize` uncompressed bytes.
 * Header integers are UInt64 or UInt32 (`header_type`), in the file's byte order.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { endianness } from 'node:os';

/** VTK scalar type names this module can read (`type="…"` attribute). */
export type VtkScalarType =
  | 'Int8' | 'UInt8' | 'Int16' | 'UInt16' | 'Int32' | 'UInt32' | 'Int64' | 'UInt64' | 'Float32' | 'Float64';

/** Bytes per element of each VTK scalar type. */
export const VTK_TYPE_SIZE: Readonly<Record<VtkScalarType, number>> = {
  Int8: 1, UInt8: 1, Int16: 2, UInt16: 2, Int32: 4, UInt32: 4, Int64: 8, UInt64: 8, Float32: 4, Float64: 8,
};

export function isVtkScalarType(s: string): s is VtkScalarType {
  return Object.prototype.hasOwnProperty.call(VTK_TYPE_SIZE, s);
}

/** Byte order of this machine, as VTK spells it. */
export const HOST_BYTE_ORDER: 'LittleEndian' | 'BigEndian' = endianness() === 'LE' ? 'LittleEndian' : 'BigEndian';

/** Uncompressed bytes per zlib block; VTK's own writer uses 32 KiB. */
export const DEFAULT_BLOCK_SIZE = 32768;

/** Header integer width: `header_type="UInt64"` → 8, `"UInt32"` → 4. */
export type HeaderWidth = 4 | 8;

function writeHeaderInts(values: readonly number[], width: HeaderWidth, littleEndian: boolean): Buffer {
  const out = Buffer.alloc(values.length * width);
  for (let i = 0; i < values.length; i++) {
    if (width === 8) {
      if (littleEndian) out.writeBigUInt64LE(BigInt(values[i]!), i * 8);
      else out.writeBigUInt64BE(BigInt(values[i]!), i * 8);
    } else if (littleEndian) out.writeUInt32LE(values[i]!, i * 4);
    else out.writeUInt32BE(values[i]!, i * 4);
  }
  return out;
}

/** Reads header integer `i` at `pos`; throws if it does not fit in a safe JS integer or the bytes run out. */
export function readHeaderInt(buf: Uint8Array, pos: number, width: HeaderWidth, littleEndian: boolean): number {
  if (pos + width > buf.length) throw new RangeError(`binary header truncated (need ${width} bytes at ${pos}, have ${buf.length})`);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (width === 4) return littleEndian ? b.readUInt32LE(pos) : b.readUInt32BE(pos);
  const v = littleEndian ? b.readBigUInt64LE(pos) : b.readBigUInt64BE(pos);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`binary header value ${v} too large`);
  return Number(v);
}

/** A binary DataArray payload split into its header and body, as the encodings need them separately. */
export interface EncodedBlock {
  readonly header: Buffer;
  readonly body: Buffer;
}

/**
 * Encodes the raw bytes of one array. `compress` selects the zlib block layout; `blockSize` (bytes) is for
 * tests that need several blocks.
 */
export function encodeBinaryBlock(
  bytes: Uint8Array,
  opts: { compress: boolean; width: HeaderWidth; littleEndian: boolean; blockSize?: number; level?: number },
): EncodedBlock {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!opts.compress) return { header: writeHeaderInts([data.length], opts.width, opts.littleEndian), body: data };
  const blockSize = opts.blockSize ?? DEFAULT_BLOCK_SIZE;
  const nBlocks = Math.ceil(data.length / blockSize);
  const parts: Buffer[] = [];
  for (let k = 0; k < nBlocks; k++) {
    parts.push(deflateSync(data.subarray(k * blockSize, Math.min(data.length, (k + 1) * blockSize)), { level: opts.level ?? 6 }));
  }
  const lastPartial = data.length % blockSize;
  const header = writeHeaderInts([nBlocks, blockSize, lastPartial, ...parts.map((p) => p.length)], opts.width, opts.littleEndian);
  return { header, body: Buffer.concat(parts) };
}

/** Bytes of a header for `nBlocks` compressed blocks. */
export function compressedHeaderBytes(nBlocks: number, width: HeaderWidth): number {
  return (3 + nBlocks) * width;
}

/**
 * Decodes one binary payload that starts at `pos` of `buf` (header then body). Returns the uncompressed bytes
 * and the position just after the payload. Throws RangeError/Error with the reason on malformed input.
 */
export function decodeBinaryBlock(
  buf: Uint8Array,
  pos: number,
  opts: { compressed: boolean; width: HeaderWidth; littleEndian: boolean },
): { bytes: Uint8Array; end: number } {
  const { width, littleEndian } = opts;
  if (!opts.compressed) {
    const n = readHeaderInt(buf, pos, width, littleEndian);
    const start = pos + width;
    if (start + n > buf.length) throw new RangeError(`binary data truncated: header says ${n} bytes, ${buf.length - start} available`);
    return { bytes: buf.subarray(start, start + n), end: start + n };
  }
  const nBlocks = readHeaderInt(buf, pos, width, littleEndian);
  const blockSize = readHeaderInt(buf, pos + width, width, littleEndian);
  const lastPartial = readHeaderInt(buf, pos + 2 * width, width, littleEndian);
  if (nBlocks > 0 && blockSize === 0) throw new RangeError('compressed header has block size 0');
  let cursor = pos + compressedHeaderBytes(nBlocks, width);
  const total = nBlocks === 0 ? 0 : (nBlocks - 1) * blockSize + (lastPartial === 0 ? blockSize : lastPartial);
  const out = new Uint8Array(total);
  let filled = 0;
  for (let k = 0; k < nBlocks; k++) {
    const csize = readHeaderInt(buf, pos + (3 + k) * width, width, littleEndian);
    if (cursor + csize > buf.length) throw new RangeError(`compressed block ${k} truncated (${csize} bytes at ${cursor}, have ${buf.length})`);
    let block: Buffer;
    try {
      block = inflateSync(buf.subarray(cursor, cursor + csize));
    } catch (err) {
      throw new Error(`compressed block ${k} is not valid zlib data: ${(err as Error).message}`);
    }
    const expected = k === nBlocks - 1 && lastPartial !== 0 ? lastPartial : blockSize;
    if (block.length !== expected) throw new RangeError(`compressed block ${k} inflates to ${block.length} bytes, header says ${expected}`);
    out.set(block, filled);
    filled += block.length;
    cursor += csize;
  }
  return { bytes: out, end: cursor };
}

/** Reverses the byte order of each `size`-byte element in place (for files written on the other endianness). */
export function swapBytesInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}
