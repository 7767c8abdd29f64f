import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReproductions } from '../../src/reproduce/runReproductions.js';
import { reportHtml } from '../../src/reproduce/report.js';
import { encodePng } from '../../src/io/png.js';
import { createImage } from '../../src/io/image.js';
import { writeFileSync, mkdirSync } from 'node:fs';
import type { ReproductionResult } from '../../src/reproduce/reproduction.js';

const png = (w: number, h: number) => { const im = createImage(w, h); return encodePng(im.width, im.height, im.data); };

describe('reproduction report', () => {
  it('report.html embeds every figure as a data: URI and lists every check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-report-'));
    try {
      mkdirSync(join(dir, 'r1'));
      writeFileSync(join(dir, 'r1', 'a.png'), png(4, 3));
      writeFileSync(join(dir, 'r1', 'b.png'), png(2, 2));
      const r: ReproductionResult = {
        id: 'r1', title: 'T <&>', source: 's', metrics: { a: 1.5, h: [1, 2] }, assumptions: { x: 1 }, verdict: 'v',
        checks: [{ quantity: 'q1', paper: 'p', model: 2, acceptance: '≥ 1', pass: true }, { quantity: 'q2', paper: 'p', model: 'x', acceptance: 'y', pass: false }],
        figures: [{ file: 'a.png', caption: 'A' }, { file: 'b.png', caption: 'B' }], sensitivity: [{ variant: 'v', value: 1 }], wallSeconds: 1,
      };
      const html = reportHtml([r], dir, { quick: true, date: 'd' });
      const imgs = [...html.matchAll(/<img [^>]*src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)];
      expect(imgs.length).toBe(2);
      // The embedded bytes are the files' bytes.
      expect(Buffer.from(imgs[0]![1]!, 'base64').equals(readFileSync(join(dir, 'r1', 'a.png')))).toBe(true);
      expect(html).toContain('<table id="checks">');
      expect((html.match(/class="PASS"/g) ?? []).length).toBe(1);
      expect((html.match(/class="FAIL"/g) ?? []).length).toBe(1);
      expect(html).toContain('T &lt;&amp;&gt;');
      expect(html).not.toMatch(/<script|src="(?!data:)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ecmfem reproduce writes DIR/<id>/results.json with the metrics keys and checks, and a report with every figure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-report-'));
    try {
      const out = join(dir, 'out');
      runReproductions(['si-sse-interlayer'], out, { quick: true });
      const res = JSON.parse(readFileSync(join(out, 'si-sse-interlayer', 'results.json'), 'utf8'));
      for (const k of ['currentMaxOverMean.noInterlayer', 'currentMaxOverMean.interlayer', 'frontFlatness.noInterlayer', 'frontFlatness.interlayer',
        'peakInterfaceStressGPa.noInterlayer', 'peakInterfaceStressGPa.interlayer']) expect(typeof res.metrics[k], k).toBe('number');
      for (const c of res.checks) for (const k of ['quantity', 'paper', 'model', 'acceptance', 'pass']) expect(c[k], k).toBeDefined();
      expect(res.assumptions.mechanics).toMatch(/engineering/);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect([...html.matchAll(/<img [^>]*src="data:image\/png;base64,/g)].length).toBe(res.figures.length);
      expect((html.match(/class="(PASS|FAIL)"/g) ?? []).length).toBe(res.checks.length);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## si-sse-interlayer');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('runReproductions rejects an unknown id before writing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-report-'));
    try {
      expect(() => runReproductions(['no-such'], join(dir, 'out'), { quick: true })).toThrow(/known: si-sse-interlayer/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
