/** A problem with the user's input: the CLI prints `message` on one line and exits 2. */
export class CaseError extends Error {
  constructor(readonly path: string, readonly detail: string) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'CaseError';
  }
}

/** JSON path text like `ohmic.boundaryConditions[2].value` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s || '(root)';
}
