/** Location of the shipped case files (cases/ at the package root), from src/reproduce or dist/src/reproduce. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function casesDir(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 5; k++) {
    const c = join(d, 'cases');
    if (existsSync(join(c, 'default.json'))) return c;
    d = resolve(d, '..');
  }
  throw new Error('cannot find the cases/ directory of the ecmfem package');
}
