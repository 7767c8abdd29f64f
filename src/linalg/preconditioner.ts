import type { CsrMatrix } from './csr.js';

/**
 * A preconditioner M ≈ A: `setup(A)` builds it for the current values, `apply(r, z)` computes z = M⁻¹ r.
 * `apply` must not allocate and must not modify `r`. Implementations live in src/solvers.
 */
export interface Preconditioner {
  readonly name: string;
  setup(A: CsrMatrix): void;
  apply(r: Float64Array, z: Float64Array): void;
}
