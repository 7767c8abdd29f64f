import { describe, it, expect } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { csrFromTriplets, spmv, type CsrMatrix } from '../../../src/linalg/csr.js';
import { strengthGraph } from '../../../src/solvers/amg/strength.js';
import { aggregateGreedy } from '../../../src/solvers/amg/aggregation.js';
import { tentativeProlongator } from '../../../src/solvers/amg/tentativeProlongator.js';
import { estimateLambdaMax } from '../../../src/solvers/amg/eigenEstimate.js';
import { rigidBodyModes2D } from '../../../src/solvers/amg/rigidBodyModes.js';
import { elasticityP1, poissonP1 } from './helpers/structuredFem.js';
import { dropStoredZeros } from '../../../src/solvers/amg/amgHierarchy.js';
import { HEAP_ALLOC } from '../../../src/solvers/amg/sparseRect.js';

function neighbours(G: { rowPtr: Int32Array; colIdx: Int32Array }, i: number): number[] {
  return Array.from(G.colIdx.subarray(G.rowPtr[i]!, G.rowPtr[i + 1]!));
}

function denseOf(A: CsrMatrix): Matrix {
  const D = Matrix.zeros(A.n, A.n);
  for (let i = 0; i < A.n; i++) for (let s = A.rowPtr[i]!; s < A.rowPtr[i + 1]!; s++) D.set(i, A.colIdx[s]!, A.values[s]!);
  return D;
}

describe('strength of connection', () => {
  it('scalar: keeps |a_ij| ≥ θ·sqrt(a_ii a_jj) and never stored zeros', () => {
    // Row 0: a01 = −1 (1/sqrt(4·4) = 0.25 ≥ 0.2 → strong), a02 = −0.1 (0.025 → weak), a03 = 0 (stored zero).
    const A = csrFromTriplets(4,
      [0, 0, 0, 0, 1, 1, 2, 2, 3, 3],
      [0, 1, 2, 3, 0, 1, 0, 2, 0, 3],
      [4, -1, -0.1, 0, -1, 4, -0.1, 4, 0, 1]);
    const G = strengthGraph(A, 1, 0.2);
    expect(neighbours(G, 0)).toEqual([1]);
    expect(neighbours(G, 1)).toEqual([0]);
    expect(neighbours(G, 2)).toEqual([]);
    expect(neighbours(G, 3)).toEqual([]);
    expect(neighbours(strengthGraph(A, 1, 0), 0)).toEqual([1, 2]);
  });

  it('blockwise (b = 2) uses Frobenius norms of node blocks', () => {
    const sys = elasticityP1(3, 1, 0.3);
    const D = denseOf(sys.A);
    const nNodes = sys.A.n / 2;
    const fro = (I: number, J: number): number => Math.hypot(D.get(2 * I, 2 * J), D.get(2 * I, 2 * J + 1), D.get(2 * I + 1, 2 * J), D.get(2 * I + 1, 2 * J + 1));
    const theta = 0.3;
    const G = strengthGraph(sys.A, 2, theta);
    let nStrong = 0;
    for (let I = 0; I < nNodes; I++) {
      const expected: number[] = [];
      for (let J = 0; J < nNodes; J++) if (J !== I && fro(I, J) > 0 && fro(I, J) >= theta * Math.sqrt(fro(I, I) * fro(J, J))) expected.push(J);
      expect(neighbours(G, I)).toEqual(expected);
      nStrong += expected.length;
    }
    expect(nStrong).toBeGreaterThan(0); // the threshold must not make the check vacuous
  });
});

describe('greedy aggregation', () => {
  it('covers every coupled node with connected aggregates of sensible size; isolated nodes stay out', () => {
    const { A } = poissonP1(33);
    const G = strengthGraph(A, 1, 0);
    const { aggOf, nAgg } = aggregateGreedy(G);
    const size = new Int32Array(nAgg);
    for (let i = 0; i < G.nNodes; i++) { expect(aggOf[i]).toBeGreaterThanOrEqual(0); size[aggOf[i]!]!++; }
    // 5-point graph: phase-1 aggregates are a node and its 4 neighbours; phase 2 adds a few more.
    for (let a = 0; a < nAgg; a++) { expect(size[a]).toBeGreaterThanOrEqual(2); expect(size[a]).toBeLessThanOrEqual(13); }
    const ratio = G.nNodes / nAgg;
    expect(ratio).toBeGreaterThan(4);
    expect(ratio).toBeLessThan(9);
    // Connectivity: a flood fill inside each aggregate reaches all its nodes.
    const seen = new Uint8Array(G.nNodes);
    let components = 0;
    for (let s = 0; s < G.nNodes; s++) {
      if (seen[s]) continue;
      components++;
      const stack = [s];
      seen[s] = 1;
      while (stack.length) {
        const i = stack.pop()!;
        for (const j of neighbours(G, i)) if (!seen[j] && aggOf[j] === aggOf[i]) { seen[j] = 1; stack.push(j); }
      }
    }
    expect(components).toBe(nAgg);
    // A decoupled (Dirichlet identity) row is isolated.
    const I = csrFromTriplets(3, [0, 0, 1, 1, 2], [0, 1, 0, 1, 2], [2, -1, -1, 2, 1]);
    expect(Array.from(aggregateGreedy(strengthGraph(I, 1, 0)).aggOf)).toEqual([0, 0, -1]);
  });
});

