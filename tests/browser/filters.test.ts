/**
 * Filters in a real browser: from the URL, `window.tensionMap.setFilters` and the UI, drawn
 * (checked on pixels), reported by `renderedIds()`, counted, and cleared when nothing matches.
 * The timeline above the slider, which follows them, is tested in `timeline.test.ts`.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';
import { repoPath } from '../../src/cli/serve.ts';
import { CATEGORY_COLORS } from '../../src/core/style/palette.ts';
import { colouredNear } from './arcpixels.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const renderedIds = (page: Page) => page.evaluate(() => window.tensionMap.renderedIds());

function builtInCoordinates(id: string): [number, number] {
  const dataset = JSON.parse(
    readFileSync(repoPath('geojson', 'caspian-2022-2023.geojson'), 'utf8'),
  ) as GeoJSON.FeatureCollection<GeoJSON.Point>;
  return dataset.features.find((f) => f.properties?.id === id)!.geometry.coordinates as [
    number,
    number,
  ];
}

/** Pixels of a category's colour where a built-in incident's mark is (see map.test.ts). */
async function markPixels(page: Page, id: string, category: string): Promise<number> {
  await page.evaluate(() => window.tensionMap.settled());
  const [lon, lat] = builtInCoordinates(id);
  const point = await page.evaluate(([x, y]) => window.tensionMap.project(x, y), [
    lon,
    lat,
  ] as const);
  const box = (await page.locator('.map').boundingBox())!;
  return colouredNear(page, { x: box.x + point.x, y: box.y + point.y }, CATEGORY_COLORS[category]!);
}

describe('filters from the URL', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ page, errors } = await openApp(browser, '?category=attack&view=20,30,1.5'));
  });

  it('draws the Tehran attack and not the military drills', async () => {
    expect(await markPixels(page, 'tehran-embassy-attack', 'attack')).toBeGreaterThan(30);
    // On the last day Baku's marks cover the drills: look where they stand alone.
    await page.evaluate(() => window.tensionMap.setDate('2022-10-31'));
    const drills = await markPixels(page, 'irgc-border-drills', 'military');
    await page.evaluate(() => window.tensionMap.setDate('2023-01-31'));
    expect(drills).toBeLessThan(3);
    expect(errors).toEqual([]);
  });

  it('reports only attacks as rendered, and keeps the arcs', async () => {
    const ids = await renderedIds(page);
    expect(ids.incidents).toContain('tehran-embassy-attack');
    expect(ids.incidents).not.toContain('irgc-border-drills');
    expect(ids.incidents.length).toBeGreaterThan(0);
    expect(ids.relations.length).toBeGreaterThan(0);
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state.filters).toEqual({ category: ['attack'] });
    expect(state.incidents).toBe(ids.incidents.length);
  });

  it('says how many of how many are shown', async () => {
    const counts = await page.getByTestId('counts').textContent();
    expect(counts).toMatch(/\b2 of \d+ incidents/);
  });
});

// On 31 October 2022 the drills' mark stands alone, so its pixels say whether it is drawn.
describe('filters through window.tensionMap', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await openApp(browser, '?date=2022-10-31&view=20,30,1.5'));
  });

  it('hides and shows marks as the filters change, without reloading', async () => {
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeGreaterThan(30);
    await page.evaluate(() => window.tensionMap.setFilters({ country: ['GBR'] }));
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeLessThan(3);
    expect((await renderedIds(page)).incidents).toEqual(['london-embassy-attack']);
    await page.evaluate(() => window.tensionMap.setFilters({ country: [] }));
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeGreaterThan(30);
  });

  it('finds incidents by words of their titles, in any case and accents', async () => {
    await page.evaluate(() => window.tensionMap.setFilters({ q: 'BÖRDER drills' }));
    expect((await renderedIds(page)).incidents).toEqual(['irgc-border-drills']);
    await page.evaluate(() => window.tensionMap.setFilters({ q: '' }));
  });

  it('says when nothing matches, and clears the filters from there', async () => {
    await page.evaluate(() => window.tensionMap.setFilters({ q: 'zzzqqqnothing' }));
    const message = page.getByTestId('no-match');
    await message.waitFor();
    expect(await message.textContent()).toContain('Nothing on this date matches');
    expect((await renderedIds(page)).incidents).toEqual([]);
    await message.getByRole('button', { name: 'Clear filters' }).click();
    await page.evaluate(() => window.tensionMap.settled());
    expect(await page.evaluate(() => window.tensionMap.getState().filters)).toEqual({});
    expect(await message.count()).toBe(0);
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeGreaterThan(30);
  });
});

describe('filters through the UI', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await openApp(browser, '?date=2022-10-31&view=20,30,1.5'));
  });

  it('hides a category from its legend entry', async () => {
    const entry = page.getByRole('button', { name: 'Military activity', exact: true });
    expect(await entry.getAttribute('aria-pressed')).toBe('true');
    await entry.click();
    await page.evaluate(() => window.tensionMap.settled());
    expect(await entry.getAttribute('aria-pressed')).toBe('false');
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeLessThan(3);
    expect((await renderedIds(page)).incidents).not.toContain('irgc-border-drills');
    expect(await page.url()).toContain('category=');
    await entry.click();
    await page.evaluate(() => window.tensionMap.settled());
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeGreaterThan(30);
  });

  it('filters by a search typed in the filter panel, and clears it there', async () => {
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByLabel('Search titles and summaries').fill('embassy');
    await page.waitForFunction(() => window.tensionMap.getState().filters.q === 'embassy');
    await page.evaluate(() => window.tensionMap.settled());
    const ids = (await renderedIds(page)).incidents;
    expect(ids).toContain('london-embassy-attack');
    expect(ids).not.toContain('irgc-border-drills');
    expect(await page.getByTestId('counts').textContent()).toMatch(/\b1 of 4 incidents/);
    await page.getByTestId('filter-panel').getByRole('button', { name: 'Clear filters' }).click();
    await page.evaluate(() => window.tensionMap.settled());
    expect(await page.evaluate(() => window.tensionMap.getState().filters)).toEqual({});
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeGreaterThan(30);
  });
});
