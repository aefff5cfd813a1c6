/**
 * The author's framing: the built-in dataset's `view` is the first view, so every incident of
 * its story (the Caucasus, Iran, Israel and Türkiye) is inside the map, not a cluster at the
 * edge of a world map; a link's own view still wins.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';
import { builtInDataset } from '../builtin.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The story's incidents: those inside the region the dataset frames. */
const story = builtInDataset().incidents.filter(
  ({ coordinates: [lon, lat] }) => lon >= 29 && lon <= 56 && lat >= 27.5 && lat <= 44.5,
);

describe('first view', () => {
  it('frames the built-in story: every incident of it inside a 600 × 400 map, filling it', async () => {
    expect(story.length).toBeGreaterThan(8);
    const { page, errors } = await openApp(browser, '', { width: 600, height: 400 });
    const size = await page.evaluate(() => {
      const canvas = document.querySelector('.maplibregl-canvas') as HTMLCanvasElement;
      return { width: canvas.clientWidth, height: canvas.clientHeight };
    });
    const points = await page.evaluate(
      (positions) =>
        Promise.all(positions.map(([lon, lat]) => window.tensionMap.project(lon!, lat!))),
      story.map((i) => i.coordinates),
    );
    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(0);
      expect(point.x).toBeLessThanOrEqual(size.width);
      expect(point.y).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(size.height);
    }
    // The story spreads over the map instead of sitting small in a corner of the world.
    const xs = points.map((p) => p.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(size.width / 4);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the view a link gives', async () => {
    const { page } = await openApp(browser, '?view=0,0,2', { width: 600, height: 400 });
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state.view.split(',').map(Number)).toEqual([0, 0, 2]);
    await page.close();
  });
});
