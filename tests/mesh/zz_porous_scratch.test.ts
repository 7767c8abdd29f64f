import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { porousFiber } from '../../src/reproduce/porousFiber.js';
import { porousFilm } from '../../src/reproduce/porousFilm.js';
it('scratch', () => {
  for (const rep of [porousFiber, porousFilm]) {
    const r = rep.run({ outDir: `/tmp/pscratch/default/${rep.id}`, quick: false, log: (l) => console.log(l) });
    writeFileSync(`/tmp/pscratch/default/${rep.id}.json`, JSON.stringify(r, null, 1));
    console.log(rep.id, 'wall', r.wallSeconds);
  }
});
