/**
 * Zalesak's slotted disk (physics-reference §7.4), unit-square variant: disk radius 0.15 centred (0.5, 0.75),
 * slot width 0.05 up to y = 0.85, rigid rotation about (0.5, 0.5) with one revolution per unit time.
 * Reports the ∫φ drift and the error of the area inside the 0.5 contour against the exact 0.0582207.
 *
 * Run: `npx tsc -p tsconfig.build.json && node dist/benchmarks/zalesak.js [n=100] [revolutions=1] [courant=1] [epsOverH] [picard] [scheme]`
 * (epsOverH: ε as a multiple of the leg length 1/n, '-' or omitted: the engine's ε = h_max/2 with h_max the
 * diagonal; scheme: 'default', 'normal' (Olsson–Kreiss–Zahedi normal-direction diffusion) or 'legacy' (the
 * pre-issue-4-fix scheme: n̂ from each Picard iterate's cell gradient), for before/after comparisons).
 * `runZalesak` is also used by tests/levelset/zalesak.test.ts (short variant).
 */
import { pathToFileURL } from 'node:url';
import { unitSquareMesh } from '../src/mesh/generators/unitSquare.js';
import { createLinearSolver } from '../src/solvers/createLinearSolver.js';
import {
  createLevelSetProblem, initializeLevelSet, advanceLevelSet, levelSetTimeStep, phiFromSignedDistance,
  integratePhi, areaAboveHalf, type LevelSetOptions,
} from '../src/physics/levelSet.js';

/** Exact slotted-disk area on the unit square (§7.4). */
export const ZALESAK_AREA = 0.0582207;

/** Signed distance of the slotted disk, positive inside (min of the disk and the slot's complement: exact near the boundary, approximate away from concave corners). */
export function slottedDiskDistance(x: number, y: number): number {
  const disk = 0.15 - Math.hypot(x - 0.5, y - 0.75);
  // Slot box [0.475, 0.525] × [0.55, 0.85], signed distance positive inside.
  const qx = Math.abs(x - 0.5) - 0.025, qy = Math.abs(y - 0.7) - 0.15;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const slot = -(outside + Math.min(Math.max(qx, qy), 0));
  return Math.min(disk, -slot);
}

export interface ZalesakResult {
  readonly n: number; readonly steps: number; readonly epsilon: number; readonly solves: number;
  readonly massDrift: number; readonly area0: number; readonly area: number; readonly seconds: number;
  readonly maxGmres: number;
  /** Steps whose nonlinear iteration met the tolerance. */
  readonly convergedSteps: number;
}

/** Option sets of the benchmark's `scheme` argument. */
export const ZALESAK_SCHEMES: Readonly<Record<string, LevelSetOptions>> = {
  default: {},
  normal: { diffusion: 'normal' },
  legacy: { diffusion: 'isotropic', normalFrom: 'iterate', normalGradient: 'cell' },
};

/** Rotates the slotted disk by `revolutions` on an n × n unit-square mesh ('left' diagonals). */
export function runZalesak(n: number, revolutions: number, courant = 1, opts: LevelSetOptions = {}): ZalesakResult {
  const t0 = performance.now();
  const mesh = unitSquareMesh(n, n, 'left');
  const p = createLevelSetProblem(mesh, opts);
  const state = initializeLevelSet(p, (x, y) => phiFromSignedDistance(slottedDiskDistance(x, y), p.epsilon));
  const omega = 2 * Math.PI;
  const u = new Float64Array(2 * p.space.dofMap.nNodes);
  for (let i = 0; i < p.space.dofMap.nNodes; i++) {
    const x = mesh.points[2 * i]!, y = mesh.points[2 * i + 1]!;
    u[2 * i] = omega * (0.5 - y);
    u[2 * i + 1] = omega * (x - 0.5);
  }
  const solver = createLinearSolver({ method: 'gmres', preconditioner: 'ilu0', relTol: 1e-12 });
  const steps = Math.ceil(revolutions / levelSetTimeStep(p, u, courant));
  const m0 = integratePhi(p, state.phi);
  const area0 = areaAboveHalf(p, state.phi);
  let solves = 0, maxGmres = 0, convergedSteps = 0;
  for (let k = 0; k < steps; k++) {
    const rep = advanceLevelSet(p, state, u, revolutions / steps, solver);
    solves += rep.picardIterations;
    if (rep.picardConverged) convergedSteps++;
    for (const r of rep.reports) maxGmres = Math.max(maxGmres, r.iterations);
  }
  return {
    n, steps, epsilon: p.epsilon, solves, maxGmres, convergedSteps,
    massDrift: Math.abs(integratePhi(p, state.phi) / m0 - 1),
    area0, area: areaAboveHalf(p, state.phi), seconds: (performance.now() - t0) / 1000,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 100), rev = Number(process.argv[3] ?? 1), courant = Number(process.argv[4] ?? 1);
  const epsOverH = process.argv[5] !== undefined && process.argv[5] !== '-' ? Number(process.argv[5]) : undefined;
  const picard = process.argv[6] !== undefined && process.argv[6] !== '-' ? Number(process.argv[6]) : undefined;
  const scheme = ZALESAK_SCHEMES[process.argv[7] ?? 'default'];
  if (!scheme) throw new Error(`unknown scheme '${process.argv[7]}' (${Object.keys(ZALESAK_SCHEMES).join(', ')})`);
  const r = runZalesak(n, rev, courant, {
    ...scheme,
    ...(epsOverH !== undefined ? { epsilon: epsOverH / n } : {}), ...(picard !== undefined ? { picardMaxIterations: picard } : {}),
  });
  console.log(JSON.stringify({
    ...r,
    area0RelErr: r.area0 / ZALESAK_AREA - 1,
    areaRelErr: r.area / ZALESAK_AREA - 1,
    areaChangeRel: r.area / r.area0 - 1,
    solvesPerStep: r.solves / r.steps,
    msPerStep: (1000 * r.seconds) / r.steps,
  }, null, 2));
}
