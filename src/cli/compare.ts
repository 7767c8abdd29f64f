/**
 * `ecmfem compare OURS THEIRS --field NAME [--their-field NAME] [--tolerance T] [--json]`: interpolates one result
 * onto the other's points and reports L2 and max relative differences. Each side is an ecmfem VTU (or a results
 * directory holding fields.vtu / the last snapshot) or a COMSOL spreadsheet text export (.txt). A side with
 * triangles is interpolated at the other side's points (VTU → COMSOL points, or VTU → VTU points).
 */
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readVtu } from '../io/readVtu.js';
import { readComsolText } from '../io/comsolText.js';
import { compareFields } from '../io/compareFields.js';
import { rasterizeField, meshBox, compareRasters, type TriangleSoup } from '../io/fieldRaster.js';
import { UsageError } from './usageError.js';

interface Side { points: Float64Array; cells?: Int32Array; nodesPerCell?: 3 | 6; fields: Record<string, Float64Array>; label: string }

/** Field name without a trailing unit: 'V [V]' → 'V', 'V (V)' → 'V'. */
const bare = (n: string) => n.replace(/\s*[[(][^\])]*[\])]\s*$/, '').trim();

function resolveFile(path: string): string {
  if (!existsSync(path)) throw new UsageError(`no such file or directory: '${path}'`);
  if (!statSync(path).isDirectory()) return path;
  if (existsSync(join(path, 'fields.vtu'))) return join(path, 'fields.vtu');
  const snaps = existsSync(join(path, 'snapshots')) ? readdirSync(join(path, 'snapshots')).filter((f) => f.endsWith('.vtu')).sort() : [];
  if (snaps.length) return join(path, 'snapshots', snaps[snaps.length - 1]!);
  throw new UsageError(`'${path}' holds no fields.vtu or snapshots/*.vtu`);
}

function load(path: string): Side {
  const file = resolveFile(path);
  const text = readFileSync(file);
  if (file.endsWith('.vtu')) {
    let v;
    try { v = readVtu(text); } catch (e) { throw new UsageError(`${file}: ${(e as Error).message}`); }
    const pts = new Float64Array(v.nPoints * 2);
    for (let i = 0; i < v.nPoints; i++) { pts[2 * i] = v.points[3 * i]!; pts[2 * i + 1] = v.points[3 * i + 1]!; }
    const npc = v.cellTypes[0] === 22 ? 6 : 3;
    const fields: Record<string, Float64Array> = {};
    for (const [name, arr] of Object.entries(v.pointData)) {
      const k = arr.components;
      const vals = Float64Array.from(arr.values as ArrayLike<number>);
      if (k === 1) fields[name] = vals;
      else for (let c = 0; c < k; c++) fields[`${name}.${'xyz'[c] ?? c}`] = Float64Array.from({ length: v.nPoints }, (_, i) => vals[i * k + c]!);
    }
    return { points: pts, cells: v.cells, nodesPerCell: npc, fields, label: file };
  }
  let d;
  try { d = readComsolText(text.toString('utf8')); } catch (e) { throw new UsageError(`${file}: ${(e as Error).message}`); }
  return { points: d.points, fields: d.fields as Record<string, Float64Array>, label: file };
}

function pick(side: Side, name: string): Float64Array {
  const f = side.fields[name] ?? Object.entries(side.fields).find(([k]) => bare(k) === bare(name))?.[1];
  if (!f) throw new UsageError(`${side.label}: no field '${name}'; it has ${Object.keys(side.fields).map((k) => `'${k}'`).join(', ')}`);
  return f;
}

