/**
 * Core–shell misfit with a swollen shell (physics-reference §6.1 sphere, §6.3 plane-strain cylinder): a = 0.5,
 * b = 1, core 160 GPa / 0.22 (β = 0), shell 40 GPa / 0.24 (β = 0.5). P2 on curved ring meshes.
 * The 1 % tolerance is the spec's. Measured with 32 rings: worst node ≤ 0.63 % (σ_r at a+, one-sided P2
 * extrapolation to the interface), cell averages ≤ 0.05 %; a wrong eigenstress coefficient (3K vs 2(λ+μ)) or a
 * missing θθ term would be off by tens of percent. 16 rings gave up to 2.2 % at the interface nodes.
 */
import { describe, it, expect } from 'vitest';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { createElasticityProblem, solveElasticity } from '../../src/physics/elasticity.js';
import { cellAverages, recoverRegionNodal, splitMeshByRegion, regionNodalOnSplitMesh } from '../../src/physics/stressRecovery.js';
import { boundaryPeaks, regionMeasureChange, regionPeaks, meanNormalDisplacement } from '../../src/physics/mechanicsMetrics.js';
import { lameFromYoung, bulkModulus } from '../../src/materials/elastic.js';
import { directSolver, polarStress } from './helpers.js';

const GPa = 1e9;
const a = 0.5, b = 1, E1 = 160e9, nu1 = 0.22, E2 = 40e9, nu2 = 0.24, beta = 0.5;

function materials(mesh: Mesh) {
  const n = mesh.nCells;
  const shell = mesh.regionNames.indexOf('shell');
  const E = new Float64Array(n), nu = new Float64Array(n), bt = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const s = mesh.cellRegion[c] === shell;
    E[c] = s ? E2 : E1; nu[c] = s ? nu2 : nu1; bt[c] = s ? beta : 0;
  }
  return { cellYoungs: E, cellPoisson: nu, cellEigenstrain: bt };
}

const rel = (x: number, ref: number): number => Math.abs(x - ref) / Math.abs(ref);

/** Max relative error of f(point) against ref over the region's recovered nodes at radius ρ. */
function nodalCheck(fields: ReturnType<typeof recoverRegionNodal>, mesh: Mesh, region: string, rho: number,
  f: (s: Float64Array, o: number, x: number, y: number) => number, ref: number): { worst: number; n: number } {
  const fld = fields.find((g) => g.region === region)!;
  let worst = 0, n = 0;
  for (let i = 0; i < fld.points.length; i++) {
    const pt = fld.points[i]!;
    const x = mesh.points[2 * pt]!, y = mesh.points[2 * pt + 1]!;
    if (Math.abs(Math.hypot(x, y) - rho) > 1e-9) continue;
    worst = Math.max(worst, rel(f(fld.stress, 4 * i, x, y), ref));
    n++;
  }
  return { worst, n };
}

