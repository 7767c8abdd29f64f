import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Mesh } from '../mesh/mesh.js';
import { unitSquareMesh } from '../mesh/generators/unitSquare.js';
import { rectangleLayersMesh } from '../mesh/generators/rectangleLayers.js';
import { diskMesh } from '../mesh/generators/disk.js';
import { annulusMesh } from '../mesh/generators/annulus.js';
import { meshFromJson } from '../mesh/meshJson.js';
import { readGmsh } from '../mesh/gmsh/readGmsh.js';
import { readMphtxt } from '../mesh/comsol/readMphtxt.js';
import { refineUniform } from '../mesh/refine.js';
import { elevateToP2 } from '../mesh/elevate.js';
import { validateMesh } from '../mesh/validate.js';
import { transformMesh, type MeshTransform } from '../mesh/transform.js';
import type { MeshSpec } from './meshSpec.js';
import { CaseError } from './caseError.js';

/** Largest generated mesh accepted: a typo such as `h: "1 nm"` on a 1 m disk must fail at once, not hang. */
export const MAX_GENERATED_CELLS = 1e8;

/** Approximate cell count of a generated mesh after `refine` (ring meshes: area / (√3/4·h²)); Infinity if absurd. */
function estimatedCells(spec: MeshSpec, refine: number): number {
  const f2 = 4 ** refine;
  switch (spec.generator) {
    case 'unitSquare': return 2 * spec.n * spec.n * f2;
    case 'rectangleLayers': return 2 * spec.nx * spec.layers.reduce((a, l) => a + l.ny, 0) * f2;
    case 'disk': return (Math.PI * spec.radius ** 2 / (0.433 * spec.h ** 2)) * f2;
    case 'annulus': return (Math.PI * Math.abs(spec.outerRadius ** 2 - spec.innerRadius ** 2) / (0.433 * spec.h ** 2)) * f2;
    case 'file': return 0;
  }
}

/** Accepted extent of a mesh in metres (a bounding-box side): 1 pm … 1000 km. */
const MIN_SPAN = 1e-12;
const MAX_SPAN = 1e6;

/** Largest side of the bounding box, metres (NaN if a coordinate is NaN: validateMesh reports that). */
function meshSpan(mesh: Mesh): number {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  const P = mesh.points;
  for (let i = 0; i < mesh.nPoints; i++) {
    const x = P[2 * i]!, y = P[2 * i + 1]!;
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return Math.max(x1 - x0, y1 - y0);
}

/**
 * Builds the mesh a case describes. `refine` = k halves the element size k times: generators are re-run at
 * the finer resolution (so curved boundaries stay exact); file meshes are split uniformly. Order-2 meshes
 * have midside nodes on the exact arcs for generated disks/annuli, on straight edges otherwise.
 */
export function buildMesh(spec: MeshSpec, order: 1 | 2, refine: number, caseDir: string, transform?: MeshTransform): Mesh {
  const f = 2 ** refine;
  const est = estimatedCells(spec, refine);
  if (!(est <= MAX_GENERATED_CELLS)) {
    throw new CaseError('mesh', `the ${spec.generator} mesh would have about ${est.toExponential(1)} cells (limit ${MAX_GENERATED_CELLS.toExponential(0)}): use fewer divisions, a larger h or a smaller refine`);
  }
  let mesh: Mesh;
  try {
    switch (spec.generator) {
      case 'unitSquare':
        mesh = unitSquareMesh(spec.n * f, spec.n * f, spec.diagonal);
        break;
      case 'rectangleLayers':
        mesh = rectangleLayersMesh({
          x0: spec.x0, width: spec.width, nx: spec.nx * f, xGrading: spec.xGrading,
          layers: spec.layers.map((l) => ({ ...l, ny: l.ny * f })), xBreaks: spec.breaks,
        });
        break;
      case 'disk':
        mesh = diskMesh({
          radius: spec.radius, h: spec.h / f, sector: spec.sector, coreName: spec.coreName, shells: spec.shells,
          arcs: spec.arcs, order,
        });
        break;
      case 'annulus':
        if (!(spec.outerRadius > spec.innerRadius)) throw new CaseError('mesh.outerRadius', 'must be larger than mesh.innerRadius');
        mesh = annulusMesh({
          innerRadius: spec.innerRadius, outerRadius: spec.outerRadius, h: spec.h / f, sector: spec.sector,
          coreName: spec.coreName, shells: spec.shells, arcs: spec.arcs, order,
        });
        break;
      case 'file': {
        const path = resolve(caseDir, spec.path);
        let data: Buffer;
        try {
          data = readFileSync(path);
        } catch (e) {
          throw new CaseError('mesh.path', `cannot read mesh file '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        const format = spec.format !== 'auto' ? spec.format
          : path.endsWith('.msh') ? 'gmsh' : path.endsWith('.mphtxt') ? 'mphtxt' : 'json';
        if (format === 'gmsh') mesh = readGmsh(data, { scale: spec.scale, requirePhysicalNames: true });
        else if (format === 'mphtxt') {
          const num = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [Number(k), v]));
          mesh = readMphtxt(data.toString('utf8'), { scale: spec.scale, ...(spec.names ? { names: { domains: num(spec.names.domains), boundaries: num(spec.names.boundaries) } } : {}) });
        } else {
          let json: unknown;
          try {
            json = JSON.parse(data.toString('utf8'));
          } catch (e) {
            throw new CaseError('mesh.path', `mesh file '${path}' is not valid JSON: ${(e as Error).message}`);
          }
          mesh = meshFromJson(json);
          if (spec.scale !== 1) for (let i = 0; i < mesh.points.length; i++) mesh.points[i] *= spec.scale;
        }
        if (mesh.nCells * 4 ** refine > MAX_GENERATED_CELLS) {
          throw new CaseError('refine', `refining the ${mesh.nCells}-cell mesh file ${refine} times would give ${(mesh.nCells * 4 ** refine).toExponential(1)} cells (limit ${MAX_GENERATED_CELLS.toExponential(0)})`);
        }
        for (let k = 0; k < refine; k++) mesh = refineUniform(mesh);
        break;
      }
    }
  } catch (e) {
    if (e instanceof CaseError) throw e;
    throw new CaseError('mesh', (e as Error).message);
  }
  if (transform) mesh = transformMesh(mesh, transform);
  if (order === 2 && mesh.cellType === 'tri3') mesh = elevateToP2(mesh);
  if (order === 1 && mesh.cellType === 'tri6') throw new CaseError('elementOrder', 'the mesh file has 6-node triangles: use elementOrder 2');
  if (mesh.nCells === 0) throw new CaseError('mesh', 'the mesh has no cells');
  const span = meshSpan(mesh);
  if (Number.isFinite(span) && (span < MIN_SPAN || span > MAX_SPAN)) {
    // outside this range cell areas (~span²) under/overflow or the problem is a unit mistake: fail before solving
    throw new CaseError('mesh', `the mesh spans ${span.toExponential(2)} m, outside the ${MIN_SPAN} … ${MAX_SPAN} m ecmfem accepts (check the units or mesh.scale)`);
  }
  const v = validateMesh(mesh);
  if (!v.ok) throw new CaseError('mesh', `invalid mesh: ${v.problems[0]}${v.problems.length > 1 ? ` (and ${v.problems.length - 1} more problems)` : ''}`);
  return mesh;
}
