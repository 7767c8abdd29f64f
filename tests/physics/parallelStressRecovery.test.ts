/**
 * Stress recovery on the worker pool: bitwise equal to the serial recovery for 1, 2, 3 threads (and the serial
 * recovery bitwise equal to the sampler-based algorithm it replaced), and correct against Hooke's law for fields whose
 * strain is known in closed form. Needs `npm run build` (workers load dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { elevateToP2 } from '../../src/mesh/elevate.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { interpolate } from '../../src/fem/functionSpace.js';
import { createElasticityProblem, type ElasticityProblem, type MaterialAtQuad } from '../../src/physics/elasticity.js';
import type { ElasticFormulation } from '../../src/materials/elastic.js';
import {
  cellAverages, createStressSampler, gatherRegionNodal, nodalCellValues, recoverRegionNodal, type RegionNodalField,
} from '../../src/physics/stressRecovery.js';
import { cellAveragesOnPool, recoverRegionNodalOnPool, stressRecoveryModule } from '../../src/physics/parallelStressRecovery.js';
import { createWorkerPool, type WorkerPool } from '../../src/parallel/pool.js';

const THREADS = [1, 2, 3];
const bytes = (a: Float64Array): Buffer => Buffer.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Deterministic pseudo-random numbers in [0, 1) (LCG), so failures reproduce. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function problem(mesh: Mesh, order: 1 | 2, formulation: ElasticFormulation, opts: { cellData?: boolean; hook?: MaterialAtQuad } = {}): ElasticityProblem {
  const n = mesh.nCells, rnd = lcg(7);
  const E = new Float64Array(n).fill(70e9), nu = new Float64Array(n).fill(0.3), beta = new Float64Array(n).fill(0.02);
  if (opts.cellData) for (let c = 0; c < n; c++) { E[c] = 50e9 + 100e9 * rnd(); nu[c] = 0.1 + 0.3 * rnd(); beta[c] = 0.1 * rnd(); }
  return createElasticityProblem(mesh, {
    order, formulation, bcs: [], cellYoungs: E, cellPoisson: nu, cellEigenstrain: beta, ...(opts.hook ? { materialAtQuad: opts.hook } : {}),
  });
}

/** A smooth displacement plus per-node noise (not in the FE space of any lower degree), metres. */
function roughField(p: ElasticityProblem, seed: number): Float64Array {
  const rnd = lcg(seed);
  return interpolate(p.space, (x, y, c) => (c === 0 ? 1e-3 * (x * x - 0.3 * y) : 2e-3 * x * y) + 1e-4 * (rnd() - 0.5));
}

/** The recovery algorithm before the pool refactor: createStressSampler on the problem's CellValues. */
function samplerCellAverages(p: ElasticityProblem, u: Float64Array): { strain: Float64Array; stress: Float64Array } {
  const cv = p.cv, nq = cv.nQuad, nc = p.mesh.nCells;
  const sample = createStressSampler(p, cv);
  const eq = new Float64Array(4 * nq), sq = new Float64Array(4 * nq);
  const strain = new Float64Array(4 * nc), stress = new Float64Array(4 * nc);
  for (let c = 0; c < nc; c++) {
    sample(u, c, eq, sq);
    let vol = 0;
    for (let q = 0; q < nq; q++) {
      const w = cv.dx[q]!;
      vol += w;
      for (let k = 0; k < 4; k++) { strain[4 * c + k] += w * eq[4 * q + k]!; stress[4 * c + k] += w * sq[4 * q + k]!; }
    }
    for (let k = 0; k < 4; k++) { strain[4 * c + k] /= vol; stress[4 * c + k] /= vol; }
  }
  return { strain, stress };
}

function samplerRegionNodal(p: ElasticityProblem, u: Float64Array): RegionNodalField[] {
  const sample = createStressSampler(p, nodalCellValues(p));
  const measure = new Float64Array(p.mesh.nCells);
  for (let c = 0; c < measure.length; c++) { p.cv.reinit(c); let s = 0; for (let q = 0; q < p.cv.nQuad; q++) s += p.cv.dx[q]!; measure[c] = s; }
  return gatherRegionNodal(p.mesh, measure, (c, eq, sq) => sample(u, c, eq, sq));
}

