import { buildImportedMesh } from '../gmsh/importedMesh.js';
import { MeshFormatError } from '../gmsh/meshFormatError.js';
import type { Mesh } from '../mesh.js';
import { clipText, MphtxtCursor } from './mphtxtCursor.js';

/** Options of {@link readMphtxt}. */
export interface ReadMphtxtOptions {
  /** Factor applied to every coordinate (e.g. 1e-6 for a model drawn in µm); default 1 (file in metres). */
  readonly scale?: number;
  /**
   * Names for COMSOL's geometric entities, keyed by the numbers the COMSOL GUI shows (domains and boundaries
   * both 1-based). Unnamed entities are called `domain<k>` / `boundary<k>`; several numbers may share a name
   * (their cells or facets are merged).
   */
  readonly names?: {
    readonly domains?: Readonly<Record<number, string>>;
    readonly boundaries?: Readonly<Record<number, string>>;
  };
}

/** COMSOL tri2 node order is (v0, v1, v2, m01, m02, m12); ecmfem's is (v0, v1, v2, m01, m12, m20). */
const TRI2_TO_ECMFEM = [0, 1, 2, 3, 5, 4] as const;

/**
 * Reads the first `Mesh` object of a COMSOL text mesh file (`.mphtxt`, Mesh > Export or `mphwritemesh`), space
 * dimension 2, Mesh class versions 4 (COMSOL 4–5) and 2 (with parameter records and up/down pairs); version 8
 * (COMSOL 6) is read when the file keeps COMSOL's comment lines, which locate the vertex block after the
 * geometric-model header. Element types: `tri` (3 nodes) and `tri2` (6 nodes; COMSOL's node order v0 v1 v2
 * m01 m02 m12 is permuted to ecmfem's m01 m12 m20) become cells; `edg`/`edg2` become boundary facets; `vtx`
 * is ignored; quadrilaterals and 3D types are errors. Regions: `domain<k>` from the triangles' geometric entity
 * indices (1-based in the file, as in the GUI). Boundaries: `boundary<k>` with k = the file's 0-based edge
 * entity index + 1 (the GUI's boundary number); interior boundaries between two domains map to the triangle
 * on the left of the edge element as written (see `buildImportedMesh`). Nodes are renumbered compactly,
 * clockwise triangles reoriented, and the mesh must pass `validateMesh`.
 *
 * @throws MeshFormatError naming the section and line for malformed, truncated or unsupported files.
 */
export function readMphtxt(text: string, opts: ReadMphtxtOptions = {}): Mesh {
  if (typeof text !== 'string') throw new MeshFormatError('mphtxt', 'readMphtxt expects the file text (fs.readFileSync(path, "utf8"))');
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new MeshFormatError('mphtxt', `scale must be a positive number, got ${scale}`);
  const cur: MphtxtCursor = new MphtxtCursor(text);
  const major = cur.int('major file version');
  const minor = cur.int('minor file version');
  if (major !== 0 || minor !== 1) cur.fail(`file version ${major}.${minor} is not supported (COMSOL text files start with '0 1')`);
  const nTags = cur.count('tags', 2);
  for (let i = 0; i < nTags; i++) cur.string('tag');
  const nTypes = cur.count('types', 2);
  for (let i = 0; i < nTypes; i++) cur.string('type');
  // Objects follow; COMSOL's Mesh > Export writes the mesh first (Selections after it are ignored).
  cur.section = 'object 0';
  if (cur.atEnd()) cur.fail('the file holds no Mesh object');
  const header = [cur.int('object header'), cur.int('object header'), cur.int('object header')];
  if (header[0] !== 0 || header[1] !== 0 || header[2] !== 1) cur.fail(`object header is '${header.join(' ')}', expected '0 0 1'`);
  const cls = cur.string('class name');
  if (cls !== 'Mesh') cur.fail(`the first object is a '${clipText(cls)}', not a Mesh: export the mesh alone (Mesh > Export to .mphtxt)`);
  return readMeshObject(cur, scale, opts);
}

