/**
 * A minimal XML element-tree parser for the VTK/PVD files this package writes (and similar ones from other
 * tools): elements, attributes, text, comments, processing instructions, CDATA, the five named entities and
 * numeric character references. No DTDs, no namespaces. Throws {@link XmlError} with a character offset.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated text directly inside this element (not its children), entities decoded. */
  text: string;
  /** Character offset of the start tag in the source text. */
  readonly offset: number;
}

export class XmlError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlError';
  }
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string, at: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new XmlError(`unterminated entity '${m}'`, at);
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const v = NAMED[body];
    if (v === undefined) throw new XmlError(`unknown entity '&${body};'`, at);
    return v;
  });
}

const NAME_RE = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const ATTR_RE = /\s*([A-Za-z_:][-A-Za-z0-9_.:]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/** Parses `src` and returns the root element. */
export function parseXml(src: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = src.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(text, i);
      else if (text.trim() !== '') throw new XmlError('text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const e = src.indexOf('-->', i + 4);
      if (e < 0) throw new XmlError('unterminated comment', i);
      i = e + 3;
    } else if (src.startsWith('<?', i)) {
      const e = src.indexOf('?>', i + 2);
      if (e < 0) throw new XmlError('unterminated processing instruction', i);
      i = e + 2;
    } else if (src.startsWith('<![CDATA[', i)) {
      const e = src.indexOf(']]>', i + 9);
      if (e < 0) throw new XmlError('unterminated CDATA section', i);
      const top = stack[stack.length - 1];
      if (!top) throw new XmlError('CDATA outside the root element', i);
      top.text += src.slice(i + 9, e);
      i = e + 3;
    } else if (src.startsWith('<!', i)) {
      throw new XmlError('DTD declarations are not supported', i);
    } else if (src.startsWith('</', i)) {
      NAME_RE.lastIndex = i + 2;
      const m = NAME_RE.exec(src);
      if (!m) throw new XmlError('bad end tag', i);
      const top = stack.pop();
      if (!top || top.name !== m[0]) throw new XmlError(`end tag </${m[0]}> does not match <${top ? top.name : '(none)'}>`, i);
      const close = src.indexOf('>', i);
      if (close < 0 || src.slice(NAME_RE.lastIndex, close).trim() !== '') throw new XmlError('bad end tag', i);
      i = close + 1;
    } else {
      NAME_RE.lastIndex = i + 1;
      const m = NAME_RE.exec(src);
      if (!m) throw new XmlError('bad start tag', i);
      const start = i;
      let j = NAME_RE.lastIndex;
      const attrs: Record<string, string> = {};
      for (;;) {
        ATTR_RE.lastIndex = j;
        const a = ATTR_RE.exec(src);
        if (!a) break;
        if (Object.prototype.hasOwnProperty.call(attrs, a[1]!)) throw new XmlError(`duplicate attribute '${a[1]}'`, j);
        attrs[a[1]!] = decodeEntities(a[3] ?? a[4] ?? '', j);
        j = ATTR_RE.lastIndex;
      }
      while (j < n && /\s/.test(src[j]!)) j++;
      const selfClosing = src.startsWith('/>', j);
      if (!selfClosing && src[j] !== '>') throw new XmlError(`malformed tag <${m[0]}>`, start);
      const el: XmlElement = { name: m[0], attrs, children: [], text: '', offset: start };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new XmlError('more than one root element', start);
      else root = el;
      if (!selfClosing) stack.push(el);
      i = j + (selfClosing ? 2 : 1);
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed element <${stack[stack.length - 1]!.name}>`, n);
  if (!root) throw new XmlError('no root element', 0);
  return root;
}

/** Direct children of `el` named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
