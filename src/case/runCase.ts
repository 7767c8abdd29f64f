/**
 * runCase: the one place that knows the order of the pipeline.
 *   1. the case was validated by the caller (schema) → 2. build the mesh → 3. bind names and materials
 *   → 4. open an output stage (nothing is written before the input is known good) → 5. solve the physics
 *   blocks present (Ohm, then mechanics) → 6. write results.json, VTU/PVD, PNG → 7. commit atomically.
 */
import { performance } from 'node:perf_hooks';
import type { CaseSpec } from './caseSchema.js';
import { buildMesh } from './buildMesh.js';
import { resolveCase } from './resolveCase.js';
import { meshStatistics } from '../mesh/statistics.js';
import { createOutputStage } from '../io/atomicWrite.js';
import { writePvd } from '../io/pvd.js';
import { splitMeshByRegion } from '../physics/stressRecovery.js';
import { setupOhmicStage, runOhmicStage } from './ohmicStage.js';
import { setupMechanicsStage, runMechanicsStage } from './mechanicsStage.js';
import { createFieldCollector, writeFieldsVtu, writePictures, writeComsolExport } from './fieldOutput.js';
import { runTransientSteps, RunInterrupted, type LoopCommand, type StepEvent } from './runTransient.js';
import { createProgress, type Progress } from '../io/progress.js';

export interface RunOptions {
  /** Directory of the case file: relative mesh paths resolve against it. */
  readonly caseDir: string;
  /** Output directory; replaced atomically on success, untouched on failure. */
  readonly outDir: string;
  /** Diagnostics sink (stderr lines in the CLI). */
  readonly log?: (line: string) => void;
  /** Progress of time loops (default: none). */
  readonly progress?: Progress;
  /**
   * Checkpointed run (time loops): outputs are staged in the fixed directory `.<out>.partial` so a killed run
   * can continue; `resume` continues from the checkpoint found there.
   */
  readonly checkpointing?: { readonly resume: boolean };
}

export interface RunResult {
  readonly results: Record<string, unknown>;
  readonly outDir: string;
  readonly files: string[];
}

export const ECMFEM_VERSION = '0.1.0';

