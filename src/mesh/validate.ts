import type { Mesh } from './mesh.js';
import { buildEdges, type EdgeTopology } from './topology.js';

/** Result of {@link validateMesh}: `problems` holds one readable line per kind of defect found. */
export interface MeshValidation {
  readonly ok: boolean;
  readonly problems: string[];
}

/** Relative area below which a cell counts as degenerate: |area| < DEGENERATE·h², h its longest edge. */
const DEGENERATE = 1e-12;
const SHOW = 8;

/**
 * Checks a mesh without throwing: array shapes, NaN/∞ coordinates, node/region/facet indices out of range,
 * unreferenced points, degenerate cells (|area| < 1e-12·h², h the longest edge), inverted cells (signed vertex
 * area ≤ 0, i.e. clockwise), tri6 cells whose Jacobian is ≤ 0 at a node (a curved edge folds the cell), edges
 * shared by more than two cells, and boundary facets that are interior facets between cells of one region
 * (interior facets are allowed only as region interfaces). Each problem line lists up to 8 offending items.
 */
export function validateMesh(mesh: Mesh): MeshValidation {
  const problems: string[] = [];
  const report = (what: string, items: number[] | string[], total: number): void => {
    if (total > 0) problems.push(`${total} ${what}: ${items.slice(0, SHOW).join(', ')}${total > SHOW ? ', …' : ''}`);
  };
  const { nPoints, nCells, points: P, cells, nodesPerCell: npc } = mesh;
  const expectNpc = mesh.cellType === 'tri3' ? 3 : mesh.cellType === 'tri6' ? 6 : -1;
  if (expectNpc < 0 || npc !== expectNpc) problems.push(`cellType '${String(mesh.cellType)}' with nodesPerCell ${npc}`);
  if (P.length !== 2 * nPoints) problems.push(`points has length ${P.length}, expected 2·nPoints = ${2 * nPoints}`);
  if (cells.length !== npc * nCells) problems.push(`cells has length ${cells.length}, expected ${npc}·nCells = ${npc * nCells}`);
  if (mesh.cellRegion.length !== nCells) problems.push(`cellRegion has length ${mesh.cellRegion.length}, expected nCells = ${nCells}`);
  if (problems.length > 0) return { ok: false, problems };

  const bad: number[] = [];
  let nBad = 0;
  for (let p = 0; p < nPoints; p++) {
    if (!Number.isFinite(P[2 * p]!) || !Number.isFinite(P[2 * p + 1]!)) {
      if (nBad++ < SHOW) bad.push(p);
    }
  }
  report('points with NaN or infinite coordinates', bad, nBad);

  const outOfRange: string[] = [];
  let nOut = 0;
  const used = new Uint8Array(nPoints);
  for (let c = 0; c < nCells; c++) {
    for (let a = 0; a < npc; a++) {
      const p = cells[c * npc + a]!;
      if (!(p >= 0 && p < nPoints) || !Number.isInteger(p)) {
        if (nOut++ < SHOW) outOfRange.push(`cell ${c} node ${a} = ${p}`);
      } else used[p] = 1;
    }
  }
  report(`cell node indices outside [0, ${nPoints})`, outOfRange, nOut);
  const unref: number[] = [];
  let nUnref = 0;
  for (let p = 0; p < nPoints; p++) if (!used[p] && nUnref++ < SHOW) unref.push(p);
  report('unreferenced points', unref, nUnref);

  const badRegion: number[] = [];
  let nBadRegion = 0;
  for (let c = 0; c < nCells; c++) {
    const r = mesh.cellRegion[c]!;
    if (!(r >= 0 && r < mesh.regionNames.length) && nBadRegion++ < SHOW) badRegion.push(c);
  }
  report(`cells with a region index outside [0, ${mesh.regionNames.length})`, badRegion, nBadRegion);

  let facetsOk = true;
  for (const [name, fs] of mesh.boundaries) {
    const items: string[] = [];
    let n = 0;
    if (fs.cells.length !== fs.localFacets.length) {
      problems.push(`boundary '${name}': ${fs.cells.length} cells but ${fs.localFacets.length} localFacets`);
      facetsOk = false;
      continue;
    }
    for (let i = 0; i < fs.cells.length; i++) {
      const c = fs.cells[i]!;
      const k = fs.localFacets[i]!;
      if (!(c >= 0 && c < nCells) || !(k >= 0 && k <= 2)) if (n++ < SHOW) items.push(`(${c}, ${k})`);
    }
    if (n > 0) facetsOk = false;
    report(`facets of boundary '${name}' with cell outside [0, ${nCells}) or local facet outside 0..2`, items, n);
  }
  if (nOut > 0) return { ok: false, problems }; // geometry and topology need valid node indices

  checkGeometry(mesh, report);

  let topo: EdgeTopology | undefined;
  try {
    topo = buildEdges(mesh);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (topo && facetsOk) {
    for (const [name, fs] of mesh.boundaries) {
      const items: string[] = [];
      let n = 0;
      for (let i = 0; i < fs.cells.length; i++) {
        const c = fs.cells[i]!;
        const e = topo.cellEdges[3 * c + fs.localFacets[i]!]!;
        const c0 = topo.edgeCells[2 * e]!;
        const c1 = topo.edgeCells[2 * e + 1]!;
        const other = c0 === c ? c1 : c0;
        if (other >= 0 && mesh.cellRegion[other] === mesh.cellRegion[c]) if (n++ < SHOW) items.push(`(${c}, ${fs.localFacets[i]})`);
      }
      report(`facets of boundary '${name}' are interior facets inside one region (neither exterior nor a region interface)`, items, n);
    }
  }
  return { ok: problems.length === 0, problems };
}

/** Degenerate, inverted and (tri6) folded cells. */
function checkGeometry(mesh: Mesh, report: (what: string, items: number[], total: number) => void): void {
  const { nCells, cells, points: P, nodesPerCell: npc } = mesh;
  const degenerate: number[] = [];
  const inverted: number[] = [];
  const folded: number[] = [];
  let nDeg = 0, nInv = 0, nFold = 0;
  const x = new Float64Array(6);
  const y = new Float64Array(6);
  for (let c = 0; c < nCells; c++) {
    const o = c * npc;
    for (let a = 0; a < npc; a++) {
      x[a] = P[2 * cells[o + a]!]!;
      y[a] = P[2 * cells[o + a]! + 1]!;
    }
    const A = 0.5 * ((x[1]! - x[0]!) * (y[2]! - y[0]!) - (x[2]! - x[0]!) * (y[1]! - y[0]!));
    const h2 = Math.max((x[1]! - x[0]!) ** 2 + (y[1]! - y[0]!) ** 2, (x[2]! - x[1]!) ** 2 + (y[2]! - y[1]!) ** 2, (x[0]! - x[2]!) ** 2 + (y[0]! - y[2]!) ** 2);
    if (!(Math.abs(A) >= DEGENERATE * h2) || h2 === 0) {
      if (nDeg++ < SHOW) degenerate.push(c);
    } else if (A <= 0) {
      if (nInv++ < SHOW) inverted.push(c);
    } else if (npc === 6 && !positiveJacobianAtNodes(x, y)) {
      if (nFold++ < SHOW) folded.push(c);
    }
  }
  report(`degenerate cells (|area| < ${DEGENERATE}·h²)`, degenerate, nDeg);
  report('inverted cells (clockwise, signed area ≤ 0)', inverted, nInv);
  report('curved tri6 cells with Jacobian ≤ 0 at a node', folded, nFold);
}

/** Reference coordinates of the six tri6 nodes. */
const TRI6_NODES: readonly (readonly [number, number])[] = [[0, 0], [1, 0], [0, 1], [0.5, 0], [0.5, 0.5], [0, 0.5]];

/** det J of the quadratic map at each of the six nodes, all > 0? */
function positiveJacobianAtNodes(x: Float64Array, y: Float64Array): boolean {
  for (const [s, t] of TRI6_NODES) {
    const l = 1 - s - t;
    // ∂N/∂ξ and ∂N/∂η of N0 = l(2l−1), N1 = ξ(2ξ−1), N2 = η(2η−1), N3 = 4ξl, N4 = 4ξη, N5 = 4ηl.
    const ds = [1 - 4 * l, 4 * s - 1, 0, 4 * (l - s), 4 * t, -4 * t];
    const dt = [1 - 4 * l, 0, 4 * t - 1, -4 * s, 4 * s, 4 * (l - t)];
    let xs = 0, xt = 0, ys = 0, yt = 0;
    for (let a = 0; a < 6; a++) {
      xs += ds[a]! * x[a]!;
      xt += dt[a]! * x[a]!;
      ys += ds[a]! * y[a]!;
      yt += dt[a]! * y[a]!;
    }
    if (!(xs * yt - xt * ys > 0)) return false;
  }
  return true;
}
