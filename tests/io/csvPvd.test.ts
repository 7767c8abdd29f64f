import { describe, it, expect } from 'vitest';
import { toCsv } from '../../src/io/csv.js';
import { writePvd } from '../../src/io/pvd.js';

describe('toCsv', () => {
  it('round-trips every double exactly through parseFloat', () => {
    const n = 500;
    const a = new Float64Array(n), b = new Float64Array(n);
    let seed = 7;
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < n; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      view.setUint32(0, seed);
      seed = (seed * 1664525 + 1013904223) >>> 0;
      view.setUint32(4, seed);
      const x = view.getFloat64(0); // random bit patterns: all exponents, subnormals, NaN/Inf included
      a[i] = x;
      b[i] = i * 0.1;
    }
    a.set([-0, Number.MIN_VALUE, Number.MAX_VALUE, Infinity, -Infinity, 0.1 + 0.2, 1 / 3]);
    const csv = toCsv({ 'time [s]': b, 'a, b "q"': a });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('time [s],"a, b ""q"""');
    expect(lines.length).toBe(n + 1);
    for (let i = 0; i < n; i++) {
      const [tb, ta] = lines[i + 1]!.split(',');
      expect(Object.is(parseFloat(tb!), b[i])).toBe(true);
      const back = parseFloat(ta!);
      expect(Number.isNaN(a[i]!) ? Number.isNaN(back) : Object.is(back, a[i])).toBe(true);
    }
  });

  it('rejects ragged columns', () => {
    expect(() => toCsv({ a: [1, 2], b: [1] })).toThrow(/rows/);
  });
});

describe('writePvd', () => {
  it('lists every data set with its time', () => {
    const xml = writePvd([{ time: 0, file: 'fields_0000.vtu' }, { time: 0.1 + 0.2, file: 'a&b/fields_0001.vtu' }, { time: 1e-7, file: 'f2.vtu' }]);
    expect(xml.startsWith('<?xml version="1.0"')).toBe(true);
    expect(xml).toMatch(/<VTKFile type="Collection"[^>]*>\s*<Collection>[\s\S]*<\/Collection>\s*<\/VTKFile>\s*$/);
    const entries = [...xml.matchAll(/<DataSet timestep="([^"]+)" group="" part="(\d+)" file="([^"]+)"\/>/g)];
    expect(entries.map((m) => [Number(m[1]), m[3]])).toEqual([[0, 'fields_0000.vtu'], [0.1 + 0.2, 'a&amp;b/fields_0001.vtu'], [1e-7, 'f2.vtu']]);
    expect(() => writePvd([{ time: NaN, file: 'x.vtu' }])).toThrow(/not finite/);
  });
});