describe('tentative prolongator and rigid-body modes', () => {
  it('rigid-body modes span the kernel of the floating elasticity stiffness', () => {
    const sys = elasticityP1(6, 1, 0.3, false);
    const B = rigidBodyModes2D(sys.coords);
    const n = sys.A.n;
    const y = new Float64Array(n);
    for (let j = 0; j < 3; j++) {
      spmv(sys.A, B.subarray(j * n, (j + 1) * n), y);
      // Entries of A are O(E) = O(1) with ≤ 14 per row and modes O(1): exact zero up to ~1e-15 round-off.
      expect(Math.max(...Array.from(y, Math.abs))).toBeLessThan(1e-12);
    }
  });

  it('T has orthonormal columns and reproduces the near-nullspace: T·Bc = B', () => {
    const sys = elasticityP1(8, 1, 0.3);
    const B = rigidBodyModes2D(sys.coords);
    const agg = aggregateGreedy(strengthGraph(sys.A, 2, 0.08));
    const { T, Bc } = tentativeProlongator(agg, 2, B, 3);
    const n = sys.A.n, nc = T.nCols;
    expect(nc).toBe(3 * agg.nAgg);
    const Td = Matrix.zeros(n, nc);
    for (let i = 0; i < n; i++) for (let s = T.rowPtr[i]!; s < T.rowPtr[i + 1]!; s++) Td.set(i, T.colIdx[s]!, T.values[s]!);
    const TtT = Td.transpose().mmul(Td);
    let orth = 0;
    for (let i = 0; i < nc; i++) for (let j = 0; j < nc; j++) orth = Math.max(orth, Math.abs(TtT.get(i, j) - (i === j ? 1 : 0)));
    expect(orth).toBeLessThan(1e-13); // Gram–Schmidt with re-orthogonalisation: round-off level
    const Bcd = new Matrix(nc, 3);
    for (let i = 0; i < nc; i++) for (let j = 0; j < 3; j++) Bcd.set(i, j, Bc[i + j * nc]!);
    const TB = Td.mmul(Bcd);
    let rep = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) rep = Math.max(rep, Math.abs(TB.get(i, j) - B[i + j * n]!));
    expect(rep).toBeLessThan(1e-13);
  });
});

describe('Lanczos estimate of λmax(D⁻¹A)', () => {
  it('is within 5 % below the dense eigenvalue (Ritz values never exceed it)', () => {
    for (const sys of [poissonP1(20), elasticityP1(10, 1, 0.3)]) {
      const A = sys.A;
      const n = A.n;
      const D = denseOf(A);
      const invDiag = new Float64Array(n);
      const S = Matrix.zeros(n, n);
      for (let i = 0; i < n; i++) invDiag[i] = 1 / D.get(i, i);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.set(i, j, D.get(i, j) * Math.sqrt(invDiag[i]! * invDiag[j]!));
      const exact = Math.max(...new EigenvalueDecomposition(S, { assumeSymmetric: true }).realEigenvalues);
      const work = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
      const est = estimateLambdaMax(A, invDiag, 8, work);
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-12));
      expect(est).toBeGreaterThan(0.95 * exact);
    }
  });
});

describe('dropping stored zeros of the fine operator', () => {
  it('keeps every nonzero and every diagonal, gives bitwise the same products, returns A when nothing is dropped', () => {
    // Row 1 stores a zero diagonal (kept: inverseDiagonal needs it) and a zero off-diagonal (dropped).
    const A = csrFromTriplets(3, [0, 0, 0, 1, 1, 2, 2], [0, 1, 2, 1, 2, 0, 2], [4, -1, 0, 0, 0, 0.5, 3]);
    const B = dropStoredZeros(A, HEAP_ALLOC);
    expect(Array.from(B.rowPtr)).toEqual([0, 2, 3, 5]);
    expect(Array.from(B.colIdx)).toEqual([0, 1, 1, 0, 2]);
    expect(Array.from(B.values)).toEqual([4, -1, 0, 0.5, 3]);
    // A dropped term adds exactly 0, so products agree bit for bit (on the Poisson matrix too).
    const { A: P } = poissonP1(24);
    const Pd = dropStoredZeros(P, HEAP_ALLOC);
    expect(Pd.rowPtr[Pd.n]!).toBeLessThan(P.rowPtr[P.n]!);
    const x = Float64Array.from({ length: P.n }, (_, i) => Math.sin(1.3 * i) + 0.1);
    const y = new Float64Array(P.n), yd = new Float64Array(P.n);
    spmv(P, x, y); spmv(Pd, x, yd);
    expect(Array.from(yd)).toEqual(Array.from(y));
    expect(dropStoredZeros(Pd, HEAP_ALLOC)).toBe(Pd);
  });
});