function expectSameNodal(a: RegionNodalField[], b: RegionNodalField[]): void {
  expect(a.map((f) => f.region)).toEqual(b.map((f) => f.region));
  a.forEach((f, i) => {
    expect(Buffer.from(f.points.buffer, f.points.byteOffset, f.points.byteLength).equals(Buffer.from(b[i]!.points.buffer, b[i]!.points.byteOffset, b[i]!.points.byteLength))).toBe(true);
    expect(bytes(f.strain).equals(bytes(b[i]!.strain))).toBe(true);
    expect(bytes(f.stress).equals(bytes(b[i]!.stress))).toBe(true);
  });
}

describe('stress recovery on the worker pool', { timeout: 60_000 }, () => {
  const pools: WorkerPool[] = [];
  beforeAll(() => { for (const t of THREADS) pools.push(createWorkerPool(t, { kernelModules: [stressRecoveryModule()] })); });
  afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

  // More than one 2048-cell chunk each, so the second and third threads get work.
  const square = unitSquareMesh(40, 40, 'right'); // 3200 tri3 cells
  const disk = diskMesh({ radius: 2e-6, sector: 'quarter', nRings: 45, order: 2, shells: [{ name: 'shell', innerRadius: 1.2e-6 }] });
  // Position-dependent material through the per-point hook (runs on the calling thread only).
  const radialHook: MaterialAtQuad = (cv, _cell, E, nu, beta) => {
    for (let q = 0; q < cv.nQuad; q++) {
      const r = cv.xq[2 * q]! / 2e-6, z = cv.xq[2 * q + 1]! / 2e-6;
      E[q] = 80e9 * (1 + 0.5 * r * r); nu[q] = 0.22 + 0.1 * z; beta[q] = 0.05 * Math.sin(3 * r + z);
    }
  };
  const variants: { name: string; make: () => { p: ElasticityProblem; u: Float64Array } }[] = [
    { name: 'P1 plane strain, tri3, per-cell data', make: () => { const p = problem(square, 1, 'planeStrain', { cellData: true }); return { p, u: roughField(p, 1) }; } },
    { name: 'P2 axisymmetric, curved tri6 quarter disk, materialAtQuad(r, z)', make: () => {
      const p = problem(disk, 2, 'axisymmetric', { hook: radialHook });
      const rnd = lcg(3);
      // u_r = 0 on the axis (as the symmetry BC imposes), noise elsewhere.
      const u = interpolate(p.space, (x, y, c) => (c === 0 ? (x > 0 ? 1e-9 * (x / 2e-6 + rnd()) : 0) : 1e-9 * (y / 2e-6) * rnd()));
      return { p, u };
    } },
    { name: 'P2 plane stress, straight tri6, per-cell data', make: () => { const p = problem(elevateToP2(unitSquareMesh(33, 33, 'left')), 2, 'planeStress', { cellData: true }); return { p, u: roughField(p, 5) }; } },
    { name: 'P1 generalized plane strain, ε_zz = 1.7e-3', make: () => { const p = problem(square, 1, 'generalizedPlaneStrain', { cellData: true }); p.axialStrain = 1.7e-3; return { p, u: roughField(p, 9) }; } },
  ];

  for (const v of variants) {
    it(`${v.name}: pool (1, 2, 3 threads) = serial = sampler algorithm, bit for bit`, () => {
      const { p, u } = v.make();
      const serial = cellAverages(p, u);
      expect(serial.stress.some((s) => s !== 0) && serial.stress.every(Number.isFinite)).toBe(true);
      const old = samplerCellAverages(p, u);
      expect(bytes(serial.strain).equals(bytes(old.strain))).toBe(true);
      expect(bytes(serial.stress).equals(bytes(old.stress))).toBe(true);
      for (const pool of pools) {
        const par = cellAveragesOnPool(pool, p, u);
        expect(bytes(par.strain).equals(bytes(serial.strain)), `${pool.nThreads} threads`).toBe(true);
        expect(bytes(par.stress).equals(bytes(serial.stress)), `${pool.nThreads} threads`).toBe(true);
      }
      const nodal = recoverRegionNodal(p, u);
      expectSameNodal(nodal, samplerRegionNodal(p, u));
      for (const pool of pools) expectSameNodal(recoverRegionNodalOnPool(pool, p, u), nodal);
    });
  }

  it('repeated calls (a time loop) do not grow the pool table', () => {
    const p = problem(square, 1, 'planeStrain', { cellData: true });
    const u = roughField(p, 2);
    const pool = pools[1]!;
    // The highest id handed to 40 fresh registrations shows the table's size (freed ids are reused first).
    const probeMaxId = (): number => {
      const probes = Array.from({ length: 40 }, () => new Float64Array(new SharedArrayBuffer(8)));
      const ids = probes.map((a) => pool.idOf(a));
      for (const a of probes) pool.release(a);
      return Math.max(...ids);
    };
    cellAveragesOnPool(pool, p, u); recoverRegionNodalOnPool(pool, p, u);
    const before = probeMaxId();
    for (let k = 0; k < 8; k++) { cellAveragesOnPool(pool, p, u); recoverRegionNodalOnPool(pool, p, u); }
    expect(probeMaxId()).toBe(before);
  });

  it('a pool without the module is rejected with a message naming stressRecoveryModule', async () => {
    const p = problem(unitSquareMesh(4), 1, 'planeStrain');
    const u = new Float64Array(p.space.nDofs);
    for (const t of [1, 2]) {
      const bare = createWorkerPool(t);
      try {
        expect(() => cellAveragesOnPool(bare, p, u)).toThrow(/stressRecoveryModule/);
        expect(() => recoverRegionNodalOnPool(bare, p, u)).toThrow(/stressRecoveryModule/);
      } finally { await bare.close(); }
    }
  });
});

