import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ComsolTextError, readComsolText, writeComsolText } from '../../src/io/comsolText.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('COMSOL spreadsheet text', () => {
  it('round trip: header, column names and values are exact (shortest round-trip numbers)', () => {
    const n = 50;
    const points = new Float64Array(2 * n);
    const V = new Float64Array(n);
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      points[2 * i] = Math.sin(i) * 1e-6;
      points[2 * i + 1] = Math.cos(3 * i) / 7;
      V[i] = i === 7 ? NaN : Math.exp(i / 10) - 1;
      c[i] = 1 / (i + 1) - 1e-300;
    }
    const text = writeComsolText({ points, fields: { V, c }, units: { V: 'V', c: 'mol/m^3' }, description: 'Potential, Concentration', lengthUnit: 'm', date: 'today' });
    expect(text.split('\n').slice(0, 9).every((l) => l.startsWith('%'))).toBe(true);
    expect(text).toMatch(/^% Model: +ecmfem$/m);
    expect(text).toMatch(/^% Nodes: +50$/m);
    expect(text).toMatch(/^% Expressions: +2$/m);
    expect(text).toMatch(/^% Length unit: +m$/m);
    expect(text).toMatch(/^% x +y +V \(V\) +c \(mol\/m\^3\)$/m);
    const back = readComsolText(text);
    expect(back.points).toEqual(points);
    expect(Object.keys(back.fields)).toEqual(['V', 'c']);
    expect(back.fields.V).toEqual(V);
    expect(back.fields.c).toEqual(c);
    expect(back.columns.map((k) => k.unit)).toEqual(['V', 'mol/m^3']);
    expect(back.header['Description']).toBe('Potential, Concentration');
    expect(back.header['Date']).toBe('today');
    expect(back.coordinateNames).toEqual(['x', 'y']);
  });

  it('reads a COMSOL-style export: axisymmetric r z, time columns, NaN, E exponents', () => {
    const d = readComsolText(readFileSync(join(FIX, 'comsol-export.txt'), 'utf8'));
    expect(d.header['Model']).toBe('particle_lithiation.mph');
    expect(d.header['Length unit']).toBe('um');
    expect(d.coordinateNames).toEqual(['r', 'z']);
    expect(Array.from(d.points)).toEqual([0, 0, 1.5, 0, 1.5, 2.5, 0, 2.5, 0.75, 1.25]);
    expect(Object.keys(d.fields)).toEqual(['V @ t=0', 'V @ t=10', 'c @ t=10']);
    expect(d.columns[2]).toEqual({ label: 'c (mol/m^3) @ t=10', name: 'c @ t=10', unit: 'mol/m^3' });
    expect(Array.from(d.fields['V @ t=10']!)).toEqual([0.15, 0.25, NaN, -0.35, 1e-20]);
    expect(Array.from(d.fields['c @ t=10']!)).toEqual([1000, 1500, NaN, 2000, 0]);
  });

  it('accepts single-blank and comma separated column lines', () => {
    const a = readComsolText('% x y u (m)\n0 0 1\n1 0 2\n');
    expect(Object.keys(a.fields)).toEqual(['u']);
    const b = readComsolText('% x,y,phi,u (m)\n0,0,1,2\n1,0,3,4\n');
    expect(Object.keys(b.fields)).toEqual(['phi', 'u']);
    expect(Array.from(b.fields.u!)).toEqual([2, 4]);
    const c = readComsolText('0 0 5\n'); // no header at all: generic names
    expect(Object.keys(c.fields)).toEqual(['col3']);
  });

  it('errors name the line: ragged rows, non-numbers, complex values, truncated files, 3D data', () => {
    expect(() => readComsolText('% x y V\n0 0 1\n1 0\n')).toThrow(/line 3: row has 2 values, expected 3/);
    expect(() => readComsolText('% x y V\n0 0 abc\n')).toThrow(/line 2: 'abc' is not a number/);
    expect(() => readComsolText('% x y V\n0 0 1+2i\n')).toThrow(/line 2: complex value '1\+2i'/);
    expect(() => readComsolText('% Nodes: 3\n% x y V\n0 0 1\n1 0 2\n')).toThrow(/Nodes: 3 but the file has 2 rows/);
    expect(() => readComsolText('% Dimension: 3\n% x y z V\n0 0 0 1\n')).toThrow(ComsolTextError);
    expect(() => writeComsolText({ points: new Float64Array(4), fields: { 'a  b': new Float64Array(2) } })).toThrow(/field name/);
    expect(() => writeComsolText({ points: new Float64Array(4), fields: { a: new Float64Array(3) } })).toThrow(/3 values, expected 2/);
  });
});
