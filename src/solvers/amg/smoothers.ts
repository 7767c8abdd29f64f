import type { CsrMatrix } from '../../linalg/csr.js';
import { gsForwardZeroRows, gsRows } from '../../linalg/blockGaussSeidel.js';

/**
 * Relaxation kernels of the V-cycle. Each is a symmetric operation in the A inner product when used the
 * same way before and after the coarse correction, so the V-cycle stays a symmetric preconditioner.
 * `zeroGuess` means x enters as 0 (its contents are ignored), which saves one product with A.
 * None of them allocate.
 */

/**
 * Chebyshev polynomial smoother on D⁻¹A over the eigenvalue interval [lower, upper] (Saad, Iterative Methods,
 * Alg. 12.1), `degree` products with A (one fewer with a zero guess). Work vectors `d`, `y` [n].
 * Each step is one fused pass: d ← c₁d + c₂D⁻¹(f − A·x_cur), x_next = x_cur + d, with x_cur and x_next in two
 * buffers (x and y, alternating) so the update never reads values it has already overwritten. The buffer
 * order is chosen so that the last step writes into x.
 */
export function chebyshevSmooth(
  A: CsrMatrix, invDiag: Float64Array, f: Float64Array, x: Float64Array,
  d: Float64Array, y: Float64Array, lower: number, upper: number, degree: number, zeroGuess: boolean,
): void {
  const n = A.n;
  const { rowPtr, colIdx, values } = A;
  const theta = 0.5 * (upper + lower);
  const delta = 0.5 * (upper - lower);
  const sigma = theta / delta;
  let rho = 1 / sigma;
  let cur: Float64Array, next: Float64Array;
  if (zeroGuess) {
    // Step 1 needs no product; degree − 1 alternating steps follow, so it writes x when that count is even.
    next = (degree - 1) % 2 === 0 ? x : y;
    const c = 1 / theta;
    for (let i = 0; i < n; i++) { const di = c * invDiag[i]! * f[i]!; d[i] = di; next[i] = di; }
  } else {
    // degree steps alternate buffers: starting in x ends in x only for an even degree, else start from a copy.
    cur = x;
    if (degree % 2 === 1) { y.set(x); cur = y; }
    next = cur === x ? y : x;
    chebyshevStep(n, rowPtr, colIdx, values, invDiag, f, cur, next, d, 0, 1 / theta);
  }
  for (let step = 1; step < degree; step++) {
    const rhoNew = 1 / (2 * sigma - rho);
    cur = next;
    next = cur === x ? y : x;
    chebyshevStep(n, rowPtr, colIdx, values, invDiag, f, cur, next, d, rhoNew * rho, (2 * rhoNew) / delta);
    rho = rhoNew;
  }
}

/** One fused Chebyshev step: d ← c1·d + c2·D⁻¹(f − A·cur), next = cur + d. */
function chebyshevStep(
  n: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, invDiag: Float64Array,
  f: Float64Array, cur: Float64Array, next: Float64Array, d: Float64Array, c1: number, c2: number,
): void {
  for (let i = 0; i < n; i++) {
    let s = f[i]!;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s -= values[k]! * cur[colIdx[k]!]!;
    const di = c1 * d[i]! + c2 * invDiag[i]! * s;
    d[i] = di;
    next[i] = cur[i]! + di;
  }
}

/** `sweeps` damped Jacobi steps x += ω D⁻¹(f − A x). Work vector `r` [n]. */
export function jacobiSmooth(
  A: CsrMatrix, invDiag: Float64Array, f: Float64Array, x: Float64Array,
  r: Float64Array, omega: number, sweeps: number, zeroGuess: boolean,
): void {
  const n = A.n;
  const { rowPtr, colIdx, values } = A;
  let s0 = 0;
  if (zeroGuess) {
    for (let i = 0; i < n; i++) x[i] = omega * invDiag[i]! * f[i]!;
    s0 = 1;
  }
  for (let sweep = s0; sweep < sweeps; sweep++) {
    for (let i = 0; i < n; i++) {
      let s = f[i]!;
      const end = rowPtr[i + 1]!;
      for (let k = rowPtr[i]!; k < end; k++) s -= values[k]! * x[colIdx[k]!]!;
      r[i] = omega * invDiag[i]! * s;
    }
    for (let i = 0; i < n; i++) x[i]! += r[i]!;
  }
}

/**
 * `sweeps` symmetric Gauss–Seidel sweeps (forward then backward, in place). Rows with invDiag = 0 are
 * left unchanged.
 */
export function symmetricGaussSeidel(
  A: CsrMatrix, invDiag: Float64Array, f: Float64Array, x: Float64Array, sweeps: number, zeroGuess: boolean,
): void {
  const n = A.n;
  const { rowPtr, colIdx, values } = A;
  if (zeroGuess) x.fill(0, 0, n);
  // Forward then backward sweep; the row update is written out twice (a shared closure would allocate).
  // s includes −a_ii·x_i, so x_i += s/a_ii is x_i = (f_i − Σ_{j≠i} a_ij x_j)/a_ii.
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let i = 0; i < n; i++) {
      const inv = invDiag[i]!;
      if (inv === 0) continue;
      let s = f[i]!;
      const end = rowPtr[i + 1]!;
      for (let k = rowPtr[i]!; k < end; k++) s -= values[k]! * x[colIdx[k]!]!;
      x[i]! += inv * s;
    }
    for (let i = n - 1; i >= 0; i--) {
      const inv = invDiag[i]!;
      if (inv === 0) continue;
      let s = f[i]!;
      const end = rowPtr[i + 1]!;
      for (let k = rowPtr[i]!; k < end; k++) s -= values[k]! * x[colIdx[k]!]!;
      x[i]! += inv * s;
    }
  }
}

/**
 * `sweeps` hybrid Gauss–Seidel sweeps: Gauss–Seidel inside blocks of `blockRows` consecutive rows, Jacobi between
 * blocks (a column outside the row's block reads its value from before the sweep, kept in `old` [n]). Forward
 * (`backward` false) before the coarse correction and backward after it make the V-cycle symmetric: the backward
 * sweep's (D + U_b)⁻¹ is the transpose of the forward (D + L_b)⁻¹ for symmetric A. Blocks do not depend on each
 * other within a sweep, which is what lets a worker pool with chunks of `blockRows` rows run exactly this sweep
 * on any number of threads. From a zero guess the first forward sweep reads only already updated in-block values
 * (columns sorted: it stops at the diagonal), about half a product with A. Rows with invDiag = 0 stay unchanged.
 */
export function hybridGaussSeidel(
  A: CsrMatrix, invDiag: Float64Array, f: Float64Array, x: Float64Array, old: Float64Array,
  blockRows: number, sweeps: number, backward: boolean, zeroGuess: boolean,
): void {
  const n = A.n;
  const { rowPtr, colIdx, values } = A;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let i0 = 0; i0 < n; i0 += blockRows) {
      const i1 = Math.min(n, i0 + blockRows);
      if (sweep === 0 && zeroGuess && !backward) gsForwardZeroRows(rowPtr, colIdx, values, invDiag, f, x, i0, i1);
      else {
        if (i0 === 0) { if (sweep === 0 && zeroGuess) x.fill(0, 0, n); old.set(x.subarray(0, n)); }
        gsRows(rowPtr, colIdx, values, invDiag, f, x, old, backward, i0, i1);
      }
    }
  }
}