/**
 * Independent references: displacement fields whose strain is known in closed form, against Hooke's law written out
 * here (src/materials/elastic.ts header, physics-reference §1.4). Tolerance: the recovered strain is a sum of a few
 * nodal values times inverse-Jacobian entries (O(10) flops on O(1) data, each rounded to 2⁻⁵³ ≈ 1.1e-16 relative);
 * with the cancellation of differencing nodal values the error stays below ~1e-14 of the strain scale, so 1e-12
 * (relative to the largest component) leaves a wide margin while any formula error would be O(1).
 */
describe('stress recovery against closed-form strains', () => {
  const E = 90e9, nu = 0.22, beta = 0.01;
  const lam = (E * nu) / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu)), threeK = 3 * lam + 2 * mu;
  const pools: WorkerPool[] = [];
  beforeAll(() => { pools.push(createWorkerPool(2, { kernelModules: [stressRecoveryModule()] })); });
  afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

  /** Max |a − b| over all entries relative to max |b|. */
  function relErr(a: Float64Array, b: Float64Array): number {
    let d = 0, s = 0;
    for (let i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i]! - b[i]!)); s = Math.max(s, Math.abs(b[i]!)); }
    return d / s;
  }

  /** Reference [strain, stress] per cell from the exact cell-average strain (e_xx, e_yy, e_xy, e_33). */
  function hooke(form: ElasticFormulation, e: [number, number, number, number]): [number[], number[]] {
    const [exx, eyy, exy] = e;
    if (form === 'planeStress') {
      // σ_zz = 0: reduced constants λ* = Eν/(1 − ν²), eigenstress Eβ/(1 − ν); ε_zz = −(ν/(1 − ν))(tr₂ε) + ((1 + ν)/(1 − ν))β.
      const ls = (E * nu) / (1 - nu * nu), tr = exx + eyy, s = ls * tr - (E * beta) / (1 - nu);
      const ezz = (-nu / (1 - nu)) * tr + ((1 + nu) / (1 - nu)) * beta;
      return [[exx, eyy, exy, ezz], [s + 2 * mu * exx, s + 2 * mu * eyy, 2 * mu * exy, 0]];
    }
    const e33 = form === 'planeStrain' ? 0 : e[3];
    const s = lam * (exx + eyy + e33) - threeK * beta;
    return [[exx, eyy, exy, e33], [s + 2 * mu * exx, s + 2 * mu * eyy, 2 * mu * exy, s + 2 * mu * e33]];
  }

  function check(p: ElasticityProblem, u: Float64Array, exact: (c: number) => [number, number, number, number], tol: number): number {
    const nc = p.mesh.nCells;
    const refStrain = new Float64Array(4 * nc), refStress = new Float64Array(4 * nc);
    for (let c = 0; c < nc; c++) {
      const [es, ss] = hooke(p.formulation, exact(c));
      for (let k = 0; k < 4; k++) { refStrain[4 * c + k] = es[k]!; refStress[4 * c + k] = ss[k]!; }
    }
    let worst = 0;
    for (const r of [cellAverages(p, u), cellAveragesOnPool(pools[0]!, p, u)]) {
      worst = Math.max(worst, relErr(r.strain, refStrain), relErr(r.stress, refStress));
    }
    if (process.env.SR_VERBOSE) console.log(`SR reference ${p.formulation} order ${p.space.element.degree}: max rel err ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(tol);
    return worst;
  }

  /** Vertex coordinates of cell c (first three nodes). */
  const vertices = (m: Mesh, c: number): number[] => {
    const npc = m.nodesPerCell, out: number[] = [];
    for (let a = 0; a < 3; a++) { const i = m.cells[c * npc + a]!; out.push(m.points[2 * i]!, m.points[2 * i + 1]!); }
    return out;
  };

  const uniform = (a: number, b: number, c: number, d: number) => (x: number, y: number, k: number) => (k === 0 ? a * x + b * y : c * x + d * y);

  for (const form of ['planeStrain', 'planeStress', 'generalizedPlaneStrain'] as const) {
    it(`P1 ${form}: u = (a x + b y, c x + d y) gives the uniform strain (a, d, (b + c)/2) and Hooke's stress`, () => {
      const mesh = unitSquareMesh(12, 9, 'left');
      const p = createElasticityProblem(mesh, { order: 1, formulation: form, bcs: [], cellYoungs: new Float64Array(mesh.nCells).fill(E), cellPoisson: new Float64Array(mesh.nCells).fill(nu), cellEigenstrain: new Float64Array(mesh.nCells).fill(beta) });
      p.axialStrain = form === 'generalizedPlaneStrain' ? -2.5e-3 : 0;
      const [a, b, c, d] = [1.5e-3, -4e-4, 7e-4, -2e-3];
      const u = interpolate(p.space, uniform(a, b, c, d));
      check(p, u, () => [a, d, (b + c) / 2, p.axialStrain], 1e-12);
    });
  }

  it('P2 plane strain, u = (x², x y): cell average = strain at the centroid (2x̄, x̄, ȳ/2)', () => {
    const mesh = elevateToP2(unitSquareMesh(10, 7, 'left'));
    const n = mesh.nCells;
    const p = createElasticityProblem(mesh, { order: 2, formulation: 'planeStrain', bcs: [], cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu), cellEigenstrain: new Float64Array(n).fill(beta) });
    const u = interpolate(p.space, (x, y, k) => (k === 0 ? x * x : x * y));
    // ε = (2x, x, y/2) is linear: its area average is its centroid value; Hooke is affine, so the same for σ.
    check(p, u, (c) => { const v = vertices(mesh, c); const xc = (v[0]! + v[2]! + v[4]!) / 3, yc = (v[1]! + v[3]! + v[5]!) / 3; return [2 * xc, xc, yc / 2, 0]; }, 1e-12);
  });

  it('P2 axisymmetric, u_r = r², u_z = z r: 2πr-weighted averages of ε_rr = 2r, ε_zz = r, ε_rz = z/2, ε_θθ = r', () => {
    // Straight tri6 cells on [0.5, 1.5] × [0, 1]: u is in the P2 space exactly. ε_rr = 2r, ε_zz = r, ε_rz = (0 + z)/2, ε_θθ = r.
    const base = unitSquareMesh(8, 8, 'right');
    const pts = Float64Array.from(base.points);
    for (let i = 0; i < pts.length; i += 2) pts[i]! += 0.5;
    const mesh = elevateToP2({ ...base, points: pts });
    const n = mesh.nCells;
    const p = createElasticityProblem(mesh, { order: 2, formulation: 'axisymmetric', bcs: [], cellYoungs: new Float64Array(n).fill(E), cellPoisson: new Float64Array(n).fill(nu), cellEigenstrain: new Float64Array(n).fill(beta) });
    const u = interpolate(p.space, (x, y, k) => (k === 0 ? x * x : x * y));
    // Over a triangle: ∫ r dA = A r̄, ∫ r² dA = (A/6)(Σ r_i² + Σ_{i<j} r_i r_j), ∫ r z dA = (A/12)(Σ r_i z_i + 3 r̄·3 z̄);
    // weight r: ⟨f⟩ = ∫ f r dA / ∫ r dA.
    check(p, u, (c) => {
      const v = vertices(mesh, c);
      const r = [v[0]!, v[2]!, v[4]!], z = [v[1]!, v[3]!, v[5]!];
      const rs = r[0]! + r[1]! + r[2]!, zs = z[0]! + z[1]! + z[2]!;
      const I_r = rs / 3; // ∫ r dA / A
      const I_rr = (r[0]! ** 2 + r[1]! ** 2 + r[2]! ** 2 + r[0]! * r[1]! + r[1]! * r[2]! + r[2]! * r[0]!) / 6;
      const I_rz = (r[0]! * z[0]! + r[1]! * z[1]! + r[2]! * z[2]! + rs * zs) / 12;
      const avgR = I_rr / I_r, avgZ = I_rz / I_r;
      return [2 * avgR, avgR, avgZ / 2, avgR];
    }, 1e-12);
  });
});
