import type { Mesh } from '../mesh.js';
import { GmshData } from './gmshData.js';
import { buildImportedMesh } from './importedMesh.js';
import { MeshFormatError } from './meshFormatError.js';
import { readElements22, readNodes22 } from './msh22.js';
import { readElements41, readEntities41, readNodes41 } from './msh41.js';
import { clip, MshCursor } from './mshCursor.js';

/** Options of {@link readGmsh}. */
export interface ReadGmshOptions {
  /** Factor applied to every coordinate (e.g. 1e-6 for a mesh drawn in µm); default 1 (file in metres). */
  readonly scale?: number;
  /**
   * Require every triangle to be in a named physical surface and every physical group used to have a name in
   * `$PhysicalNames` (for cases that address regions by name); default false: untagged triangles go to region
   * 'domain' and unnamed groups are called `physical<tag>`.
   */
  readonly requirePhysicalNames?: boolean;
}

/**
 * Reads a Gmsh mesh file: MSH 4.1 ASCII or binary (either byte order, detected from the binary check int;
 * data size 8) and MSH 2.x ASCII. Element types 2 (3-node triangle) and 9 (6-node triangle, same node order as
 * ecmfem) become cells; 1 and 8 (2-/3-node lines) become boundary facets; 15 (point) is ignored; any other type
 * is an error. Physical groups: dimension 2 → regions (named from `$PhysicalNames`, in physical-tag order,
 * untagged triangles in 'domain'); dimension 1 → boundaries (every line element of the group mapped to its
 * (cell, local facet); a line on an interface between two cells maps to the cell on its left as written in the
 * file, see `buildImportedMesh`); lines in no physical group are dropped. A triangle in two physical surfaces
 * is an error. Nodes are renumbered compactly (unused nodes dropped), clockwise triangles are reoriented, and
 * the result must pass `validateMesh`. All z coordinates must be 0 (|z| ≤ 1e-10 · max |x|, |y|).
 *
 * @param buffer the file's bytes (`fs.readFileSync(path)`, no encoding).
 * @throws MeshFormatError naming the section and the line (or the byte offset in binary data) for malformed,
 *   truncated, unsupported or invalid files. Reading is linear in the file size; counts are checked against
 *   the bytes left before use, so garbage cannot make it allocate huge arrays or loop for long.
 */
export function readGmsh(buffer: Buffer | Uint8Array, opts: ReadGmshOptions = {}): Mesh {
  if (!(buffer instanceof Uint8Array)) {
    throw new MeshFormatError('gmsh', 'readGmsh expects the file bytes (Buffer or Uint8Array), e.g. fs.readFileSync(path)');
  }
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new MeshFormatError('gmsh', `scale must be a positive number, got ${scale}`);
  const cur: MshCursor = new MshCursor(buffer);
  const first = cur.readNonBlankLine();
  if (first !== '$MeshFormat') cur.fail(`not a Gmsh .msh file: expected $MeshFormat, found '${clip(first ?? '(empty file)')}'`);
  cur.section = '$MeshFormat';
  const header = cur.readNonBlankLine();
  if (header === null) cur.fail('truncated file: version line missing');
  const [version, fileType, dataSize] = header.split(/\s+/);
  const isV4 = version === '4.1';
  if (!isV4 && !/^2(\.[0-2])?$/.test(version ?? '')) {
    cur.fail(`unsupported MSH version '${clip(version ?? '')}': ecmfem reads MSH 4.1 (ASCII or binary) and 2.2 ASCII (gmsh -format msh41 or msh22)`);
  }
  if (fileType !== '0' && fileType !== '1') cur.fail(`file-type must be 0 (ASCII) or 1 (binary), found '${clip(fileType ?? '')}'`);
  if (fileType === '1') {
    if (!isV4) cur.fail('MSH 2.x binary files are not supported: export MSH 4.1 (gmsh -format msh41 -bin) or 2.2 ASCII');
    if (dataSize !== '8') cur.fail(`binary files need data-size 8 (size_t of 8 bytes), found '${clip(dataSize ?? '')}'`);
    const at = cur.pos;
    const one = cur.i32('binary check int');
    if (one !== 1) {
      cur.pos = at;
      cur.littleEndian = false;
      if (cur.i32('binary check int') !== 1) cur.fail(`binary check int is ${one}, expected 1 (corrupt header or not a binary MSH file)`);
    }
    cur.binary = true;
  }
  cur.expectEnd('MeshFormat');

  const data = new GmshData();
  let haveElements = false;
  for (;;) {
    cur.skipSpace();
    const s = cur.readNonBlankLine();
    if (s === null) break;
    cur.section = clip(s);
    if (!s.startsWith('$')) cur.fail(`expected a section header such as $Nodes, found '${clip(s)}'`);
    const name = s.slice(1);
    switch (name) {
      case 'PhysicalNames':
        readPhysicalNames(cur, data);
        break;
      case 'Entities':
        if (isV4) readEntities41(cur, data);
        else cur.skipSection(name);
        break;
      case 'Nodes':
        if (data.nodes) cur.fail('second $Nodes section');
        (isV4 ? readNodes41 : readNodes22)(cur, data);
        break;
      case 'Elements':
        if (!data.nodes) cur.fail('$Elements comes before $Nodes');
        if (haveElements) cur.fail('second $Elements section');
        (isV4 ? readElements41 : readElements22)(cur, data);
        haveElements = true;
        break;
      case 'MeshFormat':
        cur.fail('second $MeshFormat section');
        break;
      default:
        if (name.startsWith('End') || name === '') cur.fail(`unexpected '${clip(s)}' outside a section`);
        cur.skipSection(name);
        continue;
    }
    if (name !== 'Entities' || isV4) cur.expectEnd(name);
  }
  if (!data.nodes) throw new MeshFormatError('gmsh', 'no $Nodes section');
  if (!haveElements) throw new MeshFormatError('gmsh', 'no $Elements section');
  return assemble(data, scale, opts.requirePhysicalNames ?? false);
}

