import { z } from 'zod';
import { quantity } from './quantity.js';

const name = z.string().min(1).regex(/^[A-Za-z0-9_.\-|]+$/, 'names use letters, digits, _ . - |');
const positiveLength = (d: string) => quantity('length', { exclusiveMin: 0 }, d);
const length = (d: string) => quantity('length', {}, d);
const divisions = z.number().int().min(1).max(100_000);
const sector = z.enum(['full', 'half', 'quarter']).default('full')
  .meta({ description: "'half': x ≥ 0 (meridian of an axisymmetric body, axis at x = r = 0); 'quarter': x ≥ 0, y ≥ 0" });
const shells = z.array(z.object({ name, innerRadius: positiveLength('inner radius of the shell') }).strict())
  .default([]).meta({ description: 'concentric shells, outermost last; each is a region from innerRadius to the next radius' });

const arcs = z.array(z.object({ name, fromDeg: z.number().min(-360).max(360), toDeg: z.number().min(-360).max(360) }).strict())
  .default([]).meta({ description: 'named parts of the outer arc by polar angle atan2(y, x) in degrees (pole of a half disk = 90)' });

export const unitSquareMeshSpec = z.object({
  generator: z.literal('unitSquare'),
  n: divisions.meta({ description: 'N×N squares, each cut along its lower-left → upper-right diagonal' }),
  diagonal: z.enum(['right', 'left']).default('right'),
}).strict();

export const rectangleLayersMeshSpec = z.object({
  generator: z.literal('rectangleLayers'),
  x0: length('left edge x').default(0),
  width: positiveLength('width'),
  nx: divisions,
  xGrading: z.number().positive().default(1),
  layers: z.array(z.object({
    name,
    thickness: positiveLength('layer thickness'),
    ny: divisions,
    grading: z.number().positive().default(1).meta({ description: 'ratio of last to first cell height' }),
  }).strict()).min(1).meta({ description: 'layers stacked in +y, bottom first; each is a region' }),
  breaks: z.array(z.object({
    boundary: z.enum(['bottom', 'top']), name, from: length('start x'), to: length('end x'),
  }).strict()).default([]).meta({ description: 'named sub-ranges of the bottom/top edge (e.g. a contact spot)' }),
}).strict();

export const diskMeshSpec = z.object({
  generator: z.literal('disk'),
  radius: positiveLength('outer radius'),
  h: positiveLength('target element size'),
  sector,
  coreName: name.default('core'),
  shells,
  arcs,
}).strict();

export const annulusMeshSpec = z.object({
  generator: z.literal('annulus'),
  innerRadius: positiveLength('inner radius'),
  outerRadius: positiveLength('outer radius'),
  h: positiveLength('target element size'),
  sector,
  coreName: name.default('annulus').meta({ description: 'name of the innermost region' }),
  shells,
  arcs,
}).strict();

export const fileMeshSpec = z.object({
  generator: z.literal('file'),
  path: z.string().min(1).meta({ description: 'mesh file, relative to the case file' }),
  format: z.enum(['auto', 'json', 'gmsh', 'mphtxt']).default('auto')
    .meta({ description: "'auto' from the extension: .json ecmfem JSON, .msh Gmsh 4.1/2.2 (physical groups → names), .mphtxt COMSOL" }),
  names: z.object({
    domains: z.record(z.string(), z.string()).default({}),
    boundaries: z.record(z.string(), z.string()).default({}),
  }).strict().optional().meta({ description: 'COMSOL entity numbers → names, e.g. {"domains": {"1": "si"}, "boundaries": {"3": "contact"}}' }),
  scale: z.number().positive().default(1).meta({ description: 'factor applied to the coordinates to get metres' }),
}).strict();

export const meshSpec = z.discriminatedUnion('generator',
  [unitSquareMeshSpec, rectangleLayersMeshSpec, diskMeshSpec, annulusMeshSpec, fileMeshSpec]);

export type MeshSpec =
  | z.output<typeof unitSquareMeshSpec> | z.output<typeof rectangleLayersMeshSpec>
  | z.output<typeof diskMeshSpec> | z.output<typeof annulusMeshSpec> | z.output<typeof fileMeshSpec>;
