/**
 * Small and dark screens: the full view from a 320 px phone to a 1920 px desktop without
 * sideways scrolling, its header actions in reach (in a menu when narrow), the event list and
 * legend as sheets on phones; the dark theme from `?theme=dark` or the reader's colour
 * scheme, on the map, the interface and exported images, checked on pixels.
 */
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { THEME_COLORS } from '../../src/core/style/palette.ts';
import { axeViolations, launchChromium } from './chromium.ts';

const WORLD = 'view=20,30,1.5';
const ACTIONS = [/^(Show|Hide) list$/, 'Filters', 'Export…', 'Embed', 'Open dataset…'];
/** Opening a page on a busy machine can take half a minute; a test here opens up to two. */
const SLOW = 150_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Opens the app at a query in a fresh context (colour scheme and viewport as given). */
async function open(
  query: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; axe?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: options.height ?? 800 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    // axe is injected as a script, which the app's own policy rightly forbids.
    bypassCSP: options.axe ?? false,
  });
  const page = await context.newPage();
  await page.goto(`${inject('origin')}/?${query}`);
  await page.waitForFunction(() => window.tensionMap !== undefined);
  await page.evaluate(() => window.tensionMap.ready);
  return page;
}

/** The median colour of a square of pixels: labels and borders in it do not move it. */
function median(png: PNG, x: number, y: number, half = 7): [number, number, number] {
  const channels: number[][] = [[], [], []];
  for (let dy = -half; dy <= half; dy++) {
    for (let dx = -half; dx <= half; dx++) {
      const i = ((Math.round(y) + dy) * png.width + Math.round(x) + dx) * 4;
      for (let c = 0; c < 3; c++) channels[c]!.push(png.data[i + c]!);
    }
  }
  return channels.map((values) => values.sort((a, b) => a - b)[values.length >> 1]!) as [
    number,
    number,
    number,
  ];
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [value >> 16, (value >> 8) & 255, value & 255];
}

/** Whether a colour is within a few levels of `hex` on every channel. */
function near(color: [number, number, number], hex: string, tolerance = 12): boolean {
  return rgb(hex).every((c, i) => Math.abs(c - color[i]!) <= tolerance);
}

/** The map's land colour at a desert in Sudan, from a screenshot of the map. */
async function landColor(page: Page): Promise<[number, number, number]> {
  const point = await page.evaluate(() => window.tensionMap.project(27, 19));
  const png = PNG.sync.read(await page.locator('.map').screenshot());
  return median(png, point.x, point.y);
}

/** The header's background, from a screenshot of its top corner. */
async function headerColor(page: Page): Promise<[number, number, number]> {
  const png = PNG.sync.read(await page.locator('header').first().screenshot());
  return median(png, 4, 4, 2);
}

const dark = (color: [number, number, number]) => Math.max(...color) < 70;

describe.each([320, 390, 768, 1920])('the full view at %i px wide', (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await open(WORLD, { width });
  });
  afterAll(() => page?.context().close());

  it('never scrolls sideways', async () => {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });

  it('keeps every header action in reach, in the menu when narrow', async () => {
    const menu = page.getByRole('button', { name: 'Menu' });
    const folded = await menu.isVisible();
    expect(folded).toBe(width < 720);
    for (const name of ACTIONS) {
      const action = page.locator('header').getByRole('button', { name, exact: true });
      const label = String(name);
      if (!(await action.isVisible())) {
        expect(folded, `${label} is hidden and there is no menu`).toBe(true);
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
      }
      expect(await action.isVisible(), label).toBe(true);
      const box = (await action.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, label).toBeLessThanOrEqual(width);
      if (folded && (await menu.getAttribute('aria-expanded')) === 'true') {
        await action.focus();
        await page.keyboard.press('Escape');
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        expect(await menu.evaluate((button) => button === document.activeElement)).toBe(true);
        expect(await action.isVisible()).toBe(name === ACTIONS[0]);
      }
    }
  });
});

