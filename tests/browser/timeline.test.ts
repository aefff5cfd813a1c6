/**
 * The timeline above the slider in a real browser: its bars checked on the canvas's pixels
 * against the histogram computed here from the built-in dataset (each category's colour where
 * its incidents are, nothing where there are none), the stance-change ticks, a filter change
 * redrawing it, dragging and clicking, the keyboard, the tooltip and text alternative, a
 * high-DPI canvas, and axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PNG } from 'pngjs';
import { axeViolations, launchChromium, openApp } from './chromium.ts';
import { builtInDataset } from '../builtin.ts';
import { buildMapData } from '../../src/core/prepare/mapdata.ts';
import { categoryColors } from '../../src/core/style/marks.ts';
import { MARK_OUTLINE } from '../../src/core/style/palette.ts';
import {
  bucketAt,
  bucketSpan,
  bucketTotal,
  chooseBucketSize,
  histogram,
  type Histogram,
} from '../../src/core/time/histogram.ts';
import { stanceChangeDays } from '../../src/core/time/stancechanges.ts';
import { dayFromIso, isoFromDay, type Day } from '../../src/core/model/dates.ts';
import type { DateRange } from '../../src/core/time/timeline.ts';

const WORLD = '?view=20,30,1.5';
/** The canvas's layout in CSS pixels (see `Timeline.svelte`): bars, then the ticks' band. */
const BARS = 28;
const TICKS = 7;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const dataset = builtInDataset();
const data = buildMapData(dataset);
const colorOf = categoryColors(dataset.categories);
const categories = dataset.categories.map((c) => c.id);

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The canvas's pixels, read back from the page. */
interface Pixels {
  width: number;
  height: number;
  cssWidth: number;
  data: number[];
}

async function canvasPixels(page: Page): Promise<Pixels> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="timeline"] canvas')!;
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return {
      width: canvas.width,
      height: canvas.height,
      cssWidth: canvas.clientWidth,
      data: Array.from(image.data),
    };
  });
}

function pixelIs(pixels: Pixels, x: number, y: number, hex: string): boolean {
  const i = (y * pixels.width + x) * 4;
  const [r, g, b] = rgb(hex);
  const d = pixels.data;
  return (
    d[i + 3]! > 250 &&
    Math.abs(d[i]! - r!) <= 2 &&
    Math.abs(d[i + 1]! - g!) <= 2 &&
    Math.abs(d[i + 2]! - b!) <= 2
  );
}

function opaque(pixels: Pixels, x: number, y: number): boolean {
  return pixels.data[(y * pixels.width + x) * 4 + 3]! > 0;
}

/** The histogram the page should draw: the dataset's incidents that `keep` passes. */
function expectedHistogram(range: DateRange, cssWidth: number, keep = (_: string) => true) {
  const kept = dataset.incidents.filter((i) => keep(i.category));
  return histogram(
    { starts: kept.map((i) => i.date.start), categories: kept.map((i) => i.category) },
    range,
    chooseBucketSize(range, cssWidth),
    categories,
  );
}

/** The slider's range, as the page has it. */
async function rangeOf(page: Page): Promise<DateRange> {
  const input = page.locator('#tm-day');
  return {
    start: Number(await input.getAttribute('min')),
    end: Number(await input.getAttribute('max')),
  };
}

/** The device-pixel columns a bar covers, as `Timeline.svelte` rounds them. */
function columnsOf(h: Histogram, bar: number, range: DateRange, pixels: Pixels) {
  const ratio = pixels.width / pixels.cssWidth;
  const days = range.end - range.start + 1;
  const edge = (day: Day) => Math.round(((day - range.start) / days) * pixels.cssWidth * ratio);
  const { start, end } = bucketSpan(h, bar);
  return { from: edge(Math.max(start, range.start)), to: edge(Math.min(end, range.end) + 1) };
}

/**
 * What differs between the canvas and a histogram: a bar with incidents must show its
 * bottom category's colour and every category it counts; a bar without must be empty.
 * Right to left (`rtl`), the bars run from the right edge, and a bar is checked in its middle
 * column, since the gap between bars stays on the bar's right.
 */
