import type { CsrMatrix } from '../linalg/csr.js';
import type { Preconditioner } from '../linalg/preconditioner.js';
import { PatternCache, diagonalSlots } from './patternCache.js';

/**
 * Jacobi (diagonal) preconditioner: z = D⁻¹ r with D = diag(A).
 * Throws at setup if a diagonal entry is missing or zero (D⁻¹ would not exist).
 */
export class JacobiPreconditioner implements Preconditioner {
  readonly name = 'jacobi';
  private readonly pattern = new PatternCache();
  private diagSlot: Int32Array = new Int32Array(0);
  private invDiag: Float64Array = new Float64Array(0);

  setup(A: CsrMatrix): void {
    if (!this.pattern.matches(A)) {
      this.diagSlot = diagonalSlots(A, 'Jacobi');
      this.invDiag = new Float64Array(A.n);
      this.pattern.remember(A);
    }
    const { values } = A;
    for (let i = 0; i < A.n; i++) {
      const d = values[this.diagSlot[i]!]!;
      if (d === 0) throw new Error(`Jacobi: zero diagonal at row ${i}`);
      this.invDiag[i] = 1 / d;
    }
  }

  apply(r: Float64Array, z: Float64Array): void {
    const inv = this.invDiag;
    const n = inv.length;
    for (let i = 0; i < n; i++) z[i] = inv[i]! * r[i]!;
  }
}
