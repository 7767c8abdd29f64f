import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * URL of the compiled JavaScript twin of a module, given its `import.meta.url`.
 *
 * Worker threads must load plain JavaScript (`dist/...`), but under vitest the calling module runs from its `.ts`
 * source. A URL ending in `.ts` is mapped `…/src/a/b.ts → …/dist/src/a/b.js` (last `/src/` segment, matching
 * `tsconfig.build.json`'s `outDir: dist`, `rootDir: .`); a `.js` URL is returned unchanged.
 */
export function compiledUrl(moduleUrl: string | URL): URL {
  const u = new URL(moduleUrl.toString());
  if (!u.pathname.endsWith('.ts')) return u;
  const at = u.pathname.lastIndexOf('/src/');
  if (at < 0) throw new Error(`compiledUrl: cannot map ${u.href} to dist/: no /src/ segment`);
  u.pathname = `${u.pathname.slice(0, at)}/dist${u.pathname.slice(at, -3)}.js`;
  return u;
}

/** {@link compiledUrl} of `moduleUrl`, resolved against `relative` (e.g. `'./worker.js'`); throws if the file is missing. */
export function compiledSibling(moduleUrl: string | URL, relative: string): URL {
  const u = new URL(relative, compiledUrl(moduleUrl));
  if (!existsSync(fileURLToPath(u))) {
    throw new Error(`compiled module not found: ${fileURLToPath(u)} (run \`npm run build\` first)`);
  }
  return u;
}
