/**
 * Compressed sparse row matrix: the one sparse format every layer shares.
 *
 * Shapes: `rowPtr` [n+1], `colIdx` [nnz] (sorted ascending within each row), `values` [nnz].
 * Square only (n × n). Arrays may live on a SharedArrayBuffer so worker threads can read them.
 */
export interface CsrMatrix {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** Number of stored entries. */
export function nnz(A: CsrMatrix): number {
  return A.rowPtr[A.n]!;
}

/** y = A·x. `y` must not alias `x`. */
export function spmv(A: CsrMatrix, x: Float64Array, y: Float64Array): void {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    y[i] = s;
  }
}

/** Slot of entry (i, j) by binary search in row i, or −1 if (i, j) is not in the pattern. */
export function findSlot(A: CsrMatrix, i: number, j: number): number {
  let lo = A.rowPtr[i]!;
  let hi = A.rowPtr[i + 1]! - 1;
  const c = A.colIdx;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = c[mid]!;
    if (v === j) return mid;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Diagonal of A as a new array [n] (0 where the pattern has no diagonal entry). */
export function diagonal(A: CsrMatrix): Float64Array {
  const d = new Float64Array(A.n);
  for (let i = 0; i < A.n; i++) {
    const s = findSlot(A, i, i);
    if (s >= 0) d[i] = A.values[s]!;
  }
  return d;
}

/** A new CSR matrix from (row, col, value) triplets; duplicates are summed. For tests and small setups. */
export function csrFromTriplets(n: number, rows: ArrayLike<number>, cols: ArrayLike<number>, vals: ArrayLike<number>): CsrMatrix {
  const m = rows.length;
  const count = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) count[rows[k]! + 1]!++;
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const order = new Int32Array(m);
  const fill = count.slice(0, n);
  for (let k = 0; k < m; k++) order[fill[rows[k]!]!++] = k;
  const rowPtr = new Int32Array(n + 1);
  const colTmp: number[] = [];
  const valTmp: number[] = [];
  for (let i = 0; i < n; i++) {
    const ks = Array.from(order.subarray(count[i]!, count[i + 1]!)).sort((a, b) => cols[a]! - cols[b]!);
    let last = -1;
    for (const k of ks) {
      if (cols[k] === last) valTmp[valTmp.length - 1]! += vals[k]!;
      else { colTmp.push(cols[k]!); valTmp.push(vals[k]!); last = cols[k]!; }
    }
    rowPtr[i + 1] = colTmp.length;
  }
  return { n, rowPtr, colIdx: Int32Array.from(colTmp), values: Float64Array.from(valTmp) };
}
