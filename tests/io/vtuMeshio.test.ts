/**
 * Cross-check with an independent reader: Debian's python3-meshio parses our .vtu files (every encoding) and
 * must return the same points, cells and point data, exactly (JSON floats use repr → shortest round-trip).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeVtu, type VtuOptions } from '../../src/io/vtu.js';
import { diskMesh } from './testMeshes.js';

const PY = '/usr/bin/python3';
const probe = spawnSync(PY, ['-c', 'import meshio'], { encoding: 'utf8' });
const meshioOk = probe.status === 0;
if (!meshioOk) console.warn(`meshio tests skipped: '${PY} -c "import meshio"' failed: ${probe.error?.message ?? probe.stderr}`);

// One python process reads every file (interpreter start-up dominates the cost).
const SCRIPT = `
import json, sys, meshio
res = []
for path in sys.argv[1:]:
    m = meshio.read(path)
    res.append({
      "points": m.points.tolist(),
      "cells": [[c.type, c.data.tolist()] for c in m.cells],
      "point_data": {k: v.tolist() for k, v in m.point_data.items()},
      "cell_data": {k: [a.tolist() for a in v] for k, v in m.cell_data.items()},
    })
print(json.dumps(res))
`;

interface MeshioResult { points: number[][]; cells: [string, number[][]][]; point_data: Record<string, number[] | number[][]>; cell_data: Record<string, number[][]> }

const CASES: VtuOptions[] = [
  { encoding: 'base64', compress: false },
  { encoding: 'base64', compress: true },
  { encoding: 'appended-raw', compress: false },
  { encoding: 'appended-raw', compress: true, blockSize: 256 },
];

function fixture(quadratic: boolean) {
  const mesh = diskMesh({ n: 3, radius: 25e-6, quadratic });
  const phi = Float64Array.from({ length: mesh.nPoints }, (_, i) => 1 / (i + 3) - 0.1);
  const u = Float64Array.from({ length: 2 * mesh.nPoints }, (_, i) => Math.sin(i) * 1e-7);
  return { mesh, phi, u };
}

describe.skipIf(!meshioOk)('meshio reads our VTU', () => {
  const variants = [false, true].flatMap((quadratic) => CASES.map((opts) => ({ quadratic, opts })));
  const results: MeshioResult[] = [];
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecmfem-vtu-'));
    const files = variants.map(({ quadratic, opts }, k) => {
      const { mesh, phi, u } = fixture(quadratic);
      const file = join(dir, `case${k}.vtu`);
      writeFileSync(file, writeVtu(mesh, { pointData: { 'φ [-]': { values: phi, components: 1 }, 'u [m]': { values: u, components: 2 } } }, opts));
      return file;
    });
    const r = spawnSync(PY, ['-c', SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`meshio failed: ${r.stderr}`);
    results.push(...(JSON.parse(r.stdout) as MeshioResult[]));
  });
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  variants.forEach(({ quadratic, opts }, k) => {
    it(`${quadratic ? 'tri6' : 'tri3'} ${opts.encoding}${opts.compress ? ' zlib' : ''}`, () => {
      const { mesh, phi, u } = fixture(quadratic);
      const m = results[k]!;
      expect(m.points.length).toBe(mesh.nPoints);
      for (let i = 0; i < mesh.nPoints; i++) expect(m.points[i]).toEqual([mesh.points[2 * i], mesh.points[2 * i + 1], 0]);
      expect(m.cells.length).toBe(1);
      expect(m.cells[0]![0]).toBe(quadratic ? 'triangle6' : 'triangle');
      expect(m.cells[0]![1].flat()).toEqual(Array.from(mesh.cells));
      expect(m.point_data['φ [-]']).toEqual(Array.from(phi));
      const ur = m.point_data['u [m]'] as number[][];
      for (let i = 0; i < mesh.nPoints; i++) expect(ur[i]).toEqual([u[2 * i], u[2 * i + 1], 0]);
      expect(m.cell_data['region']![0]).toEqual(Array.from(mesh.cellRegion));
    });
  });
});
