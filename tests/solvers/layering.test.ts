import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const solversDir = join(root, 'src/solvers');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/solvers layering', () => {
  it('imports only src/linalg, src/solvers and node built-ins', () => {
    const bad: string[] = [];
    for (const file of tsFiles(solversDir)) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:')) continue;
        if (!spec.startsWith('.')) { bad.push(`${relative(root, file)} → ${spec}`); continue; }
        const target = relative(root, resolve(dirname(file), spec));
        if (!target.startsWith('src/linalg/') && !target.startsWith('src/solvers/')) bad.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('createLinearSolver does not import the AMG folder (it receives a factory)', () => {
    const src = readFileSync(join(solversDir, 'createLinearSolver.ts'), 'utf8');
    expect(src).not.toMatch(/from\s+['"]\.\/amg\//);
  });
});
