/**
 * The time loop of a coupled lithiation case. Each step: Ohm + front velocity, choose dt (CFL-like bound,
 * growth limit, end time), advance the front and the stresses; on a linear-solver failure halve dt and retry
 * (up to maxCutbacks), grow dt again once steps are easy. Stops at the end time, a target reacted fraction or
 * capacity, or when the front reaches a named boundary. Records a time series every step and VTU snapshots
 * every `snapshotEvery` steps.
 *
 * The loop is a generator: it yields after every step so a driver can interleave signal handling and
 * checkpoints (`'checkpoint'` writes one and continues, `'stop'` writes one and throws {@link RunInterrupted});
 * with `resume` it continues from the checkpoint of an earlier run, bit for bit.
 */
import { LinearSolveError } from '../linalg/linearSolver.js';
import { CHECKPOINT_FILE, caseHash, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { CaseError } from './caseError.js';
import { rmSync } from 'node:fs';
import type { OutputStage } from '../io/atomicWrite.js';
import { writePvd } from '../io/pvd.js';
import { toCsv } from '../io/csv.js';
import { renderLinePlot } from '../io/linePlot.js';
import type { Progress } from '../io/progress.js';
import { splitMeshByRegion } from '../physics/stressRecovery.js';
import { solveCurrentAndVelocity, advanceFrontAndStress } from '../physics/coupledStep.js';
import { capacityPerSiMass } from '../materials/capacity.js';
import type { ResolvedCase } from './resolveCase.js';
import { setupTransient } from './transientSetup.js';
import { frontRow, currentRow, stressRow, minPhiOnBoundary, type Row, type MetricsConfig } from './transientMetrics.js';
import { createFieldCollector, writeFieldsVtu, writePictures, writeComsolExport, type FieldCollector } from './fieldOutput.js';
import { addOhmicFields, pointValues } from './ohmicStage.js';
import { addMechanicsFields } from './mechanicsStage.js';

export interface TransientResult {
  readonly files: string[];
  readonly metrics: Record<string, unknown>;
  readonly solverReports: Record<string, unknown>;
  readonly assumptions: Record<string, unknown>;
  readonly dofs: Record<string, number>;
}

/** Thrown after a 'stop' command: a checkpoint was written; rerun with --resume. */
export class RunInterrupted extends Error {
  constructor(readonly step: number, readonly time: number) {
    super(`interrupted at step ${step} (t = ${time.toExponential(4)} s); checkpoint written, continue with --resume`);
    this.name = 'RunInterrupted';
  }
}

/** What the driver sends back at each yield. */
export type LoopCommand = 'continue' | 'checkpoint' | 'stop' | undefined;
export interface StepEvent { readonly step: number; readonly time: number }

export function* runTransientSteps(
  rc: ResolvedCase, stage: OutputStage, progress: Progress, log: (s: string) => void, resume = false,
): Generator<StepEvent, TransientResult, LoopCommand> {
  const spec = rc.spec, time = spec.time!;
  const setup = setupTransient(rc);
  const { model, state } = setup;
  const mesh = rc.mesh;
  const cfg: MetricsConfig = {
    frontLines: spec.probes.frontLines.map((l) => ({ from: l.from, to: l.to })),
    currentBoundaries: spec.probes.currentBoundaries, xReacted: setup.xReacted,
  };
  for (const b of cfg.currentBoundaries) if (!mesh.boundaries.has(b)) throw new Error(`probes.currentBoundaries: unknown boundary '${b}'`);
  const split = mesh.regionNames.length > 1 && model.mechanics ? splitMeshByRegion(mesh) : undefined;
  const rows: Row[] = [];
  const snapshots: { time: number; file: string }[] = [];
  const files: string[] = [];
  const counters = { ohmicIterations: 0, levelSetSolves: 0, levelSetIterations: 0, mechanicsSolves: 0, mechanicsIterations: 0, cutbacks: 0, picardUnconverged: 0 };
  const fLimit = time.stopAt.reactedFraction ?? Infinity;
  const capLimit = time.stopAt.capacity !== undefined ? time.stopAt.capacity / capacityPerSiMass(setup.xReacted) : Infinity;
  const target = Math.min(fLimit, capLimit);

  const snapshot = (withStress: boolean) => {
    if (!spec.outputs.vtu) return;
    const fields = collect(withStress);
    const file = writeFieldsVtu(stage, mesh, fields, `snapshots/step-${String(state.step).padStart(6, '0')}`, state.time, split);
    snapshots.push({ time: state.time, file });
  };
  const collect = (withStress: boolean): FieldCollector => {
    const fields = createFieldCollector();
    const phiP = pointValues(model.ohmic, state.ls.phi); // same space layout as the potential
    fields.pointData['phi'] = { values: phiP, components: 1 };
    const vel = state.velocity;
    fields.cellData['front velocity [m/s]'] = { values: vel, components: 2 };
    if (state.V && state.Jcell) addOhmicFields(model.ohmic, state.V, state.Jcell, fields);
    if (withStress && model.mechanics && state.u) addMechanicsFields(model.mechanics, state.u, fields, split);
    for (const p of fields.pictures) p.contour = { values: phiP, level: 0.5 };
    fields.pictures.push({ file: 'phi.png', title: 'level set φ (1 = unreacted)', unitLabel: '1', values: phiP, location: 'point', colormap: 'viridis', contour: { values: phiP, level: 0.5 } });
    return fields;
  };

  const hash = caseHash(spec);
  const ckptPath = stage.path(CHECKPOINT_FILE);
  let row: Row;
  let cur: { maxSpeed: number; ohmicReport: unknown };
  let phi0: number;
  let dtPrev = time.dtInitial ?? 0;
  let easy = true;
  if (resume) {
    let c;
    try {
      c = readCheckpoint(ckptPath, hash);
    } catch (e) {
      throw new CaseError('', `cannot resume: ${(e as Error).message}`);
    }
    state.ls.phi.set(c.ls.phi);
    state.ls.phiPrev.set(c.ls.phiPrev);
    Object.assign(state.ls, { step: c.ls.step, time: c.ls.time, dtPrev: c.ls.dtPrev, gamma: c.ls.gamma });
    state.V = c.fields.V;
    state.Jcell = c.fields.Jcell;
    state.u = c.fields.u;
    state.velocity.set(c.fields.velocity);
    state.step = c.fields.step;
    state.time = c.fields.time;
    rows.push(...c.loop.rows);
    snapshots.push(...c.loop.snapshots);
    Object.assign(counters, c.loop.counters);
    ({ dtPrev, easy, phi0 } = c.loop);
    cur = { maxSpeed: c.loop.maxSpeed, ohmicReport: c.loop.ohmicReport };
    row = rows[rows.length - 1]!;
    log(`resumed from checkpoint at step ${state.step}, t = ${state.time.toExponential(4)} s`);
  } else {
    // Initial state: current, velocity and (if any) stresses at t = 0.
    const first = solveCurrentAndVelocity(model, state);
    counters.ohmicIterations += first.ohmic.report.iterations;
    cur = { maxSpeed: first.maxSpeed, ohmicReport: first.ohmic.report };
    row = { ...frontRow(model, state, cfg), dt: 0, ...currentRow(model, state, first.ohmic, cfg) };
    if (model.mechanics && model.mechanicsSolver) {
      advanceMechanicsOnly();
      Object.assign(row, stressRow(model, state));
    }
    rows.push(row);
    snapshot(true);
    phi0 = row.phiIntegral!;
  }
  const checkpoint = () => writeCheckpoint(ckptPath, {
    caseHash: hash,
    ls: { phi: state.ls.phi, phiPrev: state.ls.phiPrev, step: state.ls.step, time: state.ls.time, dtPrev: state.ls.dtPrev, gamma: state.ls.gamma },
    fields: { V: state.V, Jcell: state.Jcell, u: state.u, velocity: state.velocity, step: state.step, time: state.time },
    loop: { dtPrev, easy, phi0, maxSpeed: cur.maxSpeed, ohmicReport: cur.ohmicReport, rows, snapshots, counters },
  });
  let stopReason = 'end time';

  for (;;) {
    if (state.time >= time.end * (1 - 1e-12)) { stopReason = 'end time'; break; }
    if (row.reactedFraction! >= target) { stopReason = fLimit <= capLimit ? 'target reacted fraction' : 'target capacity'; break; }
    if (time.stopAt.frontReaches && minPhiOnBoundary(model, state.ls.phi, time.stopAt.frontReaches) < 0.5) { stopReason = `front reached '${time.stopAt.frontReaches}'`; break; }
    if (state.step >= time.maxSteps) { stopReason = 'maxSteps'; break; }
    const cfl = cur.maxSpeed > 0 ? (time.courant * model.levelSet.hMin) / cur.maxSpeed : Infinity;
    let dt = Math.min(cfl, time.dtMax ?? Infinity, time.end - state.time);
    if (dtPrev > 0) dt = Math.min(dt, (easy ? time.growth : 1) * dtPrev);
    if (!Number.isFinite(dt)) dt = time.end - state.time;
    let report;
    let cut = 0;
    for (;;) {
      try {
        report = advanceFrontAndStress(model, state, dt, false);
        break;
      } catch (e) {
        if (!(e instanceof LinearSolveError) || cut >= time.maxCutbacks) throw e;
        cut++;
        counters.cutbacks++;
        log(`step ${state.step + 1}: ${e.message}; retrying with dt = ${(dt / 2).toExponential(3)} s`);
        dt /= 2;
      }
    }
    easy = cut === 0; // grow dt again unless this step needed a cutback (an unconverged Picard is still conservative)
    if (!report.levelSet.picardConverged) counters.picardUnconverged++;
    counters.levelSetSolves += report.levelSet.reports.length;
    for (const r of report.levelSet.reports) counters.levelSetIterations += r.iterations;
    if (report.mechanics) { counters.mechanicsSolves++; counters.mechanicsIterations += report.mechanics.iterations; }
    dtPrev = dt;
    const next = solveCurrentAndVelocity(model, state);
    counters.ohmicIterations += next.ohmic.report.iterations;
    cur = { maxSpeed: next.maxSpeed, ohmicReport: next.ohmic.report };
    row = { ...frontRow(model, state, cfg), dt, ...currentRow(model, state, next.ohmic, cfg) };
    if (report.mechanics) Object.assign(row, stressRow(model, state));
    rows.push(row);
    if (state.step % time.snapshotEvery === 0) snapshot(report.mechanics !== null);
    const fracDone = Math.max(state.time / time.end, Number.isFinite(target) ? row.reactedFraction! / target : 0);
    progress.update(fracDone, `step ${state.step} t=${state.time.toExponential(3)} s dt=${dt.toExponential(2)} s reacted=${(100 * row.reactedFraction!).toFixed(2)}%`);
    const cmd = yield { step: state.step, time: state.time };
    if (cmd === 'checkpoint' || cmd === 'stop') checkpoint();
    if (cmd === 'stop') throw new RunInterrupted(state.step, state.time);
  }
  // Final stresses with the final φ if the last step skipped mechanics.
  if (model.mechanics && model.mechanicsSolver && state.step % model.mechanicsEvery !== 0) {
    advanceMechanicsOnly();
    Object.assign(rows[rows.length - 1]!, stressRow(model, state));
  }
  if (snapshots.length === 0 || snapshots[snapshots.length - 1]!.time !== state.time) snapshot(true);
  progress.done(`${state.step} steps, t = ${state.time.toExponential(3)} s, stop: ${stopReason}`);

  // Time series, snapshots, pictures (the checkpoint is not part of the results).
  rmSync(ckptPath, { force: true });
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns: Record<string, Float64Array> = {};
  for (const k of keys) columns[k] = Float64Array.from(rows, (r) => r[k] ?? NaN);
  stage.writeText('timeseries.csv', toCsv(columns));
  stage.writeText('timeseries.json', JSON.stringify(Object.fromEntries(keys.map((k) => [k, Array.from(columns[k]!)]))) + '\n');
  files.push('timeseries.csv', 'timeseries.json');
  if (spec.outputs.vtu) {
    stage.writeText('fields.pvd', writePvd(snapshots));
    files.push('fields.pvd', ...snapshots.map((s) => s.file));
  }
  if (spec.outputs.comsolText) files.push(writeComsolExport(stage, mesh, collect(true), spec.name, rc.axisymmetric));
  if (spec.outputs.png) {
    files.push(...writePictures(stage, mesh, collect(true), spec.name, rc.axisymmetric));
    const t = columns.time!;
    stage.writeBytes('reacted-fraction.png', renderLinePlot({ series: [{ name: 'reacted fraction', x: t, y: columns.reactedFraction! }], xLabel: 'time (s)', yLabel: 'reacted fraction', title: `${spec.name}: lithiation`, width: 800, height: 500 }));
    files.push('reacted-fraction.png');
    if (columns.vonMisesMax) {
      const ok = rows.map((r, i) => [i, r.vonMisesMax] as const).filter(([, v]) => v !== undefined);
      stage.writeBytes('peak-stress.png', renderLinePlot({
        series: [{ name: 'max von Mises', x: Float64Array.from(ok, ([i]) => t[i]!), y: Float64Array.from(ok, ([, v]) => v! / 1e9) }],
        xLabel: 'time (s)', yLabel: 'stress (GPa)', title: `${spec.name}: peak stress`, width: 800, height: 500,
      }));
      files.push('peak-stress.png');
    }
  }
  const last = rows[rows.length - 1]!;
  const metrics: Record<string, unknown> = {
    stopReason, steps: state.step, finalTime: state.time, final: last,
    phiIntegralInitial: phi0, peakVonMisesOverRun: Math.max(0, ...rows.map((r) => r.vonMisesMax ?? 0)),
    counters,
  };
  return {
    files, metrics, assumptions: setup.assumptions,
    solverReports: { ohmicLast: cur.ohmicReport, totals: counters },
    dofs: { potential: model.ohmic.space.nDofs, levelSet: model.levelSet.space.nDofs, ...(model.mechanics ? { displacement: model.mechanics.space.nDofs } : {}) },
  };

  function advanceMechanicsOnly(): void {
    const { solveElasticity } = mechanicsModule;
    const sol = solveElasticity(model.mechanics!, model.mechanicsSolver!, state.u ?? undefined);
    state.u = sol.u;
    counters.mechanicsSolves++;
    counters.mechanicsIterations += sol.report.iterations;
  }
}

import * as mechanicsModule from '../physics/elasticity.js';

/** Runs the loop to completion without interruption (tests, reproductions, library use). */
export function runTransient(rc: ResolvedCase, stage: OutputStage, progress: Progress, log: (s: string) => void): TransientResult {
  const gen = runTransientSteps(rc, stage, progress, log);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}
