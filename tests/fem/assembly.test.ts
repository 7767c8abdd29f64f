import { describe, expect, it } from 'vitest';
import { assembleSystem, assembleVector, cellResidual, type CellKernel } from '../../src/fem/assemble.js';
import { createCellValues } from '../../src/fem/cellValues.js';
import {
  addDirichlet, addDirichletDofs, addPeriodic, createConstraints, DIRICHLET, expandSolution, FREE, SLAVE,
  updateDirichletValues,
} from '../../src/fem/constraints.js';
import { cellDofs, createSpace, type FunctionSpace } from '../../src/fem/functionSpace.js';
import { triangleRule } from '../../src/fem/quadrature.js';
import { buildAssemblyPattern } from '../../src/fem/sparsity.js';
import { solveDense, toDense } from './helpers/linear.js';
import { poissonKernel } from './helpers/poisson.js';
import { lcg, rectangleMesh } from './helpers/rectangleMesh.js';

/** Vector kernel coupling components: Ke_(a,c)(b,d) = ∫ (∇N_a·∇N_b δ_cd + 0.7 ∂_c N_a ∂_d N_b), fe = ∫ (1+x, y−2)·N_a. */
const vectorKernel: CellKernel = (cv, _cell, Ke, fe) => {
  const nb = cv.nBasis;
  const nl = 2 * nb;
  for (let q = 0; q < cv.nQuad; q++) {
    const dx = cv.dx[q]!;
    const x = cv.xq[2 * q]!;
    const y = cv.xq[2 * q + 1]!;
    for (let a = 0; a < nb; a++) {
      const ga = [cv.dNdx[2 * (q * nb + a)]!, cv.dNdx[2 * (q * nb + a) + 1]!];
      fe[2 * a]! += (1 + x) * cv.N[q * nb + a]! * dx;
      fe[2 * a + 1]! += (y - 2) * cv.N[q * nb + a]! * dx;
      for (let b = 0; b < nb; b++) {
        const gb = [cv.dNdx[2 * (q * nb + b)]!, cv.dNdx[2 * (q * nb + b) + 1]!];
        const lap = ga[0]! * gb[0]! + ga[1]! * gb[1]!;
        for (let c = 0; c < 2; c++) {
          for (let d = 0; d < 2; d++) Ke[(2 * a + c) * nl + 2 * b + d]! += ((c === d ? lap : 0) + 0.7 * ga[c]! * gb[d]!) * dx;
        }
      }
    }
  }
};

/** Dense unconstrained K [n×n] and f [n], assembled with a plain loop (no pattern machinery). */
function denseReference(space: FunctionSpace, kernel: CellKernel, quad: number): { K: Float64Array; f: Float64Array } {
  const n = space.nDofs;
  const nl = space.element.nBasis * space.components;
  const cv = createCellValues(space, triangleRule(quad));
  const K = new Float64Array(n * n);
  const f = new Float64Array(n);
  const Ke = new Float64Array(nl * nl);
  const fe = new Float64Array(nl);
  const dofs = new Int32Array(nl);
  for (let c = 0; c < space.mesh.nCells; c++) {
    cv.reinit(c);
    Ke.fill(0); fe.fill(0);
    kernel(cv, c, Ke, fe);
    cellDofs(space, c, dofs);
    for (let i = 0; i < nl; i++) {
      f[dofs[i]!]! += fe[i]!;
      for (let j = 0; j < nl; j++) K[dofs[i]! * n + dofs[j]!]! += Ke[i * nl + j]!;
    }
  }
  return { K, f };
}

