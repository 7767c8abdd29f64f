import type { Mesh } from '../mesh/mesh.js';
import type { OhmicBc } from '../physics/ohmic.js';
import type { CaseSpec, MaterialSpec } from './caseSchema.js';
import { CaseError } from './caseError.js';
import { toSI } from './units.js';
import { resolveMechanics, type ResolvedMechanics } from './resolveMechanics.js';

/** The checked, SI, mesh-bound form of a case: everything the physics needs, nothing the file had to guess. */
export interface ResolvedCase {
  readonly spec: CaseSpec;
  readonly mesh: Mesh;
  readonly axisymmetric: boolean;
  /** Material name of each mesh region, by region index. */
  readonly regionMaterial: readonly string[];
  /** σ per cell [nCells], S/m (empty without an ohmic block). */
  readonly cellConductivity: Float64Array;
  readonly ohmicBcs: readonly OhmicBc[];
  readonly mechanics: ResolvedMechanics | undefined;
}

const list = (xs: Iterable<string>) => [...xs].map((x) => `'${x}'`).join(', ');

/** Checks names and physics requirements of a parsed case against its mesh. Throws CaseError with a JSON path. */
export function resolveCase(spec: CaseSpec, mesh: Mesh): ResolvedCase {
  const axisymmetric = spec.geometry === 'axisymmetric';
  if (axisymmetric) {
    let minR = Infinity;
    for (let i = 0; i < mesh.nPoints; i++) minR = Math.min(minR, mesh.points[2 * i]!);
    if (minR < -1e-12 * Math.max(1e-300, maxAbs(mesh.points))) {
      throw new CaseError('geometry', `axisymmetric models need r = x ≥ 0, but the mesh reaches x = ${minR}; use sector 'half' or 'quarter'`);
    }
  }
  for (const r of Object.keys(spec.regions)) {
    if (!mesh.regionNames.includes(r)) throw new CaseError(`regions.${r}`, `unknown region '${r}'; the mesh has ${list(mesh.regionNames)}`);
  }
  const regionMaterial = mesh.regionNames.map((r) => {
    const m = spec.regions[r];
    if (m === undefined) throw new CaseError('regions', `mesh region '${r}' has no material; the mesh has regions ${list(mesh.regionNames)}`);
    if (!spec.materials[m]) throw new CaseError(`regions.${r}`, `unknown material '${m}'; materials are ${list(Object.keys(spec.materials))}`);
    return m;
  });
  const ohmic = spec.ohmic ? resolveOhmic(spec, mesh, regionMaterial, axisymmetric) : { cellConductivity: new Float64Array(0), ohmicBcs: [] };
  const mechanics = spec.mechanics ? resolveMechanics(spec, mesh, regionMaterial) : undefined;
  if (spec.levelSet) checkLevelSetNames(spec, mesh);
  return { spec, mesh, axisymmetric, regionMaterial, ...ohmic, mechanics };
}

/**
 * The names the levelSet, time and probes blocks refer to, checked with the other names before any output or
 * log line (the time-loop setup repeats some of these checks defensively).
 */
function checkLevelSetNames(spec: CaseSpec, mesh: Mesh): void {
  const ls = spec.levelSet!;
  ls.regions.forEach((r, i) => {
    if (!mesh.regionNames.includes(r)) throw new CaseError(`levelSet.regions[${i}]`, `unknown region '${r}'; the mesh has ${list(mesh.regionNames)}`);
  });
  const checkB = (b: string, path: string) => {
    if (!mesh.boundaries.has(b)) throw new CaseError(path, `unknown boundary '${b}'; the mesh has ${list(mesh.boundaries.keys())}`);
  };
  ls.inflow.forEach((b, i) => checkB(b, `levelSet.inflow[${i}]`));
  ls.outflow.forEach((b, i) => checkB(b, `levelSet.outflow[${i}]`));
  if (ls.initial.type === 'boundary') checkB(ls.initial.boundary, 'levelSet.initial.boundary');
  const stop = spec.time?.stopAt.frontReaches;
  if (stop) checkB(stop, 'time.stopAt.frontReaches');
  spec.probes.currentBoundaries.forEach((b, i) => checkB(b, `probes.currentBoundaries[${i}]`));
  for (const key of ['unreactedMaterial', 'reactedMaterial'] as const) {
    const name = ls[key];
    const m = spec.materials[name];
    if (!m) throw new CaseError(`levelSet.${key}`, `unknown material '${name}'; materials are ${list(Object.keys(spec.materials))}`);
    if (m.conductivity === undefined) throw new CaseError(`materials.${name}.conductivity`, 'required by the level-set model (S/m, > 0)');
    if (spec.mechanics && (m.youngsModulus === undefined || m.poissonRatio === undefined)) {
      throw new CaseError(`materials.${name}`, 'youngsModulus and poissonRatio are required by the mechanics of the level-set model');
    }
  }
}

function resolveOhmic(spec: CaseSpec, mesh: Mesh, regionMaterial: readonly string[], axisymmetric: boolean): { cellConductivity: Float64Array; ohmicBcs: OhmicBc[] } {
  const ohmicSpec = spec.ohmic!;
  const sigmaOfRegion = regionMaterial.map((m) => {
    const mat: MaterialSpec = spec.materials[m]!;
    if (mat.conductivity === undefined) throw new CaseError(`materials.${m}.conductivity`, 'required by the ohmic problem (S/m, > 0)');
    return mat.conductivity;
  });
  const cellConductivity = new Float64Array(mesh.nCells);
  for (let c = 0; c < mesh.nCells; c++) cellConductivity[c] = sigmaOfRegion[mesh.cellRegion[c]!]!;

  const seen = new Map<string, number>();
  let hasPotential = false;
  const ohmicBcs: OhmicBc[] = ohmicSpec.boundaryConditions.map((bc, i) => {
    const path = `ohmic.boundaryConditions[${i}]`;
    if (!mesh.boundaries.has(bc.boundary)) {
      throw new CaseError(`${path}.boundary`, `unknown boundary '${bc.boundary}'; the mesh has ${list(mesh.boundaries.keys())}`);
    }
    const prev = seen.get(bc.boundary);
    if (prev !== undefined) throw new CaseError(`${path}.boundary`, `boundary '${bc.boundary}' already has a condition (boundaryConditions[${prev}])`);
    seen.set(bc.boundary, i);
    switch (bc.type) {
      case 'potential':
        hasPotential = true;
        return bc;
      case 'currentDensity':
      case 'insulation':
        return bc;
      case 'periodic':
        if (!mesh.boundaries.has(bc.master)) throw new CaseError(`${path}.master`, `unknown boundary '${bc.master}'; the mesh has ${list(mesh.boundaries.keys())}`);
        if (bc.master === bc.boundary) throw new CaseError(`${path}.master`, 'must differ from the slave boundary');
        return bc;
      case 'totalCurrent': {
        let value: number;
        try {
          value = toSI(bc.value, axisymmetric ? 'current' : 'currentPerLength');
        } catch (e) {
          throw new CaseError(`${path}.value`, `${(e as Error).message} (${axisymmetric ? 'axisymmetric models take A' : 'plane models take A per metre of depth'})`);
        }
        return { type: 'totalCurrent', boundary: bc.boundary, value, distribution: bc.distribution };
      }
    }
  });
  if (!hasPotential) {
    throw new CaseError('ohmic.boundaryConditions', "needs at least one 'potential' condition: otherwise the potential is defined only up to a constant");
  }
  return { cellConductivity, ohmicBcs };
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
