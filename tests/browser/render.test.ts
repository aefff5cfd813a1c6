/**
 * Render tests as MapLibre lays them out: each folder under `tests/browser/render/` is one
 * case, holding its input (`query.txt`, the URL query string, and optionally `data.geojson`,
 * served at `/render/<case>/data.geojson` and loaded with `?data=`) and the picture it must
 * give (`expected.png`). The map is compared with pixelmatch: small differences
 * (anti-aliasing, glyph rasterisation) are tolerated; a missing layer, a moved arc or a
 * wrong colour is not. `REGEN=1` rewrites the expected pictures (`.ci/run` refuses it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';
import { repoPath } from '../../src/cli/serve.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const cases = repoPath('tests', 'browser', 'render');
const output = repoPath('tests', 'browser', '__output__');
/** Share of pixels allowed to differ beyond pixelmatch's per-pixel threshold. */
const ALLOWED = 0.005;
const VIEWPORT = { width: 1000, height: 700 };

/** The case's query string, with `data=` pointing at its dataset when it has one. */
function queryOf(name: string): string {
  const query = new URLSearchParams(readFileSync(join(cases, name, 'query.txt'), 'utf8').trim());
  if (existsSync(join(cases, name, 'data.geojson'))) {
    query.set('data', `/render/${name}/data.geojson`);
  }
  return `?${query}`;
}

const names = readdirSync(cases, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('render tests', () => {
  it('has cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)('%s', async (name) => {
    const expectedPath = join(cases, name, 'expected.png');
    const { page, errors } = await openApp(browser, queryOf(name), VIEWPORT);
    const actual = PNG.sync.read(await page.locator('.map').screenshot());
    await page.close();
    expect(errors).toEqual([]);
    if (process.env.REGEN) writeFileSync(expectedPath, PNG.sync.write(actual));
    expect(existsSync(expectedPath), `${expectedPath} is missing: run with REGEN=1`).toBe(true);
    const expected = PNG.sync.read(readFileSync(expectedPath));
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    const diff = new PNG({ width: actual.width, height: actual.height });
    const differing = pixelmatch(
      actual.data,
      expected.data,
      diff.data,
      actual.width,
      actual.height,
      { threshold: 0.1 },
    );
    const share = differing / (actual.width * actual.height);
    if (share > ALLOWED) {
      mkdirSync(output, { recursive: true });
      writeFileSync(join(output, `${name}.actual.png`), PNG.sync.write(actual));
      writeFileSync(join(output, `${name}.diff.png`), PNG.sync.write(diff));
    }
    expect(share, `see ${output}/${name}.diff.png`).toBeLessThanOrEqual(ALLOWED);
  });
});
