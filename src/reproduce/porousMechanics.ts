/**
 * Small shared pieces of the porous reproductions (porous-fiber, porous-film): the elasticity solver choice,
 * per-cell stress invariants and a cropped cell map for pictures.
 */
import { createMesh } from '../mesh/createMesh.js';
import type { Mesh } from '../mesh/mesh.js';
import type { LinearSolver } from '../linalg/linearSolver.js';
import { rigidBodyModes2D } from '../solvers/amg/index.js';
import { solverFromSpec } from '../case/createSolver.js';
import { nodeCoordinates, type ElasticityProblem } from '../physics/elasticity.js';
import { cellAverages } from '../physics/stressRecovery.js';
import { hydrostatic, vonMises } from '../materials/elastic.js';

/**
 * CG + smoothed-aggregation AMG with the 2D rigid-body near-nullspace (relTol 1e-10), on the solver pool of
 * `--threads` (results identical for every thread count).
 */
export function elasticitySolver(p: ElasticityProblem): LinearSolver {
  const modes = rigidBodyModes2D(nodeCoordinates(p.space));
  return solverFromSpec({ method: 'cg', preconditioner: 'amg', relTol: 1e-10, maxIter: 3000 }, p.space.nDofs, true, { modes, k: 3, blockSize: 2 }, 2);
}

/** ∮ u·n dΓ over a boundary: defined with the other mechanics metrics. */
export { boundaryNormalIntegral } from '../physics/mechanicsMetrics.js';

/** Per-cell averages: von Mises [nCells], hydrostatic [nCells], and the raw stress [nCells × 4] (Pa). */
export function cellStressInvariants(p: ElasticityProblem, u: Float64Array): { vm: Float64Array; hyd: Float64Array; stress: Float64Array } {
  const { stress } = cellAverages(p, u);
  const n = p.mesh.nCells;
  const vm = new Float64Array(n), hyd = new Float64Array(n);
  for (let c = 0; c < n; c++) { vm[c] = vonMises(stress, 4 * c); hyd[c] = hydrostatic(stress, 4 * c); }
  return { vm, hyd, stress };
}

/** Area-weighted mean of cell values over the cells of one region (weights from the problem's quadrature). */
export function regionMean(p: ElasticityProblem, values: Float64Array, stride: number, offset: number, region: number): number {
  let s = 0, a = 0;
  for (let c = 0; c < p.mesh.nCells; c++) {
    if (p.mesh.cellRegion[c] !== region) continue;
    p.cv.reinit(c);
    let w = 0;
    for (let q = 0; q < p.cv.nQuad; q++) w += p.cv.dx[q]!;
    s += w * values[stride * c + offset]!;
    a += w;
  }
  return s / a;
}

/**
 * The cells whose vertex centroid lies within `radius` of (cx, cy), as a tri3 mesh (straight edges) with their
 * cell values, for a zoomed field map.
 */
export function cropCells(mesh: Mesh, values: Float64Array, cx0: number, cy0: number, radius: number): { mesh: Mesh; values: Float64Array } {
  const npc = mesh.nodesPerCell;
  const P = mesh.points;
  const map = new Int32Array(mesh.nPoints).fill(-1);
  const pts: number[] = [];
  const cells: number[] = [];
  const vals: number[] = [];
  const region: number[] = [];
  for (let c = 0; c < mesh.nCells; c++) {
    let cx = 0, cy = 0;
    for (let a = 0; a < 3; a++) { cx += P[2 * mesh.cells[c * npc + a]!]! / 3; cy += P[2 * mesh.cells[c * npc + a]! + 1]! / 3; }
    if (Math.hypot(cx - cx0, cy - cy0) > radius) continue;
    for (let a = 0; a < 3; a++) {
      const v = mesh.cells[c * npc + a]!;
      if (map[v]! < 0) { map[v] = pts.length / 2; pts.push(P[2 * v]!, P[2 * v + 1]!); }
      cells.push(map[v]!);
    }
    vals.push(values[c]!);
    region.push(mesh.cellRegion[c]!);
  }
  return {
    mesh: createMesh({ cellType: 'tri3', points: pts, cells, cellRegion: region, regionNames: mesh.regionNames }),
    values: Float64Array.from(vals),
  };
}
