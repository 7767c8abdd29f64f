/**
 * The coupled model of a reproduction gives bitwise-identical fields with 1 and 2 solver threads when its Ohm and
 * mechanics solves go through the thread pool (CG + AMG). The quick reproductions themselves are small enough for
 * 'auto' to pick the serial direct solver, so `reproduce --threads` alone would not exercise the pool: this test
 * takes the si-sse-interlayer quick variant, refines it past the pool's 8192-row chunk (Ohm ≈ 11k unknowns = 2
 * chunks, mechanics ≈ 22k = 3 chunks, so the second thread really does work) and forces CG + AMG.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { setSolverThreads } from '../../src/case/createSolver.js';
import { buildModel, runToTarget } from '../../src/reproduce/coupledDriver.js';
import { interlayerEditMesh, interlayerVariantJson } from '../../src/reproduce/siSseInterlayer.js';
import { casesDir } from '../../src/reproduce/casesDir.js';

/** The bytes of a Float64Array: equality here is bitwise (it tells −0 from 0 and compares NaN payloads). */
const bytes = (a: Float64Array): Buffer => Buffer.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function run(threads: number) {
  setSolverThreads(threads);
  // relTol 1e-10 (the default): with the Si/LixSi/SSE contrast the Ohm residual bottoms out near 5e-7 (also for the
  // direct solver) and the solve is accepted on its rounding-level backward error (tests/linalg/backwardError.test.ts).
  const cgAmg = { method: 'cg', preconditioner: 'amg', relTol: 1e-10, maxIter: 2000 };
  const json = interlayerVariantJson('interlayer', true, (j) => {
    j.mesh.nx = 96;
    const ny: Record<string, number> = { si: 96, interlayer: 4, contact: 1, sse: 12 };
    for (const l of j.mesh.layers) l.ny = ny[l.name];
    j.ohmic.solver = cgAmg;
    j.mechanics.solver = cgAmg;
  });
  const b = buildModel(json, casesDir(), interlayerEditMesh('interlayer'));
  const { model, state } = b.setup;
  const phi0 = Float64Array.from(state.ls.phi);
  // initial solve + 2 coupled steps: Ohm, level set (9.4k unknowns: 'auto' = serial direct LU), mechanics
  const r = runToTarget(b, { targetFraction: 1, maxSteps: 2, frontCfl: true, onStep: () => {} });
  return {
    steps: r.steps, time: r.time, reacted: r.reactedFraction, phi0,
    phi: Float64Array.from(state.ls.phi), u: Float64Array.from(state.u!), J: Float64Array.from(state.Jcell!),
    solvers: { ohmic: model.ohmicSolver.name, mechanics: model.mechanicsSolver!.name },
    dofs: { ohmic: model.ohmic.space.nDofs, mechanics: model.mechanics!.space.nDofs },
  };
}

afterAll(() => setSolverThreads(1));

describe('coupled reproduction model with CG + AMG on the thread pool', () => {
  it('1 and 2 threads give bitwise-identical φ, u and J after two coupled steps', () => {
    const one = run(1);
    const two = run(2);
    // The pool path is taken, with the thread count asked for, on systems of more than one 8192-row chunk.
    expect(one.solvers.ohmic).toMatch(/^parallel-cg\+amg.*\(1 threads\)/);
    expect(two.solvers.ohmic).toMatch(/^parallel-cg\+amg.*\(2 threads\)/);
    expect(two.solvers.mechanics).toMatch(/^parallel-cg\+amg.*\(2 threads\)/);
    expect(one.dofs.ohmic).toBeGreaterThan(8192);
    expect(one.dofs.mechanics).toBeGreaterThan(2 * 8192);
    // Something happened: two steps were taken and the front moved (φ changed), the body deformed.
    expect(one.steps).toBe(2);
    expect(bytes(one.phi).equals(bytes(one.phi0))).toBe(false);
    expect(one.u.some((x) => x !== 0)).toBe(true);
    // Bitwise identity (fixed chunks, fixed reduction order): no tolerance.
    expect(two.time).toBe(one.time);
    expect(two.reacted).toBe(one.reacted);
    expect(bytes(two.phi).equals(bytes(one.phi))).toBe(true);
    expect(bytes(two.u).equals(bytes(one.u))).toBe(true);
    expect(bytes(two.J).equals(bytes(one.J))).toBe(true);
  });
});
