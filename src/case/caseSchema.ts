import { z } from 'zod';
import { meshSpec } from './meshSpec.js';
import { ohmicSpec } from './ohmicSpec.js';
import { quantity } from './quantity.js';
import { mechanicsSpec } from './mechanicsSpec.js';
import { levelSetSpec, timeSpec, probesSpec } from './levelSetSpec.js';

/** One material: the properties a physics needs. All SI. */
export const materialSpec = z.object({
  library: z.string().min(1).optional().meta({
    description: "a named library material (c-Si, a-Si, LixSi, Li2.5Si, Li12Si7, Li15Si4, Li21Si5, Li6PS5Cl, 75Li2S-25P2S5, 80Li2S-20P2S5, Li3InCl6, …); the other keys override its values",
  }),
  x: z.number().gt(0).max(4.4).optional().meta({ description: 'x in LixSi for the LixSi library material' }),
  density: quantity('density', { exclusiveMin: 0 }).optional(),
  conductivity: quantity('conductivity', { exclusiveMin: 0 }, 'electrical (or ionic) conductivity σ').optional(),
  youngsModulus: quantity('stress', { exclusiveMin: 0 }, "Young's modulus E").optional(),
  poissonRatio: z.number().gt(-1).lt(0.5).optional().meta({ description: 'Poisson ratio ν, in (−1, 0.5)' }),
  volumeRatio: z.number().gt(0).max(10).optional()
    .meta({ description: 'swelling V/V0 relative to the stress-free reference (the strain measure turns it into β)' }),
  eigenstrain: z.number().gt(-1).lt(2).optional().meta({ description: 'isotropic eigenstrain β directly (instead of volumeRatio)' }),
  siVolumeRatio: z.number().gt(0).max(10).optional().meta({
    description: 'V/V0 relative to unlithiated Si: the swelling of this material when it is the reacted phase of a level set (set from the library for Li–Si phases)',
  }),
  description: z.string().optional(),
  /** Filled by the library resolution (not by users): where each value came from. */
  provenance: z.record(z.string(), z.unknown()).optional(),
}).strict();

export const caseSchema = z.object({
  $schema: z.string().optional(),
  name: z.string().min(1).regex(/^[A-Za-z0-9_.\-]+$/, 'use letters, digits, _ . -'),
  description: z.string().optional(),
  geometry: z.enum(['plane', 'axisymmetric']).default('plane').meta({
    description: "'plane': (x, y), quantities per metre of depth; 'axisymmetric': (r, z) with the axis at r = 0",
  }),
  mesh: meshSpec,
  meshTransform: z.object({
    scale: z.number().gt(0).optional(),
    rotateDeg: z.number().min(-360).max(360).optional(),
    translate: z.tuple([quantity('length'), quantity('length')]).optional(),
  }).strict().optional().meta({ description: 'applied to the mesh after it is built: scale, then rotation about the origin, then translation' }),
  elementOrder: z.union([z.literal(1), z.literal(2)]).default(1).meta({ description: 'P1 or P2 (isoparametric) elements' }),
  refine: z.number().int().min(0).max(6).default(0).meta({ description: 'uniform refinements of the generated mesh' }),
  materials: z.record(z.string().min(1), materialSpec).refine((m) => Object.keys(m).length > 0, 'at least one material'),
  regions: z.record(z.string().min(1), z.string().min(1)).meta({ description: 'mesh region name → material name' }),
  ohmic: ohmicSpec.optional(),
  mechanics: mechanicsSpec.optional(),
  levelSet: levelSetSpec.optional(),
  time: timeSpec.optional(),
  probes: probesSpec.default({ frontLines: [], currentBoundaries: [] }),
  outputs: z.object({
    vtu: z.boolean().default(true),
    png: z.boolean().default(true),
    comsolText: z.boolean().default(false).meta({ description: "also write fields.txt in COMSOL's spreadsheet text format" }),
  }).strict().default({ vtu: true, png: true, comsolText: false }),
}).strict().refine((c) => c.ohmic !== undefined || c.mechanics !== undefined, {
  message: "a case needs at least one physics block: 'ohmic' or 'mechanics'",
}).refine((c) => c.levelSet === undefined || (c.ohmic !== undefined && c.time !== undefined), {
  message: "a 'levelSet' block needs an 'ohmic' block (the current drives the front) and a 'time' block",
});

export type CaseSpec = z.output<typeof caseSchema>;
export type MaterialSpec = z.output<typeof materialSpec>;

/** The JSON Schema of the case file (input side), for editors. */
export function caseJsonSchema(): unknown {
  return z.toJSONSchema(caseSchema, { io: 'input', unrepresentable: 'any' });
}
