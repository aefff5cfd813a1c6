/**
 * The benchmark's deck.gl peer page in the bench build (`dist-bench/bench/deckgl.html`, built
 * here when missing or older than its sources): it draws the dataset's incidents with
 * deck.gl in their category's colour, only from their first day on, and `repaint` changes
 * nothing drawn.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { colouredNear } from './arcpixels.ts';
import { BENCH_DIST, benchBuildOutdated, buildBench } from '../../src/bench/build.ts';
import type { DeckPeer } from '../../src/bench/deckgl.ts';
import { repoPath, startServer } from '../../src/cli/serve.ts';
import { CATEGORY_COLORS } from '../../src/core/style/palette.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  if (benchBuildOutdated()) await buildBench(() => {});
  // The built-in dataset, served as the benchmark serves its files.
  server = await startServer(BENCH_DIST, repoPath('geojson'));
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

declare const deckPeer: DeckPeer;

/** The built-in dataset's attack on the embassy in London, on 2022-08-05: no arc near it. */
const LONDON: [number, number] = [-0.1276, 51.5072];

async function openPeer(date: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(
    `${server.origin}/bench/deckgl.html?data=/fixtures/caspian-2022-2023.geojson&view=-0.13,51.5,5&date=${date}`,
  );
  await page.waitForFunction(() => typeof deckPeer !== 'undefined');
  await page.evaluate(() => deckPeer.ready);
  return { page, errors };
}

describe('the deck.gl peer page', () => {
  it('draws an incident in its category’s colour from its date on, and none before', async () => {
    const { page, errors } = await openPeer('2022-08-04');
    expect(await page.evaluate(() => deckPeer.counts())).toEqual({ incidents: 14, arcs: 9 });
    const point = await page.evaluate(([lon, lat]) => deckPeer.project(lon, lat), LONDON);
    const attack = CATEGORY_COLORS.attack!;
    expect(await colouredNear(page, point, attack)).toBe(0);
    await page.evaluate(() => deckPeer.setDate('2022-08-05'));
    const drawn = await colouredNear(page, point, attack);
    expect(drawn).toBeGreaterThan(15);
    await page.evaluate(() => deckPeer.repaint());
    expect(await colouredNear(page, point, attack)).toBe(drawn);
    await page.evaluate(() => deckPeer.setDate('2022-01-01'));
    expect(await colouredNear(page, point, attack)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
