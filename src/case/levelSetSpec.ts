import { z } from 'zod';
import { quantity } from './quantity.js';
import { linearSolverSpec } from './ohmicSpec.js';

const name = z.string().min(1);
const point = z.tuple([quantity('length'), quantity('length')]);

export const initialInterface = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('plane'), point,
    normal: z.tuple([z.number(), z.number()]).refine(([a, b]) => a !== 0 || b !== 0, 'the normal must be non-zero'),
  }).strict().meta({ description: 'φ = 1 (unreacted) on the side the normal points to' }),
  z.object({
    type: z.literal('circle'), center: point, radius: quantity('length', { exclusiveMin: 0 }),
    inside: z.enum(['unreacted', 'reacted']).default('unreacted'),
  }).strict(),
  z.object({
    type: z.literal('boundary'), boundary: name, offset: quantity('length', { min: 0 }, 'initial reacted thickness').default(0),
  }).strict().meta({ description: 'reacted layer of the given thickness along a boundary (0: the interface sits on it)' }),
  z.object({ type: z.literal('unreacted') }).strict().meta({ description: 'φ = 1 everywhere (needs an inflow boundary)' }),
]);

export const levelSetSpec = z.object({
  regions: z.array(name).min(1).meta({ description: 'regions where the front moves (the silicon)' }),
  unreactedMaterial: name.meta({ description: 'material of φ = 1 (e.g. c-Si)' }),
  reactedMaterial: name.meta({ description: 'material of φ = 0 (e.g. LixSi); its volumeRatio/eigenstrain drives swelling' }),
  initial: initialInterface,
  inflow: z.array(name).default([]).meta({ description: 'boundaries where reacted material enters (φ = 0), e.g. the SSE contact' }),
  outflow: z.array(name).default([]).meta({ description: 'boundaries the front may leave through' }),
  epsilon: z.union([z.literal('auto'), quantity('length', { exclusiveMin: 0 })]).default('auto')
    .meta({ description: "interface thickness ε; 'auto' = h_max/2 over the active cells (COMSOL's ls.hmax/2)" }),
  gamma: z.union([z.literal('auto'), quantity('velocity', { exclusiveMin: 0 })]).default('auto')
    .meta({ description: "reinitialisation speed γ; 'auto' = the running max|u| (never COMSOL's 1 m/s)" }),
  blending: z.object({
    conductivity: z.enum(['linear', 'harmonic', 'log']).default('log'),
    stiffness: z.enum(['linear', 'harmonic', 'log']).default('linear'),
    swelling: z.enum(['linear', 'harmonic', 'log']).default('linear'),
  }).strict().default({ conductivity: 'log', stiffness: 'linear', swelling: 'linear' }),
  frontDensity: z.union([
    z.object({
      reading: z.enum(['unreactedSiLiMass', 'siDensity', 'productLiMass']).default('unreactedSiLiMass'),
      x: z.number().gt(0).max(5).default(3.75).meta({ description: 'x in LixSi of the reacted phase' }),
    }).strict(),
    z.object({ value: quantity('density', { exclusiveMin: 0 }) }).strict(),
  ]).default({ reading: 'unreactedSiLiMass', x: 3.75 })
    .meta({ description: 'ρ in u = J·M_Li/(Fρ) (physics-reference §1.3); default: Li mass per m³ of unreacted Si at x' }),
  picardIterations: z.number().int().min(1).max(20).default(2),
  // φ is O(1): 1e-9 relative is far below the discretization error, and LU without pivoting reaches it reliably.
  solver: linearSolverSpec.default({ method: 'auto', relTol: 1e-9, maxIter: 5000 }),
}).strict();
export type LevelSetSpec = z.output<typeof levelSetSpec>;

export const timeSpec = z.object({
  end: quantity('time', { exclusiveMin: 0 }, 'end time'),
  dtInitial: quantity('time', { exclusiveMin: 0 }).optional(),
  dtMax: quantity('time', { exclusiveMin: 0 }).optional(),
  courant: z.number().gt(0).max(10).default(0.5).meta({ description: 'dt ≤ courant·h_min/max|u|' }),
  growth: z.number().gt(1).max(3).default(1.25).meta({ description: 'max ratio of consecutive steps' }),
  maxSteps: z.number().int().positive().default(100_000),
  maxCutbacks: z.number().int().min(0).max(20).default(6),
  stopAt: z.object({
    reactedFraction: z.number().gt(0).max(1).optional(),
    capacity: quantity('dimensionless', { exclusiveMin: 0 }, 'mAh/g of Si (plain number)').optional(),
    frontReaches: name.optional().meta({ description: 'stop when φ < 0.5 anywhere on this boundary' }),
  }).strict().default({}),
  mechanicsEvery: z.number().int().positive().default(1),
  snapshotEvery: z.number().int().positive().default(10).meta({ description: 'VTU snapshot every k steps (plus the last)' }),
}).strict();
export type TimeSpec = z.output<typeof timeSpec>;

export const probesSpec = z.object({
  frontLines: z.array(z.object({ from: point, to: point }).strict()).default([])
    .meta({ description: 'lines along which the φ = 0.5 position is recorded (front position and flatness)' }),
  currentBoundaries: z.array(name).default([])
    .meta({ description: 'boundaries whose normal current density profile is summarised (CV, max/mean)' }),
}).strict();
