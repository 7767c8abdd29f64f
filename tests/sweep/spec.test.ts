import { describe, it, expect } from 'vitest';
import { parsePath, parseSetArg, parseSetArgs, setAtPath } from '../../src/sweep/sweepSpec.js';
import { describeMember, memberCaseJson, memberCount, memberDigits, memberDirName, memberIndex, memberValues } from '../../src/sweep/members.js';
import { sbatchScript, shellQuote, checkSlurmTime } from '../../src/sweep/sbatch.js';
import { CaseError } from '../../src/case/caseError.js';

describe('JSON paths of --set', () => {
  it('splits dotted keys, array indices and quoted keys', () => {
    expect(parsePath('materials.si.conductivity')).toEqual(['materials', 'si', 'conductivity']);
    expect(parsePath('ohmic.boundaryConditions[0].value')).toEqual(['ohmic', 'boundaryConditions', 0, 'value']);
    expect(parsePath('mesh.layers[12].ny')).toEqual(['mesh', 'layers', 12, 'ny']);
    expect(parsePath('materials["Li2.5Si"].x')).toEqual(['materials', 'Li2.5Si', 'x']);
    expect(parsePath('regions["a]b"]')).toEqual(['regions', 'a]b']);
    expect(parsePath('materials.a-LixSi.conductivity')).toEqual(['materials', 'a-LixSi', 'conductivity']);
    expect(parsePath('m[0][1]')).toEqual(['m', 0, 1]);
  });

  for (const bad of ['', 'a..b', '.a', 'a.', 'a[', 'a[x]', 'a[-1]', 'a.[0]', 'a[0]b', 'a["x"', 'a[""]', 'a]']) {
    it(`rejects the malformed path '${bad}' with a CaseError naming it`, () => {
      expect(() => parsePath(bad)).toThrow(CaseError);
      expect(() => parsePath(bad)).toThrow(`--set '${bad}'`);
    });
  }

  it('parses values as JSON literals, else as plain strings, splitting only at top-level commas', () => {
    const s = parseSetArg('x=1, 2.5e-3,true,null,"a,b",2 mS/cm,[1,2],{"k":[3,4]}');
    expect(s.path).toBe('x');
    expect(s.values).toEqual([1, 2.5e-3, true, null, 'a,b', '2 mS/cm', [1, 2], { k: [3, 4] }]);
  });

  it('rejects missing "=", empty values, no --set at all and a path given twice', () => {
    expect(() => parseSetArg('refine')).toThrow(/expected path=value1,value2/);
    expect(() => parseSetArg('=1,2')).toThrow(/expected path=value1,value2/);
    expect(() => parseSetArg('refine=1,,2')).toThrow(/value 2 is empty/);
    expect(() => parseSetArgs([])).toThrow(/at least one --set/);
    expect(() => parseSetArgs(['refine=0', 'refine=1'])).toThrow(/given twice/);
    // the same location written two ways is the same path
    expect(() => parseSetArgs(['a.b=0', 'a["b"]=1'])).toThrow(/given twice/);
  });

  it('sets values inside objects and arrays, and says which part of the path does not exist', () => {
    const o: any = { a: { b: [{ c: 1 }, { c: 2 }] }, s: 'x' };
    setAtPath(o, ['a', 'b', 1, 'c'], 5);
    setAtPath(o, ['a', 'b', 0], { c: 7 });
    setAtPath(o, ['a', 'new'], true); // a new last key is allowed: the case schema judges it
    expect(o).toEqual({ a: { b: [{ c: 7 }, { c: 5 }], new: true }, s: 'x' });
    expect(() => setAtPath(o, ['a', 'b', 2, 'c'], 1)).toThrow("'a.b[2]' does not exist ('a.b' has 2 entries)");
    expect(() => setAtPath(o, ['a', 'x', 'y'], 1)).toThrow("'a.x' does not exist");
    expect(() => setAtPath(o, ['s', 'y'], 1)).toThrow("'s' is not an object");
    expect(() => setAtPath(o, ['a', 0], 1)).toThrow("'a' is not an array");
  });
});

