import type { Aggregation } from './aggregation.js';
import type { SparseRect } from './sparseRect.js';

/** Relative size below which an orthogonalised near-nullspace column counts as dependent (dropped to 0). */
const RANK_TOL = 1e-10;

/**
 * Tentative prolongator T [n × nAgg·k] and coarse near-nullspace Bc [nAgg·k × k] (column-major) from a
 * thin QR per aggregate: the rows of B [n × k] (column-major, B[i + j·n]) belonging to aggregate a are
 * factored as Q·R; Q fills T's block (rows of the aggregate's dofs, columns a·k … a·k+k−1) and R becomes
 * the aggregate's rows of Bc, so T·Bc = B on aggregated rows and Tᵀ·T = I (Vaněk, Mandel & Brezina 1996).
 * Dofs are interleaved by node (node i owns dofs i·b … i·b+b−1). Rows of isolated nodes are empty.
 * Rank-deficient aggregates (fewer dofs than k, or dependent modes) get zero columns, which the coarse
 * levels treat as inactive dofs.
 */
export function tentativeProlongator(
  agg: Aggregation, blockSize: number, B: Float64Array, k: number,
): { T: SparseRect; Bc: Float64Array } {
  const { aggOf, nAgg } = agg;
  const b = blockSize;
  const nNodes = aggOf.length;
  const n = nNodes * b;
  if (B.length !== n * k) throw new Error(`near-nullspace has ${B.length} entries, expected n·k = ${n * k}`);
  // Nodes grouped by aggregate (counting sort).
  const aggPtr = new Int32Array(nAgg + 1);
  for (let i = 0; i < nNodes; i++) if (aggOf[i]! >= 0) aggPtr[aggOf[i]! + 1]!++;
  let maxSize = 0;
  for (let a = 0; a < nAgg; a++) { maxSize = Math.max(maxSize, aggPtr[a + 1]!); aggPtr[a + 1]! += aggPtr[a]!; }
  const fill = aggPtr.slice(0, nAgg);
  const nodes = new Int32Array(aggPtr[nAgg]!);
  for (let i = 0; i < nNodes; i++) if (aggOf[i]! >= 0) nodes[fill[aggOf[i]!]!++] = i;

  // T pattern: every aggregated dof row has exactly the k columns of its aggregate.
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < nNodes; i++) {
    const len = aggOf[i]! >= 0 ? k : 0;
    for (let c = 0; c < b; c++) rowPtr[i * b + c + 1] = len;
  }
  for (let r = 0; r < n; r++) rowPtr[r + 1]! += rowPtr[r]!;
  const colIdx = new Int32Array(rowPtr[n]!);
  const values = new Float64Array(rowPtr[n]!);
  const nc = nAgg * k;
  const Bc = new Float64Array(nc * k);
  const Q = new Float64Array(maxSize * b * k); // local block [m × k], column-major with leading dim m
  for (let a = 0; a < nAgg; a++) {
    const p0 = aggPtr[a]!, p1 = aggPtr[a + 1]!;
    const m = (p1 - p0) * b;
    for (let j = 0; j < k; j++) {
      let r = 0;
      for (let p = p0; p < p1; p++) {
        const row0 = nodes[p]! * b;
        for (let c = 0; c < b; c++) Q[r++ + j * m] = B[row0 + c + j * n]!;
      }
    }
    // Modified Gram–Schmidt with one re-orthogonalisation pass (k ≤ ~6, so this is cheap and stable).
    for (let j = 0; j < k; j++) {
      const qj = j * m;
      let norm0 = 0;
      for (let r = 0; r < m; r++) norm0 += Q[qj + r]! * Q[qj + r]!;
      norm0 = Math.sqrt(norm0);
      for (let l = 0; l < k; l++) Bc[a * k + l + j * nc] = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (let l = 0; l < j; l++) {
          const ql = l * m;
          let dot = 0;
          for (let r = 0; r < m; r++) dot += Q[ql + r]! * Q[qj + r]!;
          for (let r = 0; r < m; r++) Q[qj + r]! -= dot * Q[ql + r]!;
          Bc[a * k + l + j * nc]! += dot;
        }
      }
      let norm = 0;
      for (let r = 0; r < m; r++) norm += Q[qj + r]! * Q[qj + r]!;
      norm = Math.sqrt(norm);
      if (norm > RANK_TOL * norm0 && norm > 0) {
        for (let r = 0; r < m; r++) Q[qj + r]! /= norm;
        Bc[a * k + j + j * nc] = norm;
      } else {
        for (let r = 0; r < m; r++) Q[qj + r] = 0;
      }
    }
    let r = 0;
    for (let p = p0; p < p1; p++) {
      const row0 = nodes[p]! * b;
      for (let c = 0; c < b; c++, r++) {
        const s = rowPtr[row0 + c]!;
        for (let j = 0; j < k; j++) { colIdx[s + j] = a * k + j; values[s + j] = Q[r + j * m]!; }
      }
    }
  }
  return { T: { nRows: n, nCols: nc, rowPtr, colIdx, values }, Bc };
}
