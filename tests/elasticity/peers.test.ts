/**
 * The peers' elasticity anchor (shared/peers/REPORT.md): unit square N = 256, 'right' diagonals, plane strain P1,
 * E = 90 GPa, ν = 0.22, bottom clamped, ε* = 0.1·I₃ on cells with centroid x < 0.5. DOLFINx and FreeFEM agree on
 * max|u| = 0.152984 m and max von Mises (with σ_zz, per cell) = 44.101 GPa on this mesh. Same mesh, same
 * discrete problem, so only solver tolerance separates us: max|u| to 1e-4 relative, von Mises to 1 % (the spec).
 * Solved with CG + smoothed-aggregation AMG (rigid-body near-nullspace), relative residual 1e-10.
 */
import { describe, it, expect } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { solveElasticity } from '../../src/physics/elasticity.js';
import { peersElasticityProblem } from '../../src/bench/elasticityBench.js';
import { cellAverages, stressInvariants } from '../../src/physics/stressRecovery.js';
import { regionPeaks } from '../../src/physics/mechanicsMetrics.js';
import { amgSolver } from './helpers.js';

describe('peers elasticity anchor', () => {
  it('N = 256: max|u| = 0.152984 m, max von Mises = 44.101 GPa', () => {
    const N = 256;
    const mesh = unitSquareMesh(N, N, 'right');
    const n = mesh.nCells;
    const p = peersElasticityProblem(mesh);
    const { u, report } = solveElasticity(p, amgSolver(p, 1e-10));
    let maxU = 0;
    for (let i = 0; i < u.length / 2; i++) maxU = Math.max(maxU, Math.hypot(u[2 * i]!, u[2 * i + 1]!));
    const vm = stressInvariants(cellAverages(p, u).stress).vonMises;
    let maxVm = 0;
    for (let c = 0; c < n; c++) maxVm = Math.max(maxVm, vm[c]!);
    const peaks = regionPeaks(p, u).domain!;
    console.log(`peers N=256: max|u| = ${maxU.toFixed(7)} m, max VM = ${(maxVm / 1e9).toFixed(4)} GPa at ` +
      `(${peaks.maxVonMisesAt.map((v) => v.toFixed(4)).join(', ')}), ${report.iterations} CG+AMG iterations`);
    expect(Math.abs(maxU - 0.152984) / 0.152984).toBeLessThan(1e-4);
    expect(Math.abs(maxVm - 44.101e9) / 44.101e9).toBeLessThan(0.01);
    // P1 stress is constant per cell, so the quadrature-point peak is the same number, in the bottom-left corner cell.
    expect(peaks.maxVonMises / maxVm).toBeCloseTo(1, 10);
    expect(peaks.maxVonMisesAt[0]).toBeLessThan(2 / N);
    expect(peaks.maxVonMisesAt[1]).toBeLessThan(2 / N);
  });
});