function checkAgainstDense(space: FunctionSpace, kernel: CellKernel, setup: (cons: ReturnType<typeof createConstraints>) => void): void {
  const n = space.nDofs;
  const cons = createConstraints(n);
  setup(cons);
  const pattern = buildAssemblyPattern(space, cons);
  const quad = 2 * space.element.degree;
  const b = new Float64Array(n);
  const A = assembleSystem(pattern, createCellValues(space, triangleRule(quad)), kernel, b);

  // Pattern: sorted unique columns, a diagonal in every row.
  for (let i = 0; i < n; i++) {
    for (let k = A.rowPtr[i]! + 1; k < A.rowPtr[i + 1]!; k++) expect(A.colIdx[k]!).toBeGreaterThan(A.colIdx[k - 1]!);
    expect(pattern.diagSlot[i]!).toBeGreaterThanOrEqual(0);
  }
  // Independent reduction: u = T·u_free + g, reduced K_r = Tᵀ K T, f_r = Tᵀ (f − K g).
  const { K, f } = denseReference(space, kernel, quad);
  const freeIdx: number[] = [];
  const col = new Int32Array(n).fill(-1);
  for (let d = 0; d < n; d++) if (cons.kind[d] === FREE) { col[d] = freeIdx.length; freeIdx.push(d); }
  const m = freeIdx.length;
  const T = new Float64Array(n * m);
  const g = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    if (cons.kind[d] === FREE) T[d * m + col[d]!] = 1;
    else if (cons.kind[d] === SLAVE) { T[d * m + col[cons.master[d]!]!] = 1; g[d] = cons.value[d]!; }
    else g[d] = cons.value[d]!;
  }
  const Ad = toDense(A);
  let scale = 0;
  for (const v of K) scale = Math.max(scale, Math.abs(v));
  let fscale = 0;
  for (const v of f) fscale = Math.max(fscale, Math.abs(v));
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const ti = T[i * m + p]!;
        if (ti === 0) continue;
        for (let j = 0; j < n; j++) s += ti * K[i * n + j]! * T[j * m + q]!;
      }
      // Same sums in a different order: agreement to ~1e-14 relative.
      expect(Math.abs(Ad[freeIdx[p]! * n + freeIdx[q]!]! - s)).toBeLessThan(1e-12 * scale);
    }
    let s = 0;
    for (let i = 0; i < n; i++) {
      const ti = T[i * m + p]!;
      if (ti === 0) continue;
      let kg = 0;
      for (let j = 0; j < n; j++) kg += K[i * n + j]! * g[j]!;
      s += ti * (f[i]! - kg);
    }
    expect(Math.abs(b[freeIdx[p]!]! - s)).toBeLessThan(1e-12 * (scale + fscale));
  }
  // Constrained rows: only the diagonal D (mean |diag| of free rows), b = D·g for Dirichlet, 0 for slaves.
  let D = 0;
  for (const d of freeIdx) D += Math.abs(Ad[d * n + d]!);
  D /= m;
  for (let d = 0; d < n; d++) {
    if (cons.kind[d] === FREE) continue;
    for (let j = 0; j < n; j++) {
      expect(Ad[d * n + j]).toBe(j === d ? Ad[d * n + d] : 0);
      expect(Ad[j * n + d]).toBe(j === d ? Ad[d * n + d] : 0);
    }
    expect(Math.abs(Ad[d * n + d]! - D)).toBeLessThan(1e-12 * D);
    expect(Math.abs(b[d]! - (cons.kind[d] === DIRICHLET ? D * cons.value[d]! : 0))).toBeLessThan(1e-12 * D * (1 + Math.abs(cons.value[d]!)));
  }
  // Solving the assembled system and expanding equals solving the reduced dense system and mapping back.
  const x = solveDense(Ad, b);
  expandSolution(cons, x);
  const Kr = new Float64Array(m * m);
  const fr = new Float64Array(m);
  for (let p = 0; p < m; p++) { fr[p] = b[freeIdx[p]!]!; for (let q = 0; q < m; q++) Kr[p * m + q] = Ad[freeIdx[p]! * n + freeIdx[q]!]!; }
  const xr = solveDense(Kr, fr);
  for (let d = 0; d < n; d++) {
    let v = g[d]!;
    for (let p = 0; p < m; p++) v += T[d * m + p]! * xr[p]!;
    expect(Math.abs(x[d]! - v)).toBeLessThan(1e-10 * (1 + Math.abs(v)));
  }
  // Symmetric.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(Math.abs(Ad[i * n + j]! - Ad[j * n + i]!)).toBeLessThan(1e-13 * scale);
}

