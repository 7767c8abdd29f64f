import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGmsh } from '../../src/mesh/gmsh/readGmsh.js';
import type { Mesh } from '../../src/mesh/mesh.js';
import { validateMesh } from '../../src/mesh/validate.js';
import { facetChords, facetRegions, regionAreas } from './meshMeasures.js';

/** Debian's gmsh (apt-get install gmsh); the tests below are skipped, with the reason printed, without it. */
const GMSH = spawnSync('gmsh', ['--version'], { encoding: 'utf8' });
const HAVE_GMSH = GMSH.status === 0;
if (!HAVE_GMSH) console.warn('gmshGenerated.test.ts: skipped, the gmsh binary is not on PATH (apt-get install -y gmsh)');

const R = 1;
const r = 0.4;
const CX = 0.1;
/** A disk of radius R with a circular inclusion (radius r, centre (CX, 0)); circles drawn counter-clockwise. */
const GEO = `
R = ${R}; r = ${r}; cx = ${CX}; h = 0.1;
Point(1) = {0, 0, 0, h}; Point(2) = {R, 0, 0, h}; Point(3) = {0, R, 0, h}; Point(4) = {-R, 0, 0, h}; Point(5) = {0, -R, 0, h};
Circle(1) = {2, 1, 3}; Circle(2) = {3, 1, 4}; Circle(3) = {4, 1, 5}; Circle(4) = {5, 1, 2};
Point(6) = {cx, 0, 0, h}; Point(7) = {cx + r, 0, 0, h}; Point(8) = {cx, r, 0, h}; Point(9) = {cx - r, 0, 0, h}; Point(10) = {cx, -r, 0, h};
Circle(5) = {7, 6, 8}; Circle(6) = {8, 6, 9}; Circle(7) = {9, 6, 10}; Circle(8) = {10, 6, 7};
Curve Loop(1) = {1, 2, 3, 4}; Curve Loop(2) = {5, 6, 7, 8};
Plane Surface(1) = {1, 2}; Plane Surface(2) = {2};
Physical Surface("matrix") = {1}; Physical Surface("inclusion") = {2};
Physical Curve("outer") = {1, 2, 3, 4}; Physical Curve("interface") = {5, 6, 7, 8};
`;

const dir = mkdtempSync(join(tmpdir(), 'ecmfem-gmsh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mesh(args: string[], name: string): Mesh {
  const geo = join(dir, 'disk.geo');
  writeFileSync(geo, GEO);
  const out = join(dir, name);
  const run = spawnSync('gmsh', [geo, '-2', '-format', 'msh41', ...args, '-o', out], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`gmsh failed: ${run.stderr || run.stdout}`);
  return readGmsh(readFileSync(out));
}

/**
 * Area of the polygon inscribed in a circle of radius ρ with the given chords: Σ ½ρ² sin θ_i, θ_i = 2 asin(L_i/2ρ).
 * Gmsh puts boundary nodes on the circle, so this is the exact area of the straight-sided (tri3) disk.
 */
function inscribedArea(chords: number[], rho: number): number {
  return chords.reduce((s, L) => s + 0.5 * rho * rho * Math.sin(2 * Math.asin(L / (2 * rho))), 0);
}

describe.skipIf(!HAVE_GMSH)(`readGmsh on files written by gmsh ${GMSH.stdout?.trim() ?? ''}`, () => {
  it('ASCII tri3: region areas equal the inscribed polygons (1e-12) and π r² to O(θ²); interface on the inclusion side', () => {
    const m = mesh([], 'disk.msh');
    expect(m.cellType).toBe('tri3');
    expect(m.regionNames).toEqual(['matrix', 'inclusion']);
    expect(validateMesh(m).ok).toBe(true);
    const areas = regionAreas(m);
    const inner = facetChords(m, 'interface');
    const outer = facetChords(m, 'outer');
    const aIn = inscribedArea(inner, r);
    const aOut = inscribedArea(outer, R);
    // Nodes lie on the circles up to gmsh's 16-digit output: the polygon identity holds to rounding.
    expect(Math.abs(areas.inclusion! - aIn) / aIn).toBeLessThan(1e-12);
    expect(Math.abs(areas.matrix! - (aOut - aIn)) / (aOut - aIn)).toBeLessThan(1e-12);
    // Polygon vs circle: relative deficit ≈ θ²/6 for chord angles θ ≈ h/ρ (h = 0.1): < 1% for ρ ≥ 0.4.
    expect(Math.abs(areas.inclusion! - Math.PI * r * r) / (Math.PI * r * r)).toBeLessThan(0.01);
    expect(Math.abs(areas.matrix! - Math.PI * (R * R - r * r)) / (Math.PI * (R * R - r * r))).toBeLessThan(0.01);
    // Perimeters: Σ chords → 2πρ with the same O(θ²) deficit.
    expect(Math.abs(inner.reduce((s, l) => s + l, 0) / (2 * Math.PI * r) - 1)).toBeLessThan(0.01);
    // The inclusion's circles run counter-clockwise, so their line elements have the inclusion on the left.
    expect(facetRegions(m, 'interface')).toEqual(new Set(['inclusion']));
    expect(facetRegions(m, 'outer')).toEqual(new Set(['matrix']));
  });

  it('binary (-bin) reads like ASCII', () => {
    const a = mesh([], 'disk-ascii.msh');
    const b = mesh(['-bin'], 'disk-bin.msh');
    expect(b.cells).toEqual(a.cells);
    expect(b.boundaries).toEqual(a.boundaries);
    // ASCII coordinates are printed with 16 significant digits; binary ones are exact.
    let maxDiff = 0;
    for (let i = 0; i < a.points.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.points[i]! - b.points[i]!));
    expect(maxDiff).toBeLessThan(1e-15);
  });

  it('second order (-order 2): curved tri6 areas match π r² far better than tri3', () => {
    const m = mesh(['-order', '2'], 'disk2.msh');
    expect(m.cellType).toBe('tri6');
    expect(validateMesh(m).ok).toBe(true);
    const areas = regionAreas(m);
    const inner = facetChords(m, 'interface');
    const theta = Math.max(...inner.map((L) => 2 * Math.asin(L / (2 * r))));
    // A quadratic through three points of an arc of angle θ misses its area by O(θ⁴) per unit area; θ⁴/100 is a
    // loose bound (the tri3 deficit is θ²/6, ~1e-2 here; measured tri6 error ~1e-6).
    const errIn = Math.abs(areas.inclusion! - Math.PI * r * r) / (Math.PI * r * r);
    const errOut = Math.abs(areas.matrix! - Math.PI * (R * R - r * r)) / (Math.PI * (R * R - r * r));
    expect(errIn).toBeLessThan(theta ** 4 / 100);
    expect(errOut).toBeLessThan(theta ** 4 / 100);
    expect(facetRegions(m, 'interface')).toEqual(new Set(['inclusion']));
  });
});
