import { MeshFormatError } from '../gmsh/meshFormatError.js';

/**
 * Token reader for COMSOL's native text format: whitespace-separated numbers, `#` comments to the end of the
 * line, and length-prefixed strings (`5 mesh1`: the count, one blank, then exactly that many characters, which
 * may include blanks or `#`). Line numbers are computed only when an error is reported.
 */
export class MphtxtCursor {
  pos = 0;
  section = '(file header)';

  constructor(readonly text: string) {}

  lineAt(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) n++;
    return n;
  }

  fail(message: string, at: number = this.pos): never {
    throw new MeshFormatError('mphtxt', message, { section: this.section, line: this.lineAt(at) });
  }

  /** Skips blanks and comments. */
  skip(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      while (p < t.length && t.charCodeAt(p) <= 32) p++;
      if (p < t.length && t.charCodeAt(p) === 35) {
        const e = t.indexOf('\n', p);
        p = e < 0 ? t.length : e + 1;
        continue;
      }
      break;
    }
    this.pos = p;
  }

  atEnd(): boolean {
    this.skip();
    return this.pos >= this.text.length;
  }

  private token(what: string): [number, number] {
    this.skip();
    const t = this.text;
    const s = this.pos;
    if (s >= t.length) this.fail(`truncated file: expected ${what}, found the end of the file`);
    let e = s;
    while (e < t.length && t.charCodeAt(e) > 32 && t.charCodeAt(e) !== 35) e++;
    this.pos = e;
    return [s, e];
  }

  int(what: string): number {
    const [s, e] = this.token(what);
    const tok = this.text.slice(s, e);
    if (!/^[-+]?\d{1,15}$/.test(tok)) this.fail(`expected an integer (${what}), found '${clipText(tok)}'`, s);
    return Number(tok);
  }

  /** A count: a non-negative integer that `minChars` characters per item can still fit in the file. */
  count(what: string, minChars: number): number {
    const at = this.pos;
    const n = this.int(what);
    if (n < 0) this.fail(`negative ${what}: ${n}`, at);
    if (n * minChars > this.text.length - this.pos) this.fail(`wrong count or truncated file: ${n} ${what} cannot fit in the ${this.text.length - this.pos} characters left`, at);
    return n;
  }

  float(what: string): number {
    const [s, e] = this.token(what);
    const tok = this.text.slice(s, e);
    const v = Number(tok);
    if (!Number.isFinite(v) || tok === '') this.fail(`expected a number (${what}), found '${clipText(tok)}'`, s);
    return v;
  }

  /** Length-prefixed string. */
  string(what: string): string {
    const at = this.pos;
    const n = this.int(`length of ${what}`);
    if (n < 0 || n > 10000) this.fail(`bad string length ${n} (${what})`, at);
    const s = this.pos + 1;
    const str = this.text.slice(s, s + n);
    if (str.length !== n || this.text.charCodeAt(this.pos) !== 32) this.fail(`truncated or malformed string (${what})`, at);
    this.pos = s + n;
    return str;
  }

  /** The comment (text after `#`) on the line of the next token, or '' if none. */
  nextLineComment(): string {
    this.skip();
    const t = this.text;
    const e = t.indexOf('\n', this.pos);
    const line = t.slice(this.pos, e < 0 ? t.length : e);
    const h = line.indexOf('#');
    return h < 0 ? '' : line.slice(h + 1).trim();
  }

  /** Moves to the next line whose comment matches `re`; false if there is none. */
  seekComment(re: RegExp): boolean {
    let p = this.pos;
    const t = this.text;
    while (p < t.length) {
      const e = t.indexOf('\n', p);
      const end = e < 0 ? t.length : e;
      const h = t.indexOf('#', p);
      if (h >= 0 && h < end && re.test(t.slice(h + 1, end))) {
        this.pos = p;
        return true;
      }
      p = end + 1;
    }
    return false;
  }
}

export function clipText(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}