describe('members: cartesian product in a stable order', () => {
  const sets = parseSetArgs(['p=1,2,3', 'q="a","b"', 'r=10,20,30,40']);

  it('enumerates exactly the nested-loop order (first --set slowest, last fastest)', () => {
    // independent reference: three explicit nested loops
    const ref: unknown[][] = [];
    for (const p of [1, 2, 3]) for (const q of ['a', 'b']) for (const r of [10, 20, 30, 40]) ref.push([p, q, r]);
    expect(memberCount(sets)).toBe(24);
    const got = Array.from({ length: 24 }, (_, i) => memberValues(sets, i));
    expect(got).toEqual(ref);
    for (let i = 0; i < 24; i++) expect(memberIndex(sets, memberDigits(sets, i))).toBe(i);
    expect(() => memberDigits(sets, 24)).toThrow(RangeError);
    expect(() => memberDigits(sets, -1)).toThrow(RangeError);
    expect(() => memberDigits(sets, 1.5)).toThrow(RangeError);
  });

  it('names member directories with at least 4 digits, more for large sweeps', () => {
    expect(memberDirName(3, 4)).toBe('member-0003');
    expect(memberDirName(0, 1)).toBe('member-0000');
    expect(memberDirName(9999, 10_000)).toBe('member-9999');
    expect(memberDirName(42, 12_000)).toBe('member-00042');
  });

  it('builds member cases as copies with the values written (arrays included), base untouched', () => {
    const base = { materials: { si: { conductivity: 1 } }, bcs: [{ value: 0 }, { value: 0 }] };
    const s2 = parseSetArgs(['materials.si.conductivity=5,6', 'bcs[1].value=[1,2],"3 V"']);
    const m3 = memberCaseJson(base, s2, 3) as any;
    expect(m3).toEqual({ materials: { si: { conductivity: 6 } }, bcs: [{ value: 0 }, { value: '3 V' }] });
    const m0 = memberCaseJson(base, s2, 0) as any;
    expect(m0.bcs[1].value).toEqual([1, 2]);
    m0.bcs[1].value.push(9); // the member's copy is its own
    expect((memberCaseJson(base, s2, 0) as any).bcs[1].value).toEqual([1, 2]);
    expect(base).toEqual({ materials: { si: { conductivity: 1 } }, bcs: [{ value: 0 }, { value: 0 }] });
    expect(describeMember(s2, 1)).toBe('materials.si.conductivity=5, bcs[1].value="3 V"');
  });
});

describe('sbatch job-array script', () => {
  it('has the array range, resources, log path and the member command with the sets re-quoted', () => {
    const text = sbatchScript({
      count: 6, binPath: '/opt/ecm fem/bin/ecmfem.js', caseFile: '/c/case.json',
      setArgs: ['materials.si.conductivity=1 S/cm,2 S/cm', "name=it's"], outDir: '/scratch/sw', cpusPerTask: 4,
      time: '02:00:00', jobName: 'ecm', maxParallel: 2, quiet: true,
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines).toContain('#SBATCH --array=0-5%2');
    expect(lines).toContain('#SBATCH --cpus-per-task=4');
    expect(lines).toContain('#SBATCH --time=02:00:00');
    expect(lines).toContain('#SBATCH --job-name=ecm');
    expect(lines).toContain('#SBATCH --output=/scratch/sw/logs/%A_%a.out');
    const exec = lines.find((l) => l.startsWith('exec '))!;
    expect(exec).toBe(`exec "\${ECMFEM_NODE:-node}" '/opt/ecm fem/bin/ecmfem.js' sweep /c/case.json --set 'materials.si.conductivity=1 S/cm,2 S/cm' --set 'name=it'\\''s' --index "$SLURM_ARRAY_TASK_ID" --out /scratch/sw --quiet`);
  });

  it('quotes for the shell and checks SLURM time formats', () => {
    expect(shellQuote('a/b.json')).toBe('a/b.json');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    for (const t of ['30', '10:00', '01:00:00', '2-00', '2-12:30', '1-00:00:00']) expect(checkSlurmTime(t), t).toBeNull();
    for (const t of ['1h', '', '1:2:3:4', '-1', 'abc']) expect(checkSlurmTime(t), t).toMatch(/invalid --time/);
  });
});
