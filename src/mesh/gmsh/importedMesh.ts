import { createMesh } from '../createMesh.js';
import type { CellType, Mesh } from '../mesh.js';
import { buildEdges } from '../topology.js';
import { validateMesh } from '../validate.js';
import { MeshFormatError } from './meshFormatError.js';

/**
 * Elements as a file reader found them, before renumbering: shared by the Gmsh and COMSOL readers.
 * - `coords` [nRawNodes × 2], metres (already scaled); nodes that no triangle uses are dropped.
 * - `triangles` [nTriangles × nodesPerCell] raw node indices, local order already converted to ecmfem's
 *   (vertices, then midside nodes of edges (0,1), (1,2), (2,0)); orientation may be either way.
 * - `triRegion` [nTriangles] indexes `regionNames`; regions that own no triangle are dropped.
 * - `lines` [nLines × 3] raw node indices: end points, then the midside node or −1.
 * - `lineBoundary` [nLines] indexes `boundaryNames`; `lineIds` [nLines] the element ids the file gave (messages).
 */
export interface ImportedElements {
  readonly format: string;
  readonly coords: Float64Array;
  readonly cellType: CellType;
  readonly triangles: Int32Array;
  readonly triRegion: Int32Array;
  readonly regionNames: readonly string[];
  readonly lines: Int32Array;
  readonly lineBoundary: Int32Array;
  readonly lineIds: ArrayLike<number>;
  readonly boundaryNames: readonly string[];
}

/**
 * Builds a {@link Mesh} from imported elements: renumbers the used nodes compactly (in file order), turns
 * clockwise triangles counter-clockwise (swapping vertices 1 and 2, and for tri6 the midside nodes so that
 * node 3+k stays on facet k), and maps every line element to a (cell, local facet) pair by its end points.
 * A line on the exterior boundary maps to its only cell. A line on an interior edge (an interface between two
 * regions) maps to the cell on its LEFT as written in the file, i.e. the cell whose facet runs from the line's
 * first node to its second (use `interfaceFacets` from topology.ts to pick a side by region instead).
 * Throws {@link MeshFormatError} if a line is not an edge of any triangle, a 3-node line's middle node is not
 * the cell's midside node, or `validateMesh` finds a problem (degenerate cells, non-manifold edges, a boundary
 * inside one region, folded tri6 cells).
 */
export function buildImportedMesh(el: ImportedElements): Mesh {
  const fail = (msg: string): never => {
    throw new MeshFormatError(el.format, msg);
  };
  const npc = el.cellType === 'tri3' ? 3 : 6;
  const nRaw = el.coords.length / 2;
  const nTri = el.triRegion.length;
  if (nTri === 0) fail('the file holds no triangles (2D mesh expected)');

  const newIndex = new Int32Array(nRaw).fill(-1);
  for (let i = 0; i < el.triangles.length; i++) newIndex[el.triangles[i]!] = 0;
  let nPoints = 0;
  for (let r = 0; r < nRaw; r++) if (newIndex[r] === 0) newIndex[r] = nPoints++;
  const points = new Float64Array(2 * nPoints);
  for (let r = 0; r < nRaw; r++) {
    const p = newIndex[r]!;
    if (p >= 0) {
      points[2 * p] = el.coords[2 * r]!;
      points[2 * p + 1] = el.coords[2 * r + 1]!;
    }
  }

  const cells = new Int32Array(nTri * npc);
  for (let c = 0; c < nTri; c++) {
    const o = c * npc;
    for (let a = 0; a < npc; a++) cells[o + a] = newIndex[el.triangles[o + a]!]!;
    const p0 = cells[o]!, p1 = cells[o + 1]!, p2 = cells[o + 2]!;
    const area2 = (points[2 * p1]! - points[2 * p0]!) * (points[2 * p2 + 1]! - points[2 * p0 + 1]!)
      - (points[2 * p2]! - points[2 * p0]!) * (points[2 * p1 + 1]! - points[2 * p0 + 1]!);
    if (area2 < 0) {
      // (v0, v2, v1): new facet 0 = old facet 2 reversed, 1 = old 1, 2 = old 0, so midsides become (m5, m4, m3).
      cells[o + 1] = p2;
      cells[o + 2] = p1;
      if (npc === 6) {
        const m3 = cells[o + 3]!;
        cells[o + 3] = cells[o + 5]!;
        cells[o + 5] = m3;
      }
    }
  }

  // Keep only regions that own triangles, in the order given.
  const regionUsed = new Int32Array(el.regionNames.length).fill(-1);
  for (let c = 0; c < nTri; c++) regionUsed[el.triRegion[c]!] = 0;
  const regionNames: string[] = [];
  for (let r = 0; r < el.regionNames.length; r++) if (regionUsed[r] === 0) { regionUsed[r] = regionNames.length; regionNames.push(el.regionNames[r]!); }
  const cellRegion = new Int32Array(nTri);
  for (let c = 0; c < nTri; c++) cellRegion[c] = regionUsed[el.triRegion[c]!]!;

  const bare = createMesh({ cellType: el.cellType, points, cells, cellRegion, regionNames });
  const boundaries = new Map<string, { cells: number[]; localFacets: number[] }>();
  const nLines = el.lineBoundary.length;
  if (nLines > 0) {
    const topo = buildEdges(bare);
    const edgeOf = new Map<number, number>();
    for (let e = 0; e < topo.nEdges; e++) {
      const a = topo.edgeNodes[2 * e]!, b = topo.edgeNodes[2 * e + 1]!;
      edgeOf.set(a < b ? a * nPoints + b : b * nPoints + a, e);
    }
    const seen = new Set<number>();
    for (let l = 0; l < nLines; l++) {
      const ra = el.lines[3 * l]!, rb = el.lines[3 * l + 1]!, rm = el.lines[3 * l + 2]!;
      const a = newIndex[ra]!, b = newIndex[rb]!;
      const name = el.boundaryNames[el.lineBoundary[l]!]!;
      const e = a >= 0 && b >= 0 ? edgeOf.get(a < b ? a * nPoints + b : b * nPoints + a) : undefined;
      if (e === undefined) {
        fail(`line element ${el.lineIds[l]} of boundary '${name}' is not an edge of any triangle`);
        continue;
      }
      let c = topo.edgeCells[2 * e]!;
      let k = topo.edgeLocalFacets[2 * e]!;
      const c1 = topo.edgeCells[2 * e + 1]!;
      if (c1 >= 0 && cells[c * npc + k] !== a) {
        c = c1;
        k = topo.edgeLocalFacets[2 * e + 1]!;
      }
      if (rm >= 0 && npc === 6 && cells[c * npc + 3 + k] !== newIndex[rm]) {
        fail(`3-node line element ${el.lineIds[l]} of boundary '${name}': its middle node is not the midside node of the triangle edge`);
      }
      const key = el.lineBoundary[l]! * 3 * nTri + 3 * c + k;
      if (seen.has(key)) continue; // the same facet listed twice in one boundary
      seen.add(key);
      let fs = boundaries.get(name);
      if (!fs) boundaries.set(name, (fs = { cells: [], localFacets: [] }));
      fs.cells.push(c);
      fs.localFacets.push(k);
    }
  }
  const mesh = createMesh({ cellType: el.cellType, points, cells, cellRegion, regionNames, boundaries });
  const check = validateMesh(mesh);
  if (!check.ok) fail(`the mesh is not valid: ${check.problems.join('; ')}`);
  return mesh;
}
