import type { CsrMatrix } from '../../../../src/linalg/csr.js';

/**
 * Test-only P1 assembly on the unit square cut into N×N squares, each split along its (x0,y0)–(x1,y1)
 * diagonal (the DOLFINx "right" mesh of the peer benchmarks). Dirichlet nodes are eliminated (their
 * dofs are not in the system), so the matrices are SPD. Assembly uses a node-graph CSR pattern built
 * once and element matrices scattered by binary search, fast enough for 1M unknowns.
 */
export interface StructuredSystem {
  readonly A: CsrMatrix;
  readonly b: Float64Array;
  /** Coordinates [nFreeNodes × 2] of the nodes that carry unknowns, in dof-node order. */
  readonly coords: Float64Array;
}

function squareMesh(N: number): { coords: Float64Array; tris: Int32Array } {
  const nv = (N + 1) * (N + 1);
  const coords = new Float64Array(2 * nv);
  for (let j = 0; j <= N; j++) for (let i = 0; i <= N; i++) {
    coords[2 * (j * (N + 1) + i)] = i / N;
    coords[2 * (j * (N + 1) + i) + 1] = j / N;
  }
  const tris = new Int32Array(6 * N * N);
  let t = 0;
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
    const v00 = j * (N + 1) + i, v10 = v00 + 1, v01 = v00 + N + 1, v11 = v01 + 1;
    tris[t++] = v00; tris[t++] = v10; tris[t++] = v11;
    tris[t++] = v00; tris[t++] = v11; tris[t++] = v01;
  }
  return { coords, tris };
}

/** Node-graph pattern (with diagonal) of the triangles restricted to free nodes, expanded to b×b blocks. */
function blockPattern(tris: Int32Array, nodeDof: Int32Array, nFree: number, b: number): CsrMatrix {
  const nt = tris.length / 3;
  const deg = new Int32Array(nFree + 1);
  for (let t = 0; t < nt; t++) for (let a = 0; a < 3; a++) {
    const I = nodeDof[tris[3 * t + a]!]!;
    if (I >= 0) for (let c = 0; c < 3; c++) if (nodeDof[tris[3 * t + c]!]! >= 0) deg[I + 1]!++;
  }
  for (let i = 0; i < nFree; i++) deg[i + 1]! += deg[i]!;
  const fill = deg.slice(0, nFree);
  const raw = new Int32Array(deg[nFree]!);
  for (let t = 0; t < nt; t++) for (let a = 0; a < 3; a++) {
    const I = nodeDof[tris[3 * t + a]!]!;
    if (I < 0) continue;
    for (let c = 0; c < 3; c++) { const J = nodeDof[tris[3 * t + c]!]!; if (J >= 0) raw[fill[I]!++] = J; }
  }
  // Sort and deduplicate every node row, then expand into scalar rows.
  const nodePtr = new Int32Array(nFree + 1);
  const nodeCol = new Int32Array(raw.length);
  let nz = 0;
  for (let I = 0; I < nFree; I++) {
    const row = raw.subarray(deg[I]!, deg[I + 1]!).sort();
    let last = -1;
    for (const J of row) if (J !== last) { nodeCol[nz++] = J; last = J; }
    nodePtr[I + 1] = nz;
  }
  const n = nFree * b;
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(nz * b * b);
  let s = 0;
  for (let I = 0; I < nFree; I++) for (let ci = 0; ci < b; ci++) {
    for (let k = nodePtr[I]!; k < nodePtr[I + 1]!; k++) for (let cj = 0; cj < b; cj++) colIdx[s++] = nodeCol[k]! * b + cj;
    rowPtr[I * b + ci + 1] = s;
  }
  return { n, rowPtr, colIdx, values: new Float64Array(s) };
}

function slot(A: CsrMatrix, i: number, j: number): number {
  let lo = A.rowPtr[i]!, hi = A.rowPtr[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = A.colIdx[mid]!;
    if (v === j) return mid;
    if (v < j) lo = mid + 1; else hi = mid - 1;
  }
  throw new Error(`(${i}, ${j}) not in pattern`);
}

function freeNodes(coords: Float64Array, isFixed: (x: number, y: number) => boolean): { nodeDof: Int32Array; nFree: number; freeCoords: Float64Array } {
  const nv = coords.length / 2;
  const nodeDof = new Int32Array(nv);
  let nFree = 0;
  for (let v = 0; v < nv; v++) nodeDof[v] = isFixed(coords[2 * v]!, coords[2 * v + 1]!) ? -1 : nFree++;
  const freeCoords = new Float64Array(2 * nFree);
  for (let v = 0; v < nv; v++) if (nodeDof[v]! >= 0) {
    freeCoords[2 * nodeDof[v]!] = coords[2 * v]!;
    freeCoords[2 * nodeDof[v]! + 1] = coords[2 * v + 1]!;
  }
  return { nodeDof, nFree, freeCoords };
}

/** Gradients of the P1 basis on triangle t: g = [dφ0/dx, dφ0/dy, …], returns the area. */
function p1Gradients(coords: Float64Array, tris: Int32Array, t: number, g: Float64Array): number {
  const a = tris[3 * t]!, b = tris[3 * t + 1]!, c = tris[3 * t + 2]!;
  const x0 = coords[2 * a]!, y0 = coords[2 * a + 1]!, x1 = coords[2 * b]!, y1 = coords[2 * b + 1]!;
  const x2 = coords[2 * c]!, y2 = coords[2 * c + 1]!;
  const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  g[0] = (y1 - y2) / det; g[1] = (x2 - x1) / det;
  g[2] = (y2 - y0) / det; g[3] = (x0 - x2) / det;
  g[4] = (y0 - y1) / det; g[5] = (x1 - x0) / det;
  return 0.5 * Math.abs(det);
}

