import type { CaseSpec } from './caseSchema.js';
import type { OhmicProblem, OhmicSolution } from '../physics/ohmic.js';
import type { OutputStage } from '../io/atomicWrite.js';
import { writeVtu } from '../io/vtu.js';
import { writePvd } from '../io/pvd.js';
import { renderFieldMap } from '../io/fieldMap.js';

/**
 * Writes the field files of an Ohmic run into the stage: `fields.vtu` + `fields.pvd` (ParaView), and
 * `potential.png`, `current-density.png`. Returns the relative file names written.
 */
export function writeOhmicOutputs(
  stage: OutputStage, spec: CaseSpec, p: OhmicProblem, sol: OhmicSolution,
  Jcell: Float64Array, Jnode: Float64Array,
): string[] {
  const { mesh } = p;
  const files: string[] = [];
  const Vpoints = pointValues(p, sol.V);
  if (spec.outputs.vtu) {
    const jmagCell = magnitude(Jcell);
    const sigma = Float64Array.from(p.cellConductivity);
    const vtu = writeVtu(mesh, {
      pointData: {
        'V [V]': { values: Vpoints, components: 1 },
        'J [A/m^2]': { values: Jnode, components: 2 },
      },
      cellData: {
        'J_cell [A/m^2]': { values: Jcell, components: 2 },
        '|J|_cell [A/m^2]': { values: jmagCell, components: 1 },
        'sigma [S/m]': { values: sigma, components: 1 },
      },
    });
    stage.writeBytes('fields.vtu', typeof vtu === 'string' ? Buffer.from(vtu) : vtu);
    stage.writeText('fields.pvd', writePvd([{ time: 0, file: 'fields.vtu' }]));
    files.push('fields.vtu', 'fields.pvd');
  }
  if (spec.outputs.png) {
    const mirrorX = spec.geometry === 'axisymmetric';
    const scale = lengthScale(mesh.points);
    stage.writeBytes('potential.png', renderFieldMap(mesh, Vpoints, {
      width: 900, height: 700, title: `${spec.name}: potential`, unitLabel: 'V', colormap: 'viridis',
      lengthScale: scale.factor, axisLabel: [`${spec.geometry === 'axisymmetric' ? 'r' : 'x'} (${scale.unit})`, `${spec.geometry === 'axisymmetric' ? 'z' : 'y'} (${scale.unit})`], mirrorX,
    }));
    stage.writeBytes('current-density.png', renderFieldMap(mesh, magnitude(Jnode), {
      width: 900, height: 700, title: `${spec.name}: |J|`, unitLabel: 'A/m^2', colormap: 'inferno',
      lengthScale: scale.factor, axisLabel: [`${spec.geometry === 'axisymmetric' ? 'r' : 'x'} (${scale.unit})`, `${spec.geometry === 'axisymmetric' ? 'z' : 'y'} (${scale.unit})`], mirrorX,
    }));
    files.push('potential.png', 'current-density.png');
  }
  return files;
}

/** Nodal field → mesh points [nPoints] (P1 on tri6 meshes: midside points averaged from their edge ends). */
function pointValues(p: OhmicProblem, u: Float64Array): Float64Array {
  const { mesh, space } = p;
  const out = new Float64Array(mesh.nPoints);
  const pn = space.dofMap.pointToNode;
  for (let i = 0; i < mesh.nPoints; i++) out[i] = pn[i]! >= 0 ? u[pn[i]!]! : NaN;
  if (mesh.cellType === 'tri6' && space.dofMap.degree === 1) {
    for (let c = 0; c < mesh.nCells; c++) {
      for (let k = 0; k < 3; k++) {
        const a = mesh.cells[6 * c + k]!, b = mesh.cells[6 * c + ((k + 1) % 3)]!, m = mesh.cells[6 * c + 3 + k]!;
        out[m] = 0.5 * (out[a]! + out[b]!);
      }
    }
  }
  return out;
}

function magnitude(v: Float64Array): Float64Array {
  const n = v.length / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.hypot(v[2 * i]!, v[2 * i + 1]!);
  return out;
}

/** Axis unit for pictures: µm for micro-scale models, mm or m otherwise. */
function lengthScale(points: Float64Array): { factor: number; unit: string } {
  let m = 0;
  for (let i = 0; i < points.length; i++) m = Math.max(m, Math.abs(points[i]!));
  if (m < 1e-3) return { factor: 1e6, unit: 'µm' };
  if (m < 1) return { factor: 1e3, unit: 'mm' };
  return { factor: 1, unit: 'm' };
}
