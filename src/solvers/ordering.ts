import type { CsrMatrix } from '../linalg/csr.js';

/** Adjacency of the symmetrized pattern of A + Aᵀ without the diagonal, CSR-like: `ptr` [n+1], `adj` [nnz]. */
export interface Adjacency {
  readonly n: number;
  readonly ptr: Int32Array;
  readonly adj: Int32Array;
}

/** Graph of A + Aᵀ (no self loops, no duplicates; neighbours unsorted). */
export function symmetricAdjacency(A: CsrMatrix): Adjacency {
  const { n, rowPtr, colIdx } = A;
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      if (j !== i) { count[i + 1]!++; count[j + 1]!++; }
    }
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const fillPos = count.slice(0, n);
  const raw = new Int32Array(count[n]!);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      if (j !== i) { raw[fillPos[i]!++] = j; raw[fillPos[j]!++] = i; }
    }
  }
  // Remove duplicates (entries present in both A and Aᵀ) with a last-seen marker.
  const mark = new Int32Array(n).fill(-1);
  const ptr = new Int32Array(n + 1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    for (let k = count[i]!; k < count[i + 1]!; k++) {
      const j = raw[k]!;
      if (mark[j] !== i) { mark[j] = i; raw[out++] = j; }
    }
    ptr[i + 1] = out;
  }
  return { n, ptr, adj: raw.slice(0, out) };
}

/**
 * Reverse Cuthill–McKee ordering of the graph of A + Aᵀ (Cuthill & McKee 1969; reversal: George 1971),
 * started in each connected component from a pseudo-peripheral node (George & Liu 1979 heuristic:
 * repeated BFS from a minimum-degree node of the last level until the eccentricity stops growing).
 * Neighbours are visited in increasing degree.
 *
 * Returns `perm` [n] with perm[new] = old: row `new` of the reordered matrix is row `perm[new]` of A.
 * Reduces the bandwidth/profile, which is what the envelope factorization in `direct.ts` pays for.
 */
export function rcmOrdering(A: CsrMatrix): Int32Array {
  const g = symmetricAdjacency(A);
  const n = g.n, ptr = g.ptr, adj = g.adj;
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) degree[i] = ptr[i + 1]! - ptr[i]!;
  const order = new Int32Array(n);
  const visited = new Uint8Array(n);
  const level = new Int32Array(n).fill(-1);
  const bfsQueue = new Int32Array(n);
  let placed = 0;
  for (let seed = 0; seed < n; seed++) {
    if (visited[seed]) continue;
    // Minimum-degree node of this component as the first guess.
    const compSize = bfs(seed, ptr, adj, level, bfsQueue, visited);
    let start = seed;
    for (let q = 0; q < compSize; q++) if (degree[bfsQueue[q]!]! < degree[start]!) start = bfsQueue[q]!;
    start = pseudoPeripheral(start, ptr, adj, degree, level, bfsQueue, visited, compSize);
    // Cuthill–McKee BFS from `start`, neighbours sorted by degree.
    const first = placed;
    order[placed++] = start;
    visited[start] = 1;
    for (let head = first; head < placed; head++) {
      const u = order[head]!;
      const begin = placed;
      for (let k = ptr[u]!; k < ptr[u + 1]!; k++) {
        const w = adj[k]!;
        if (!visited[w]) { visited[w] = 1; order[placed++] = w; }
      }
      // Insertion sort of the newly added neighbours by degree (lists are short).
      for (let a = begin + 1; a < placed; a++) {
        const node = order[a]!, d = degree[node]!;
        let b = a - 1;
        while (b >= begin && degree[order[b]!]! > d) { order[b + 1] = order[b]!; b--; }
        order[b + 1] = node;
      }
    }
  }
  order.reverse();
  return order;
}

/** Inverse of a permutation: inv[perm[i]] = i. */
export function inversePermutation(perm: Int32Array): Int32Array {
  const inv = new Int32Array(perm.length);
  for (let i = 0; i < perm.length; i++) inv[perm[i]!] = i;
  return inv;
}

/**
 * BFS over the component of `root` among nodes with visited = 0 (visited stays unchanged); fills
 * `queue` with the component in BFS order and `level` with distances; returns the component size.
 * `level` entries of the component are reset to −1 by the caller's next BFS.
 */
function bfs(root: number, ptr: Int32Array, adj: Int32Array, level: Int32Array, queue: Int32Array, visited: Uint8Array): number {
  let tail = 0;
  queue[tail++] = root;
  level[root] = 0;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    for (let k = ptr[u]!; k < ptr[u + 1]!; k++) {
      const w = adj[k]!;
      if (!visited[w] && level[w] < 0) { level[w] = level[u]! + 1; queue[tail++] = w; }
    }
  }
  for (let q = 0; q < tail; q++) level[queue[q]!] = -1;
  return tail;
}

function pseudoPeripheral(start: number, ptr: Int32Array, adj: Int32Array, degree: Int32Array, level: Int32Array, queue: Int32Array, visited: Uint8Array, compSize: number): number {
  let node = start;
  let ecc = -1;
  for (let round = 0; round < 10; round++) {
    // BFS levels: the last nodes in the queue are the farthest.
    let tail = 0;
    queue[tail++] = node;
    level[node] = 0;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      for (let k = ptr[u]!; k < ptr[u + 1]!; k++) {
        const w = adj[k]!;
        if (!visited[w] && level[w] < 0) { level[w] = level[u]! + 1; queue[tail++] = w; }
      }
    }
    const lastLevel = level[queue[compSize - 1]!]!;
    let best = queue[compSize - 1]!;
    for (let q = compSize - 1; q >= 0 && level[queue[q]!] === lastLevel; q--) {
      if (degree[queue[q]!]! < degree[best]!) best = queue[q]!;
    }
    for (let q = 0; q < tail; q++) level[queue[q]!] = -1;
    if (lastLevel <= ecc) break;
    ecc = lastLevel;
    node = best;
  }
  return node;
}
