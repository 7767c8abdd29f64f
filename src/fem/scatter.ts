/**
 * The two halves of constraint-aware assembly shared by the serial (assemble.ts) and the worker-pool
 * (parallelAssembly*.ts) assemblers, so both produce the same matrix by construction:
 * - `scatterCell`: adds one cell's Ke [nLoc × nLoc] and fe [nLoc] through the precomputed slots; constrained
 *   cells drop Dirichlet rows and move known column values (Dirichlet values, slave offsets) to b.
 * - `finishConstrainedRows`: constrained and untouched rows get A_dd = D (mean |A_dd| over free rows) and
 *   b_d = D·g_d (Dirichlet) or 0.
 * - `scatterCellByLookup`: the same without the cell → slot map (slots found by searching the sorted row).
 * Plain functions on typed arrays (no imports), so worker kernel modules can use them.
 */
export function scatterCell(
  c: number, nLoc: number, Ke: Float64Array, fe: Float64Array, cellSlots: Int32Array, cellRows: Int32Array,
  cellDofs: Int32Array, constrained: boolean, kind: Uint8Array, value: Float64Array, vals: Float64Array, b: Float64Array,
): void {
  const base = c * nLoc, sbase = c * nLoc * nLoc;
  if (!constrained) {
    // Fast path: pure scatter.
    for (let i = 0; i < nLoc; i++) {
      const row = i * nLoc;
      for (let j = 0; j < nLoc; j++) vals[cellSlots[sbase + row + j]!]! += Ke[row + j]!;
      b[cellRows[base + i]!]! += fe[i]!;
    }
    return;
  }
  for (let i = 0; i < nLoc; i++) {
    const r = cellRows[base + i]!;
    if (r < 0) continue;
    const row = i * nLoc;
    let bi = fe[i]!;
    for (let j = 0; j < nLoc; j++) {
      const k = Ke[row + j]!;
      const s = cellSlots[sbase + row + j]!;
      if (s >= 0) vals[s]! += k;
      const dj = cellDofs[base + j]!;
      // Dirichlet value, or slave offset (u_s = u_m + o_s): its known part goes to the right-hand side.
      if (kind[dj] !== 0) bi -= k * value[dj]!;
    }
    b[r]! += bi;
  }
}

/**
 * {@link scatterCell} for patterns built without `cellSlots` (see buildAssemblyPatternOnPool): each entry's slot is
 * found by a linear search of its row in `colIdx` (rows are short and sorted; a cell's rows stay in cache while
 * its neighbours are assembled), trading a few compares per entry for the nCells·nLoc² slot array.
 */
export function scatterCellByLookup(
  c: number, nLoc: number, Ke: Float64Array, fe: Float64Array, rowPtr: Int32Array, colIdx: Int32Array, cellRows: Int32Array,
  cellDofs: Int32Array, constrained: boolean, kind: Uint8Array, value: Float64Array, vals: Float64Array, b: Float64Array,
): void {
  const base = c * nLoc;
  for (let i = 0; i < nLoc; i++) {
    const r = cellRows[base + i]!;
    if (r < 0) continue;
    const row = i * nLoc, s0 = rowPtr[r]!, s1 = rowPtr[r + 1]!;
    let bi = fe[i]!;
    // Vector fields number a node's components consecutively, and so do the sorted rows: the slot after the
    // previous column's is checked first, which halves the searches for 2D elasticity.
    let prev = -2, sp = s0;
    for (let j = 0; j < nLoc; j++) {
      const k = Ke[row + j]!;
      const col = cellRows[base + j]!;
      if (col >= 0) {
        let s = sp + 1;
        if (col !== prev + 1 || s >= s1 || colIdx[s]! !== col) {
          s = s0;
          while (s < s1 && colIdx[s]! !== col) s++;
        }
        vals[s]! += k;
        prev = col; sp = s;
      }
      // Dirichlet value, or slave offset (u_s = u_m + o_s): its known part goes to the right-hand side.
      if (constrained && kind[cellDofs[base + j]!] !== 0) bi -= k * value[cellDofs[base + j]!]!;
    }
    b[r]! += bi;
  }
}

/** Constraint kinds as stored in DofConstraints.kind (0 free, 1 Dirichlet, 2 slave). */
const FREE = 0, DIRICHLET = 1;

export function finishConstrainedRows(
  rowPtr: Int32Array, vals: Float64Array, diagSlot: Int32Array, kind: Uint8Array, value: Float64Array, b: Float64Array,
): void {
  const sc = new Float64Array(2);
  freeDiagonalSum(vals, diagSlot, kind, 0, kind.length, sc, 0);
  applyConstrainedRows(rowPtr, vals, diagSlot, kind, value, b, sc[1]! > 0 ? sc[0]! / sc[1]! : 1, 0, kind.length);
}

/**
 * Σ|A_dd| and the number of free rows d ∈ [d0, d1) with A_dd ≠ 0, into out[o], out[o+1] (the first half of
 * {@link finishConstrainedRows}; a worker pool sums per fixed row chunk, then the chunks in order).
 */
export function freeDiagonalSum(vals: Float64Array, diagSlot: Int32Array, kind: Uint8Array, d0: number, d1: number, out: Float64Array, o: number): void {
  let sum = 0, count = 0;
  for (let d = d0; d < d1; d++) {
    if (kind[d] !== FREE) continue;
    const a = Math.abs(vals[diagSlot[d]!]!);
    if (a > 0) { sum += a; count++; }
  }
  out[o] = sum;
  out[o + 1] = count;
}

/** Rows [d0, d1): constrained rows get A_dd = D, b_d = D·g_d (Dirichlet) or 0; empty free rows are pinned to 0. */
export function applyConstrainedRows(
  rowPtr: Int32Array, vals: Float64Array, diagSlot: Int32Array, kind: Uint8Array, value: Float64Array, b: Float64Array,
  D: number, d0: number, d1: number,
): void {
  for (let d = d0; d < d1; d++) {
    const k = kind[d]!;
    if (k === FREE) {
      if (vals[diagSlot[d]!] !== 0) continue;
      let empty = true;
      for (let s = rowPtr[d]!; s < rowPtr[d + 1]!; s++) if (vals[s] !== 0) { empty = false; break; }
      if (empty) { vals[diagSlot[d]!] = D; b[d] = 0; }
      continue;
    }
    vals[diagSlot[d]!] = D;
    b[d] = k === DIRICHLET ? D * value[d]! : 0;
  }
}
