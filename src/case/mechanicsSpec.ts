import { z } from 'zod';
import { quantity } from './quantity.js';
import { linearSolverSpec } from './ohmicSpec.js';

const boundary = z.string().min(1).meta({ description: 'a boundary name of the mesh' });
const stress = (d: string) => quantity('stress', {}, d);

export const mechanicsBc = z.discriminatedUnion('type', [
  z.object({ boundary, type: z.literal('fixed') }).strict(),
  z.object({
    boundary, type: z.literal('displacement'),
    component: z.enum(['x', 'y', 'r', 'z']).optional().meta({ description: 'constrained component (both when omitted)' }),
    value: quantity('length', {}, 'prescribed displacement'),
  }).strict(),
  z.object({ boundary, type: z.literal('roller') }).strict()
    .meta({ description: 'zero normal displacement on a straight boundary parallel to x or y' }),
  z.object({ boundary: boundary.default('axis'), type: z.literal('symmetryAxis') }).strict()
    .meta({ description: 'u_r = 0 on the axis (axisymmetric)' }),
  z.object({ boundary, type: z.literal('traction'), value: z.tuple([stress('t_x'), stress('t_y')]) }).strict(),
  z.object({ boundary, type: z.literal('pressure'), value: stress('pressure, > 0 pushes inward') }).strict(),
  z.object({
    boundary: boundary.meta({ description: 'the slave boundary (e.g. right)' }), type: z.literal('periodic'),
    master: z.string().min(1),
    meanStrain: z.tuple([z.number(), z.number(), z.number()]).optional()
      .meta({ description: 'imposed mean strain [exx, eyy, exy]: u_s = u_m + E·(x_s − x_m)' }),
  }).strict(),
]);
export type MechanicsBcSpec = z.output<typeof mechanicsBc>;

export const mechanicsSpec = z.object({
  formulation: z.enum(['planeStrain', 'planeStress', 'generalizedPlaneStrain', 'axisymmetric']).optional()
    .meta({ description: "default: planeStrain for plane geometry, axisymmetric for axisymmetric geometry" }),
  strainMeasure: z.enum(['engineering', 'logarithmic', 'linearized']).default('engineering').meta({
    description: 'swelling eigenstrain from V/V0: engineering Vr^(1/3) − 1 (reproduces the volume), logarithmic ln(Vr)/3, linearized (Vr − 1)/3 (physics-reference §5)',
  }),
  boundaryConditions: z.array(mechanicsBc).default([]),
  removeRigidBodyModes: z.boolean().default(false)
    .meta({ description: 'pin a free body (exact for self-equilibrated loads such as pure swelling)' }),
  solver: linearSolverSpec.default({ method: 'auto', relTol: 1e-10, maxIter: 5000 }),
}).strict();
export type MechanicsSpec = z.output<typeof mechanicsSpec>;