/** Runs a case to completion. */
export function runCase(spec: CaseSpec, opts: RunOptions): RunResult {
  const gen = runCaseSteps(spec, opts);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

/** Drives a case step by step; see {@link runTransientSteps} for the commands a driver may send. */
export function* runCaseSteps(spec: CaseSpec, opts: RunOptions): Generator<StepEvent, RunResult, LoopCommand> {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    timings[name] = (timings[name] ?? 0) + (performance.now() - t0) / 1000;
    return r;
  };

  const { mesh, rc } = time('mesh', () => {
    const m = buildMesh(spec.mesh, spec.elementOrder, spec.refine, opts.caseDir, spec.meshTransform);
    return { mesh: m, rc: resolveCase(spec, m) };
  });
  const stats = meshStatistics(mesh);
  log(`mesh: ${mesh.nCells} cells (${mesh.cellType}), ${mesh.nPoints} nodes, h ∈ [${stats.hMin.toExponential(2)}, ${stats.hMax.toExponential(2)}] m`);

  const stage = createOutputStage(opts.outDir, opts.checkpointing && spec.levelSet ? { resumable: opts.checkpointing } : {});
  try {
    const fields = createFieldCollector();
    const metrics: Record<string, unknown> = {};
    const solverReports: Record<string, unknown> = {};
    const dofs: Record<string, number> = {};
    const assumptions: Record<string, unknown> = {};
    const files: string[] = [];
    if (spec.levelSet) {
      const t0 = performance.now();
      const r = yield* runTransientSteps(rc, stage, opts.progress ?? createProgress({ quiet: true }), log, opts.checkpointing?.resume ?? false);
      timings.timeLoop = (performance.now() - t0) / 1000;
      files.push(...r.files);
      Object.assign(metrics, r.metrics);
      Object.assign(solverReports, r.solverReports);
      Object.assign(assumptions, r.assumptions);
      Object.assign(dofs, r.dofs);
      if (rc.mechanics) assumptions.mechanics = { formulation: rc.mechanics.formulation, strainMeasure: rc.mechanics.strainMeasure, boundaryConditions: rc.mechanics.bcs };
    } else if (spec.ohmic) {
      const st = time('ohmicSetup', () => setupOhmicStage(rc));
      dofs.potential = st.problem.space.nDofs;
      log(`ohmic: ${dofs.potential} unknowns, solver ${st.solver.name}`);
      const r = time('ohmicSolve', () => runOhmicStage(st, fields));
      solverReports.ohmic = r.sol.report;
      metrics.ohmic = r.metrics;
      log(`ohmic: ${r.sol.report.iterations} iterations, relative residual ${r.sol.report.relResidual.toExponential(2)}, conservation ${r.sol.conservationError.toExponential(2)}`);
    }
    if (spec.mechanics && !spec.levelSet) {
      const m = rc.mechanics!;
      const st = time('mechanicsSetup', () => setupMechanicsStage(rc));
      dofs.displacement = st.problem.space.nDofs;
      log(`mechanics (${m.formulation}): ${dofs.displacement} unknowns, solver ${st.solver.name}`);
      const split = mesh.regionNames.length > 1 ? splitMeshByRegion(mesh) : undefined;
      const r = time('mechanicsSolve', () => runMechanicsStage(st, fields, undefined, split));
      solverReports.mechanics = r.sol.report;
      metrics.mechanics = r.metrics;
      assumptions.mechanics = {
        formulation: m.formulation, strainMeasure: m.strainMeasure,
        eigenstrainByRegion: Object.fromEntries(mesh.regionNames.map((n, i) => [n, m.regionEigenstrain[i]])),
        boundaryConditions: m.bcs, removeRigidBodyModes: m.removeRigidBodyModes,
      };
      log(`mechanics: ${r.sol.report.iterations} iterations, relative residual ${r.sol.report.relResidual.toExponential(2)}`);
    }

    if (!spec.levelSet) time('output', () => {
      if (spec.outputs.vtu) {
        files.push(writeFieldsVtu(stage, mesh, fields, 'fields'));
        stage.writeText('fields.pvd', writePvd([{ time: 0, file: 'fields.vtu' }]));
        files.push('fields.pvd');
      }
      if (spec.outputs.png) files.push(...writePictures(stage, mesh, fields, spec.name, rc.axisymmetric));
      if (spec.outputs.comsolText) files.push(writeComsolExport(stage, mesh, fields, spec.name, rc.axisymmetric));
    });
    const results = {
      ecmfem: ECMFEM_VERSION,
      case: spec.name,
      geometry: spec.geometry,
      units: {
        length: 'm', potential: 'V', currentDensity: 'A/m^2', stress: 'Pa', displacement: 'm',
        current: rc.axisymmetric ? 'A' : 'A/m (per metre of depth)',
      },
      mesh: {
        cellType: mesh.cellType, nCells: mesh.nCells, nPoints: mesh.nPoints, regions: mesh.regionNames,
        boundaries: [...mesh.boundaries.keys()], hMin: stats.hMin, hMax: stats.hMax, minQuality: stats.minQuality,
      },
      dofs,
      elementOrder: spec.elementOrder,
      materials: Object.fromEntries(rc.regionMaterial.map((m, r) => [mesh.regionNames[r]!, { material: m, ...spec.materials[m] }])),
      assumptions,
      solverReports,
      timings,
      metrics,
    };
    stage.writeText('results.json', JSON.stringify(results, null, 2) + '\n');
    files.push('results.json');
    stage.commit();
    log(`wrote ${files.length} files to ${opts.outDir}`);
    return { results, outDir: opts.outDir, files };
  } catch (e) {
    if (e instanceof RunInterrupted) stage.suspend();
    else stage.abort();
    throw e;
  }
}
