/*
 * Row kernels of the pool AMG-PCG on node-block (BSR) operators, see src/linalg/blockCsr.ts. A row range
 * [i0, i1) of a chunk maps to the nodes whose first row lies in it, so every row is written by exactly one chunk
 * (for bs = 2 and even chunk sizes the ranges coincide). Each row sums its products in the order of the CSR kernels
 * (block columns ascending, then the columns inside the block, one product added at a time), so results equal
 * the CSR kernels' bit for bit (entries the blocks add are exact zeros).
 */

/** First node of the row range starting at i0. */
function firstNode(i0: number, bs: number): number {
  return Math.ceil(i0 / bs);
}

/** d ← c1·d + c2·D⁻¹(f − A·cur), next = cur + d on the rows of [i0, i1)'s nodes (see chebStepRows). */
export function chebStepBlocks(
  bs: number, bp: Int32Array, bc: Int32Array, bv: Float64Array, inv: Float64Array, f: Float64Array, cur: Float64Array,
  next: Float64Array, d: Float64Array, c1: number, c2: number, i0: number, i1: number,
): void {
  const I0 = firstNode(i0, bs), I1 = firstNode(i1, bs);
  if (bs === 2) {
    for (let I = I0; I < I1; I++) {
      const r0 = 2 * I, r1 = r0 + 1;
      let s0 = f[r0]!, s1 = f[r1]!;
      const end = bp[I + 1]!;
      for (let k = bp[I]!; k < end; k++) {
        const j = 2 * bc[k]!, o = 4 * k;
        const x0 = cur[j]!, x1 = cur[j + 1]!;
        s0 -= bv[o]! * x0; s0 -= bv[o + 1]! * x1;
        s1 -= bv[o + 2]! * x0; s1 -= bv[o + 3]! * x1;
      }
      const d0 = c1 * d[r0]! + c2 * inv[r0]! * s0, d1 = c1 * d[r1]! + c2 * inv[r1]! * s1;
      d[r0] = d0; d[r1] = d1;
      next[r0] = cur[r0]! + d0; next[r1] = cur[r1]! + d1;
    }
    return;
  }
  const acc = new Float64Array(bs);
  for (let I = I0; I < I1; I++) {
    for (let r = 0; r < bs; r++) acc[r] = f[I * bs + r]!;
    subtractBlockRow(bs, bp, bc, bv, cur, I, acc);
    for (let r = 0; r < bs; r++) {
      const i = I * bs + r;
      const di = c1 * d[i]! + c2 * inv[i]! * acc[r]!;
      d[i] = di;
      next[i] = cur[i]! + di;
    }
  }
}

/** acc[r] −= (A·x)[I·bs + r] for node row I, products subtracted one at a time in CSR order. */
function subtractBlockRow(bs: number, bp: Int32Array, bc: Int32Array, bv: Float64Array, x: Float64Array, I: number, acc: Float64Array): void {
  const bb = bs * bs, end = bp[I + 1]!;
  if (bs === 3) {
    let s0 = acc[0]!, s1 = acc[1]!, s2 = acc[2]!;
    for (let k = bp[I]!; k < end; k++) {
      const j = 3 * bc[k]!, o = 9 * k;
      const x0 = x[j]!, x1 = x[j + 1]!, x2 = x[j + 2]!;
      s0 -= bv[o]! * x0; s0 -= bv[o + 1]! * x1; s0 -= bv[o + 2]! * x2;
      s1 -= bv[o + 3]! * x0; s1 -= bv[o + 4]! * x1; s1 -= bv[o + 5]! * x2;
      s2 -= bv[o + 6]! * x0; s2 -= bv[o + 7]! * x1; s2 -= bv[o + 8]! * x2;
    }
    acc[0] = s0; acc[1] = s1; acc[2] = s2;
    return;
  }
  for (let k = bp[I]!; k < end; k++) {
    const j = bs * bc[k]!, o = bb * k;
    for (let r = 0; r < bs; r++) {
      let s = acc[r]!;
      for (let m = 0; m < bs; m++) s -= bv[o + r * bs + m]! * x[j + m]!;
      acc[r] = s;
    }
  }
}