function mismatches(pixels: Pixels, h: Histogram, range: DateRange, rtl = false): string[] {
  const ratio = pixels.width / pixels.cssWidth;
  const bottom = Math.round(BARS * ratio) - 1;
  const problems: string[] = [];
  for (let bar = 0; bar < h.starts.length; bar++) {
    const { from, to } = columnsOf(h, bar, range, pixels);
    const x = rtl ? pixels.width - 1 - Math.floor((from + to - 1) / 2) : from;
    const counted = h.categories.filter((_, c) => h.counts[bar * h.categories.length + c]! > 0);
    const column = Array.from({ length: bottom + 1 }, (_, y) => y);
    const label = `${isoFromDay(h.starts[bar]!)} (${from}–${to})`;
    if (!counted.length) {
      if (column.some((y) => opaque(pixels, x, y))) problems.push(`${label}: drawn but empty`);
      continue;
    }
    if (!pixelIs(pixels, x, bottom, colorOf(counted[0]!))) {
      problems.push(`${label}: bottom is not ${counted[0]}`);
    }
    for (const id of counted) {
      if (!column.some((y) => pixelIs(pixels, x, y, colorOf(id)))) {
        problems.push(`${label}: no ${id} pixels`);
      }
    }
  }
  return problems;
}

/** Waits for the timeline to have drawn the page's histogram. */
async function timelineDrawn(page: Page): Promise<void> {
  await page.getByTestId('timeline').waitFor();
  await page.waitForFunction(
    () =>
      !document
        .querySelector('[data-testid="timeline"]')
        ?.getAttribute('aria-valuetext')
        ?.startsWith('Counting'),
  );
  await page.evaluate(() => window.tensionMap.settled());
}

