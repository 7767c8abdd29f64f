/**
 * Collects the fields that physics stages produce and writes them as one VTU (plus PNG pictures).
 * Point fields live on mesh points; `regionPointData` holds fields that jump across region interfaces
 * (recovered stresses): when present, the VTU is written on the region-split mesh (interface points
 * duplicated, one copy per region) and ordinary point fields are copied onto it.
 */
import type { Mesh } from '../mesh/mesh.js';
import type { OutputStage } from '../io/atomicWrite.js';
import { writeVtu } from '../io/vtu.js';
import { renderFieldMap } from '../io/fieldMap.js';
import { writeComsolText } from '../io/comsolText.js';
import { splitMeshByRegion, type SplitMesh } from '../physics/stressRecovery.js';

type Components = 1 | 2 | 3 | 4 | 9;
export interface DataArray { values: Float64Array; components: Components }

export interface Picture {
  file: string;
  title: string;
  unitLabel: string;
  values: Float64Array;
  location: 'point' | 'cell';
  colormap: 'viridis' | 'inferno' | 'coolwarm';
  /** Iso-line to draw (e.g. φ = 0.5), nodal values on mesh points. */
  contour?: { values: Float64Array; level: number };
  /** Symmetric colour range around 0 (for signed stresses). */
  symmetric?: boolean;
}

export interface FieldCollector {
  pointData: Record<string, DataArray>;
  cellData: Record<string, DataArray>;
  regionPointData: Record<string, DataArray>;
  pictures: Picture[];
}

export function createFieldCollector(): FieldCollector {
  return { pointData: {}, cellData: {}, regionPointData: {}, pictures: [] };
}

/** Axis unit for pictures: µm for micro-scale models, mm or m otherwise. */
export function lengthScale(points: Float64Array): { factor: number; unit: string } {
  let m = 0;
  for (let i = 0; i < points.length; i++) m = Math.max(m, Math.abs(points[i]!));
  if (m < 1e-3) return { factor: 1e6, unit: 'µm' };
  if (m < 1) return { factor: 1e3, unit: 'mm' };
  return { factor: 1, unit: 'm' };
}

/** Writes `<base>.vtu` into the stage; returns the file name. `split` is reused across snapshots. */
export function writeFieldsVtu(stage: OutputStage, mesh: Mesh, fields: FieldCollector, base: string, time?: number, split?: SplitMesh): string {
  const file = `${base}.vtu`;
  const hasRegion = Object.keys(fields.regionPointData).length > 0;
  if (!hasRegion) {
    stage.writeBytes(file, writeVtu(mesh, { pointData: fields.pointData, cellData: fields.cellData, ...(time !== undefined ? { time } : {}) }));
    return file;
  }
  const s = split ?? splitMeshByRegion(mesh);
  const pointData: Record<string, DataArray> = { ...fields.regionPointData };
  for (const [name, arr] of Object.entries(fields.pointData)) {
    const k = arr.components;
    const out = new Float64Array(s.pointOrigin.length * k);
    for (let i = 0; i < s.pointOrigin.length; i++) {
      const o = s.pointOrigin[i]!;
      for (let c = 0; c < k; c++) out[i * k + c] = arr.values[o * k + c]!;
    }
    pointData[name] = { values: out, components: k };
  }
  stage.writeBytes(file, writeVtu(s.mesh, { pointData, cellData: fields.cellData, ...(time !== undefined ? { time } : {}) }));
  return file;
}

/** Renders every picture of the collector into the stage; returns the file names. */
export function writePictures(stage: OutputStage, mesh: Mesh, fields: FieldCollector, caseName: string, axisymmetric: boolean): string[] {
  const scale = lengthScale(mesh.points);
  const axes: [string, string] = axisymmetric ? [`r (${scale.unit})`, `z (${scale.unit})`] : [`x (${scale.unit})`, `y (${scale.unit})`];
  return fields.pictures.map((p) => {
    let range: [number, number] | undefined;
    if (p.symmetric) {
      let m = 0;
      for (const v of p.values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
      range = [-m || -1, m || 1];
    }
    stage.writeBytes(p.file, renderFieldMap(mesh, p.values, {
      width: 900, height: 700, title: `${caseName}: ${p.title}`, unitLabel: p.unitLabel, colormap: p.colormap,
      lengthScale: scale.factor, axisLabel: axes, mirrorX: axisymmetric, location: p.location,
      ...(p.contour ? { contour: p.contour } : {}), ...(range ? { range } : {}),
    }));
    return p.file;
  });
}

/**
 * Writes the point fields as a COMSOL spreadsheet text export (`fields.txt`: % header lines, then x y and one
 * column per scalar / vector component), so COMSOL users can load or compare them. Returns the file name.
 */
export function writeComsolExport(stage: OutputStage, mesh: Mesh, fields: FieldCollector, caseName: string, axisymmetric: boolean): string {
  const cols: Record<string, Float64Array> = {};
  const units: Record<string, string> = {};
  for (const [label, arr] of Object.entries(fields.pointData)) {
    const m = /^(.*?)\s*\[(.*)\]$/.exec(label);
    const base = (m ? m[1]! : label).replace(/\s+/g, '_');
    const unit = m ? m[2]! : '1';
    const comps = axisymmetric ? ['r', 'z'] : ['x', 'y'];
    for (let c = 0; c < arr.components; c++) {
      const name = arr.components === 1 ? base : `${base}${comps[c] ?? c}`;
      cols[name] = Float64Array.from({ length: mesh.nPoints }, (_, i) => arr.values[i * arr.components + c]!);
      units[name] = unit;
    }
  }
  stage.writeText('fields.txt', writeComsolText({
    points: mesh.points, fields: cols, units, model: `ecmfem ${caseName}`, lengthUnit: 'm',
    coordinateNames: axisymmetric ? ['r', 'z'] : ['x', 'y'],
  }));
  return 'fields.txt';
}
