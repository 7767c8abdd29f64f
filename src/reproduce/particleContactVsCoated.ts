/**
 * Reproduction `particle-contact-vs-coated` (seed 004, Fig. 4c,d): an axisymmetric 1 µm Si particle lithiated
 * (a) through a small contact spot at the pole, (b) through a 50 nm Li–Si coating fed by the same spot.
 * Both are run with the coupled model (Ohm + conservative level set + linear elasticity with swelling) to the
 * same reacted fraction; the stress at the LixSi/Si interface is recorded every step.
 *
 * Stress measure (stated in results.json): the most compressive principal stress of the P1 cell averages in the
 * LixSi/Si interface band (active cells with vertex-mean φ in [0.02, 0.98]), reported as a positive GPa
 * magnitude, maximised over the run. This is the quantity the physics-reference §5 estimates bound (inclusion
 * pressure for the spot, shell hoop stress for the coating). Von Mises and hydrostatic values are reported too.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Reproduction, ReproductionOptions, ReproductionResult, Check, Figure } from './reproduction.js';
import { buildModel, runToTarget, solveFrozen, type BuiltModel } from './coupledDriver.js';
import { cellStress, peaksOver, cellMeanPhi, frontBand, type CellSetPeaks } from './stressProbes.js';
import { writeMap, writePlot, scaled, symmetricRange } from './figures.js';
import { pointValues } from '../case/ohmicStage.js';
import { casesDir } from './casesDir.js';
import { reactedFraction } from '../physics/levelSet.js';

const ID = 'particle-contact-vs-coated';
type Variant = 'contact' | 'coated';
const COATING = 50e-9;
const GPA = 1e-9;

/** The case JSON of a variant, built from cases/particle-contact-vs-coated.json. */
export function particleVariantJson(which: Variant, quick: boolean, edit?: (j: any) => void): any {
  const j = JSON.parse(readFileSync(join(casesDir(), `${ID}.json`), 'utf8'));
  j.name = `${ID}-${which}`;
  const h = quick ? 25e-9 : 12.5e-9;
  j.mesh.h = h;
  const R = 0.5e-6;
  j.levelSet.initial.offset = 0.8 * h;
  if (which === 'coated') {
    j.mesh.radius = R + COATING;
    j.mesh.shells.push({ name: 'coat', innerRadius: R });
    j.materials.Coating = { library: 'LixSi', x: 3.75 };
    j.regions.coat = 'Coating';
    j.levelSet.inflow = ['si|coat'];
    j.levelSet.initial = { type: 'boundary', boundary: 'si|coat', offset: 0.8 * h };
    j.probes.currentBoundaries = ['si|coat'];
  }
  edit?.(j);
  return j;
}

interface Sample { t: number; f: number; band: CellSetPeaks; si: CellSetPeaks; reacted: CellSetPeaks }

interface VariantRun {
  readonly b: BuiltModel;
  readonly samples: Sample[];
  readonly peakIndex: number;
  readonly phiAtPeak: Float64Array;
  readonly steps: number;
  readonly stopReason: string;
  readonly reactedFraction: number;
  readonly seconds: number;
}

const primary = (s: Sample) => -s.band.minPrincipal;

function runVariant(which: Variant, opts: ReproductionOptions, target: number): VariantRun {
  const t0 = performance.now();
  const b = buildModel(particleVariantJson(which, opts.quick), casesDir());
  const samples: Sample[] = [];
  let best = -Infinity, peakIndex = 0;
  let phiAtPeak = new Float64Array(0);
  const r = runToTarget(b, {
    targetFraction: target, maxSteps: opts.quick ? 1000 : 20000, log: opts.log, frontCfl: true, stopWhenFrontReaches: 'hub|si',
    onStep: ({ setup: { model, state } }) => {
      const s = cellStress(model.mechanics!, state.u!);
      const ls = model.levelSet;
      const phiCell = cellMeanPhi(ls, state.ls.phi);
      const band = peaksOver(model.mechanics!, s, frontBand(ls, phiCell));
      const si = peaksOver(model.mechanics!, s, (c) => ls.cellActive[c] === 1);
      const reacted = peaksOver(model.mechanics!, s, (c) => ls.cellActive[c] === 1 && phiCell[c]! < 0.05);
      const f = reactedFraction(ls, state.ls.phi);
      samples.push({ t: state.time, f, band, si, reacted });
      if (primary(samples[samples.length - 1]!) > best) { best = primary(samples[samples.length - 1]!); peakIndex = samples.length - 1; phiAtPeak = Float64Array.from(state.ls.phi); }
    },
  });
  opts.log(`${ID} (${which}): ${r.steps} steps, reacted fraction ${r.reactedFraction.toFixed(3)}, ${r.stopReason}`);
  return { b, samples, peakIndex, phiAtPeak, steps: r.steps, stopReason: r.stopReason, reactedFraction: r.reactedFraction, seconds: (performance.now() - t0) / 1000 };
}

