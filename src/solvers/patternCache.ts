import type { CsrMatrix } from '../linalg/csr.js';

/**
 * Remembers the sparsity pattern (rowPtr, colIdx) a setup was built for, so a later setup with the
 * same pattern and new values can skip symbolic work and reuse its arrays.
 *
 * Same array objects count as the same pattern (O(1)); different objects are compared entry by entry
 * (O(nnz), far cheaper than any factorization). Callers must not change a pattern in place.
 */
export class PatternCache {
  private rowPtr: Int32Array | null = null;
  private colIdx: Int32Array | null = null;

  /** True if A has the pattern last passed to {@link remember}. */
  matches(A: CsrMatrix): boolean {
    const rp = this.rowPtr, ci = this.colIdx;
    if (rp === null || ci === null) return false;
    if (rp === A.rowPtr && ci === A.colIdx) return true;
    if (rp.length !== A.rowPtr.length || ci.length !== A.colIdx.length) return false;
    for (let i = 0; i < rp.length; i++) if (rp[i] !== A.rowPtr[i]) return false;
    for (let k = 0; k < ci.length; k++) if (ci[k] !== A.colIdx[k]) return false;
    return true;
  }

  remember(A: CsrMatrix): void {
    this.rowPtr = A.rowPtr;
    this.colIdx = A.colIdx;
  }
}

/** Slot of the diagonal entry of every row [n]; throws if a row has no stored diagonal. */
export function diagonalSlots(A: CsrMatrix, who: string, out?: Int32Array): Int32Array {
  const { n, rowPtr, colIdx } = A;
  const d = out !== undefined && out.length === n ? out : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = -1;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) {
      const c = colIdx[k]!;
      if (c === i) { s = k; break; }
      if (c > i) break;
    }
    if (s < 0) throw new Error(`${who}: row ${i} has no diagonal entry in the sparsity pattern`);
    d[i] = s;
  }
  return d;
}
