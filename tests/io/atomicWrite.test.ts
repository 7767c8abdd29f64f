import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutputStage, withOutputStage, writeFileAtomic } from '../../src/io/atomicWrite.js';

let root = '';
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'ecmfem-atomic-')); });
afterEach(() => { rmSync(root, { recursive: true, force: true }); });

describe('writeFileAtomic', () => {
  it('writes, replaces, and leaves no temp files', () => {
    const f = join(root, 'sub', 'a.txt');
    writeFileAtomic(f, 'one');
    writeFileAtomic(f, Buffer.from('two'));
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(readdirSync(join(root, 'sub'))).toEqual(['a.txt']);
  });
});

describe('OutputStage', () => {
  it('abort leaves no directory at all', () => {
    const out = join(root, 'results');
    const st = createOutputStage(out);
    st.writeText('a.txt', 'x');
    st.writeBytes('deep/b.bin', new Uint8Array([1, 2, 3]));
    expect(existsSync(st.path('deep/b.bin'))).toBe(true);
    st.abort();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    expect(() => st.writeText('c.txt', 'y')).toThrow(/aborted/);
  });

  it('commit publishes the files and replaces the previous run completely', () => {
    const out = join(root, 'results');
    mkdirSync(out);
    writeFileSync(join(out, 'stale.vtu'), 'old run');
    const st = createOutputStage(out);
    st.writeText('fields.pvd', '<pvd/>');
    st.writeBytes('img/map.png', Buffer.from([137, 80]));
    expect(readFileSync(join(out, 'stale.vtu'), 'utf8')).toBe('old run'); // untouched until commit
    st.commit();
    expect(st.state).toBe('committed');
    expect(readdirSync(out).sort()).toEqual(['fields.pvd', 'img']);
    expect(readFileSync(join(out, 'img', 'map.png'))).toEqual(Buffer.from([137, 80]));
    expect(readdirSync(root)).toEqual(['results']); // no .tmp or .old leftovers
    expect(() => st.commit()).toThrow(/already committed/);
  });

  it('an error thrown while writing leaves the previous results intact', async () => {
    const out = join(root, 'results');
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), '{"ok":true}');
    await expect(withOutputStage(out, (st) => {
      st.writeText('summary.json', '{"partial":');
      throw new Error('solver diverged');
    })).rejects.toThrow('solver diverged');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('{"ok":true}');
    expect(readdirSync(root)).toEqual(['results']);
    const r = await withOutputStage(out, (st) => { st.writeText('summary.json', '{"ok":2}'); return 7; });
    expect(r).toBe(7);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('{"ok":2}');
  });

  it('refuses paths that escape the output directory', () => {
    const st = createOutputStage(join(root, 'r'));
    expect(() => st.writeText('../evil.txt', 'x')).toThrow(/relative path inside/);
    expect(() => st.writeText('/etc/x', 'x')).toThrow(/relative path inside/);
    st.abort();
  });
});
