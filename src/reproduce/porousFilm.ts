/**
 * Reproduction 'porous-film' (seed 003, Sakabe et al.: dense and porous sputtered a-Si films under a sulfide SE):
 * dense 1.00 → 2.97 µm at 2880 mAh/g, ~40 % porous 1.55 → 3.38 µm at 3279 mAh/g, pores absorb only ~20 %.
 *
 * Model: plane-strain cross-section of the film on a rigid substrate (bottom bonded), laterally periodic with
 * zero mean lateral strain (a continuous film), free top (the SE follows); uniform isotropic eigenstrain of
 * Li_xSi at the final capacity, static linear elasticity, P2. Pores: random circular holes (built-in generator).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reproduction, ReproductionOptions, ReproductionResult, Check, Figure } from './reproduction.js';
import type { Mesh } from '../mesh/mesh.js';
import { porousFilmMesh } from '../mesh/generators/porousFilm.js';
import { createElasticityProblem, solveElasticity, type ElasticityBc, type ElasticityProblem } from '../physics/elasticity.js';
import { meanNormalDisplacement, regionMeasureChange } from '../physics/mechanicsMetrics.js';
import { volumeRatio, youngsModulusLixSi, poissonRatioLixSi } from '../materials/lithiumSilicon.js';
import { eigenstrainFromVolumeRatio, type SwellingMeasure } from '../materials/swelling.js';
import { xFromCapacityPerSiMass } from '../materials/capacity.js';
import { renderFieldMap } from '../io/fieldMap.js';
import { renderLinePlot } from '../io/linePlot.js';
import { boundaryNormalIntegral, cellStressInvariants, elasticitySolver, regionMean } from './porousMechanics.js';

type Lateral = 'periodic' | 'free';

interface FilmSpec {
  readonly key: 'dense' | 'porous';
  readonly t0: number;
  readonly capacity: number;
  readonly porosity: number;
  readonly paperFinal: number;
}

const FILMS: readonly FilmSpec[] = [
  { key: 'dense', t0: 1.0e-6, capacity: 2880, porosity: 0, paperFinal: 2.97e-6 },
  { key: 'porous', t0: 1.55e-6, capacity: 3279, porosity: 0.4, paperFinal: 3.38e-6 },
];
const SEED = 5;

interface FilmSolve { ratio: number; absorbed: number; absorbedOfSolidGrowth: number; sxxGPa: number; solidArea: number; p: ElasticityProblem; u: Float64Array }

interface FilmSettings { beta: number; E: number; nu: number; lateral: Lateral }

function solveFilm(mesh: Mesh, t0: number, s: FilmSettings): FilmSolve {
  const n = mesh.nCells;
  const bcs: ElasticityBc[] = s.lateral === 'periodic'
    ? [{ type: 'fixed', boundary: 'bottom' }, { type: 'periodic', boundary: 'right', master: 'left', meanStrain: [0, 0, 0] }]
    : [{ type: 'roller', boundary: 'bottom' }, { type: 'roller', boundary: 'left' }];
  const p = createElasticityProblem(mesh, {
    order: 2, formulation: 'planeStrain', bcs, cellYoungs: new Float64Array(n).fill(s.E), cellPoisson: new Float64Array(n).fill(s.nu),
    cellEigenstrain: new Float64Array(n).fill(s.beta),
  });
  const u = solveElasticity(p, elasticitySolver(p)).u;
  const top = meanNormalDisplacement(p, u, 'top');
  const solid = regionMeasureChange(p, u, 'film');
  const pores = mesh.boundaries.get('pores')!.cells.length > 0 ? boundaryNormalIntegral(p, u, 'pores').flux : 0;
  const dPore = -pores;
  const inv = cellStressInvariants(p, u);
  return {
    ratio: (t0 + top) / t0, absorbed: -dPore / (2 * s.beta * (1 + s.nu) * solid.measure),
    absorbedOfSolidGrowth: solid.change !== 0 ? -dPore / solid.change : 0, sxxGPa: regionMean(p, inv.stress, 4, 0, 0) / 1e9,
    solidArea: solid.measure, p, u,
  };
}

function lixsi(capacity: number, measure: SwellingMeasure): { x: number; Vr: number; E: number; nu: number; beta: number } {
  const x = xFromCapacityPerSiMass(capacity);
  const Vr = volumeRatio(x);
  return { x, Vr, E: youngsModulusLixSi(x), nu: poissonRatioLixSi(x), beta: eigenstrainFromVolumeRatio(Vr, measure) };
}

function run(opts: ReproductionOptions): ReproductionResult {
  const t0w = performance.now();
  mkdirSync(opts.outDir, { recursive: true });
  const width = opts.quick ? 0.6e-6 : 1.2e-6;
  const measure: SwellingMeasure = 'engineering';
  const meshes = new Map<string, Mesh>();
  const base = new Map<string, FilmSolve>();
  const mat = new Map<string, ReturnType<typeof lixsi>>();
  const porosityMesh = new Map<string, number>();
  for (const f of FILMS) {
    const h = opts.quick ? f.t0 / 24 : f.t0 / 64;
    const g = porousFilmMesh({ thickness: f.t0, width, porosity: f.porosity, h, seed: SEED, order: 2 });
    meshes.set(f.key, g.mesh);
    const m = lixsi(f.capacity, measure);
    mat.set(f.key, m);
    const r = solveFilm(g.mesh, f.t0, { beta: m.beta, E: m.E, nu: m.nu, lateral: 'periodic' });
    base.set(f.key, r);
    porosityMesh.set(f.key, 1 - r.solidArea / (width * f.t0));
    opts.log(`porous-film: ${f.key} (${g.pores.length / 3} pores, porosity ${(1 - r.solidArea / (width * f.t0)).toFixed(3)}, ${g.mesh.nCells} cells, q_min ${g.statistics.minQuality.toFixed(2)}): `
      + `x = ${m.x.toFixed(3)}, V/V0 = ${m.Vr.toFixed(3)}, β = ${m.beta.toFixed(4)}, thickness ratio ${r.ratio.toFixed(4)}, σ_xx ${r.sxxGPa.toFixed(2)} GPa, absorbed ${r.absorbed.toFixed(3)}`);
  }
  const dense = base.get('dense')!, porous = base.get('porous')!;
  const md = mat.get('dense')!, mp = mat.get('porous')!;
  // Closed forms for the dense, laterally clamped film (PR §6.5): σ_xx = −Eβ/(1−ν), ε_yy = β(1+ν)/(1−ν).
  const sxxRef = (-md.E * md.beta) / (1 - md.nu) / 1e9;
  const ratioRef = 1 + (md.beta * (1 + md.nu)) / (1 - md.nu);
  const paperDense = 2.97, paperPorous = 3.38 / 1.55;
  const phiP = porosityMesh.get('porous')!;
  // The paper's volume balance with no pore absorption: solid swells by V/V0, pores keep their volume.
  const noAbsorptionPorous = ((1 - phiP) * mp.Vr + phiP);

  // Sensitivity: strain measure × lateral BC (model ν), then ν → 0.5 with the linearized measure.
  const sensitivity: Record<string, number | string>[] = [];
  const addRow = (label: string, ms: SwellingMeasure, lateral: Lateral, nuOverride?: number): void => {
    const row: Record<string, number | string> = { variant: label, strainMeasure: ms, lateralBC: lateral === 'periodic' ? 'periodic, ε̄_xx = 0 (bonded, continuous film)' : 'free lateral (frictionless substrate)', blending: 'n/a (uniform end state, no diffuse front)' };
    for (const f of FILMS) {
      const m = lixsi(f.capacity, ms);
      const nu = nuOverride ?? m.nu;
      const r = solveFilm(meshes.get(f.key)!, f.t0, { beta: m.beta, E: m.E, nu, lateral });
      row[`nu_${f.key}`] = +nu.toFixed(3);
      row[`thicknessRatio_${f.key}`] = +r.ratio.toFixed(4);
      if (f.key === 'porous') row.poreAbsorbedFraction = +r.absorbed.toFixed(3);
    }
    sensitivity.push(row);
  };
  for (const ms of ['engineering', 'logarithmic', 'linearized'] as const) {
    for (const lat of ['periodic', 'free'] as const) addRow(`${ms}, ${lat}`, ms, lat);
  }
  addRow('linearized, periodic, ν = 0.45', 'linearized', 'periodic', 0.45);
  addRow('linearized, periodic, ν = 0.49 (≈ incompressible flow)', 'linearized', 'periodic', 0.49);

  const figures = writeFigures(opts, meshes, base, width);
  const checks: Check[] = [
    {
      quantity: 'validation: dense film mean σ_xx vs thin-film closed form −Eβ/(1−ν) (PR §6.5), GPa', paper: `${sxxRef.toFixed(3)} GPa (closed form)`,
      model: +dense.sxxGPa.toFixed(4), acceptance: '|relative error| ≤ 1 %', pass: Math.abs(dense.sxxGPa / sxxRef - 1) <= 0.01,
    },
    {
      quantity: 'validation: dense film thickness ratio vs 1 + β(1+ν)/(1−ν) (laterally clamped, free top)', paper: `${ratioRef.toFixed(4)} (closed form)`,
      model: +dense.ratio.toFixed(4), acceptance: '|relative error| ≤ 1 %', pass: Math.abs(dense.ratio / ratioRef - 1) <= 0.01,
    },
    {
      quantity: 'dense film thickness ratio at 2880 mAh/g', paper: '2.97 (1.00 → 2.97 µm)', model: +dense.ratio.toFixed(4),
      acceptance: 'within ±10 % of 2.97', pass: Math.abs(dense.ratio / paperDense - 1) <= 0.1,
    },
    {
      quantity: 'porous film thickness ratio at 3279 mAh/g', paper: '2.18 (1.55 → 3.38 µm)', model: +porous.ratio.toFixed(4),
      acceptance: 'within ±10 % of 2.18', pass: Math.abs(porous.ratio / paperPorous - 1) <= 0.1,
    },
    {
      quantity: 'pore-absorbed fraction of the free solid swelling, porous film', paper: '≈ 0.2 (pores cover only ~20 % of the expansion)',
      model: +porous.absorbed.toFixed(4), acceptance: '0.1 – 0.3', pass: porous.absorbed >= 0.1 && porous.absorbed <= 0.3,
    },
  ];
  const gapDense = (dense.ratio - 1) / (paperDense - 1);
  const gapPorous = (porous.ratio - 1) / (paperPorous - 1);
  const nuRow = sensitivity[sensitivity.length - 1]!;
  const verdict =
    `Not reproduced by linear elasticity, for a known reason. With an isotropic eigenstrain in a laterally clamped film the lateral part of the swelling is `
    + `stored as in-plane stress (σ_xx = ${dense.sxxGPa.toFixed(1)} GPa, matching −Eβ/(1−ν) to ${(100 * (dense.sxxGPa / sxxRef - 1)).toFixed(2)} %) instead of being redirected into the thickness, `
    + `so the thickness strain is only β(1+ν)/(1−ν): dense ratio ${dense.ratio.toFixed(3)} vs the paper's 2.97 (${(100 * gapDense).toFixed(0)} % of the observed thickening), `
    + `porous ratio ${porous.ratio.toFixed(3)} vs 2.18 (${(100 * gapPorous).toFixed(0)} %). The real films flow plastically (LixSi yields at ~1 GPa), which conserves volume and `
    + `pushes the whole ΔV into the thickness: the paper's dense value 2.97 is close to V/V0 = ${md.Vr.toFixed(2)}. The sensitivity table shows the elastic model only approaches `
    + `that limit with the linearized measure and ν → 0.5 (ν = 0.49: dense ${nuRow.thicknessRatio_dense}, porous ${nuRow.thicknessRatio_porous}); strain measure and lateral BC move the `
    + `ratio by ±${(100 * spread(sensitivity.slice(0, 6).map((r) => r.thicknessRatio_dense as number))).toFixed(0)} % but never reach 2.97 with the material's ν. `
    + `Pore absorption: ${porous.absorbed >= 0 ? `the model's pores shrink by ${(100 * porous.absorbed).toFixed(0)} % of the free solid swelling` : `the model's pores grow instead of shrinking (absorbed fraction ${porous.absorbed.toFixed(2)}): with a uniform eigenstrain the traction-free pore walls swell with the solid`} (paper ≈ 20 %); `
    + `the paper's volume balance without absorption would give ${noAbsorptionPorous.toFixed(2)}. Assumptions: plane strain, engineering β, V/V0 = 1 + 0.75x, E(x), ν(x) of lithiumSilicon.ts, `
    + `rigid bonded substrate, periodic ε̄_xx = 0, free top (the SE exerts no load), representative circular pores (r ≤ t/8) instead of 10–50 nm He bubbles.`;
  return {
    id: 'porous-film',
    title: 'Dense vs porous a-Si films under a sulfide SE: thickening on lithiation',
    source: 'seed 003 (Sakabe et al.: dense 1.00 → 2.97 µm at 2880 mAh/g; porous 1.55 → 3.38 µm at 3279 mAh/g; pores absorb ~20 %)',
    metrics: {
      'thicknessRatio.dense': +dense.ratio.toFixed(5),
      'thicknessRatio.porous': +porous.ratio.toFixed(5),
      'thicknessRatio.paper.dense': +paperDense.toFixed(4),
      'thicknessRatio.paper.porous': +paperPorous.toFixed(4),
      'thicknessRatio.closedForm.dense': +ratioRef.toFixed(5),
      'thicknessRatio.volumeBalance.dense': +md.Vr.toFixed(4),
      'thicknessRatio.volumeBalanceNoAbsorption.porous': +noAbsorptionPorous.toFixed(4),
      poreAbsorbedFraction: +porous.absorbed.toFixed(5),
      poreAbsorbedFractionOfSolidGrowth: +porous.absorbedOfSolidGrowth.toFixed(5),
      'inPlaneStressGPa.dense': +dense.sxxGPa.toFixed(4),
      'inPlaneStressGPa.porous': +porous.sxxGPa.toFixed(4),
      'inPlaneStressGPa.closedForm.dense': +sxxRef.toFixed(4),
      'porosity.porous': +phiP.toFixed(4),
    },
    assumptions: {
      geometry: `plane-strain cross-section, periodic width ${width * 1e6} µm; dense t0 = 1.00 µm, porous t0 = 1.55 µm`,
      mechanicalBC: 'bottom bonded to a rigid substrate (u = 0); left/right periodic with zero mean lateral strain; top traction-free',
      lithiation: {
        dense: `2880 mAh/g → x = ${md.x.toFixed(4)}, V/V0 = ${md.Vr.toFixed(4)}, E = ${(md.E / 1e9).toFixed(2)} GPa, ν = ${md.nu.toFixed(4)}, β = ${md.beta.toFixed(4)}`,
        porous: `3279 mAh/g → x = ${mp.x.toFixed(4)}, V/V0 = ${mp.Vr.toFixed(4)}, E = ${(mp.E / 1e9).toFixed(2)} GPa, ν = ${mp.nu.toFixed(4)}, β = ${mp.beta.toFixed(4)}`,
        source: 'capacity.ts (954.28 mAh/g per Li), lithiumSilicon.ts (V/V0 = 1 + 0.75x, E and ν linear in x)',
      },
      strainMeasure: `${measure} (β = (V/V0)^(1/3) − 1); others in the sensitivity table`,
      blending: 'σ/E blending does not enter: the end state is uniformly lithiated (no diffuse front); the table varies ν instead, the only material parameter the thickness depends on',
      pores: `random circular holes (seed ${SEED}), r ≤ t/8, r ≥ t/32, wall ≥ t/40, ≥ t/40 from substrate and surface, built-in Delaunay generator porousFilmMesh`,
      definitions: {
        thicknessRatio: '(t0 + mean u_y over the top surface) / t0, first order in u',
        poreAbsorbedFraction: '−ΔA_pores / (2β(1+ν)·A_solid), ΔA_pores = −∮_pores u·n_solid dΓ: pore shrinkage over the unconstrained in-plane solid swelling',
        poreAbsorbedFractionOfSolidGrowth: '−ΔA_pores / ∫_solid (ε_xx + ε_yy) dA (share of the actual solid area growth that went into the pores)',
        inPlaneStressGPa: 'area mean of σ_xx over the film',
      },
      element: 'P2 (tri6), pore midside nodes on the circles; CG + smoothed-aggregation AMG',
      notModelled: 'plastic flow (the main reason for the gap), SE layer stiffness and stack pressure, finite strain, crack formation, real 10–50 nm pores',
    },
    checks,
    figures,
    verdict,
    sensitivity,
    wallSeconds: (performance.now() - t0w) / 1000,
  };
}

function spread(v: number[]): number {
  const lo = Math.min(...v), hi = Math.max(...v);
  return (hi - lo) / (hi + lo);
}

function writeFigures(opts: ReproductionOptions, meshes: Map<string, Mesh>, base: Map<string, FilmSolve>, width: number): Figure[] {
  const figures: Figure[] = [];
  for (const f of FILMS) {
    const r = base.get(f.key)!;
    const inv = cellStressInvariants(r.p, r.u);
    const sxx = Float64Array.from({ length: r.p.mesh.nCells }, (_, c) => inv.stress[4 * c]! / 1e9);
    const file = `sigmaXX_${f.key}.png`;
    writeFileSync(join(opts.outDir, file), renderFieldMap(meshes.get(f.key)!, sxx, {
      width: 700, height: 900, title: `σ_xx, ${f.key} film at ${f.capacity} mAh/g`, unitLabel: 'GPa', lengthScale: 1e6, location: 'cell', colormap: 'viridis',
    }));
    figures.push({ file, caption: `In-plane stress σ_xx (GPa, cell averages) in the ${f.key} film (undeformed geometry), periodic width ${width * 1e6} µm, rigid substrate at y = 0` });
  }
  // Thickness ratio along the lithiation (the model is linear in β; E, ν, β follow x).
  const fr = [0, 0.25, 0.5, 0.75, 1];
  const series = [];
  for (const f of FILMS) {
    const q = Float64Array.from(fr, (s) => s * f.capacity);
    const y = Float64Array.from(q, (Q) => {
      if (Q === 0) return 1;
      const m = lixsi(Q, 'engineering');
      return solveFilm(meshes.get(f.key)!, f.t0, { beta: m.beta, E: m.E, nu: m.nu, lateral: 'periodic' }).ratio;
    });
    series.push({ name: `model, ${f.key}`, x: q, y });
    series.push({ name: `paper, ${f.key} (end points)`, x: Float64Array.from([0, f.capacity]), y: Float64Array.from([1, f.paperFinal / f.t0]) });
  }
  const qd = Float64Array.from(fr, (s) => s * FILMS[0]!.capacity);
  series.push({ name: 'dense, all ΔV into thickness (V/V0)', x: qd, y: Float64Array.from(qd, (Q) => volumeRatio(xFromCapacityPerSiMass(Q))) });
  writeFileSync(join(opts.outDir, 'thickness_vs_capacity.png'), renderLinePlot({
    width: 900, height: 600, title: 'Film thickness ratio vs capacity', xLabel: 'capacity (mAh/g Si)', yLabel: 't / t0', series,
  }));
  figures.push({ file: 'thickness_vs_capacity.png', caption: 'Thickness ratio vs capacity: linear-elastic model (laterally clamped, engineering β) against the paper end points and the all-volume-into-thickness line' });
  return figures;
}

export const porousFilm: Reproduction = {
  id: 'porous-film',
  title: 'Dense vs porous a-Si films under a sulfide SE: thickening on lithiation',
  run,
};