describe('sheets on a phone', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(WORLD, { width: 390, height: 800 });
  });
  afterAll(() => page?.context().close());

  /** The top of the time slider, which no sheet may cover. */
  const sliderTop = async () => (await page.locator('#tm-day').boundingBox())!.y;

  it('opens and closes the event list as a sheet above the slider', async () => {
    const list = page.locator('#tm-event-list');
    expect(await list.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show list' }).click();
    expect(await list.isVisible()).toBe(true);
    const box = (await list.boundingBox())!;
    expect(box.width).toBeGreaterThan(380);
    expect(box.y + box.height).toBeLessThanOrEqual(await sliderTop());
    const map = (await page.locator('.map').boundingBox())!;
    expect(box.y).toBeGreaterThan(map.y);
    await page.getByRole('button', { name: 'Hide list' }).click();
    expect(await list.isVisible()).toBe(false);
  });

  it('opens and closes the legend as a sheet above the slider', async () => {
    const toggle = page.getByRole('button', { name: 'Legend' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const box = (await page.locator('.legend').boundingBox())!;
    expect(box.width).toBeGreaterThan(380);
    expect(box.y + box.height).toBeLessThanOrEqual((await sliderTop()) + 0.5);
    expect(await page.getByText('Military activity').first().isVisible()).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByText('Military activity').first().isVisible()).toBe(false);
  });
});

describe('the dark theme', () => {
  it(
    'draws dark land and a dark interface with ?theme=dark',
    async () => {
      const page = await open(`${WORLD}&theme=dark`);
      expect(near(await landColor(page), THEME_COLORS.dark.land)).toBe(true);
      expect(dark(await headerColor(page))).toBe(true);
      expect(await page.evaluate(() => window.tensionMap.getState().theme)).toBe('dark');
      await page.context().close();
    },
    SLOW,
  );

  it(
    'draws the map\'s attribution dark, with its text and its "i" light',
    async () => {
      const page = await open(`${WORLD}&theme=dark`);
      const control = PNG.sync.read(await page.locator('.maplibregl-ctrl-attrib').screenshot());
      let light = 0;
      for (let i = 0; i < control.data.length; i += 4) {
        if (Math.min(control.data[i]!, control.data[i + 1]!, control.data[i + 2]!) > 180) light++;
      }
      // The credit's letters are light on a dark box, as the rest of the interface.
      expect(dark(median(control, 4, control.height / 2, 2))).toBe(true);
      expect(light).toBeGreaterThan(20);
      // MapLibre's 24 px button: a disc of radius 7 px around its centre, holding the "i".
      const button = PNG.sync.read(
        await page.locator('.maplibregl-ctrl-attrib-button').screenshot(),
      );
      expect(dark(median(button, 12, 2, 1)), 'around the disc').toBe(true);
      expect(Math.min(...median(button, 8, 12, 1)), 'the disc').toBeGreaterThan(180);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'follows prefers-color-scheme: dark, and ?theme=light overrides it',
    async () => {
      const following = await open(WORLD, { colorScheme: 'dark' });
      expect(near(await landColor(following), THEME_COLORS.dark.land)).toBe(true);
      expect(dark(await headerColor(following))).toBe(true);
      await following.context().close();

      const light = await open(`${WORLD}&theme=light`, { colorScheme: 'dark' });
      expect(near(await landColor(light), THEME_COLORS.light.land)).toBe(true);
      expect(Math.min(...(await headerColor(light)))).toBeGreaterThan(240);
      await light.context().close();
    },
    SLOW,
  );

  it(
    'switches the live map and the interface when a command sets the theme',
    async () => {
      const page = await open(WORLD);
      expect(near(await landColor(page), THEME_COLORS.light.land)).toBe(true);
      await page.evaluate(() => window.tensionMap.setTheme('dark'));
      expect(dark(await headerColor(page))).toBe(true);
      expect(near(await landColor(page), THEME_COLORS.dark.land)).toBe(true);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'exports a PNG with dark land and a dark page',
    async () => {
      const page = await open('view=27,19,3&theme=dark');
      const options = { size: { width: 800, height: 600 }, legend: false };
      const layout = await page.evaluate((o) => window.tensionMap.exportLayout(o), options);
      const dataUrl = await page.evaluate((o) => window.tensionMap.exportImage(o), options);
      const png = PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
      const centre = median(
        png,
        layout.map.x + layout.map.width / 2,
        layout.map.y + layout.map.height / 2,
      );
      expect(near(centre, THEME_COLORS.dark.land), String(centre)).toBe(true);
      expect(near(median(png, 4, 4, 2), THEME_COLORS.dark.paper)).toBe(true);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'has no serious or critical axe violations in dark',
    async () => {
      const page = await open('date=2023-01-27&select=tehran-embassy-attack&theme=dark', {
        axe: true,
      });
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      await page.context().close();
    },
    SLOW,
  );
});
