import type { Mesh } from '../mesh/mesh.js';
import type { ElasticityBc } from '../physics/elasticity.js';
import type { ElasticFormulation } from '../materials/elastic.js';
import { eigenstrainFromVolumeRatio, type SwellingMeasure } from '../materials/swelling.js';
import type { CaseSpec } from './caseSchema.js';
import { CaseError } from './caseError.js';

/** Mechanics inputs bound to the mesh: per-cell E [Pa], ν, β and the BCs in the physics' form. */
export interface ResolvedMechanics {
  readonly formulation: ElasticFormulation;
  readonly strainMeasure: SwellingMeasure;
  readonly cellYoungs: Float64Array;
  readonly cellPoisson: Float64Array;
  readonly cellEigenstrain: Float64Array;
  /** β of each region's material (for results.json). */
  readonly regionEigenstrain: readonly number[];
  readonly bcs: readonly ElasticityBc[];
  readonly removeRigidBodyModes: boolean;
}

export function resolveMechanics(spec: CaseSpec, mesh: Mesh, regionMaterial: readonly string[]): ResolvedMechanics {
  const m = spec.mechanics!;
  const axisymmetric = spec.geometry === 'axisymmetric';
  const formulation = m.formulation ?? (axisymmetric ? 'axisymmetric' : 'planeStrain');
  if ((formulation === 'axisymmetric') !== axisymmetric) {
    throw new CaseError('mechanics.formulation', `'${formulation}' does not fit geometry '${spec.geometry}'`);
  }
  const props = regionMaterial.map((name) => {
    const mat = spec.materials[name]!;
    const path = `materials.${name}`;
    if (mat.youngsModulus === undefined) throw new CaseError(`${path}.youngsModulus`, 'required by the mechanics problem (Pa, > 0)');
    if (mat.poissonRatio === undefined) throw new CaseError(`${path}.poissonRatio`, 'required by the mechanics problem (−1 < ν < 0.5)');
    if (mat.volumeRatio !== undefined && mat.eigenstrain !== undefined) {
      throw new CaseError(`${path}`, "give either 'volumeRatio' or 'eigenstrain', not both");
    }
    const beta = mat.volumeRatio !== undefined ? eigenstrainFromVolumeRatio(mat.volumeRatio, m.strainMeasure) : (mat.eigenstrain ?? 0);
    return { E: mat.youngsModulus, nu: mat.poissonRatio, beta };
  });
  const n = mesh.nCells;
  const cellYoungs = new Float64Array(n), cellPoisson = new Float64Array(n), cellEigenstrain = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const p = props[mesh.cellRegion[c]!]!;
    cellYoungs[c] = p.E;
    cellPoisson[c] = p.nu;
    cellEigenstrain[c] = p.beta;
  }
  const names = [...mesh.boundaries.keys()];
  const check = (b: string, path: string) => {
    if (!mesh.boundaries.has(b)) throw new CaseError(path, `unknown boundary '${b}'; the mesh has ${names.map((x) => `'${x}'`).join(', ')}`);
  };
  const bcs: ElasticityBc[] = m.boundaryConditions.map((bc, i) => {
    const path = `mechanics.boundaryConditions[${i}]`;
    check(bc.boundary, `${path}.boundary`);
    switch (bc.type) {
      case 'displacement': {
        const component = bc.component === undefined ? undefined : (bc.component === 'x' || bc.component === 'r' ? 0 : 1);
        return component === undefined ? { type: 'displacement', boundary: bc.boundary, value: bc.value } : { type: 'displacement', boundary: bc.boundary, component, value: bc.value };
      }
      case 'symmetryAxis':
        if (!axisymmetric) throw new CaseError(`${path}.type`, "'symmetryAxis' is for axisymmetric models; use 'roller' in plane models");
        return { type: 'symmetryAxis', boundary: bc.boundary };
      case 'periodic':
        check(bc.master, `${path}.master`);
        return bc.meanStrain ? { type: 'periodic', boundary: bc.boundary, master: bc.master, meanStrain: bc.meanStrain } : { type: 'periodic', boundary: bc.boundary, master: bc.master };
      default:
        return bc;
    }
  });
  // u_r = 0 on the axis is part of the axisymmetric model: add it when the mesh has an 'axis' and no BC names it.
  if (axisymmetric && mesh.boundaries.has('axis') && !bcs.some((bc) => 'boundary' in bc && bc.boundary === 'axis')) {
    bcs.push({ type: 'symmetryAxis', boundary: 'axis' });
  }
  const holds = bcs.some((bc) => bc.type === 'fixed' || bc.type === 'displacement' || bc.type === 'roller');
  if (!holds && !m.removeRigidBodyModes) {
    throw new CaseError('mechanics.boundaryConditions', "the body is free: add 'fixed', 'displacement' or 'roller' conditions, or set removeRigidBodyModes: true");
  }
  return {
    formulation, strainMeasure: m.strainMeasure, cellYoungs, cellPoisson, cellEigenstrain,
    regionEigenstrain: props.map((p) => p.beta), bcs, removeRigidBodyModes: m.removeRigidBodyModes,
  };
}
