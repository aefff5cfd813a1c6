/**
 * Render test: the default view of the built-in dataset compared with a stored picture.
 * Small differences (anti-aliasing, glyph rasterisation) are tolerated; a missing layer,
 * a moved arc or a wrong colour is not. `REGEN=1` rewrites the golden image.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';
import { repoPath } from '../../src/cli/serve.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const golden = repoPath('tests', 'browser', 'golden', 'default-view.png');
const output = repoPath('tests', 'browser', '__output__');
/** Share of pixels allowed to differ beyond pixelmatch's per-pixel threshold. */
const ALLOWED = 0.005;

it('draws the default view of the built-in dataset like the golden image', async () => {
  const { page } = await openApp(browser, '?date=2023-01-27&view=44,37,3.6', {
    width: 1000,
    height: 700,
  });
  const actual = PNG.sync.read(await page.locator('.map').screenshot());
  if (process.env.REGEN) {
    mkdirSync(repoPath('tests', 'browser', 'golden'), { recursive: true });
    writeFileSync(golden, PNG.sync.write(actual));
  }
  expect(existsSync(golden), 'golden image missing: run with REGEN=1').toBe(true);
  const expected = PNG.sync.read(readFileSync(golden));
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, {
    threshold: 0.1,
  });
  if (differing / (actual.width * actual.height) > ALLOWED) {
    mkdirSync(output, { recursive: true });
    writeFileSync(`${output}/default-view.actual.png`, PNG.sync.write(actual));
    writeFileSync(`${output}/default-view.diff.png`, PNG.sync.write(diff));
  }
  expect(differing / (actual.width * actual.height)).toBeLessThanOrEqual(ALLOWED);
  await page.close();
});
