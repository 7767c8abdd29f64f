import { createMesh } from '../createMesh.js';
import { elevateToP2 } from '../elevate.js';
import type { FacetSet, Mesh } from '../mesh.js';
import { gradedCoordinates, structuredSideFacets, structuredTriangles, type DiagonalType } from './structuredGrid.js';

/** One horizontal layer: `thickness` in metres, `ny` cell rows, `grading` = top / bottom row height (default 1). */
export interface LayerSpec {
  readonly name: string;
  readonly thickness: number;
  readonly ny: number;
  readonly grading?: number;
}

/** A named sub-range [from, to] (absolute x, metres) of the bottom or top edge, e.g. a contact spot. */
export interface XBreak {
  readonly boundary: 'bottom' | 'top';
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface RectangleLayersOptions {
  /** Left edge x, metres (default 0). */
  readonly x0?: number;
  /** Bottom edge y, metres (default 0). */
  readonly y0?: number;
  readonly width: number;
  readonly nx: number;
  /** Last / first column width (default 1 = uniform). */
  readonly xGrading?: number;
  /** Bottom layer first. */
  readonly layers: readonly LayerSpec[];
  readonly diagonal?: DiagonalType;
  readonly order?: 1 | 2;
  readonly xBreaks?: readonly XBreak[];
}

/**
 * A rectangle of stacked layers on a structured grid (cells as in {@link structuredTriangles}).
 * Regions: the layer names (bottom first). Boundaries: 'left', 'right', 'bottom', 'top'; per layer
 * `<name>.left`, `<name>.right`; between consecutive layers `<lower>|<upper>` (facets of the lower layer's
 * cells); each x-break `name` takes its facets out of 'bottom'/'top'. Break ends are made grid nodes by moving the
 * nearest interior node onto them (a column shrinks to at most half its width); throws if two break ends
 * would need the same node (increase nx). order 2 → tri6 with straight midside nodes.
 */
export function rectangleLayersMesh(opts: RectangleLayersOptions): Mesh {
  const x0 = opts.x0 ?? 0;
  const y0 = opts.y0 ?? 0;
  const { width, nx, layers } = opts;
  const diagonal = opts.diagonal ?? 'right';
  if (!(width > 0)) throw new Error(`rectangleLayersMesh: width must be > 0, got ${width}`);
  if (!Number.isInteger(nx) || nx < 1) throw new Error(`rectangleLayersMesh: nx must be an integer ≥ 1, got ${nx}`);
  if (diagonal !== 'right' && diagonal !== 'left') throw new Error(`rectangleLayersMesh: diagonal must be 'right' or 'left', got '${String(diagonal)}'`);
  if (layers.length === 0) throw new Error('rectangleLayersMesh: layers is empty');
  const names = new Set<string>();
  layers.forEach((l, i) => {
    if (typeof l.name !== 'string' || l.name === '') throw new Error(`rectangleLayersMesh: layers[${i}].name must be a non-empty string`);
    if (names.has(l.name)) throw new Error(`rectangleLayersMesh: duplicate layer name '${l.name}'`);
    names.add(l.name);
    if (!(l.thickness > 0)) throw new Error(`rectangleLayersMesh: layers[${i}] ('${l.name}') thickness must be > 0, got ${l.thickness}`);
    if (!Number.isInteger(l.ny) || l.ny < 1) throw new Error(`rectangleLayersMesh: layers[${i}] ('${l.name}') ny must be an integer ≥ 1, got ${l.ny}`);
  });

  const xs = gradedCoordinates(x0, x0 + width, nx, opts.xGrading ?? 1);
  const breaks = opts.xBreaks ?? [];
  snapBreaksToNodes(xs, breaks, x0, width);

  // y nodes: the layers' graded coordinates, sharing the interface rows.
  const nyTotal = layers.reduce((s, l) => s + l.ny, 0);
  const ys = new Float64Array(nyTotal + 1);
  const rowStart: number[] = [];
  let row = 0;
  let yb = y0;
  for (const l of layers) {
    rowStart.push(row);
    const yl = gradedCoordinates(yb, yb + l.thickness, l.ny, l.grading ?? 1);
    ys.set(yl, row);
    row += l.ny;
    yb += l.thickness;
  }
  rowStart.push(nyTotal);

  const { points, cells } = structuredTriangles(xs, ys, diagonal);
  const cellRegion = new Int32Array(2 * nx * nyTotal);
  layers.forEach((_, li) => cellRegion.fill(li, 2 * nx * rowStart[li]!, 2 * nx * rowStart[li + 1]!));

  const boundaries = new Map<string, FacetSet>();
  boundaries.set('left', structuredSideFacets(nx, diagonal, 'left', 0, 0, nyTotal));
  boundaries.set('right', structuredSideFacets(nx, diagonal, 'right', nx - 1, 0, nyTotal));
  for (const side of ['bottom', 'top'] as const) {
    const all = structuredSideFacets(nx, diagonal, side, side === 'bottom' ? 0 : nyTotal - 1, 0, nx);
    const owner = new Int32Array(nx).fill(-1);
    breaks.forEach((b, bi) => {
      if (b.boundary !== side) return;
      for (let i = 0; i < nx; i++) {
        const xm = 0.5 * (xs[i]! + xs[i + 1]!);
        if (owner[i]! < 0 && xm > b.from && xm < b.to) owner[i] = bi;
      }
    });
    boundaries.set(side, pick(all, (i) => owner[i]! < 0));
    breaks.forEach((b, bi) => {
      if (b.boundary === side) boundaries.set(b.name, pick(all, (i) => owner[i] === bi));
    });
  }
  layers.forEach((l, li) => {
    boundaries.set(`${l.name}.left`, structuredSideFacets(nx, diagonal, 'left', 0, rowStart[li]!, rowStart[li + 1]!));
    boundaries.set(`${l.name}.right`, structuredSideFacets(nx, diagonal, 'right', nx - 1, rowStart[li]!, rowStart[li + 1]!));
    if (li + 1 < layers.length) {
      boundaries.set(`${l.name}|${layers[li + 1]!.name}`, structuredSideFacets(nx, diagonal, 'top', rowStart[li + 1]! - 1, 0, nx));
    }
  });

  const mesh = createMesh({ cellType: 'tri3', points, cells, cellRegion, regionNames: layers.map((l) => l.name), boundaries });
  const order = opts.order ?? 1;
  if (order !== 1 && order !== 2) throw new Error(`rectangleLayersMesh: order must be 1 or 2, got ${String(order)}`);
  return order === 2 ? elevateToP2(mesh) : mesh;
}

function pick(all: FacetSet, keep: (i: number) => boolean): FacetSet {
  const cells: number[] = [];
  const lfs: number[] = [];
  for (let i = 0; i < all.cells.length; i++) {
    if (!keep(i)) continue;
    cells.push(all.cells[i]!);
    lfs.push(all.localFacets[i]!);
  }
  return { cells: Int32Array.from(cells), localFacets: Int8Array.from(lfs) };
}

/** Moves, for each break end strictly inside the edge, the nearest interior node onto it (in place). */
function snapBreaksToNodes(xs: Float64Array, breaks: readonly XBreak[], x0: number, width: number): void {
  const nx = xs.length - 1;
  const tol = 1e-12 * width;
  const movedBy = new Map<number, number>();
  breaks.forEach((b, bi) => {
    const where = `rectangleLayersMesh: xBreaks[${bi}] ('${String(b.name)}')`;
    if (b.boundary !== 'bottom' && b.boundary !== 'top') throw new Error(`${where}: boundary must be 'bottom' or 'top', got '${String(b.boundary)}'`);
    if (typeof b.name !== 'string' || b.name === '') throw new Error(`${where}: name must be a non-empty string`);
    if (!(b.from < b.to) || b.from < x0 - tol || b.to > x0 + width + tol) {
      throw new Error(`${where}: need x0 ≤ from < to ≤ x0 + width (${x0} … ${x0 + width}), got from ${b.from}, to ${b.to}`);
    }
    for (const v of [b.from, b.to]) {
      if (v <= x0 + tol || v >= x0 + width - tol) continue;
      // Nearest node by binary search on the increasing coordinates.
      let lo = 0;
      let hi = nx;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (xs[mid]! <= v) lo = mid;
        else hi = mid;
      }
      let i = v - xs[lo]! <= xs[hi]! - v ? lo : hi;
      if (i === 0) i = 1;
      if (i === nx) i = nx - 1;
      const prev = movedBy.get(i);
      if (prev !== undefined && Math.abs(prev - v) > tol) {
        throw new Error(`${where}: break ends ${prev} and ${v} fall on the same grid node; increase nx (now ${nx})`);
      }
      if (xs[i - 1]! >= v - tol || xs[i + 1]! <= v + tol) {
        throw new Error(`${where}: break end ${v} cannot be placed on a node without an empty column; increase nx (now ${nx})`);
      }
      xs[i] = v;
      movedBy.set(i, v);
    }
  });
}
