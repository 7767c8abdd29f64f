/** Smoothed-aggregation AMG preconditioner: public entry points. */
export { createAmgPreconditioner } from './amgPreconditioner.js';
export type { AmgOptions, AmgPreconditioner, AmgLevelInfo, AmgSmoother, AmgLevelExport, AmgRectExport } from './amgPreconditioner.js';
export { rigidBodyModes2D } from './rigidBodyModes.js';
