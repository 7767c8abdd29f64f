import type { MshCursor } from './mshCursor.js';

/** Node tag → index in reading order; dense array when tags are compact, a Map when sparse. */
export class NodeIndex {
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(maxTag: number, count: number) {
    if (maxTag <= 2 * count + 1024) {
      this.dense = new Int32Array(maxTag + 1).fill(-1);
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map();
    }
  }

  get(tag: number): number {
    if (this.dense) return tag >= 0 && tag < this.dense.length ? this.dense[tag]! : -1;
    return this.sparse!.get(tag) ?? -1;
  }

  /** Fails (via `cur`) on a duplicate tag or one outside [1, maxTag]. */
  set(tag: number, index: number, cur: MshCursor): void {
    if (this.get(tag) >= 0) cur.fail(`node tag ${tag} is defined twice`);
    if (this.dense) {
      if (tag < 1 || tag >= this.dense.length) cur.fail(`node tag ${tag} is outside [1, ${this.dense.length - 1}] declared in the header`);
      this.dense[tag] = index;
    } else {
      if (tag < 1) cur.fail(`node tag ${tag} must be ≥ 1`);
      this.sparse!.set(tag, index);
    }
  }
}

/** What the section readers collect (raw node indices, physical tags; 0 = no physical group). */
export class GmshData {
  readonly physicalNames = new Map<string, string>();
  /** 4.1 `$Entities`: `${dim}:${tag}` → physical tags. */
  readonly entityPhysicals = new Map<string, number[]>();
  nodes: NodeIndex | null = null;
  /** [nNodes × 3] in reading order. */
  coords: Float64Array = new Float64Array(0);
  nodeTags: Float64Array = new Float64Array(0);
  readonly tri: number[] = [];
  readonly triPhysical: number[] = [];
  readonly triIds: number[] = [];
  /** Nodes per triangle (3 or 6) once the first triangle is read. */
  triNodes = 0;
  /** [nLines × 3]: end points and midside node (or −1). */
  readonly lines: number[] = [];
  readonly linePhysical: number[] = [];
  readonly lineIds: number[] = [];

  nodeIndex(tag: number, elementId: number, cur: MshCursor): number {
    const i = this.nodes ? this.nodes.get(tag) : -1;
    if (i < 0) cur.fail(`element ${elementId} refers to node ${tag}, which $Nodes does not define`);
    return i;
  }

  /** Adds one element of a supported type (1, 2, 8, 9; 15 ignored). `nodeTags` holds its node tags. */
  addElement(type: number, id: number, nodeTags: ArrayLike<number>, physicals: readonly number[], cur: MshCursor): void {
    if (type === 15) return;
    if (type === 2 || type === 9) {
      const n = type === 2 ? 3 : 6;
      if (this.triNodes === 0) this.triNodes = n;
      else if (this.triNodes !== n) cur.fail(`element ${id}: the file mixes 3-node and 6-node triangles`);
      if (physicals.length > 1) cur.fail(`triangle ${id} belongs to physical surfaces ${physicals.join(' and ')}: a cell can be in one region only`);
      for (let a = 0; a < n; a++) this.tri.push(this.nodeIndex(nodeTags[a]!, id, cur));
      this.triPhysical.push(physicals[0] ?? 0);
      this.triIds.push(id);
      return;
    }
    const a = this.nodeIndex(nodeTags[0]!, id, cur);
    const b = this.nodeIndex(nodeTags[1]!, id, cur);
    const m = type === 8 ? this.nodeIndex(nodeTags[2]!, id, cur) : -1;
    for (const p of physicals) {
      this.lines.push(a, b, m);
      this.linePhysical.push(p);
      this.lineIds.push(id);
    }
  }
}
