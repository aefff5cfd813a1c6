/**
 * SVG and PDF exports as a user makes them, through the Export dialog, read back: the SVG
 * parses with the title as text and a group for each incident the live map draws, and the
 * PDF is an A4 page whose text can be extracted. In the dark theme both are painted in the
 * dark palette: page, sea and every text colour.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEME_COLORS } from '../../src/core/style/palette.ts';
import { launchChromium, openApp } from './chromium.ts';

let browser: Browser;
let page: Page;
let errors: string[];
beforeAll(async () => {
  browser = await launchChromium();
  ({ page, errors } = await openApp(browser, '?date=2023-01-27&view=47,38,4'));
});
afterAll(() => browser?.close());

/** Exports `page`'s map through the dialog in `format` and returns the downloaded file. */
async function download(
  page: Page,
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
    const { name, bytes } = await download(page, 'SVG (vector)');
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
    const first = await download(page, 'PDF (vector)', 'A4');
    const second = await download(page, 'PDF (vector)', 'A4');
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

describe('vector exports right to left', () => {
  it('draws the Hebrew SVG’s legend mirrored, and embeds Noto Sans Hebrew in the PDF', async () => {
    const { page: hebrew, errors } = await openApp(
      browser,
      '?lang=he&date=2023-01-27&view=47,38,4',
    );
    const svgUrl = await hebrew.evaluate(() => window.tensionMap.exportVector({ format: 'svg' }));
    const pdfUrl = await hebrew.evaluate(() =>
      window.tensionMap.exportVector({ format: 'pdf', page: 'a4' }),
    );
    await hebrew.close();
    const decode = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    const svg = decode(svgUrl).toString('utf8');
    expect(svg).toContain('unicode-range:U+0590-05FF');
    // Rendered by Chromium: where the letters and marks really are, not only their attributes.
    const viewer = await browser.newPage();
    await viewer.setContent(`<body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
    await viewer.evaluate(() => document.fonts.ready);
    const rows = await viewer.evaluate(() => {
      const legend = document.querySelector('#legend')!;
      const marks = [...legend.querySelectorAll('circle, path')].map((m) =>
        (m as SVGGraphicsElement).getBBox(),
      );
      return [...legend.querySelectorAll('text.legend-label')].map((label) => {
        const box = (label as SVGTextElement).getBBox();
        const row = marks.filter(
          (m) => Math.abs(m.y + m.height / 2 - (box.y + box.height / 2)) < 6,
        );
        const right = box.x + box.width;
        // Its own swatch: the mark that starts just right of the label's end.
        const own = row.filter((m) => m.x > right && m.x <= right + 28);
        const overlapping = row.filter((m) => m.x < right && m.x + m.width > box.x);
        return {
          right,
          x: Number(label.getAttribute('x')),
          own: own.length,
          overlapping: overlapping.length,
        };
      });
    });
    await viewer.close();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      // Anchored at its start, which right to left is its right edge.
      expect(Math.abs(row.right - row.x)).toBeLessThan(1.5);
      expect(row.own).toBeGreaterThan(0);
      expect(row.overlapping).toBe(0);
    }
    const pdf = decode(pdfUrl).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/TensionMap-noto-sans-hebrew-hebrew-400-normal/);
    expect(errors).toEqual([]);
  }, 120_000);
});

/** The `fill` of every element named `tag` with `class` starting `className`. */
function fills(svg: Document, tag: string, className = ''): string[] {
  return Array.from(svg.getElementsByTagName(tag))
    .filter((element) => (element.getAttribute('class') ?? '').startsWith(className))
    .map((element) => element.getAttribute('fill') ?? '');
}

describe('vector exports of the dark theme', () => {
  const dark = THEME_COLORS.dark;
  const light = THEME_COLORS.light;
  let darkPage: Page;
  let darkErrors: string[];
  beforeAll(async () => {
    ({ page: darkPage, errors: darkErrors } = await openApp(
      browser,
      '?date=2023-01-27&view=47,38,4&theme=dark',
    ));
  });
  afterAll(() => darkPage?.close());

  it('paints the SVG page, sea and text in the dark palette', async () => {
    const { bytes } = await download(darkPage, 'SVG (vector)');
    const svg = new DOMParser().parseFromString(bytes.toString('utf8'), 'image/svg+xml');
    expect(svg.getElementById('background')?.getAttribute('fill')).toBe(dark.paper);
    // The map's frame is the sea, drawn first under the countries.
    const map = svg.getElementById('map')!;
    const sea = Array.from(map.getElementsByTagName('rect'))[0];
    expect(sea?.getAttribute('fill')).toBe(dark.ocean);
    expect(fills(svg, 'path', 'country')).toContain(dark.land);
    expect(fills(svg, 'text', 'title')).toEqual([dark.text]);
    expect(fills(svg, 'text', 'date')).toEqual([dark.muted]);
    expect(new Set(fills(svg, 'text', 'incident-label'))).toEqual(new Set([dark.labelText]));
    expect(new Set(fills(svg, 'text', 'country-label'))).toEqual(new Set([dark.countryLabel]));
    const texts = fills(svg, 'text');
    expect(texts.length).toBeGreaterThan(10);
    const palette = [dark.text, dark.muted, dark.labelText, dark.countryLabel];
    for (const fill of texts) expect(palette, fill).toContain(fill);
  });

  it('paints the PDF page and sea dark, its text light and extractable', async () => {
    const { bytes } = await download(darkPage, 'PDF (vector)', 'A4');
    const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
    const pdfPage = await pdf.getPage(1);
    const text = (await pdfPage.getTextContent()).items.map((i) => ('str' in i ? i.str : ''));
    expect(text).toContain('Azerbaijan, Iran and Israel, 2022–2023');
    expect(text).toContain('27 Jan 2023');
    // pdf.js gives each fill colour as `#rrggbb`, in drawing order: the page, then the sea.
    const operators = await pdfPage.getOperatorList();
    const fillColors = operators.fnArray.flatMap((op, i) =>
      op === OPS.setFillRGBColor ? [String((operators.argsArray[i] as unknown[])[0])] : [],
    );
    expect(fillColors.slice(0, 2)).toEqual([dark.paper, dark.ocean]);
    expect(fillColors).toContain(dark.text);
    expect(fillColors).toContain(dark.labelText);
    for (const color of [light.paper, light.text, light.labelText, light.land]) {
      expect(fillColors).not.toContain(color);
    }
    expect(darkErrors).toEqual([]);
  });
});