export function cmdCompare(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      field: { type: 'string' }, 'their-field': { type: 'string' }, tolerance: { type: 'string' }, json: { type: 'boolean' },
      grid: { type: 'string' },
    } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [oursPath, theirsPath, ...extra] = parsed.positionals;
  if (!oursPath || !theirsPath || extra.length) throw new UsageError('usage: ecmfem compare OURS THEIRS --field NAME');
  const field = parsed.values.field;
  if (!field) throw new UsageError('compare needs --field NAME');
  const tol = parsed.values.tolerance !== undefined ? Number(parsed.values.tolerance) : undefined;
  if (tol !== undefined && !(tol >= 0)) throw new UsageError(`--tolerance must be a number ≥ 0, got '${parsed.values.tolerance}'`);
  let ours = load(oursPath), theirs = load(theirsPath);
  if (parsed.values.grid !== undefined) return compareOnGrid(ours, theirs, field, parsed.values['their-field'] ?? field, parsed.values.grid, parsed.values.json ?? false);
  let oursField = field, theirField = parsed.values['their-field'] ?? field;
  let swapped = false;
  if (!ours.cells) {
    if (!theirs.cells) throw new UsageError('at least one side must be a VTU (with triangles) to interpolate on');
    [ours, theirs] = [theirs, ours];
    [oursField, theirField] = [theirField, oursField];
    swapped = true;
  }
  const r = compareFields(
    { points: ours.points, cells: ours.cells!, nodesPerCell: ours.nodesPerCell ?? 3, values: pick(ours, oursField) },
    { points: theirs.points, values: pick(theirs, theirField) },
    tol !== undefined ? { tolerance: tol } : {},
  );
  const out = {
    field, interpolated: ours.label, at: theirs.label, swapped, nPoints: r.nPoints, nCompared: r.nCompared,
    nOutside: r.nOutside, nNaN: r.nNaN, l2Relative: r.l2Relative, maxRelative: r.maxRelative, maxAbs: r.maxAbs,
  };
  if (parsed.values.json) process.stdout.write(JSON.stringify(out) + '\n');
  else {
    process.stdout.write(`field ${field}: ${r.nCompared}/${r.nPoints} points compared (${r.nOutside} outside, ${r.nNaN} NaN)\n`);
    process.stdout.write(`L2 relative difference  ${r.l2Relative.toExponential(4)}\nmax relative difference ${r.maxRelative.toExponential(4)}\nmax absolute difference ${r.maxAbs.toExponential(4)}\n`);
  }
  return 0;
}

/** Both sides sampled on one regular grid over the intersection of their boxes (meshes need not match). */
function compareOnGrid(ours: Side, theirs: Side, field: string, theirField: string, grid: string, json: boolean): number {
  const m = /^(\d+)(?:x(\d+))?$/.exec(grid);
  if (!m) throw new UsageError(`--grid takes NX or NXxNY (e.g. 400 or 400x300), got '${grid}'`);
  if (!ours.cells || !theirs.cells) throw new UsageError('--grid compares two VTU results (both need triangles)');
  const soup = (s: Side): TriangleSoup => {
    const npc = s.nodesPerCell ?? 3;
    return { points: s.points, cells: s.cells!, nodesPerCell: npc, nCells: s.cells!.length / npc, nPoints: s.points.length / 2 };
  };
  const a = soup(ours), b = soup(theirs);
  const ba = meshBox(a), bb = meshBox(b);
  const box = { xmin: Math.max(ba.xmin, bb.xmin), xmax: Math.min(ba.xmax, bb.xmax), ymin: Math.max(ba.ymin, bb.ymin), ymax: Math.min(ba.ymax, bb.ymax) };
  const nx = Number(m[1]), ny = m[2] ? Number(m[2]) : Math.max(1, Math.round((nx * (box.ymax - box.ymin)) / (box.xmax - box.xmin)));
  const r = compareRasters(rasterizeField(a, pick(ours, field), nx, ny, box), rasterizeField(b, pick(theirs, theirField), nx, ny, box));
  const out = { field, grid: [nx, ny], nCompared: r.nCompared, l2Relative: r.l2Relative, maxRelative: r.maxRelative, maxAbs: r.maxAbs };
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  else process.stdout.write(`field ${field} on a ${nx}×${ny} grid: ${r.nCompared} pixels compared\nL2 relative difference  ${r.l2Relative.toExponential(4)}\nmax relative difference ${r.maxRelative.toExponential(4)}\n`);
  return 0;
}