/**
 * How Dirichlet nodes enter the system: removed ('eliminate'), or kept as identity rows ('identity': their
 * rows and columns stay in the pattern with stored zeros, diagonal 1, right-hand side 0, as assemblers do
 * that keep the full pattern).
 */
export type DirichletMode = 'eliminate' | 'identity';

/** Turns the rows/columns of the flagged nodes into identity rows (see {@link DirichletMode}). */
function imposeIdentityRows(A: CsrMatrix, b: Float64Array, fixedNode: Uint8Array, blockSize: number): void {
  for (let i = 0; i < A.n; i++) {
    const rowFixed = fixedNode[(i / blockSize) | 0] === 1;
    for (let s = A.rowPtr[i]!; s < A.rowPtr[i + 1]!; s++) {
      const j = A.colIdx[s]!;
      if (rowFixed || fixedNode[(j / blockSize) | 0] === 1) A.values[s] = i === j ? 1 : 0;
    }
    if (rowFixed) b[i] = 0;
  }
}

function markNodes(coords: Float64Array, pred: (x: number, y: number) => boolean): Uint8Array {
  const m = new Uint8Array(coords.length / 2);
  for (let v = 0; v < m.length; v++) m[v] = pred(coords[2 * v]!, coords[2 * v + 1]!) ? 1 : 0;
  return m;
}

/** −div(K∇u) = 1 on the unit square, K = diag(1, ky), u = 0 on the boundary: (N−1)² unknowns when eliminated. */
export function poissonP1(N: number, ky = 1, dirichlet: DirichletMode = 'eliminate'): StructuredSystem {
  const { coords, tris } = squareMesh(N);
  const eps = 1e-12;
  const onBoundary = (x: number, y: number): boolean => x < eps || y < eps || x > 1 - eps || y > 1 - eps;
  const { nodeDof, nFree, freeCoords } = freeNodes(coords, (x, y) => dirichlet === 'eliminate' && onBoundary(x, y));
  const A = blockPattern(tris, nodeDof, nFree, 1);
  const b = new Float64Array(nFree);
  const g = new Float64Array(6);
  for (let t = 0; t < tris.length / 3; t++) {
    const area = p1Gradients(coords, tris, t, g);
    for (let p = 0; p < 3; p++) {
      const I = nodeDof[tris[3 * t + p]!]!;
      if (I < 0) continue;
      b[I]! += area / 3;
      for (let q = 0; q < 3; q++) {
        const J = nodeDof[tris[3 * t + q]!]!;
        if (J >= 0) A.values[slot(A, I, J)]! += area * (g[2 * p]! * g[2 * q]! + ky * g[2 * p + 1]! * g[2 * q + 1]!);
      }
    }
  }
  if (dirichlet === 'identity') imposeIdentityRows(A, b, markNodes(coords, onBoundary), 1);
  return { A, b, coords: freeCoords };
}

/**
 * Plane-strain P1 elasticity, dofs interleaved (ux0, uy0, ux1, …), body force (0, −1). With `clamped`
 * the bottom edge y = 0 is fixed (its nodes removed), otherwise the body floats (A is singular, its
 * kernel being the rigid-body modes).
 */
export function elasticityP1(N: number, E: number, nu: number, clamped = true, dirichlet: DirichletMode = 'eliminate'): StructuredSystem {
  const { coords, tris } = squareMesh(N);
  const onBottom = (_x: number, y: number): boolean => clamped && y < 1e-12;
  const { nodeDof, nFree, freeCoords } = freeNodes(coords, (x, y) => dirichlet === 'eliminate' && onBottom(x, y));
  const A = blockPattern(tris, nodeDof, nFree, 2);
  const b = new Float64Array(2 * nFree);
  const lam = (E * nu) / ((1 + nu) * (1 - 2 * nu));
  const mu = E / (2 * (1 + nu));
  const g = new Float64Array(6);
  for (let t = 0; t < tris.length / 3; t++) {
    const area = p1Gradients(coords, tris, t, g);
    for (let p = 0; p < 3; p++) {
      const I = nodeDof[tris[3 * t + p]!]!;
      if (I < 0) continue;
      b[2 * I + 1]! -= area / 3;
      const px = g[2 * p]!, py = g[2 * p + 1]!;
      for (let q = 0; q < 3; q++) {
        const J = nodeDof[tris[3 * t + q]!]!;
        if (J < 0) continue;
        const qx = g[2 * q]!, qy = g[2 * q + 1]!;
        // a(u,v) = ∫ λ div u div v + 2μ ε(u):ε(v); block (component c of p, component d of q).
        const kxx = lam * px * qx + mu * (2 * px * qx + py * qy);
        const kxy = lam * px * qy + mu * py * qx;
        const kyx = lam * py * qx + mu * px * qy;
        const kyy = lam * py * qy + mu * (2 * py * qy + px * qx);
        A.values[slot(A, 2 * I, 2 * J)]! += area * kxx;
        A.values[slot(A, 2 * I, 2 * J + 1)]! += area * kxy;
        A.values[slot(A, 2 * I + 1, 2 * J)]! += area * kyx;
        A.values[slot(A, 2 * I + 1, 2 * J + 1)]! += area * kyy;
      }
    }
  }
  if (dirichlet === 'identity') imposeIdentityRows(A, b, markNodes(coords, onBottom), 2);
  return { A, b, coords: freeCoords };
}
