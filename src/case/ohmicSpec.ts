import { z } from 'zod';
import { quantity } from './quantity.js';

const boundary = z.string().min(1).meta({ description: 'a boundary name of the mesh' });

export const potentialBc = z.object({
  boundary, type: z.literal('potential'), value: quantity('potential', {}, 'electric potential'),
}).strict();

export const currentDensityBc = z.object({
  boundary, type: z.literal('currentDensity'),
  value: quantity('currentDensity', {}, 'normal current density entering the domain (positive = into the body)'),
}).strict();

export const totalCurrentBc = z.object({
  boundary, type: z.literal('totalCurrent'),
  value: z.union([z.number(), z.string()]).meta({
    description: 'current entering through the boundary: A in axisymmetric models, A per metre of depth in plane models; SI number or "<number> A" / "<number> A/m"',
  }),
  distribution: z.enum(['uniform', 'equipotential']).default('equipotential').meta({
    description: "'uniform': constant current density; 'equipotential': one unknown potential on the whole boundary (an electrode)",
  }),
}).strict();

export const insulationBc = z.object({ boundary, type: z.literal('insulation') }).strict();

export const periodicBc = z.object({
  boundary: boundary.meta({ description: 'the slave boundary (e.g. right)' }),
  type: z.literal('periodic'),
  master: z.string().min(1).meta({ description: 'the master boundary (e.g. left)' }),
}).strict();

export const ohmicBc = z.discriminatedUnion('type', [potentialBc, currentDensityBc, totalCurrentBc, insulationBc, periodicBc]);
export type OhmicBcSpec = z.output<typeof ohmicBc>;

export const linearSolverSpec = z.object({
  method: z.enum(['auto', 'cg', 'bicgstab', 'gmres', 'direct']).default('auto')
    .meta({ description: "'auto': direct below 20 000 unknowns, CG + AMG above" }),
  preconditioner: z.enum(['none', 'jacobi', 'ic0', 'ilu0', 'amg']).optional(),
  relTol: z.number().positive().max(1e-2).default(1e-10).meta({ description: 'relative residual ‖b − Ax‖/‖b‖' }),
  maxIter: z.number().int().positive().default(5000),
}).strict();
export type LinearSolverSpec = z.output<typeof linearSolverSpec>;

export const ohmicSpec = z.object({
  boundaryConditions: z.array(ohmicBc).min(1),
  solver: linearSolverSpec.default({ method: 'auto', relTol: 1e-10, maxIter: 5000 }),
}).strict();
export type OhmicSpec = z.output<typeof ohmicSpec>;