/** `$PhysicalNames` (always ASCII): count, then `dim tag "name"` lines. */
function readPhysicalNames(cur: MshCursor, data: GmshData): void {
  const n = cur.int('number of physical names');
  cur.checkCount(n, 6, 'physical names');
  for (let i = 0; i < n; i++) {
    const s = cur.readNonBlankLine();
    if (s === null) cur.fail('truncated file: physical names missing');
    const m = /^(-?\d+)\s+(-?\d+)\s+"([^"]*)"$/.exec(s);
    if (!m) cur.fail(`bad physical name line '${clip(s)}' (expected: dimension tag "name")`);
    data.physicalNames.set(`${m[1]}:${Number(m[2])}`, m[3]!);
  }
}

function assemble(data: GmshData, scale: number, requireNames: boolean): Mesh {
  const fail = (msg: string): never => {
    throw new MeshFormatError('gmsh', msg, { section: 'physical groups' });
  };
  const n = data.nodeTags.length;
  const c3 = data.coords;
  let extent = 0;
  for (let i = 0; i < n; i++) extent = Math.max(extent, Math.abs(c3[3 * i]!), Math.abs(c3[3 * i + 1]!));
  const coords = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const z = c3[3 * i + 2]!;
    if (Math.abs(z) > 1e-10 * extent) {
      throw new MeshFormatError('gmsh', `node ${data.nodeTags[i]} has z = ${z}: ecmfem reads planar 2D meshes (z = 0 everywhere)`, { section: '$Nodes' });
    }
    coords[2 * i] = c3[3 * i]! * scale;
    coords[2 * i + 1] = c3[3 * i + 1]! * scale;
  }

  const nameOf = (dim: number, tag: number, what: string): string => {
    const name = data.physicalNames.get(`${dim}:${tag}`);
    if (name !== undefined) return name;
    if (requireNames) fail(`physical ${what} ${tag} has no name in $PhysicalNames`);
    return `physical${tag}`;
  };
  const regionNames: string[] = [];
  const regionOfTag = new Map<number, number>();
  const nameIndex = (names: string[], name: string): number => {
    const i = names.indexOf(name);
    return i >= 0 ? i : names.push(name) - 1;
  };
  const triTags = [...new Set(data.triPhysical)].sort((a, b) => a - b);
  for (const t of triTags) {
    if (t === 0) continue;
    regionOfTag.set(t, nameIndex(regionNames, nameOf(2, t, 'surface')));
  }
  if (triTags.includes(0)) {
    if (requireNames) {
      const k = data.triPhysical.indexOf(0);
      fail(`triangle ${data.triIds[k]} (and maybe others) belongs to no physical surface`);
    }
    regionOfTag.set(0, nameIndex(regionNames, 'domain'));
  }
  const triRegion = Int32Array.from(data.triPhysical, (t) => regionOfTag.get(t)!);

  const boundaryNames: string[] = [];
  const boundaryOfTag = new Map<number, number>();
  for (const t of [...new Set(data.linePhysical)].sort((a, b) => a - b)) {
    boundaryOfTag.set(t, nameIndex(boundaryNames, nameOf(1, t, 'curve')));
  }
  return buildImportedMesh({
    format: 'gmsh',
    coords,
    cellType: data.triNodes === 6 ? 'tri6' : 'tri3',
    triangles: Int32Array.from(data.tri),
    triRegion,
    regionNames,
    lines: Int32Array.from(data.lines),
    lineBoundary: Int32Array.from(data.linePhysical, (t) => boundaryOfTag.get(t)!),
    lineIds: data.lineIds,
    boundaryNames,
  });
}