function bandPrimary(b: BuiltModel): number {
  const { model, state } = b.setup;
  const s = cellStress(model.mechanics!, state.u!);
  return -peaksOver(model.mechanics!, s, frontBand(model.levelSet, cellMeanPhi(model.levelSet, state.ls.phi))).minPrincipal;
}

function figures(dir: string, which: Variant, run: VariantRun): Figure[] {
  const { model, state } = run.b.setup;
  const mesh = model.mechanics!.mesh;
  const s = cellStress(model.mechanics!, state.u!);
  const phi = pointValues(model.ohmic, state.ls.phi);
  const label = which === 'contact' ? '(a) contact spot' : '(b) Li–Si coated';
  const sig3 = scaled(s.principal.filter((_, i) => i % 3 === 2), GPA);
  const J = new Float64Array(mesh.nCells);
  for (let c = 0; c < mesh.nCells; c++) J[c] = Math.hypot(state.Jcell![2 * c]!, state.Jcell![2 * c + 1]!) * 0.1; // A/m² → mA/cm²
  return [
    writeMap(dir, mesh, {
      file: `${which}-min-principal.png`, title: `${label}: most compressive principal stress`, unitLabel: 'GPa',
      caption: `${label}, end of run (reacted fraction ${run.samples[run.samples.length - 1]!.f.toFixed(2)}): most compressive principal stress σ₃ (GPa, cell averages); white line: front φ = 0.5.`,
      values: sig3, location: 'cell', colormap: 'coolwarm', range: symmetricRange(sig3), phi, axisymmetric: true,
    }),
    writeMap(dir, mesh, {
      file: `${which}-von-mises.png`, title: `${label}: von Mises stress`, unitLabel: 'GPa',
      caption: `${label}, end of run: von Mises stress (GPa); white line: front φ = 0.5.`,
      values: scaled(s.vonMises, GPA), location: 'cell', colormap: 'inferno', phi, axisymmetric: true,
    }),
    writeMap(dir, mesh, {
      file: `${which}-current.png`, title: `${label}: current density |J|`, unitLabel: 'mA/cm²',
      caption: `${label}, end of run: current density magnitude (mA/cm², 1 nA total); white line: front φ = 0.5.`,
      values: J, location: 'cell', colormap: 'viridis', phi, axisymmetric: true,
    }),
  ];
}