/** acc[r] = (A·x)[I·bs + r] for node row I (bs ≠ 2: the callers inline bs = 2), products added one at a time in CSR order. */
function blockRowProduct(bs: number, bp: Int32Array, bc: Int32Array, bv: Float64Array, x: Float64Array, I: number, acc: Float64Array): void {
  const bb = bs * bs, end = bp[I + 1]!;
  if (bs === 3) {
    let s0 = 0, s1 = 0, s2 = 0;
    for (let k = bp[I]!; k < end; k++) {
      const j = 3 * bc[k]!, o = 9 * k;
      const x0 = x[j]!, x1 = x[j + 1]!, x2 = x[j + 2]!;
      s0 += bv[o]! * x0; s0 += bv[o + 1]! * x1; s0 += bv[o + 2]! * x2;
      s1 += bv[o + 3]! * x0; s1 += bv[o + 4]! * x1; s1 += bv[o + 5]! * x2;
      s2 += bv[o + 6]! * x0; s2 += bv[o + 7]! * x1; s2 += bv[o + 8]! * x2;
    }
    acc[0] = s0; acc[1] = s1; acc[2] = s2;
    return;
  }
  acc.fill(0, 0, bs);
  for (let k = bp[I]!; k < end; k++) {
    const j = bs * bc[k]!, o = bb * k;
    for (let r = 0; r < bs; r++) {
      let s = acc[r]!;
      for (let m = 0; m < bs; m++) s += bv[o + r * bs + m]! * x[j + m]!;
      acc[r] = s;
    }
  }
}

/** r = b − A·x on the rows of [i0, i1)'s nodes (r may be null); returns Σ r_i² in row order (see residualRows). */
export function residualBlocks(
  bs: number, bp: Int32Array, bc: Int32Array, bv: Float64Array, x: Float64Array, b: Float64Array, r: Float64Array | null, i0: number, i1: number,
): number {
  const I0 = firstNode(i0, bs), I1 = firstNode(i1, bs);
  let ss = 0;
  if (bs === 2) return product2(bp, bc, bv, x, r, b, I0, I1);
  const acc = new Float64Array(bs);
  for (let I = I0; I < I1; I++) {
    blockRowProduct(bs, bp, bc, bv, x, I, acc);
    for (let q = 0; q < bs; q++) {
      const i = I * bs + q;
      const ri = b[i]! - acc[q]!;
      if (r !== null) r[i] = ri;
      ss += ri * ri;
    }
  }
  return ss;
}

/** q = A·p on the rows of [i0, i1)'s nodes; returns Σ p_i·q_i in row order (see spmvDotRows). */
export function spmvDotBlocks(bs: number, bp: Int32Array, bc: Int32Array, bv: Float64Array, p: Float64Array, q: Float64Array, i0: number, i1: number): number {
  const I0 = firstNode(i0, bs), I1 = firstNode(i1, bs);
  let pq = 0;
  if (bs === 2) return product2(bp, bc, bv, p, q, null, I0, I1);
  const acc = new Float64Array(bs);
  for (let I = I0; I < I1; I++) {
    blockRowProduct(bs, bp, bc, bv, p, I, acc);
    for (let k = 0; k < bs; k++) {
      const i = I * bs + k;
      q[i] = acc[k]!;
      pq += p[i]! * acc[k]!;
    }
  }
  return pq;
}

/**
 * y = M·x (restriction) or y += M·x (prolongation, `add`) for M by br×bc blocks, on the rows of [i0, i1)'s block
 * rows (see rectRows; same summation order).
 */