describe('assembleSystem against a dense reference reduction TᵀKT', () => {
  it('P2 scalar, distorted, Dirichlet (function) on bottom + periodic right→left with offset 0.3', () => {
    const rnd = lcg(3);
    const mesh = rectangleMesh(3, 3, 0, 1, 0, 1, { order: 2, mapPoint: (x, y, I, J) => (I > 0 && I < 6 && J > 0 && J < 6 ? [x + 0.03 * (rnd() - 0.5), y + 0.03 * (rnd() - 0.5)] : [x, y]) });
    const space = createSpace(mesh, 2);
    checkAgainstDense(space, poissonKernel((x) => 1 + x, (x, y) => Math.sin(3 * x + y)), (cons) => {
      addDirichlet(cons, space, 'bottom', (x) => 2 + x * x);
      addPeriodic(cons, space, 'right', 'left', [1, 0], [0.3]);
    });
  });

  it('P1 vector (2 components), Dirichlet on one component, periodic top→bottom with per-component offsets', () => {
    const mesh = rectangleMesh(4, 3, 0, 2, 0, 1);
    const space = createSpace(mesh, 1, 2);
    checkAgainstDense(space, vectorKernel, (cons) => {
      addDirichlet(cons, space, 'left', (_x, y) => y, 0);
      addDirichlet(cons, space, 'right', -0.5, 1);
      addPeriodic(cons, space, 'top', 'bottom', [0, 1], [0.25, -0.1]);
    });
  });
  it('P2 vector on a curved tri6 mesh, Dirichlet on both components + periodic with offsets', () => {
    const mesh = rectangleMesh(2, 2, 0, 1, 0, 1, { order: 2, mapPoint: (x, y, I, J) => (I === 1 && J === 2 ? [x + 0.04, y - 0.03] : [x, y]) });
    const space = createSpace(mesh, 2, 2);
    checkAgainstDense(space, vectorKernel, (cons) => {
      addDirichlet(cons, space, 'bottom', (x) => x);
      addPeriodic(cons, space, 'right', 'left', [1, 0], [0.5, -0.2]);
    });
  });
});

describe('assembly reuse and bookkeeping', () => {
  const mesh = rectangleMesh(6, 5, 0, 1, 0, 1);
  const space = createSpace(mesh, 1);
  const kernel = poissonKernel(() => 2, () => 1);
  const cv = createCellValues(space, triangleRule(2));

  it('re-assembling into the same pattern gives identical values; Dirichlet value updates keep the pattern', () => {
    const cons = createConstraints(space.nDofs);
    addDirichlet(cons, space, 'left', 1);
    const pattern = buildAssemblyPattern(space, cons);
    const b1 = new Float64Array(space.nDofs);
    const v1 = assembleSystem(pattern, cv, kernel, b1).values.slice();
    const b2 = new Float64Array(space.nDofs);
    const A2 = assembleSystem(pattern, cv, kernel, b2);
    expect(A2).toBe(pattern.A);
    expect(Array.from(A2.values)).toEqual(Array.from(v1));
    expect(Array.from(b2)).toEqual(Array.from(b1));
    updateDirichletValues(cons, space, 'left', 3);
    const b3 = new Float64Array(space.nDofs);
    assembleSystem(pattern, cv, kernel, b3);
    // b is affine in the Dirichlet value g: b(3) − b(0) = 3·(b(1) − b(0)).
    const cons0 = createConstraints(space.nDofs);
    addDirichlet(cons0, space, 'left', 0);
    const b0 = new Float64Array(space.nDofs);
    assembleSystem(buildAssemblyPattern(space, cons0), cv, kernel, b0);
    for (let d = 0; d < space.nDofs; d++) expect(b3[d]! - b0[d]!).toBeCloseTo(3 * (b1[d]! - b0[d]!), 12);
    expect(() => updateDirichletValues(cons, space, 'right', 1)).toThrow(/not Dirichlet/);
  });

  it('throws when the constraint structure changed after building the pattern', () => {
    const cons = createConstraints(space.nDofs);
    const pattern = buildAssemblyPattern(space, cons);
    addDirichletDofs(cons, Int32Array.of(0), 0);
    expect(() => assembleSystem(pattern, cv, kernel, new Float64Array(space.nDofs))).toThrow(/stale/);
  });

  it('assembleVector adds the same load as assembleSystem (homogeneous constraints), restricted to cells', () => {
    const cons = createConstraints(space.nDofs);
    addDirichlet(cons, space, 'bottom', 0);
    addPeriodic(cons, space, 'right', 'left', [1, 0]);
    const pattern = buildAssemblyPattern(space, cons);
    const bs = new Float64Array(space.nDofs);
    assembleSystem(pattern, cv, kernel, bs);
    const bv = new Float64Array(space.nDofs);
    assembleVector(pattern, cv, (v, _c, fe) => {
      for (let q = 0; q < v.nQuad; q++) for (let a = 0; a < v.nBasis; a++) fe[a]! += v.N[q * v.nBasis + a]! * v.dx[q]!;
    }, bv);
    for (let d = 0; d < space.nDofs; d++) if (cons.kind[d] === FREE) expect(bv[d]!).toBeCloseTo(bs[d]!, 14);
    // Conservation: moving slave rows onto masters keeps the total; only Dirichlet rows are dropped.
    const unconstrained = buildAssemblyPattern(space, createConstraints(space.nDofs));
    const bu = new Float64Array(space.nDofs);
    assembleVector(unconstrained, cv, (v, _c, fe) => {
      for (let q = 0; q < v.nQuad; q++) for (let a = 0; a < v.nBasis; a++) fe[a]! += v.N[q * v.nBasis + a]! * v.dx[q]!;
    }, bu);
    let total = 0;
    let kept = 0;
    for (let d = 0; d < space.nDofs; d++) { total += bv[d]!; if (cons.kind[d] !== DIRICHLET) kept += bu[d]!; }
    expect(Math.abs(total - kept)).toBeLessThan(1e-14);
    expect(bv[cons.master.find((m) => m >= 0)!]!).toBeGreaterThan(0);
  });

  it('cells option: dofs outside the assembled cells are pinned (diagonal D, b = 0)', () => {
    const cons = createConstraints(space.nDofs);
    addDirichlet(cons, space, 'left', 1);
    const pattern = buildAssemblyPattern(space, cons);
    const b = new Float64Array(space.nDofs);
    const half = Int32Array.from({ length: mesh.nCells / 2 }, (_, i) => i); // bottom rows of squares
    const A = assembleSystem(pattern, cv, kernel, b, { cells: half });
    const x = solveDense(toDense(A), b);
    expect(x.every(Number.isFinite)).toBe(true);
    const topRight = space.nDofs - 1;
    expect(x[topRight]).toBe(0);
  });
});

