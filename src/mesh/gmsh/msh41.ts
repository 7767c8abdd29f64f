import { unsupportedElementType, GMSH_ELEMENT_TYPES } from './elementTypes.js';
import { GmshData, NodeIndex } from './gmshData.js';
import type { MshCursor } from './mshCursor.js';

/** MSH 4.1 `$Entities`: physical tags of every curve and surface (points and volumes are read and dropped). */
export function readEntities41(cur: MshCursor, data: GmshData): void {
  const counts = [0, 0, 0, 0];
  for (let d = 0; d < 4; d++) counts[d] = cur.readSize(`number of ${['points', 'curves', 'surfaces', 'volumes'][d]}`);
  for (let d = 0; d < 4; d++) {
    const n = counts[d]!;
    // Smallest possible entity record: ASCII 2 bytes per number; binary int + doubles + size_t counts.
    cur.checkCount(n, cur.binary ? (d === 0 ? 36 : 68) : (d === 0 ? 10 : 18), `dimension-${d} entities`);
    for (let i = 0; i < n; i++) {
      const tag = cur.readInt(`entity tag`);
      for (let k = 0; k < (d === 0 ? 3 : 6); k++) cur.readDouble('entity bounding box');
      const nPhys = cur.readSize('number of physical tags');
      cur.checkCount(nPhys, cur.binary ? 4 : 2, 'physical tags');
      const phys: number[] = [];
      for (let k = 0; k < nPhys; k++) phys.push(cur.readInt('physical tag'));
      if (d > 0) {
        const nBound = cur.readSize('number of bounding entities');
        cur.checkCount(nBound, cur.binary ? 4 : 2, 'bounding entities');
        for (let k = 0; k < nBound; k++) cur.readInt('bounding entity tag');
      }
      data.entityPhysicals.set(`${d}:${tag}`, phys);
    }
  }
}

/** MSH 4.1 `$Nodes`: entity blocks of node tags then coordinates (plus parametric coordinates if flagged). */
export function readNodes41(cur: MshCursor, data: GmshData): void {
  const nBlocks = cur.readSize('number of entity blocks');
  const nNodes = cur.readSize('number of nodes');
  const minTag = cur.readSize('minimum node tag');
  const maxTag = cur.readSize('maximum node tag');
  cur.checkCount(nNodes, cur.binary ? 32 : 8, 'nodes');
  cur.checkCount(nBlocks, cur.binary ? 20 : 8, 'node blocks');
  if (nNodes > 0 && (minTag < 1 || maxTag < minTag || maxTag - minTag + 1 < nNodes)) {
    cur.fail(`header declares ${nNodes} nodes with tags in [${minTag}, ${maxTag}]: inconsistent`);
  }
  const index = new NodeIndex(maxTag, nNodes);
  const coords = new Float64Array(3 * nNodes);
  const tags = new Float64Array(nNodes);
  let read = 0;
  for (let b = 0; b < nBlocks; b++) {
    const dim = cur.readInt('entity dimension');
    cur.readInt('entity tag');
    const parametric = cur.readInt('parametric flag');
    const n = cur.readSize('number of nodes in the block');
    if (dim < 0 || dim > 3 || (parametric !== 0 && parametric !== 1)) cur.fail(`bad node block header (dimension ${dim}, parametric ${parametric})`);
    if (read + n > nNodes) cur.fail(`node blocks hold more than the ${nNodes} nodes declared in the header`);
    for (let i = 0; i < n; i++) {
      const tag = cur.readSize('node tag');
      if (tag > maxTag) cur.fail(`node tag ${tag} is outside [${minTag}, ${maxTag}] declared in the header`);
      index.set(tag, read + i, cur);
      tags[read + i] = tag;
    }
    const extra = parametric === 1 ? Math.min(dim, 3) : 0;
    for (let i = 0; i < n; i++) {
      const o = 3 * (read + i);
      coords[o] = cur.readDouble('x');
      coords[o + 1] = cur.readDouble('y');
      coords[o + 2] = cur.readDouble('z');
      for (let k = 0; k < extra; k++) cur.readDouble('parametric coordinate');
    }
    read += n;
  }
  if (read !== nNodes) cur.fail(`header declares ${nNodes} nodes but the blocks hold ${read}`);
  data.nodes = index;
  data.coords = coords;
  data.nodeTags = tags;
}

/** MSH 4.1 `$Elements`: entity blocks of one element type each; physical tags come from `$Entities`. */
export function readElements41(cur: MshCursor, data: GmshData): void {
  const nBlocks = cur.readSize('number of entity blocks');
  const nElements = cur.readSize('number of elements');
  cur.readSize('minimum element tag');
  cur.readSize('maximum element tag');
  cur.checkCount(nElements, cur.binary ? 16 : 4, 'elements');
  cur.checkCount(nBlocks, cur.binary ? 20 : 8, 'element blocks');
  let read = 0;
  const nodeTags = new Float64Array(64);
  for (let b = 0; b < nBlocks; b++) {
    const dim = cur.readInt('entity dimension');
    const entity = cur.readInt('entity tag');
    const type = cur.readInt('element type');
    const n = cur.readSize('number of elements in the block');
    const why = unsupportedElementType(type);
    if (why !== null) cur.fail(why);
    const info = GMSH_ELEMENT_TYPES.get(type)!;
    if (info.dim !== dim) cur.fail(`element type ${type} (${info.name}) in a block of dimension ${dim}`);
    if (read + n > nElements) cur.fail(`element blocks hold more than the ${nElements} elements declared in the header`);
    cur.checkCount(n, (info.nodes + 1) * (cur.binary ? 8 : 2), `elements of type ${type}`);
    const physicals = dim === 1 || dim === 2 ? data.entityPhysicals.get(`${dim}:${entity}`) ?? [] : [];
    for (let i = 0; i < n; i++) {
      const id = cur.readSize('element tag');
      for (let a = 0; a < info.nodes; a++) nodeTags[a] = cur.readSize('element node tag');
      data.addElement(type, id, nodeTags, physicals, cur);
    }
    read += n;
  }
  if (read !== nElements) cur.fail(`header declares ${nElements} elements but the blocks hold ${read}`);
}