export function rectBlocks(
  br: number, bc: number, bp: Int32Array, bcol: Int32Array, bv: Float64Array, x: Float64Array, y: Float64Array, add: boolean, i0: number, i1: number,
): void {
  const I0 = firstNode(i0, br), I1 = firstNode(i1, br), bs = br * bc;
  if (br === 2 && bc === 3) {
    for (let I = I0; I < I1; I++) {
      let s0 = 0, s1 = 0;
      const end = bp[I + 1]!;
      for (let k = bp[I]!; k < end; k++) {
        const j = 3 * bcol[k]!, o = 6 * k;
        const x0 = x[j]!, x1 = x[j + 1]!, x2 = x[j + 2]!;
        s0 += bv[o]! * x0; s0 += bv[o + 1]! * x1; s0 += bv[o + 2]! * x2;
        s1 += bv[o + 3]! * x0; s1 += bv[o + 4]! * x1; s1 += bv[o + 5]! * x2;
      }
      const r0 = 2 * I;
      y[r0] = add ? y[r0]! + s0 : s0;
      y[r0 + 1] = add ? y[r0 + 1]! + s1 : s1;
    }
    return;
  }
  if (br === 3 && bc === 2) {
    for (let I = I0; I < I1; I++) {
      let s0 = 0, s1 = 0, s2 = 0;
      const end = bp[I + 1]!;
      for (let k = bp[I]!; k < end; k++) {
        const j = 2 * bcol[k]!, o = 6 * k;
        const x0 = x[j]!, x1 = x[j + 1]!;
        s0 += bv[o]! * x0; s0 += bv[o + 1]! * x1;
        s1 += bv[o + 2]! * x0; s1 += bv[o + 3]! * x1;
        s2 += bv[o + 4]! * x0; s2 += bv[o + 5]! * x1;
      }
      const r0 = 3 * I;
      y[r0] = add ? y[r0]! + s0 : s0;
      y[r0 + 1] = add ? y[r0 + 1]! + s1 : s1;
      y[r0 + 2] = add ? y[r0 + 2]! + s2 : s2;
    }
    return;
  }
  for (let I = I0; I < I1; I++) {
    const end = bp[I + 1]!;
    for (let r = 0; r < br; r++) {
      let s = 0;
      for (let k = bp[I]!; k < end; k++) {
        const j = bc * bcol[k]!, o = bs * k + r * bc;
        for (let m = 0; m < bc; m++) s += bv[o + m]! * x[j + m]!;
      }
      const i = I * br + r;
      y[i] = add ? y[i]! + s : s;
    }
  }
}

/**
 * 2×2 node rows I0…I1−1: y = A·x and Σ x_i·y_i (b null: the CG product), or y = b − A·x and Σ y_i² (y may be null:
 * the residual norm only). One hand-unrolled loop for both, sums in CSR order.
 */
function product2(bp: Int32Array, bc: Int32Array, bv: Float64Array, x: Float64Array, y: Float64Array | null, b: Float64Array | null, I0: number, I1: number): number {
  let acc = 0;
  for (let I = I0; I < I1; I++) {
    let s0 = 0, s1 = 0;
    const end = bp[I + 1]!;
    for (let k = bp[I]!; k < end; k++) {
      const j = 2 * bc[k]!, o = 4 * k;
      const x0 = x[j]!, x1 = x[j + 1]!;
      s0 += bv[o]! * x0; s0 += bv[o + 1]! * x1;
      s1 += bv[o + 2]! * x0; s1 += bv[o + 3]! * x1;
    }
    const i = 2 * I;
    if (b === null) {
      y![i] = s0; y![i + 1] = s1;
      acc += x[i]! * s0;
      acc += x[i + 1]! * s1;
    } else {
      const r0 = b[i]! - s0, r1 = b[i + 1]! - s1;
      if (y !== null) { y[i] = r0; y[i + 1] = r1; }
      acc += r0 * r0;
      acc += r1 * r1;
    }
  }
  return acc;
}