describe('the timeline of the built-in dataset', () => {
  let page: Page;
  let errors: string[];
  let range: DateRange;
  let pixels: Pixels;
  let expected: Histogram;
  beforeAll(async () => {
    ({ page, errors } = await openApp(browser, WORLD));
    await timelineDrawn(page);
    range = await rangeOf(page);
    pixels = await canvasPixels(page);
    expected = expectedHistogram(range, pixels.cssWidth);
  });
  afterAll(() => page?.close());

  it('draws each category’s colour where its incidents are, and nothing elsewhere', () => {
    expect(range).toEqual(data.range);
    let withIncidents = 0;
    for (let bar = 0; bar < expected.starts.length; bar++) {
      if (bucketTotal(expected, bar)) withIncidents++;
    }
    expect(withIncidents).toBeGreaterThan(3);
    expect(withIncidents).toBeLessThan(expected.starts.length / 2);
    expect(mismatches(pixels, expected, range)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('marks the days a relationship changes stance with ticks, and no others', () => {
    const ratio = pixels.width / pixels.cssWidth;
    const days = range.end - range.start + 1;
    const y = Math.round((BARS + 4) * ratio);
    const ticked = new Set(
      stanceChangeDays(data.dyads, range).map((c) =>
        Math.round(((c.day - range.start) / days) * pixels.cssWidth * ratio),
      ),
    );
    expect(ticked.size).toBeGreaterThan(2);
    for (const x of ticked) expect(pixelIs(pixels, x, y, MARK_OUTLINE), `tick at ${x}`).toBe(true);
    const stray = Array.from({ length: pixels.width }, (_, x) => x).filter(
      (x) => opaque(pixels, x, y) && !ticked.has(x),
    );
    expect(stray).toEqual([]);
  });

  it('says what it shows in words: busiest period, total, stance changes', async () => {
    const id = (await page.getByTestId('timeline').getAttribute('aria-describedby'))!.split(' ')[0];
    const summary = await page.locator(`[id="${id}"]`).textContent();
    expect(summary).toContain(`${dataset.incidents.length} incidents in all`);
    expect(summary).toMatch(/Busiest (week|month|day) .*: \d+ incidents?\./);
    expect(summary).toContain(`${stanceChangeDays(data.dyads, range).length} days on which`);
  });

  it('names a bar’s period and count when hovered', async () => {
    const bar = [...expected.starts.keys()].find((b) => bucketTotal(expected, b) > 1)!;
    const box = (await page.getByTestId('timeline').boundingBox())!;
    const { from, to } = columnsOf(expected, bar, range, pixels);
    await page.mouse.move(box.x + (from + to) / 2, box.y + BARS - 2);
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain(`${bucketTotal(expected, bar)} incidents`);
    await page.mouse.move(box.x + box.width / 2, box.y - 100);
    await expect.poll(() => tip.count()).toBe(0);
  });
});

describe('the timeline follows the filters', () => {
  it('redraws with only the attacks', async () => {
    const { page, errors } = await openApp(browser, WORLD);
    await timelineDrawn(page);
    const range = await rangeOf(page);
    const before = await canvasPixels(page);
    await page.evaluate(() => window.tensionMap.setFilters({ category: ['attack'] }));
    const onlyAttacks = expectedHistogram(range, before.cssWidth, (c) => c === 'attack');
    await expect
      .poll(async () => mismatches(await canvasPixels(page), onlyAttacks, range))
      .toEqual([]);
    const after = await canvasPixels(page);
    expect(after.data).not.toEqual(before.data);
    const military = Array.from({ length: after.width }, (_, x) => x).filter((x) =>
      Array.from({ length: BARS }, (_, y) => y).some((y) =>
        pixelIs(after, x, y, colorOf('military')),
      ),
    );
    expect(military).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('choosing dates on the timeline', () => {
  let page: Page;
  let range: DateRange;
  let pixels: Pixels;
  let h: Histogram;
  beforeAll(async () => {
    ({ page } = await openApp(browser, WORLD));
    await timelineDrawn(page);
    range = await rangeOf(page);
    pixels = await canvasPixels(page);
    h = expectedHistogram(range, pixels.cssWidth);
  });
  afterAll(() => page?.close());

  const lastDay = (bar: number) => Math.min(bucketSpan(h, bar).end, range.end);
  const firstDay = (bar: number) => Math.max(bucketSpan(h, bar).start, range.start);
  const centre = (bar: number) => {
    const { from, to } = columnsOf(h, bar, range, pixels);
    return (from + to) / 2;
  };

  it('selects a window by dragging: window mode, from and to in the URL', async () => {
    const box = (await page.getByTestId('timeline').boundingBox())!;
    const [a, b] = [Math.floor(h.starts.length * 0.3), Math.floor(h.starts.length * 0.6)];
    await page.mouse.move(box.x + centre(a), box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + centre(b), box.y + 20, { steps: 8 });
    await page.mouse.up();
    const to = lastDay(b);
    const length = to - firstDay(a) + 1;
    await expect.poll(() => page.evaluate(() => location.search)).toContain(`to=${isoFromDay(to)}`);
    const search = new URLSearchParams(await page.evaluate(() => location.search));
    expect(search.get('from')).toBe(isoFromDay(firstDay(a)));
    // The window's days stand for the older date, mode and window, which links no longer write.
    expect(['date', 'mode', 'window'].filter((name) => search.has(name))).toEqual([]);
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state).toMatchObject({
      mode: 'window',
      window: length,
      date: isoFromDay(to),
    });
  });

  it('moves the date to a bar’s last day when a bar is clicked', async () => {
    // Window mode shows the window's length beside the slider: the timeline is narrower now.
    pixels = await canvasPixels(page);
    h = expectedHistogram(range, pixels.cssWidth);
    const box = (await page.getByTestId('timeline').boundingBox())!;
    const bar = Math.floor(h.starts.length * 0.2);
    await page.mouse.click(box.x + centre(bar), box.y + 20);
    await expect
      .poll(() => page.evaluate(() => window.tensionMap.getState().date))
      .toBe(isoFromDay(lastDay(bar)));
  });

  it('works by keyboard: reached by Tab, arrows walk the bars, Enter jumps, Shift+arrows select', async () => {
    await page.evaluate(() => window.tensionMap.setMode('cumulative'));
    await page.getByRole('button', { name: 'First day' }).focus();
    await page.keyboard.press('Shift+Tab');
    const timeline = page.getByTestId('timeline');
    expect(await timeline.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await timeline.getAttribute('aria-valuenow')).toBe('1');
    expect(await timeline.getAttribute('aria-valuetext')).toMatch(/^week of .*: \d+ incidents?$/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => window.tensionMap.getState().date))
      .toBe(isoFromDay(lastDay(1)));
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state).toMatchObject({
      mode: 'window',
      date: isoFromDay(lastDay(3)),
      window: lastDay(3) - firstDay(1) + 1,
    });
    expect(await timeline.getAttribute('aria-valuetext')).toContain('window');
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toContain(`from=${isoFromDay(firstDay(1))}&to=${isoFromDay(lastDay(3))}`);
  });

  it('keeps the current bar in step with the date', async () => {
    await page.evaluate(() => window.tensionMap.setDate('2022-10-15'));
    await page.getByRole('button', { name: 'First day' }).focus();
    expect(await page.getByTestId('timeline').getAttribute('aria-valuenow')).toBe(
      String(bucketAt(h, dayFromIso('2022-10-15')!)),
    );
  });
});

/** The axis's labels as drawn: text and box, in time order. */
async function axisLabels(page: Page) {
  const axis = page.getByTestId('timeline-axis');
  await axis.locator('span').first().waitFor();
  const box = (await axis.boundingBox())!;
  const labels = await axis.locator('span').evaluateAll((spans) =>
    spans.map((span) => {
      const { left, right, top, bottom } = span.getBoundingClientRect();
      return { text: span.textContent ?? '', left, right, top, bottom };
    }),
  );
  return { axis, box, labels };
}

const PERSIAN_MONTHS = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
];

describe('the dates under the timeline', () => {
  for (const [name, query] of [
    ['English', WORLD],
    ['Persian', `${WORLD}&lang=fa`],
  ] as const) {
    it(`writes a few ${name} dates, never overlapping, and draws them`, async () => {
      const { page, errors } = await openApp(browser, query);
      try {
        await timelineDrawn(page);
        const { axis, box, labels } = await axisLabels(page);
        expect(labels.length).toBeGreaterThanOrEqual(3);
        expect(labels.length).toBeLessThanOrEqual(16);
        if (name === 'English') {
          for (const { text } of labels) expect(text).toMatch(/^[A-Z][a-z]{2}( \d{4})?$/);
        } else {
          // Solar Hijri months in Persian digits, earliest at the right.
          for (const { text } of labels) {
            expect(
              PERSIAN_MONTHS.some((month) => text.startsWith(month)),
              text,
            ).toBe(true);
            expect(text).not.toMatch(/[0-9]/);
          }
          expect(labels.map((l) => l.text).join(' ')).toMatch(/[۰-۹]{4}/);
          expect(labels[0]!.left).toBeGreaterThan(labels[labels.length - 1]!.left);
        }
        const ordered = [...labels].sort((a, b) => a.left - b.left);
        for (const [k, label] of ordered.entries()) {
          expect(label.left).toBeGreaterThanOrEqual(box.x - 0.5);
          expect(label.right).toBeLessThanOrEqual(box.x + box.width + 0.5);
          const next = ordered[k + 1];
          if (next) expect(next.left, `${label.text} | ${next.text}`).toBeGreaterThan(label.right);
        }
        // Each label's box holds text pixels: dark against the panel (or light, in a dark theme).
        const png = PNG.sync.read(await axis.screenshot());
        // The panel is the commonest colour; text is any other.
        const seen = new Map<number, number>();
        for (let i = 0; i < png.data.length; i += 4) {
          const value = png.data.readUInt32BE(i);
          seen.set(value, (seen.get(value) ?? 0) + 1);
        }
        const background = [...seen].sort((a, b) => b[1] - a[1])[0]![0];
        const ink = (x: number, y: number) =>
          png.data.readUInt32BE((y * png.width + x) * 4) !== background;
        for (const label of labels) {
          let drawn = 0;
          for (
            let x = Math.ceil(label.left - box.x) + 3;
            x < Math.floor(label.right - box.x);
            x++
          ) {
            for (let y = 0; y < png.height; y++) if (ink(x, y)) drawn++;
          }
          expect(drawn, label.text).toBeGreaterThan(15);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('a window in a link', () => {
  it('opens from= and to= in window mode, and rewrites an old date, mode and window as them', async () => {
    const { page, errors } = await openApp(browser, `${WORLD}&from=2022-10-01&to=2022-10-30`);
    try {
      await page.evaluate(() => window.tensionMap.ready);
      expect(await page.evaluate(() => window.tensionMap.getState())).toMatchObject({
        mode: 'window',
        window: 30,
        date: '2022-10-30',
      });
      // The window's length beside the slider follows the link.
      await expect.poll(() => page.getByLabel('Window length in days').inputValue()).toBe('30');
      await page.goto(
        page.url().replace(/\?.*$/, `${WORLD}&date=2022-11-18&mode=window&window=10`),
      );
      await page.waitForFunction(() => window.tensionMap !== undefined);
      await page.evaluate(() => window.tensionMap.ready);
      expect(await page.evaluate(() => window.tensionMap.getState())).toMatchObject({
        mode: 'window',
        window: 10,
        date: '2022-11-18',
      });
      await expect
        .poll(() => page.evaluate(() => location.search))
        .toBe('?from=2022-11-09&to=2022-11-18&view=20,30,1.5');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the timeline on a high-DPI screen', () => {
  it('draws in device pixels, so bars stay crisp', async () => {
    // A smaller window: software WebGL draws the map's four times as many pixels slowly.
    const page = await browser.newPage({
      viewport: { width: 900, height: 600 },
      deviceScaleFactor: 2,
    });
    await page.goto(`${inject('origin')}/${WORLD}`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    await timelineDrawn(page);
    const range = await rangeOf(page);
    const pixels = await canvasPixels(page);
    expect(pixels.width).toBe(Math.round(pixels.cssWidth * 2));
    expect(pixels.height).toBe(2 * (BARS + TICKS));
    expect(mismatches(pixels, expectedHistogram(range, pixels.cssWidth), range)).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the timeline when the language changes at run time', () => {
  it('mirrors to and from right to left without a reload', async () => {
    const { page, errors } = await openApp(browser, WORLD);
    await timelineDrawn(page);
    const range = await rangeOf(page);
    const drawnAs = async (lang: string, rtl: boolean) => {
      await page.evaluate((lang) => window.tensionMap.setLanguage(lang), lang);
      await expect.poll(() => page.locator('.app').getAttribute('dir')).toBe(rtl ? 'rtl' : 'ltr');
      // Polled: the canvas is redrawn in the effect after the direction changes.
      let pixels = await canvasPixels(page);
      // The histogram is counted again for the new width, which takes a while on a busy machine.
      await expect
        .poll(
          async () => {
            pixels = await canvasPixels(page);
            const h = expectedHistogram(range, pixels.cssWidth);
            return mismatches(pixels, h, range, rtl);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toEqual([]);
      return pixels;
    };
    await drawnAs('he', true);
    const persian = await drawnAs('fa', true);
    // Not a symmetric picture that passes either way: read left to right, it is wrong.
    const h = expectedHistogram(range, persian.cssWidth);
    expect(mismatches(persian, h, range).length).toBeGreaterThan(0);
    // The arrow keys follow: from the first bar, right to left, only the left arrow moves on.
    const timeline = page.getByTestId('timeline');
    await timeline.focus();
    await page.keyboard.press('Home');
    const first = await timeline.getAttribute('aria-valuetext');
    await page.keyboard.press('ArrowRight');
    expect(await timeline.getAttribute('aria-valuetext')).toBe(first);
    await page.keyboard.press('ArrowLeft');
    expect(await timeline.getAttribute('aria-valuetext')).not.toBe(first);
    await drawnAs('en', false);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('accessibility of the timeline', () => {
  it('has no serious or critical axe violations, tooltip shown', async () => {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1200, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/${WORLD}`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    await timelineDrawn(page);
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('End');
    await page.getByRole('tooltip').waitFor();
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    await context.close();
  });
});