export const particleContactVsCoated: Reproduction = {
  id: ID,
  title: 'Si particle: contact-spot vs Li–Si-coated lithiation stress',
  run(opts: ReproductionOptions): ReproductionResult {
    const t0 = performance.now();
    const target = 0.3;
    const runs = { contact: runVariant('contact', opts, target), coated: runVariant('coated', opts, target) };
    const peak = (w: Variant) => runs[w].samples[runs[w].peakIndex]!;
    const pc = primary(peak('contact')) * GPA, pb = primary(peak('coated')) * GPA;
    const ratio = pc / pb;
    const hist = (w: Variant) => runs[w].samples.map((s) => +(primary(s) * GPA).toFixed(4));
    const times = (w: Variant) => runs[w].samples.map((s) => +s.t.toPrecision(6));
    const final = (w: Variant) => runs[w].samples[runs[w].samples.length - 1]!;
    const metrics: Record<string, number | number[] | string> = {
      'peakStressGPa.contact': pc,
      'peakStressGPa.coated': pb,
      peakStressRatio: ratio,
      stressMeasure: '|most compressive principal stress| in the LixSi/Si interface band (cells with 0.02 ≤ mean φ ≤ 0.98), P1 cell averages, max over the run',
      'peakStressHistoryGPa.contact': hist('contact'), 'time_s.contact': times('contact'),
      'peakStressHistoryGPa.coated': hist('coated'), 'time_s.coated': times('coated'),
      'peakVonMisesGPa.contact': Math.max(...runs.contact.samples.map((s) => s.band.maxVonMises)) * GPA,
      'peakVonMisesGPa.coated': Math.max(...runs.coated.samples.map((s) => s.band.maxVonMises)) * GPA,
      'peakHydrostaticCompressionGPa.contact': -Math.min(...runs.contact.samples.map((s) => s.band.minHydrostatic)) * GPA,
      'peakHydrostaticCompressionGPa.coated': -Math.min(...runs.coated.samples.map((s) => s.band.minHydrostatic)) * GPA,
      'peakCompressionAnywhereInSiGPa.contact': -Math.min(...runs.contact.samples.map((s) => s.si.minPrincipal)) * GPA,
      'peakCompressionAnywhereInSiGPa.coated': -Math.min(...runs.coated.samples.map((s) => s.si.minPrincipal)) * GPA,
      'peakCompressionFullyReactedGPa.contact': -Math.min(...runs.contact.samples.map((s) => s.reacted.minPrincipal)) * GPA,
      'peakCompressionFullyReactedGPa.coated': -Math.min(...runs.coated.samples.map((s) => s.reacted.minPrincipal)) * GPA,
      'coreTensionGPa.coated': final('coated').si.maxPrincipal * GPA,
      'peakAtTime_s.contact': peak('contact').t, 'peakAtTime_s.coated': peak('coated').t,
      'steps.contact': runs.contact.steps, 'steps.coated': runs.coated.steps,
      'finalReactedFraction.contact': runs.contact.reactedFraction, 'finalReactedFraction.coated': runs.coated.reactedFraction,
      'stopReason.contact': runs.contact.stopReason, 'stopReason.coated': runs.coated.stopReason,
    };
    // Sensitivity on the frozen φ of each variant's peak: strain measure, stiffness blending, core material.
    const variants: { name: string; edit: (j: any) => void }[] = [
      { name: 'baseline: engineering β, E linear in φ, c-Si core', edit: () => {} },
      { name: 'strain measure logarithmic', edit: (j) => { j.mechanics.strainMeasure = 'logarithmic'; } },
      { name: 'strain measure linearized', edit: (j) => { j.mechanics.strainMeasure = 'linearized'; } },
      { name: 'stiffness blending harmonic', edit: (j) => { j.levelSet.blending.stiffness = 'harmonic'; } },
      { name: 'unreacted core a-Si (E 90 GPa)', edit: (j) => { j.materials.Si = { library: 'a-Si' }; } },
    ];
    const sensitivity = variants.map((v) => {
      const a = bandPrimary(solveFrozen(particleVariantJson('contact', opts.quick, v.edit), casesDir(), runs.contact.phiAtPeak, { mechanics: true })) * GPA;
      const c = bandPrimary(solveFrozen(particleVariantJson('coated', opts.quick, v.edit), casesDir(), runs.coated.phiAtPeak, { mechanics: true })) * GPA;
      return { variant: v.name, 'contact |σ₃| (GPa)': +a.toFixed(2), 'coated |σ₃| (GPa)': +c.toFixed(2), ratio: +(a / c).toFixed(3) };
    });
    const checks: Check[] = [
      { quantity: 'peak interface stress, contact-spot particle (GPa, |σ₃|)', paper: 'up to ~30 GPa at the LixSi/Si interface', model: +pc.toFixed(2), acceptance: '20–40 GPa', pass: pc >= 20 && pc <= 40 },
      { quantity: 'peak interface stress, Li–Si-coated particle (GPa, |σ₃|)', paper: 'at most ~20 GPa, uniformly distributed', model: +pb.toFixed(2), acceptance: '13–27 GPa', pass: pb >= 13 && pb <= 27 },
      { quantity: 'peak stress ratio contact / coated', paper: '≈ 30/20 = 1.5', model: +ratio.toFixed(3), acceptance: 'ratio ≥ 1.2', pass: ratio >= 1.2 },
    ];
    const figs: Figure[] = [
      ...figures(opts.outDir, 'contact', runs.contact), ...figures(opts.outDir, 'coated', runs.coated),
      writePlot(opts.outDir, 'peak-stress-history.png', 'Peak |σ₃| in the LixSi/Si interface band versus time, both particles (same total current, 1 nA).', {
        title: 'Peak interface stress during lithiation', xLabel: 'time (min)', yLabel: '|σ₃| at the front (GPa)',
        series: (['contact', 'coated'] as const).map((w) => ({ name: w === 'contact' ? '(a) contact spot' : '(b) coated', x: Float64Array.from(runs[w].samples, (s) => s.t / 60), y: Float64Array.from(runs[w].samples, (s) => primary(s) * GPA) })),
      }),
    ];
    const logRow = sensitivity[1]!, harmRow = sensitivity[3]!;
    const nPass = checks.filter((c) => c.pass).length;
    const shell = (40 * (Math.cbrt(3.8125) - 1)) / 0.72;
    const fr = (w: Variant) => (metrics[`peakCompressionFullyReactedGPa.${w}`] as number).toFixed(1);
    const verdict = [
      nPass === checks.length ? 'Reproduced.' : nPass === 0 ? 'Not reproduced numerically (0 of 3 checks pass); the ordering contact > coated is reproduced.' : `Partly reproduced (${nPass}/${checks.length} checks pass).`,
      `Linear elasticity, engineering swelling strain (β = 3.81^(1/3) − 1 = 0.563 for Li3.75Si), E and β linear in φ, c-Si core: the contact-spot particle peaks at ${pc.toFixed(1)} GPa and the coated one at ${pb.toFixed(1)} GPa (ratio ${ratio.toFixed(2)}); paper ~30 vs ~20 GPa (ratio ~1.5).`,
      `Why: (1) the coated particle's stress is the thin-shell value −Eβ/(1−ν) = ${shell.toFixed(1)} GPa of physics-reference §5/§6.1 (model, fully reacted cells: ${fr('coated')} GPa), ${(shell / 27).toFixed(2)}× the upper acceptance 27 GPa — with this β no small-strain model gets a uniformly lithiated thin shell to ~20 GPa; (2) the peaks sit inside the diffuse front, where linear blending makes E(φ)β(φ) up to 4/3 of the reacted phase's Eβ (fully reacted cells: ${fr('contact')} / ${fr('coated')} GPa; harmonic E blending: ${harmRow['contact |σ₃| (GPa)']} / ${harmRow['coated |σ₃| (GPa)']} GPa); (3) the contact-spot front grows as a finger towards the electron sink (stop: ${runs.contact.stopReason} at reacted fraction ${runs.contact.reactedFraction.toFixed(3)}), an inclusion-like region whose pressure with a c-Si matrix is ≈38 GPa (§5).`,
      `Logarithmic strain gives ${logRow['contact |σ₃| (GPa)']} / ${logRow['coated |σ₃| (GPa)']} GPa; no single assumption in the sensitivity table gives the paper's pair, and none was tuned. Elastic upper bounds: lithiated Si flows plastically at ~1–2 GPa (physics-reference §4.3).`,
    ].join(' ');
    return {
      id: ID, title: particleContactVsCoated.title, source: 'seed 004 (Zhang et al., Nat. Commun. 2025), Fig. 4c,d and Supplementary Fig. 12',
      metrics, checks, figures: figs, verdict, sensitivity,
      assumptions: {
        geometry: 'axisymmetric (r, z) half disk, Si radius 0.5 µm; electron sink (V = 0) on a 100 nm central hub of Si (stands for the electronic path; the paper does not state it)',
        contactSpot: 'outer arc 80°–90° (10° polar half-angle, ≈87 nm radius), total current 1 nA, uniform flux',
        coating: `${COATING * 1e9} nm LixSi (x = 3.75) shell outside the Si, stress-free as built; Li enters the Si through the whole coating|Si interface (φ = 0 there)`,
        stressMeasure: metrics.stressMeasure,
        strainMeasure: 'engineering (physics-reference §5)',
        blending: 'σ log-linear, E and β linear, ν linear in φ',
        frontDensity: 'ρ = Li mass per m³ of unreacted Si at x = 3.75 (physics-reference §1.3 reading (i))',
        mechanicalBCs: 'u_r = 0 on the axis, otherwise traction-free; rigid z translation pinned',
        stopAt: `reacted fraction ${target} of the Si, or the front reaching the central sink (the contact-spot front grows as a finger towards the sink and gets there first)`,
        mesh: `P1 triangles, h = ${opts.quick ? 40 : 12.5} nm; ε = h_max/2`,
        materials: runs.contact.b.setup.assumptions,
        quick: opts.quick,
        wallSecondsPerVariant: { contact: runs.contact.seconds, coated: runs.coated.seconds },
      },
      wallSeconds: (performance.now() - t0) / 1000,
    };
  },
};
