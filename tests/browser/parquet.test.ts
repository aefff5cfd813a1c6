/**
 * GeoParquet in the built app: `?data=` to a Parquet file and a dropped Parquet file show
 * their incidents, read by the loading worker exactly as their GeoJSON originals are.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile, launchChromium, openApp } from './chromium.ts';
import { colouredNear } from './arcpixels.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * Pixels of the fixture's own `protest` colour where its Baku protest (49.8671, 40.4093) is
 * drawn: only the fixture declares that category, so the built-in dataset never paints them.
 */
async function bakuProtestPixels(page: Page): Promise<number> {
  await page.evaluate(() => window.tensionMap.settled());
  const point = await page.evaluate(() => window.tensionMap.project(49.8671, 40.4093));
  const box = (await page.locator('.map').boundingBox())!;
  return colouredNear(page, { x: box.x + point.x, y: box.y + point.y }, '#aa3377');
}

describe('GeoParquet in the map', () => {
  it('?data= to a Parquet file shows its incidents', async () => {
    const { page, errors } = await openApp(
      browser,
      '?data=/fixtures/valid/minimal.parquet&date=2023-01-28&view=50,37,5',
    );
    expect(await page.evaluate(() => window.tensionMap.getState().title)).toBe('Minimal example');
    expect(await bakuProtestPixels(page)).toBeGreaterThan(20);
    expect(await page.evaluate(() => window.tensionMap.renderedIds().incidents)).toContain(
      'baku-protest',
    );
    expect(await page.locator('section.problems').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a dropped Parquet file replaces the dataset', async () => {
    const { page } = await openApp(browser, '?date=2023-01-28&view=50,37,5');
    await dropFile(page, 'tests/fixtures/valid/minimal.parquet');
    await page.waitForFunction(() => window.tensionMap.getState().title === 'Minimal example');
    expect(await bakuProtestPixels(page)).toBeGreaterThan(20);
    await page.close();
  });
});
