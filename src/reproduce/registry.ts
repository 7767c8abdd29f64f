/** The reproductions `ecmfem reproduce` knows, by id (run order of `reproduce all`). */
import type { Reproduction } from './reproduction.js';
import { siSseInterlayer } from './siSseInterlayer.js';
import { particleContactVsCoated } from './particleContactVsCoated.js';
import { porousFiber } from './porousFiber.js';
import { porousFilm } from './porousFilm.js';

const ALL: readonly Reproduction[] = [siSseInterlayer, particleContactVsCoated, porousFiber, porousFilm];

export const REPRODUCTIONS: ReadonlyMap<string, Reproduction> = new Map(ALL.map((r) => [r.id, r]));

/** Ids in run order. */
export function reproductionIds(): string[] {
  return [...REPRODUCTIONS.keys()];
}
