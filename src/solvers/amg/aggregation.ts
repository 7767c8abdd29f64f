import type { StrengthGraph } from './strength.js';

/** Aggregates of a node graph: `aggOf` [nNodes] in 0…nAgg−1, or −1 for isolated nodes (no strong neighbour). */
export interface Aggregation {
  readonly aggOf: Int32Array;
  readonly nAgg: number;
}

const UNSET = -1;
const ISOLATED = -2;

/**
 * Standard three-phase greedy aggregation (Vaněk, Mandel & Brezina 1996, §3):
 * 1. every node whose whole strong neighbourhood is still free becomes a root: aggregate = node + neighbours;
 * 2. each remaining node joins a phase-1 aggregate it is strongly connected to (no chaining through
 *    other phase-2 nodes, which keeps aggregates compact);
 * 3. the nodes still left form new aggregates with their free strong neighbours.
 * Isolated nodes (e.g. Dirichlet identity rows) are left out: their prolongator rows are zero and the
 * smoother alone handles them. Deterministic: nodes are visited in index order.
 */
export function aggregateGreedy(G: StrengthGraph): Aggregation {
  const { nNodes, rowPtr, colIdx } = G;
  const aggOf = new Int32Array(nNodes);
  for (let i = 0; i < nNodes; i++) aggOf[i] = rowPtr[i + 1]! > rowPtr[i]! ? UNSET : ISOLATED;
  let nAgg = 0;
  // Phase 1: roots with a completely free neighbourhood.
  for (let i = 0; i < nNodes; i++) {
    if (aggOf[i] !== UNSET) continue;
    const end = rowPtr[i + 1]!;
    let free = true;
    for (let k = rowPtr[i]!; k < end; k++) if (aggOf[colIdx[k]!]! >= 0) { free = false; break; }
    if (!free) continue;
    aggOf[i] = nAgg;
    for (let k = rowPtr[i]!; k < end; k++) {
      const j = colIdx[k]!;
      if (aggOf[j] !== ISOLATED) aggOf[j] = nAgg;
    }
    nAgg++;
  }
  // Phase 2: attach leftovers to a phase-1 aggregate (read from a snapshot so they do not chain).
  const phase1 = aggOf.slice();
  for (let i = 0; i < nNodes; i++) {
    if (phase1[i] !== UNSET) continue;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) {
      const a = phase1[colIdx[k]!]!;
      if (a >= 0) { aggOf[i] = a; break; }
    }
  }
  // Phase 3: new aggregates from what is left.
  for (let i = 0; i < nNodes; i++) {
    if (aggOf[i] !== UNSET) continue;
    aggOf[i] = nAgg;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) {
      const j = colIdx[k]!;
      if (aggOf[j] === UNSET) aggOf[j] = nAgg;
    }
    nAgg++;
  }
  for (let i = 0; i < nNodes; i++) if (aggOf[i] === ISOLATED) aggOf[i] = -1;
  return { aggOf, nAgg };
}
