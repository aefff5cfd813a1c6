/**
 * SVG and PDF exports as a user makes them, through the Export dialog, read back: the SVG
 * parses with the title as text and a group for each incident the live map draws, and the
 * PDF is an A4 page whose text can be extracted.
 */
import { DOMParser } from '@xmldom/xmldom';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';

let browser: Browser;
let page: Page;
let errors: string[];
beforeAll(async () => {
  browser = await launchChromium();
  ({ page, errors } = await openApp(browser, '?date=2023-01-27&view=47,38,4'));
});
afterAll(() => browser?.close());

/** Exports through the dialog in `format` and returns the downloaded file. */
async function download(
  format: string,
  pageSize?: string,
): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: format }).check();
  if (pageSize) await dialog.getByRole('radio', { name: pageSize, exact: true }).check();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('vector exports from the Export dialog', () => {
  it('saves an SVG with the title as text and one group per drawn incident', async () => {
    const { name, bytes } = await download('SVG (vector)');
    expect(name).toMatch(/_2023-01-27\.svg$/);
    const document = new DOMParser().parseFromString(bytes.toString('utf8'), 'image/svg+xml');
    const texts = Array.from(document.getElementsByTagName('text'));
    expect(texts.find((t) => t.getAttribute('class') === 'title')?.textContent).toBe(
      'Azerbaijan, Iran and Israel, 2022–2023',
    );
    const drawn = Array.from(document.getElementsByTagName('g'))
      .filter((g) => (g.getAttribute('class') ?? '').startsWith('incident '))
      .map((g) => g.getAttribute('data-id'));
    const live = await page.evaluate(() => window.tensionMap.renderedIds().incidents);
    expect(live.length).toBeGreaterThan(0);
    expect([...new Set(drawn)].sort()).toEqual(live);
    expect(bytes.length).toBeLessThan(2_000_000);
  });

  it('saves an A4 PDF whose text extracts, the same bytes twice', async () => {
    const first = await download('PDF (vector)', 'A4');
    const second = await download('PDF (vector)', 'A4');
    expect(first.name).toMatch(/_2023-01-27\.pdf$/);
    expect(first.bytes.equals(second.bytes)).toBe(true);
    expect(first.bytes.length).toBeLessThan(2_000_000);
    const pdf = await getDocument({ data: new Uint8Array(first.bytes) }).promise;
    const pdfPage = await pdf.getPage(1);
    expect(pdfPage.view).toEqual([0, 0, 595.28, 841.89]);
    const text = (await pdfPage.getTextContent()).items.map((i) => ('str' in i ? i.str : ''));
    expect(text).toContain('Azerbaijan, Iran and Israel, 2022–2023');
    expect(text).toContain('27 Jan 2023');
    expect(errors).toEqual([]);
  });
});
