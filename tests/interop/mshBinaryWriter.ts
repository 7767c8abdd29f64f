/**
 * Writes the two-squares fixture (same content as fixtures/two-squares-41.msh) as MSH 4.1 binary, following
 * the Gmsh manual's layout: after the ASCII `4.1 1 8` line an int 1 (byte-order check); in $Entities, $Nodes
 * and $Elements, tags and counts are size_t (8 bytes), dimensions/entity tags/types/physical tags are int
 * (4 bytes) and coordinates double; section keywords stay ASCII lines.
 */
class Bytes {
  private readonly parts: Buffer[] = [];
  constructor(private readonly little: boolean) {}
  text(s: string): this {
    this.parts.push(Buffer.from(s, 'latin1'));
    return this;
  }
  int(...vs: number[]): this {
    for (const v of vs) {
      const b = Buffer.alloc(4);
      if (this.little) b.writeInt32LE(v); else b.writeInt32BE(v);
      this.parts.push(b);
    }
    return this;
  }
  size(...vs: number[]): this {
    for (const v of vs) {
      const b = Buffer.alloc(8);
      if (this.little) b.writeBigUInt64LE(BigInt(v)); else b.writeBigUInt64BE(BigInt(v));
      this.parts.push(b);
    }
    return this;
  }
  double(...vs: number[]): this {
    for (const v of vs) {
      const b = Buffer.alloc(8);
      if (this.little) b.writeDoubleLE(v); else b.writeDoubleBE(v);
      this.parts.push(b);
    }
    return this;
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** [tag, bounding box (6), physical tag] of the seven curves, and the two surfaces. */
const CURVES: [number, number[], number][] = [
  [1, [0, 0, 0, 1, 0, 0], 11], [2, [1, 0, 0, 2, 0, 0], 11], [3, [2, 0, 0, 2, 1, 0], 12], [4, [1, 1, 0, 2, 1, 0], 13],
  [5, [0, 1, 0, 1, 1, 0], 13], [6, [0, 0, 0, 0, 1, 0], 14], [7, [1, 0, 0, 1, 1, 0], 15],
];
const SURFACES: [number, number[], number, number[]][] = [
  [1, [0, 0, 0, 1, 1, 0], 1, [1, 7, 5, 6]],
  [2, [1, 0, 0, 2, 1, 0], 2, [2, 3, 4, -7]],
];
const NODE_BLOCKS: [number, number[], number[][]][] = [
  [1, [10, 20, 40, 50], [[0, 0], [1, 0], [0, 1], [1, 1]]],
  [2, [30, 60], [[2, 0], [2, 1]]],
];
/** [dim, entity, type, [[elementTag, …nodeTags]]] */
const ELEMENT_BLOCKS: [number, number, number, number[][]][] = [
  [0, 1, 15, [[1, 10]]],
  [1, 1, 1, [[2, 10, 20]]], [1, 2, 1, [[3, 20, 30]]], [1, 3, 1, [[4, 30, 60]]], [1, 4, 1, [[5, 60, 50]]],
  [1, 5, 1, [[6, 50, 40]]], [1, 6, 1, [[7, 40, 10]]], [1, 7, 1, [[8, 20, 50]]],
  [2, 1, 2, [[9, 10, 20, 50], [10, 10, 50, 40]]],
  [2, 2, 2, [[11, 20, 30, 60], [12, 20, 50, 60]]],
];

export function writeTwoSquaresBinary(little: boolean): Buffer {
  const w = new Bytes(little);
  w.text('$MeshFormat\n4.1 1 8\n').int(1).text('\n$EndMeshFormat\n');
  w.text('$PhysicalNames\n7\n1 11 "bottom"\n1 12 "right"\n1 13 "top"\n1 14 "left"\n1 15 "interface"\n2 1 "left"\n2 2 "right"\n$EndPhysicalNames\n');
  w.text('$Entities\n').size(1, CURVES.length, SURFACES.length, 0);
  w.int(1).double(0, 0, 0).size(0);
  for (const [tag, box, phys] of CURVES) w.int(tag).double(...box).size(1).int(phys).size(0);
  for (const [tag, box, phys, bound] of SURFACES) w.int(tag).double(...box).size(1).int(phys).size(bound.length).int(...bound);
  w.text('\n$EndEntities\n$Nodes\n').size(NODE_BLOCKS.length, 6, 10, 60);
  for (const [entity, tags, xy] of NODE_BLOCKS) {
    w.int(2, entity, 0).size(tags.length).size(...tags);
    for (const [x, y] of xy) w.double(x!, y!, 0);
  }
  w.text('\n$EndNodes\n$Elements\n').size(ELEMENT_BLOCKS.length, 12, 1, 12);
  for (const [dim, entity, type, els] of ELEMENT_BLOCKS) {
    w.int(dim, entity, type).size(els.length);
    for (const e of els) w.size(...e);
  }
  w.text('\n$EndElements\n');
  return w.build();
}
