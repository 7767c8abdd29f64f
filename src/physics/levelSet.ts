/**
 * Conservative level set (issue 4, transport part): the public API in one import.
 *
 * Typical step-by-step driving (the coupled Ohm + level set + mechanics loop):
 * ```ts
 * const ls = createLevelSetProblem(mesh, { activeRegions: ['Si'], bcs: [{ type: 'inflow', boundary: 'Si|SSE' }] });
 * const state = initializeLevelSet(ls, (x, y) => phiFromSignedDistance(y - y0, ls.epsilon));
 * for (;;) {
 *   const u = { perCell: ... };                       // u = J·M_Li/(Fρ) [nCells × 2], m/s
 *   const dt = Math.min(dtMax, levelSetTimeStep(ls, u, 0.5));
 *   const rep = advanceLevelSet(ls, state, u, dt, solver);  // state.phi is φ at state.time
 * }
 * ```
 */
export {
  createLevelSetProblem, initializeLevelSet,
  type LevelSetBc, type LevelSetOptions, type LevelSetProblem, type LevelSetState,
} from './levelSetProblem.js';
export {
  evaluateVelocity, levelSetTimeStep,
  type LevelSetVelocity, type VelocityCallback, type VelocityPoints,
} from './levelSetVelocity.js';
export { levelSetKernel, type LevelSetKernelInputs } from './levelSetKernel.js';
export { advanceLevelSet, type LevelSetStepOptions, type LevelSetStepReport } from './levelSetAdvance.js';
export { projectNodalGradient } from './levelSetNormal.js';
export {
  integratePhi, outflowRate, activeMeasure, reactedFraction, areaBelowHalf, areaAboveHalf,
  frontPosition, frontWidth, frontFlatness, evaluateLevelSetAt, type ProbeLine,
} from './levelSetMetrics.js';
export {
  phiFromSignedDistance, planeSignedDistance, circleSignedDistance, boundarySignedDistance, type DistanceSign,
} from './signedDistance.js';
