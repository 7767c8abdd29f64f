import { describe, it, expect } from 'vitest';
import { unitSquareMesh } from '../../src/mesh/generators/unitSquare.js';
import { diskMesh } from '../../src/mesh/generators/disk.js';
import { rectangleLayersMesh } from '../../src/mesh/generators/rectangleLayers.js';
import {
  createLevelSetProblem, initializeLevelSet, phiFromSignedDistance, circleSignedDistance, planeSignedDistance,
  boundarySignedDistance, areaBelowHalf, areaAboveHalf, integratePhi, reactedFraction, frontPosition, frontWidth,
} from '../../src/physics/levelSet.js';

describe('level-set metrics', () => {
  it('areaBelowHalf is exact for a linear field (plane area and axisymmetric 2πr volume)', () => {
    const mesh = unitSquareMesh(7, 5, 'left'); // the iso-line x = 0.5 cuts cells, not edges
    const p = createLevelSetProblem(mesh);
    const s = initializeLevelSet(p, (x) => x);
    expect(areaBelowHalf(p, s.phi)).toBeCloseTo(0.5, 14);
    expect(integratePhi(p, s.phi)).toBeCloseTo(0.5, 14);
    expect(reactedFraction(p, s.phi)).toBeCloseTo(0.5, 14);
    const pa = createLevelSetProblem(mesh, { axisymmetric: true });
    const sa = initializeLevelSet(pa, (r) => r);
    // {r < 0.5} in [0,1]×[0,1] (r, z): a cylinder of volume π·0.25; the total is π.
    expect(areaBelowHalf(pa, sa.phi)).toBeCloseTo(Math.PI * 0.25, 13);
    expect(areaAboveHalf(pa, sa.phi)).toBeCloseTo(Math.PI * 0.75, 13);
  });

  it('A_0.5 of a smoothed circle converges at second order (interpolation of the profile)', () => {
    const err = [32, 64].map((n) => {
      const p = createLevelSetProblem(unitSquareMesh(n, n), { epsilon: 0.02 });
      const s = initializeLevelSet(p, (x, y) => phiFromSignedDistance(circleSignedDistance([0.5, 0.5], 0.3)(x, y), p.epsilon));
      return Math.abs(areaAboveHalf(p, s.phi) - Math.PI * 0.09);
    });
    const rate = Math.log2(err[0]! / err[1]!);
    console.log(`circle A_0.5 errors ${err.map((e) => e.toExponential(3)).join(', ')} rate ${rate.toFixed(2)}`);
    expect(rate).toBeGreaterThan(1.7);
    expect(err[1]! / (Math.PI * 0.09)).toBeLessThan(1e-3); // measured 4e-4 at h = 1/64
  });

  it('frontPosition and frontWidth along a probe line', () => {
    const p = createLevelSetProblem(unitSquareMesh(20, 20, 'left'));
    const lin = initializeLevelSet(p, (x, y) => 0.2 + 0.6 * x + 0.1 * y); // linear: exact in P1
    // 0.2 + 0.6x + 0.03 = 0.5 at x = 0.45 on y = 0.3.
    expect(frontPosition(p, lin.phi, { from: [0, 0.3], to: [1, 0.3] })).toBeCloseTo(0.45, 10);
    const pf = createLevelSetProblem(unitSquareMesh(200, 4), { epsilon: 0.02 });
    const prof = initializeLevelSet(pf, (x) => phiFromSignedDistance(planeSignedDistance([0.5, 0], [1, 0])(x, 0), 0.02));
    const w = frontWidth(pf, prof.phi, { from: [0, 0.5], to: [1, 0.5] });
    // 2 ln 19 ε = 5.889ε; P1 interpolation (h = ε/4) shifts the crossings by O(h²/ε²) ≈ 0.5 %.
    expect(Math.abs(w / (2 * Math.log(19) * 0.02) - 1)).toBeLessThan(0.01);
  });

  it('phiFromSignedDistance: profile values, symmetry, no overflow', () => {
    expect(phiFromSignedDistance(0, 1)).toBe(0.5);
    expect(phiFromSignedDistance(Math.log(19), 1)).toBeCloseTo(0.95, 14);
    expect(phiFromSignedDistance(-3, 1) + phiFromSignedDistance(3, 1)).toBeCloseTo(1, 15);
    expect(phiFromSignedDistance(-1e6, 1)).toBe(0);
    expect(phiFromSignedDistance(1e6, 1)).toBe(1);
  });

  it('boundarySignedDistance: straight interface exact, circle within the polygon sag h²/(8R), region sign', () => {
    const mesh = rectangleLayersMesh({ width: 1, nx: 10, layers: [{ name: 'SSE', thickness: 0.3, ny: 3 }, { name: 'Si', thickness: 1, ny: 10 }] });
    const d = boundarySignedDistance(mesh, 'SSE|Si', { region: 'Si' });
    for (const [x, y] of [[0.5, 0.9], [0.05, 0.31], [0.7, 0.1], [0.33, 0.3]] as const) expect(d(x, y)).toBeCloseTo(y - 0.3, 13);
    // Beyond the interface's end: distance to the end point, sign from the vertex pseudo-normal.
    expect(d(1.3, 0.7)).toBeCloseTo(Math.hypot(0.3, 0.4), 13);
    const R = 1, h = 0.05;
    const disk = diskMesh({ radius: R, h });
    const dd = boundarySignedDistance(disk, 'outer', { region: 'core' });
    const ds = boundarySignedDistance(disk, 'outer', { side: (x, y) => Math.hypot(x, y) < R });
    let worst = 0;
    for (let k = 0; k < 200; k++) {
      const r = 0.05 + 1.4 * ((k * 0.618034) % 1), a = k * 2.39996;
      const x = r * Math.cos(a), y = r * Math.sin(a);
      worst = Math.max(worst, Math.abs(dd(x, y) - (R - r)));
      expect(Math.sign(ds(x, y))).toBe(Math.sign(dd(x, y)));
    }
    expect(worst).toBeLessThan((1.5 * h * h) / (8 * R)); // chords of length ≤ 1.5 h (quasi-uniform mesh)
  });
});
