/**
 * The benchmark's hooks in the bench build (`dist-bench/`, built here when missing or older
 * than its sources): the naive way draws the day's marks with MapLibre layers while the GPU
 * layers draw nothing, and `repaint` resolves once drawn.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';
import { colouredNear, onArc } from './arcpixels.ts';
import { BENCH_DIST, benchBuildOutdated, buildBench } from '../../src/bench/build.ts';
import type { BenchApi } from '../../src/bench/page.ts';
import { repoPath, startServer } from '../../src/cli/serve.ts';
import { STANCE_STYLES } from '../../src/core/style/palette.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  if (benchBuildOutdated()) await buildBench(() => {});
  server = await startServer(BENCH_DIST, repoPath('tests', 'fixtures'));
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** `window.tensionMap` as the bench build installs it. */
declare const tensionMap: BenchApi;

describe("the benchmark's naive way", () => {
  it('draws the day’s arcs with MapLibre layers while the GPU layers draw nothing', async () => {
    const { page, errors } = await openApp(
      browser,
      '?view=42,36,4.5&date=2023-01-27',
      undefined,
      server.origin,
    );
    const point = await onArc(page);
    const [cooperation, alliance] = [STANCE_STYLES.cooperation.color, STANCE_STYLES.alliance.color];
    // The slider's day, drawn by the GPU arc layer: alliance.
    expect(await colouredNear(page, point, alliance)).toBeGreaterThan(40);
    // A day before any relation: the naive layers draw no arc, and neither do the GPU layers.
    await page.evaluate(() => tensionMap.naiveSetDate('2021-06-01'));
    expect(await colouredNear(page, point, alliance)).toBeLessThan(5);
    await page.evaluate(() => tensionMap.naiveSetDate('2022-11-17'));
    const before = await colouredNear(page, point, cooperation);
    expect(before).toBeGreaterThan(40);
    expect(before).toBeGreaterThan(4 * (await colouredNear(page, point, alliance)));
    await page.evaluate(() => tensionMap.naiveSetDate('2023-01-27'));
    const after = await colouredNear(page, point, alliance);
    expect(after).toBeGreaterThan(40);
    expect(after).toBeGreaterThan(4 * (await colouredNear(page, point, cooperation)));
    // The naive way leaves the slider alone, and a repaint changes nothing drawn.
    expect(await page.evaluate(() => tensionMap.getState().date)).toBe('2023-01-27');
    await page.evaluate(() => tensionMap.repaint());
    expect(await colouredNear(page, point, alliance)).toBe(after);
    expect(errors).toEqual([]);
    await page.close();
  });
});