function readMeshObject(cur: MphtxtCursor, scale: number, opts: ReadMphtxtOptions): Mesh {
  cur.section = 'Mesh';
  const vAt = cur.pos;
  const version = cur.int('Mesh version');
  if (version !== 2 && version !== 4 && version !== 8) cur.fail(`Mesh version ${version} is not supported (2, 4 and 8 are)`, vAt);
  const sdim = cur.int('space dimension');
  if (sdim !== 2) cur.fail(`space dimension ${sdim}: ecmfem reads 2D meshes (sdim 2)`);
  if (version === 8 && !cur.seekComment(/number of mesh vertices/i)) {
    cur.fail('Mesh version 8 without the "# number of mesh vertices" comment: cannot locate the vertex block (export with comments)');
  }
  cur.section = 'mesh vertices';
  const np = cur.count('mesh vertices', 2 * sdim);
  let lowest = 0;
  if (version !== 8 || /lowest/i.test(cur.nextLineComment())) lowest = cur.int('lowest mesh vertex index');
  const coords = new Float64Array(2 * np);
  for (let i = 0; i < np; i++) {
    coords[2 * i] = cur.float('x') * scale;
    coords[2 * i + 1] = cur.float('y') * scale;
  }
  const nt = cur.count('element types', 4);
  const tri: number[] = [];
  const triDomain: number[] = [];
  let triNodes = 0;
  const lines: number[] = [];
  const lineEntity: number[] = [];
  for (let t = 0; t < nt; t++) {
    cur.section = `element type #${t}`;
    const typeAt = cur.pos;
    const type = cur.string('element type name');
    cur.section = `element type #${t} '${clipText(type)}'`;
    const nep = cur.int('nodes per element');
    const expected: Record<string, number> = { vtx: 1, edg: 2, edg2: 3, tri: 3, tri2: 6 };
    if (!(type in expected)) {
      const why = /^(quad|quad2)$/.test(type)
        ? 'quadrilateral elements are not supported: ecmfem meshes are triangles (use a triangular mesh in COMSOL, or Convert to triangles)'
        : /^(tet|tet2|pyr|pyr2|prism|prism2|hex|hex2)$/.test(type) ? '3D elements in a 2D mesh' : 'unknown element type';
      cur.fail(`element type '${clipText(type)}': ${why}`, typeAt);
    }
    if (nep !== expected[type]) cur.fail(`'${type}' elements have ${expected[type]} nodes, the file says ${nep}`);
    const ne = cur.count('elements', 2 * nep);
    const elemAt = cur.pos;
    const nodes = new Int32Array(ne * nep);
    for (let i = 0; i < ne * nep; i++) {
      const at = cur.pos;
      const v = cur.int('element vertex index') - lowest;
      if (v < 0 || v >= np) cur.fail(`element ${Math.floor(i / nep)} refers to vertex ${v + lowest}, outside [${lowest}, ${lowest + np})`, at);
      nodes[i] = v;
    }
    if (version === 2) {
      const ner = cur.count('parameter values per element', 0);
      const nr = cur.count('parameter sets', 2 * ner);
      for (let i = 0; i < nr * ner; i++) cur.float('parameter value');
    }
    const ndom = cur.count('geometric entity indices', 2);
    if (ndom !== ne) cur.fail(`${ne} elements but ${ndom} geometric entity indices`);
    const entity = new Int32Array(ndom);
    for (let i = 0; i < ndom; i++) entity[i] = cur.int('geometric entity index');
    if (version === 2 || /up\/down/i.test(cur.nextLineComment())) {
      const nud = cur.count('up/down pairs', 4);
      for (let i = 0; i < 2 * nud; i++) cur.int('up/down domain');
    }
    if (type === 'tri' || type === 'tri2') {
      if (triNodes !== 0 && triNodes !== nep) cur.fail('the file mixes tri and tri2 elements', typeAt);
      triNodes = nep;
      for (let e = 0; e < ne; e++) {
        for (let a = 0; a < nep; a++) tri.push(nodes[e * nep + (nep === 6 ? TRI2_TO_ECMFEM[a]! : a)]!);
        if (entity[e]! < 1) cur.fail(`triangle ${e} lies in domain ${entity[e]}; solid domains are numbered from 1`, elemAt);
        triDomain.push(entity[e]!);
      }
    } else if (type === 'edg' || type === 'edg2') {
      for (let e = 0; e < ne; e++) {
        lines.push(nodes[e * nep]!, nodes[e * nep + 1]!, nep === 3 ? nodes[e * nep + 2]! : -1);
        if (entity[e]! < 0) cur.fail(`edge element ${e} has boundary index ${entity[e]}; boundaries are numbered from 0`, elemAt);
        lineEntity.push(entity[e]! + 1);
      }
    }
  }

  const names = opts.names ?? {};
  const regionNames: string[] = [];
  const regionOf = new Map<number, number>();
  const indexOf = (list: string[], name: string): number => {
    const i = list.indexOf(name);
    return i >= 0 ? i : list.push(name) - 1;
  };
  for (const d of [...new Set(triDomain)].sort((a, b) => a - b)) regionOf.set(d, indexOf(regionNames, names.domains?.[d] ?? `domain${d}`));
  const boundaryNames: string[] = [];
  const boundaryOf = new Map<number, number>();
  for (const b of [...new Set(lineEntity)].sort((a, c) => a - c)) boundaryOf.set(b, indexOf(boundaryNames, names.boundaries?.[b] ?? `boundary${b}`));
  return buildImportedMesh({
    format: 'mphtxt',
    coords,
    cellType: triNodes === 6 ? 'tri6' : 'tri3',
    triangles: Int32Array.from(tri),
    triRegion: Int32Array.from(triDomain, (d) => regionOf.get(d)!),
    regionNames,
    lines: Int32Array.from(lines),
    lineBoundary: Int32Array.from(lineEntity, (b) => boundaryOf.get(b)!),
    lineIds: Array.from(lineEntity, (_, i) => i),
    boundaryNames,
  });
}
