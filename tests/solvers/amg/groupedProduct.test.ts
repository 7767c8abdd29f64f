import { describe, it, expect } from 'vitest';
import { multiply, type SparseRect } from '../../../src/solvers/amg/sparseRect.js';
import { multiplyGrouped } from '../../../src/solvers/amg/groupedProduct.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

/**
 * Block-row matrix: rows come in groups of g sharing one random column pattern (with some exact zeros), except
 * group `odd`, whose last row gets its own pattern (a constrained component), to exercise the row-by-row fallback.
 */
function blockRows(nGroups: number, g: number, nCols: number, rand: () => number, odd: number): SparseRect {
  const rowPtr = new Int32Array(nGroups * g + 1);
  const cols: number[] = [], vals: number[] = [];
  let r = 0;
  for (let q = 0; q < nGroups; q++) {
    const pattern: number[] = [];
    for (let j = 0; j < nCols; j++) if (rand() < 0.15) pattern.push(j);
    for (let k = 0; k < g; k++) {
      const own = q === odd && k === g - 1 ? [q % nCols] : pattern;
      for (const j of own) { cols.push(j); vals.push(rand() < 0.1 ? 0 : rand() - 0.5); }
      rowPtr[++r] = cols.length;
    }
  }
  return { nRows: nGroups * g, nCols, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}

function randomSparse(nRows: number, nCols: number, density: number, rand: () => number): SparseRect {
  const rowPtr = new Int32Array(nRows + 1);
  const cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) if (rand() < density) { cols.push(j); vals.push(rand() - 0.5); }
    rowPtr[i + 1] = cols.length;
  }
  return { nRows, nCols, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}

/** Entry (i, c) of M, summing duplicates; 0 when absent. */
function entry(M: SparseRect, i: number, c: number): number {
  let v = 0;
  for (let s = M.rowPtr[i]!; s < M.rowPtr[i + 1]!; s++) if (M.colIdx[s] === c) v += M.values[s]!;
  return v;
}

describe('grouped sparse product (rows sharing a pattern in groups of g)', () => {
  for (const g of [2, 3]) {
    for (const skipZeros of [false, true]) {
      it(`g = ${g}, skipZeros = ${skipZeros}: every entry equals multiply()'s bitwise, columns sorted`, () => {
        const rand = rng(11 * g + (skipZeros ? 1 : 0));
        const A = blockRows(40, g, 60, rand, 7);
        const B = randomSparse(60, 35, 0.12, rand);
        const ref = multiply(A, B, skipZeros);
        const got = multiplyGrouped(A, B, g, skipZeros);
        expect(got.nRows).toBe(ref.nRows);
        let mismatches = 0;
        for (let i = 0; i < A.nRows; i++) {
          for (let s = got.rowPtr[i]! + 1; s < got.rowPtr[i + 1]!; s++) expect(got.colIdx[s]!).toBeGreaterThan(got.colIdx[s - 1]!);
          for (let c = 0; c < B.nCols; c++) {
            // Same products summed in the same order: identical bits (an extra stored entry may only hold ±0).
            const a = entry(got, i, c), b = entry(ref, i, c);
            if (!Object.is(a, b) && !(a === 0 && b === 0)) mismatches++;
          }
          // Without skipZeros the patterns are the same; with it the grouped product may store extra zeros (never fewer).
          const extra = (got.rowPtr[i + 1]! - got.rowPtr[i]!) - (ref.rowPtr[i + 1]! - ref.rowPtr[i]!);
          if (!skipZeros) expect(extra).toBe(0);
          else expect(extra).toBeGreaterThanOrEqual(0);
        }
        expect(mismatches).toBe(0);
      });
    }
  }

  it('falls back to multiply() when the rows do not split into whole groups', () => {
    const rand = rng(5);
    const A = randomSparse(31, 20, 0.2, rand), B = randomSparse(20, 9, 0.3, rand);
    const ref = multiply(A, B), got = multiplyGrouped(A, B, 2);
    expect(Array.from(got.colIdx)).toEqual(Array.from(ref.colIdx));
    expect(Array.from(got.values)).toEqual(Array.from(ref.values));
  });
});
