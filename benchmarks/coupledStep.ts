/**
 * Time per coupled step (Ohm + level set + mechanics every step) on a ~50k-dof case: the Si strip of
 * cases/si-strip-lithiation.json refined to nx × ny cells (default 40 × 300 → 12 341 nodes: 12 k potential,
 * 12 k level-set and 25 k displacement dofs = 49 k dofs), lithiated to 30 % reacted.
 * Usage: node dist/benchmarks/coupledStep.js [nx] [ny] [reactedFraction]   → one JSON line.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCase } from '../src/case/parseCase.js';
import { runCase } from '../src/case/runCase.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, here.includes(`${'dist'}`) ? '../..' : '..');
const [nx, ny, target] = [Number(process.argv[2] ?? 40), Number(process.argv[3] ?? 300), Number(process.argv[4] ?? 0.3)];
const c = JSON.parse(readFileSync(join(root, 'cases/si-strip-lithiation.json'), 'utf8'));
c.mesh.nx = nx;
c.mesh.width = `${(nx / 40) * 1} um`;
c.mesh.layers[0].ny = ny;
c.time.stopAt = { reactedFraction: target };
c.time.snapshotEvery = 1_000_000;
c.outputs = { vtu: false, png: false };
c.probes = { frontLines: [], currentBoundaries: [] };
const dir = mkdtempSync(join(tmpdir(), 'ecmfem-bench-'));
try {
  const t0 = performance.now();
  const r = runCase(parseCase(c), { caseDir: dir, outDir: join(dir, 'out') }).results as any;
  const wall = (performance.now() - t0) / 1000;
  const dofs = r.dofs as Record<string, number>;
  const steps = r.metrics.steps as number;
  console.log(JSON.stringify({
    benchmark: 'coupledStep', nx, ny, dofs, totalDofs: Object.values(dofs).reduce((a, b) => a + b, 0), steps,
    wallSeconds: wall, loopSeconds: r.timings.timeLoop, secondsPerStep: r.timings.timeLoop / steps,
    reactedFraction: r.metrics.final.reactedFraction, counters: r.metrics.counters,
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
