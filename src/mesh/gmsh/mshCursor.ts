import { MeshFormatError } from './meshFormatError.js';

const NL = 10;
const CR = 13;

function isSpace(b: number): boolean {
  return b === 32 || b === NL || b === CR || b === 9 || b === 11 || b === 12;
}

/**
 * Reads a Gmsh file held in memory: ASCII lines and whitespace-separated numbers, and (for binary files) raw
 * little- or big-endian ints, size_t (8 bytes) and doubles. Every read checks the bytes left, so a truncated
 * or garbled file fails with a {@link MeshFormatError} naming the section and the line (ASCII) or the byte
 * offset (binary data) instead of running past the end. Counts read from the file are checked against the
 * bytes left before anything is allocated or looped over ({@link checkCount}).
 */
export class MshCursor {
  readonly bytes: Buffer;
  pos = 0;
  /** 1-based line of `pos`; meaningful until the first binary block. */
  line = 1;
  section = '(header)';
  binary = false;
  littleEndian = true;
  private afterBinary = false;

  constructor(input: Uint8Array) {
    this.bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }

  fail(message: string): never {
    if (this.afterBinary) throw new MeshFormatError('gmsh', message, { section: this.section, byteOffset: this.pos });
    throw new MeshFormatError('gmsh', message, { section: this.section, line: this.line });
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Fails unless `count` items of at least `minBytes` each can still fit in the file. */
  checkCount(count: number, minBytes: number, what: string): void {
    if (!Number.isSafeInteger(count) || count < 0) this.fail(`bad count of ${what}: ${count}`);
    if (count * minBytes > this.remaining) {
      this.fail(`wrong count or truncated file: ${count} ${what} need at least ${count * minBytes} bytes but only ${this.remaining} remain`);
    }
  }

  skipSpace(): void {
    const b = this.bytes;
    let p = this.pos;
    while (p < b.length && isSpace(b[p]!)) {
      if (b[p] === NL) this.line++;
      p++;
    }
    this.pos = p;
  }

  /** The next line (without its end of line), or null at the end of the file. */
  readLine(): string | null {
    const b = this.bytes;
    if (this.pos >= b.length) return null;
    let e = b.indexOf(NL, this.pos);
    const next = e < 0 ? b.length : e + 1;
    if (e < 0) e = b.length;
    let end = e;
    if (end > this.pos && b[end - 1] === CR) end--;
    const s = b.toString('latin1', this.pos, end);
    this.pos = next;
    if (next <= b.length && e < b.length) this.line++;
    return s;
  }

  /** Next non-blank line, trimmed, or null at the end of the file. */
  readNonBlankLine(): string | null {
    for (;;) {
      const s = this.readLine();
      if (s === null) return null;
      const t = s.trim();
      if (t !== '') return t;
    }
  }

  /** Requires the next non-blank line to be `$End<name>`. */
  expectEnd(name: string): void {
    const at = this.line;
    this.skipSpace();
    const s = this.readNonBlankLine();
    if (s === null) this.fail(`truncated file: $End${name} missing`);
    if (s !== `$End${name}`) {
      this.line = at;
      this.fail(`expected $End${name} (wrong counts in the section?), found '${clip(s)}'`);
    }
  }

  /** Next whitespace-separated token as [start, end) byte offsets. */
  private span(what: string): [number, number] {
    this.skipSpace();
    const b = this.bytes;
    const s = this.pos;
    if (s >= b.length) this.fail(`truncated file: expected ${what}, found the end of the file`);
    let e = s;
    while (e < b.length && !isSpace(b[e]!)) e++;
    this.pos = e;
    return [s, e];
  }

  /** ASCII integer token. */
  int(what: string): number {
    const [s, e] = this.span(what);
    const b = this.bytes;
    let i = s;
    let neg = false;
    if (b[i] === 45 || b[i] === 43) { neg = b[i] === 45; i++; }
    let v = 0;
    if (i === e || e - i > 17) this.fail(`expected an integer (${what}), found '${clip(b.toString('latin1', s, e))}'`);
    for (; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) this.fail(`expected an integer (${what}), found '${clip(b.toString('latin1', s, e))}'`);
      v = v * 10 + d;
    }
    if (!Number.isSafeInteger(v)) this.fail(`integer ${clip(b.toString('latin1', s, e))} is too large (${what})`);
    return neg ? -v : v;
  }

  /** ASCII floating-point token (must be finite). */
  float(what: string): number {
    const [s, e] = this.span(what);
    const t = this.bytes.toString('latin1', s, e);
    const v = Number(t);
    if (!Number.isFinite(v) || e - s > 64) this.fail(`expected a number (${what}), found '${clip(t)}'`);
    return v;
  }

  private need(n: number, what: string): void {
    this.afterBinary = true;
    if (this.pos + n > this.bytes.length) this.fail(`truncated binary data: ${what} needs ${n} bytes, ${this.remaining} remain`);
  }

  i32(what: string): number {
    this.need(4, what);
    const v = this.littleEndian ? this.bytes.readInt32LE(this.pos) : this.bytes.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** 8-byte unsigned size_t; fails above 2^53. */
  u64(what: string): number {
    this.need(8, what);
    const b = this.bytes;
    const lo = this.littleEndian ? b.readUInt32LE(this.pos) : b.readUInt32BE(this.pos + 4);
    const hi = this.littleEndian ? b.readUInt32LE(this.pos + 4) : b.readUInt32BE(this.pos);
    if (hi >= 1 << 21) this.fail(`binary garbage: ${what} exceeds 2^53`);
    this.pos += 8;
    return hi * 4294967296 + lo;
  }

  f64(what: string): number {
    this.need(8, what);
    const v = this.littleEndian ? this.bytes.readDoubleLE(this.pos) : this.bytes.readDoubleBE(this.pos);
    if (!Number.isFinite(v)) this.fail(`binary garbage: ${what} is ${v}`);
    this.pos += 8;
    return v;
  }

  /** An `int` field: 4 bytes in binary files, a token in ASCII ones. */
  readInt(what: string): number {
    return this.binary ? this.i32(what) : this.int(what);
  }

  /** A `size_t` field: 8 bytes in binary files, a token in ASCII ones. */
  readSize(what: string): number {
    return this.binary ? this.u64(what) : this.int(what);
  }

  readDouble(what: string): number {
    return this.binary ? this.f64(what) : this.float(what);
  }

  /** Moves past `$End<name>` (for sections this reader does not use), failing if it is missing. */
  skipSection(name: string): void {
    const marker = `$End${name}`;
    let at = this.pos;
    for (;;) {
      const i = this.bytes.indexOf(marker, at, 'latin1');
      if (i < 0) this.fail(`truncated file: ${marker} missing`);
      const after = i + marker.length;
      const endOk = after >= this.bytes.length || isSpace(this.bytes[after]!);
      const startOk = i === 0 || this.bytes[i - 1] === NL;
      if (endOk && startOk) {
        if (!this.afterBinary) for (let p = this.pos; p < after; p++) if (this.bytes[p] === NL) this.line++;
        this.pos = after;
        return;
      }
      at = i + 1;
    }
  }
}

/** A string cut to 40 characters for messages (binary garbage must not flood them). */
export function clip(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}