describe('cellResidual: consistent reaction flux', () => {
  it('Σ r over Dirichlet dofs of the left edge → ∫ k ∂u/∂n ds = −3π cos(0.3), converging fast', () => {
    // u = sin(1.5πx + 0.3)(2 + cos πy), k = 1 + x²: ∂u/∂y = 0 on y = 0, 1 (insulated, natural BC), Dirichlet left/right.
    const A = 1.5 * Math.PI;
    const u = (x: number, y: number): number => Math.sin(A * x + 0.3) * (2 + Math.cos(Math.PI * y));
    const f = (x: number, y: number): number => {
      const k = 1 + x * x;
      const ux = A * Math.cos(A * x + 0.3) * (2 + Math.cos(Math.PI * y));
      const uxx = -A * A * Math.sin(A * x + 0.3) * (2 + Math.cos(Math.PI * y));
      const uyy = -Math.PI * Math.PI * Math.sin(A * x + 0.3) * Math.cos(Math.PI * y);
      return -(2 * x * ux + k * (uxx + uyy));
    };
    const exact = -3 * Math.PI * Math.cos(0.3); // ∫₀¹ k(0)(−∂u/∂x)(0,y) dy
    const errs: number[] = [];
    for (const n of [4, 8]) {
      const mesh = rectangleMesh(n, n, 0, 1, 0, 1, { order: 2 });
      const space = createSpace(mesh, 2);
      const cons = createConstraints(space.nDofs);
      addDirichlet(cons, space, 'left', u);
      addDirichlet(cons, space, 'right', u);
      const pattern = buildAssemblyPattern(space, cons);
      const cv = createCellValues(space, triangleRule(6));
      const kernel = poissonKernel((x) => 1 + x * x, f);
      const b = new Float64Array(space.nDofs);
      const x = solveDense(toDense(assembleSystem(pattern, cv, kernel, b)), b);
      expandSolution(cons, x);
      const r = new Float64Array(space.nDofs);
      cellResidual(space, cv, kernel, x, r);
      let reaction = 0;
      let freeMax = 0;
      let rScale = 0;
      for (let d = 0; d < space.nDofs; d++) {
        rScale = Math.max(rScale, Math.abs(r[d]!));
        const p = space.dofMap.nodeToPoint[d]!;
        if (cons.kind[d] === FREE) freeMax = Math.max(freeMax, Math.abs(r[d]!));
        else if (mesh.points[2 * p] === 0) reaction += r[d]!;
      }
      // Free rows: the residual of a direct solve is round-off.
      expect(freeMax).toBeLessThan(1e-10 * rScale);
      errs.push(Math.abs(reaction - exact));
    }
    console.log(`reaction flux error (P2, n=4,8): ${errs.map((e) => e.toExponential(2)).join(', ')}`);
    // The consistent flux is superconvergent (≥ h^{2p} = h⁴ for smooth data): the error must drop ≥ 8× per halving.
    expect(errs[1]!).toBeLessThan(errs[0]! / 8);
    expect(errs[1]! / Math.abs(exact)).toBeLessThan(1e-3);
  });
});
