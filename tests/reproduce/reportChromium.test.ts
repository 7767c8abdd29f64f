import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runReproductions } from '../../src/reproduce/runReproductions.js';

const CHROMIUM = '/usr/bin/chromium';
const why = existsSync(CHROMIUM) ? '' : `${CHROMIUM} is not installed (Debian package 'chromium'; .ci/run installs it)`;
if (why) console.log(`skipping the headless-Chromium report check: ${why}`);

describe.skipIf(why !== '')('report.html renders in headless Chromium with every figure', () => {
  it('quick si-sse-interlayer report: all <img> decode (naturalWidth > 0), checks table present', async () => {
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'ecmfem-report-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      runReproductions(['si-sse-interlayer'], join(dir, 'out'), { quick: true, log: () => {} });
      const html = join(dir, 'out', 'report.html');
      const nImgInFile = (readFileSync(html, 'utf8').match(/<img /g) ?? []).length;
      expect(nImgInFile).toBeGreaterThan(0);
      const page = await browser.newPage();
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      // The callbacks run in the page (DOM types are not in this project's lib).
      const imgs: { ok: boolean; w: number }[] = await page.evaluate(() => Array.from((globalThis as any).document.images as { complete: boolean; naturalWidth: number }[]).map((i) => ({ ok: i.complete && i.naturalWidth > 0, w: i.naturalWidth })));
      expect(imgs).toHaveLength(nImgInFile);
      for (const i of imgs) expect(i.ok).toBe(true);
      const tables: number = await page.evaluate(() => (globalThis as any).document.querySelectorAll('table').length);
      expect(tables).toBeGreaterThan(0);
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: false });
      expect(readFileSync(join(dir, 'report.png')).length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