describe('core–shell misfit', () => {
  it('plane-strain cylinder (§6.3): core +12.162, shell hoop −20.271 (a+) / −8.108 (b), σ_z −21.946 GPa within 1 %', () => {
    const mesh = diskMesh({ radius: b, shells: [{ name: 'shell', innerRadius: a }], sector: 'quarter', nRings: 32, order: 2 });
    const p = createElasticityProblem(mesh, {
      order: 2, formulation: 'planeStrain', ...materials(mesh),
      bcs: [{ type: 'roller', boundary: 'axis' }, { type: 'roller', boundary: 'bottom' }],
    });
    const { u } = solveElasticity(p, directSolver());
    const { stress } = cellAverages(p, u);
    const core = mesh.regionNames.indexOf('core');
    let worstCore = 0;
    for (let c = 0; c < mesh.nCells; c++) {
      if (mesh.cellRegion[c] !== core) continue;
      worstCore = Math.max(worstCore, rel(stress[4 * c]!, 12.162 * GPa), rel(stress[4 * c + 1]!, 12.162 * GPa), rel(stress[4 * c + 3]!, 5.351 * GPa));
    }
    const fields = recoverRegionNodal(p, u);
    const hoopA = nodalCheck(fields, mesh, 'shell', a, (s, o, x, y) => polarStress(s, o, x, y).tt, -20.271 * GPa);
    const radA = nodalCheck(fields, mesh, 'shell', a, (s, o, x, y) => polarStress(s, o, x, y).rr, 12.162 * GPa);
    const hoopB = nodalCheck(fields, mesh, 'shell', b, (s, o, x, y) => polarStress(s, o, x, y).tt, -8.108 * GPa);
    const zA = nodalCheck(fields, mesh, 'shell', a, (s, o) => s[o + 3]!, -21.946 * GPa);
    const peaks = boundaryPeaks(p, u, 'core|shell');
    const cr = regionPeaks(p, u).core!;
    console.log(`cylinder: core worst ${(100 * worstCore).toFixed(3)} %, shell hoop a+ ${(100 * hoopA.worst).toFixed(3)} % (${hoopA.n} nodes), ` +
      `σ_r a+ ${(100 * radA.worst).toFixed(3)} %, hoop b ${(100 * hoopB.worst).toFixed(3)} %, σ_z a+ ${(100 * zA.worst).toFixed(3)} %; ` +
      `interface min principal shell side ${(peaks.other!.minPrincipal / GPa).toFixed(3)} GPa, core side max ${(peaks.own.maxPrincipal / GPa).toFixed(3)} GPa`);
    expect(worstCore).toBeLessThan(0.01);
    for (const r of [hoopA, radA, hoopB, zA]) { expect(r.n).toBeGreaterThan(5); expect(r.worst).toBeLessThan(0.01); }
    // Both sides of the interface: shell side most compressive = σ_z = −21.946; core side σ1 = +12.162 GPa.
    expect(rel(peaks.other!.minPrincipal, -21.946 * GPa)).toBeLessThan(0.01);
    expect(rel(peaks.own.maxPrincipal, 12.162 * GPa)).toBeLessThan(0.01);
    expect(rel(cr.maxHydrostatic, ((2 * 12.162 + 5.351) / 3) * GPa)).toBeLessThan(0.01);
    // Shell peaks at its nodes: the most compressive principal stress is σ_z = −21.946 GPa (uniform in the shell).
    expect(rel(regionPeaks(p, u, 'nodes').shell!.minPrincipal, -21.946 * GPa)).toBeLessThan(0.01);
    // Core area change: ε_r = ε_θ = σ/(2(λ1 + μ1)) with ε_z = 0, so ΔA/A = σ_core/(λ1 + μ1).
    const { lambda, mu } = lameFromYoung(E1, nu1);
    const dA = regionMeasureChange(p, u, 'core');
    expect(rel(dA.measure, (Math.PI * a * a) / 4)).toBeLessThan(1e-6); // curved P2 edges: area to O(h^4)
    expect(rel(dA.relative, (12.162 * GPa) / (lambda + mu))).toBeLessThan(0.01);
    // Split mesh: interface points are duplicated, each copy carries its own side's hoop stress.
    const split = splitMeshByRegion(mesh);
    expect(split.mesh.nCells).toBe(mesh.nCells);
    const onSplit = regionNodalOnSplitMesh(split, fields, 'stress');
    let jumps = 0;
    for (let i = 0; i < split.pointOrigin.length; i++) {
      const o = split.pointOrigin[i]!;
      const x = mesh.points[2 * o]!, y = mesh.points[2 * o + 1]!;
      if (Math.abs(Math.hypot(x, y) - a) > 1e-9) continue;
      const tt = polarStress(onSplit, 4 * i, x, y).tt;
      const ref = split.pointRegion[i] === core ? 12.162 * GPa : -20.271 * GPa;
      expect(rel(tt, ref)).toBeLessThan(0.01);
      jumps++;
    }
    expect(split.pointOrigin.length).toBe(mesh.nPoints + jumps / 2);
  });

  it('axisymmetric sphere (§6.1): core +21.672, shell σ_r(a+) +21.672, σ_θ −15.480 (a+) / −4.644 (b) GPa within 1 %', () => {
    const mesh = diskMesh({ radius: b, shells: [{ name: 'shell', innerRadius: a }], sector: 'half', nRings: 32, order: 2 });
    const p = createElasticityProblem(mesh, {
      order: 2, formulation: 'axisymmetric', ...materials(mesh), bcs: [{ type: 'symmetryAxis' }], removeRigidBodyModes: true,
    });
    const { u } = solveElasticity(p, directSolver());
    const { stress } = cellAverages(p, u);
    const core = mesh.regionNames.indexOf('core');
    let worstCore = 0;
    for (let c = 0; c < mesh.nCells; c++) {
      if (mesh.cellRegion[c] !== core) continue;
      for (const k of [0, 1, 3]) worstCore = Math.max(worstCore, rel(stress[4 * c + k]!, 21.672 * GPa));
    }
    const fields = recoverRegionNodal(p, u);
    const hoopA = nodalCheck(fields, mesh, 'shell', a, (s, o) => s[o + 3]!, -15.480 * GPa);
    const merA = nodalCheck(fields, mesh, 'shell', a, (s, o, x, y) => polarStress(s, o, x, y).tt, -15.480 * GPa);
    const radA = nodalCheck(fields, mesh, 'shell', a, (s, o, x, y) => polarStress(s, o, x, y).rr, 21.672 * GPa);
    const hoopB = nodalCheck(fields, mesh, 'shell', b, (s, o) => s[o + 3]!, -4.644 * GPa);
    console.log(`sphere: core worst ${(100 * worstCore).toFixed(3)} %, shell σ_θθ a+ ${(100 * hoopA.worst).toFixed(3)} %, meridional a+ ` +
      `${(100 * merA.worst).toFixed(3)} %, σ_r a+ ${(100 * radA.worst).toFixed(3)} %, σ_θθ b ${(100 * hoopB.worst).toFixed(3)} %`);
    expect(worstCore).toBeLessThan(0.01);
    for (const r of [hoopA, merA, radA, hoopB]) { expect(r.n).toBeGreaterThan(5); expect(r.worst).toBeLessThan(0.01); }
    // Core volume change: uniform ε = A1 = σ_core/(3K1), so ΔV/V = σ_core/K1; volume (4/3)πa³ to O(h^4).
    const dV = regionMeasureChange(p, u, 'core');
    expect(rel(dV.measure, (4 / 3) * Math.PI * a ** 3)).toBeLessThan(1e-5);
    expect(rel(dV.relative, (21.672 * GPa) / bulkModulus(E1, nu1))).toBeLessThan(0.01);
    // Outer surface: u(b) = A2 b + B2/b² with B2 from §6.1 (p = 0).
    const K1 = bulkModulus(E1, nu1), K2 = bulkModulus(E2, nu2), mu2 = lameFromYoung(E2, nu2).mu, f = a ** 3 / b ** 3;
    const B2 = (a ** 3 * (-3 * K1 * beta)) / (3 * K1 + 4 * mu2 - 4 * mu2 * f * (1 - K1 / K2));
    const A2 = beta + (4 * mu2 * B2) / b ** 3 / (3 * K2);
    // Rigid z pin: u·n on the sphere picks up the translation only through ∫ n_z dA = 0 (symmetric), so none.
    expect(rel(meanNormalDisplacement(p, u, 'outer'), A2 * b + B2 / (b * b))).toBeLessThan(0.01);
  });
});
