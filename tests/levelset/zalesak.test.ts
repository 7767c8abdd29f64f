import { describe, it, expect } from 'vitest';
import { runZalesak, ZALESAK_AREA } from '../../benchmarks/zalesak.js';

describe("level set: Zalesak's slotted disk (§7.4), short variant", () => {
  it('quarter revolution on 64×64: ∫φ drift < 1e-8, 0.5-contour area within 5 % of the initial area', () => {
    const r = runZalesak(64, 0.25, 1);
    console.log(`zalesak 64 quarter: steps=${r.steps} solves=${r.solves} ε=${r.epsilon.toExponential(3)} drift=${r.massDrift.toExponential(3)} A0=${r.area0.toFixed(6)} (${(r.area0 / ZALESAK_AREA - 1).toExponential(3)}) A=${r.area.toFixed(6)} (vs A0 ${(r.area / r.area0 - 1).toExponential(3)}, vs exact ${(r.area / ZALESAK_AREA - 1).toExponential(3)}) ${r.seconds.toFixed(1)} s`);
    // Conservative form: ∫φ is conserved to the linear-solver tolerance (relTol 1e-12) accumulated over the steps.
    expect(r.massDrift).toBeLessThan(1e-8);
    // The initial 0.5-contour matches the exact shape (P1 interpolation of the distance): 1.7e-4 measured.
    expect(Math.abs(r.area0 / ZALESAK_AREA - 1)).toBeLessThan(1e-3);
    // Measured −3.3 % after a quarter turn: the slot (0.05 wide = 4.5ε with the default ε = h_max/2) and its
    // corners re-equilibrate to the diffuse profile (∫φ − A_0.5 ≈ π³ε²/3 for smooth curves, more at corners).
    // Bound at 5 %: the §7.4 target (< 1 % per revolution at 100×100) is NOT met; see benchmarks/zalesak.ts.
    expect(Math.abs(r.area / r.area0 - 1)).toBeLessThan(0.05);
  });
});
