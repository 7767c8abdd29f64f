/**
 * ParaView data collection (.pvd): a time series of .vtu files. ParaView loads the .pvd and offers the times
 * in its animation controls.
 */
import { escapeXml } from './xmlEscape.js';

export interface PvdEntry {
  /** Simulation time [s]. */
  readonly time: number;
  /** Path of the data file relative to the .pvd file (forward slashes). */
  readonly file: string;
  /** Piece index for multi-part data sets (default 0). */
  readonly part?: number;
}

/** PVD collection XML. Times are written in shortest round-trip form; throws on a non-finite time. */
export function writePvd(entries: readonly PvdEntry[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<VTKFile type="Collection" version="0.1" byte_order="LittleEndian">', '  <Collection>'];
  for (const e of entries) {
    if (!Number.isFinite(e.time)) throw new Error(`PVD entry '${e.file}': time ${e.time} is not finite`);
    lines.push(`    <DataSet timestep="${e.time}" group="" part="${e.part ?? 0}" file="${escapeXml(e.file)}"/>`);
  }
  lines.push('  </Collection>', '</VTKFile>', '');
  return lines.join('\n');
}
