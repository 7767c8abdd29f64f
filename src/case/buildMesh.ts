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

/**
 * Builds the mesh a case describes. `refine` = k halves the element size k times: generators are re-run at
 * the finer resolution (so curved boundaries stay exact); file meshes are split uniformly. Order-2 meshes
 * have midside nodes on the exact arcs for generated disks/annuli, on straight edges otherwise.
 */
export function buildMesh(spec: MeshSpec, order: 1 | 2, refine: number, caseDir: string, transform?: MeshTransform): Mesh {
  const f = 2 ** refine;
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
  const v = validateMesh(mesh);
  if (!v.ok) throw new CaseError('mesh', `invalid mesh: ${v.problems[0]}${v.problems.length > 1 ? ` (and ${v.problems.length - 1} more problems)` : ''}`);
  return mesh;
}
