import { unsupportedElementType, GMSH_ELEMENT_TYPES } from './elementTypes.js';
import { GmshData, NodeIndex } from './gmshData.js';
import type { MshCursor } from './mshCursor.js';

/** MSH 2.2 ASCII `$Nodes`: count, then `tag x y z` per node. */
export function readNodes22(cur: MshCursor, data: GmshData): void {
  const n = cur.int('number of nodes');
  cur.checkCount(n, 8, 'nodes');
  // Tags are usually 1..n; NodeIndex switches to a Map when they are sparse.
  const tags = new Float64Array(n);
  const coords = new Float64Array(3 * n);
  let maxTag = 0;
  const start = { pos: cur.pos, line: cur.line };
  for (let i = 0; i < n; i++) {
    const t = cur.int('node tag');
    if (t > maxTag) maxTag = t;
    tags[i] = t;
    coords[3 * i] = cur.float('x');
    coords[3 * i + 1] = cur.float('y');
    coords[3 * i + 2] = cur.float('z');
  }
  const index = new NodeIndex(maxTag, n);
  const end = { pos: cur.pos, line: cur.line };
  cur.pos = start.pos; // messages about duplicate tags point at the section start
  cur.line = start.line;
  for (let i = 0; i < n; i++) index.set(tags[i]!, i, cur);
  cur.pos = end.pos;
  cur.line = end.line;
  data.nodes = index;
  data.coords = coords;
  data.nodeTags = tags;
}

/** MSH 2.2 ASCII `$Elements`: `id type nTags tags… nodes…`; tag 1 is the physical group (0 = none). */
export function readElements22(cur: MshCursor, data: GmshData): void {
  const n = cur.int('number of elements');
  cur.checkCount(n, 8, 'elements');
  const nodeTags = new Float64Array(64);
  const phys: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = cur.int('element number');
    const type = cur.int('element type');
    const nTags = cur.int('number of tags');
    if (nTags < 0 || nTags > 64) cur.fail(`element ${id}: bad number of tags ${nTags}`);
    phys.length = 0;
    for (let k = 0; k < nTags; k++) {
      const t = cur.int('element tag');
      if (k === 0 && t !== 0) phys.push(t);
    }
    const why = unsupportedElementType(type);
    if (why !== null) cur.fail(`element ${id}: ${why}`);
    const info = GMSH_ELEMENT_TYPES.get(type)!;
    for (let a = 0; a < info.nodes; a++) nodeTags[a] = cur.int('element node');
    data.addElement(type, id, nodeTags, phys, cur);
  }
}
