/**
 * runCase: the one place that knows the order of the pipeline.
 *   1. validate the case (schema, done by the caller) → 2. build the mesh → 3. bind names and materials
 *   → 4. open an output stage (nothing is written before the input is known good) → 5. set up and solve
 *   the physics → 6. write results.json, VTU/PVD, PNG → 7. commit the stage atomically.
 */
import { performance } from 'node:perf_hooks';
import type { CaseSpec } from './caseSchema.js';
import { buildMesh } from './buildMesh.js';
import { resolveCase } from './resolveCase.js';
import { solverFromSpec } from './createSolver.js';
import { createOhmicProblem, solveOhmic, type OhmicSolution } from '../physics/ohmic.js';
import { cellCurrentDensity, nodalCurrentDensity } from '../physics/currentDensity.js';
import { meshStatistics } from '../mesh/statistics.js';
import { createOutputStage } from '../io/atomicWrite.js';
import { writeOhmicOutputs } from './writeOutputs.js';

export interface RunOptions {
  /** Directory of the case file: relative mesh paths resolve against it. */
  readonly caseDir: string;
  /** Output directory; replaced atomically on success, untouched on failure. */
  readonly outDir: string;
  /** Diagnostics sink (stderr lines by default in the CLI). */
  readonly log?: (line: string) => void;
}

export interface RunResult {
  readonly results: Record<string, unknown>;
  readonly outDir: string;
  readonly files: string[];
}

export const ECMFEM_VERSION = '0.1.0';

export function runCase(spec: CaseSpec, opts: RunOptions): RunResult {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  const t = (name: string, t0: number) => { timings[name] = (performance.now() - t0) / 1000; };

  let t0 = performance.now();
  const mesh = buildMesh(spec.mesh, spec.elementOrder, spec.refine, opts.caseDir);
  const resolved = resolveCase(spec, mesh);
  t('mesh', t0);
  const stats = meshStatistics(mesh);
  log(`mesh: ${mesh.nCells} cells (${mesh.cellType}), ${mesh.nPoints} nodes, h ∈ [${stats.hMin.toExponential(2)}, ${stats.hMax.toExponential(2)}] m`);

  const stage = createOutputStage(opts.outDir);
  try {
    t0 = performance.now();
    const problem = createOhmicProblem(mesh, {
      order: spec.elementOrder, axisymmetric: resolved.axisymmetric, bcs: resolved.ohmicBcs,
      cellConductivity: resolved.cellConductivity,
    });
    const solver = solverFromSpec(spec.ohmic.solver, problem.space.nDofs);
    t('setup', t0);
    log(`ohmic: ${problem.space.nDofs} unknowns, solver ${solver.name}`);
    t0 = performance.now();
    const sol: OhmicSolution = solveOhmic(problem, solver);
    t('assembleAndSolve', t0);
    log(`ohmic: ${sol.report.iterations} iterations, relative residual ${sol.report.relResidual.toExponential(2)}, conservation ${sol.conservationError.toExponential(2)}`);

    t0 = performance.now();
    const Jcell = cellCurrentDensity(problem, sol.V);
    const Jnode = nodalCurrentDensity(problem, sol.V);
    let maxJ = 0;
    for (let c = 0; c < mesh.nCells; c++) maxJ = Math.max(maxJ, Math.hypot(Jcell[2 * c]!, Jcell[2 * c + 1]!));
    let vMin = Infinity, vMax = -Infinity;
    for (const v of sol.V) { vMin = Math.min(vMin, v); vMax = Math.max(vMax, v); }
    const results = {
      ecmfem: ECMFEM_VERSION,
      case: spec.name,
      geometry: spec.geometry,
      units: {
        length: 'm', potential: 'V', currentDensity: 'A/m^2',
        current: resolved.axisymmetric ? 'A' : 'A/m (per metre of depth)',
      },
      mesh: {
        cellType: mesh.cellType, nCells: mesh.nCells, nPoints: mesh.nPoints, regions: mesh.regionNames,
        boundaries: [...mesh.boundaries.keys()], hMin: stats.hMin, hMax: stats.hMax, minQuality: stats.minQuality,
      },
      dofs: { potential: problem.space.nDofs },
      elementOrder: spec.elementOrder,
      materials: Object.fromEntries(resolved.regionMaterial.map((m, r) => [mesh.regionNames[r]!, { material: m, ...spec.materials[m] }])),
      solverReports: { ohmic: sol.report },
      timings,
      metrics: {
        boundaryCurrents: sol.boundaryCurrents,
        conservationError: sol.conservationError,
        electrodePotentials: sol.electrodePotentials,
        potentialMin: vMin,
        potentialMax: vMax,
        maxCurrentDensity: maxJ,
      },
    };
    const files = writeOhmicOutputs(stage, spec, problem, sol, Jcell, Jnode);
    t('output', t0);
    stage.writeText('results.json', JSON.stringify(results, null, 2) + '\n');
    files.push('results.json');
    stage.commit();
    log(`wrote ${files.length} files to ${opts.outDir}`);
    return { results, outDir: opts.outDir, files };
  } catch (e) {
    stage.abort();
    throw e;
  }
}
