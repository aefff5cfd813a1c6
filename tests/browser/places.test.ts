/**
 * Crowded places and a country's view, through the UI and `window.tensionMap`: the four
 * incidents at Tehran get a count badge that follows the date and the filters, a click on it
 * lists them, and `?profile=IRN` opens Iran's profile.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colouredNear } from './arcpixels.ts';
import { launchChromium, openApp } from './chromium.ts';

const TEHRAN = [51.389, 35.6892] as const;

/** Tehran on the page, and where its badge sits (10 px right of and above it). */
async function tehran(page: Page) {
  const inMap = await page.evaluate(([x, y]) => window.tensionMap.project(x, y), TEHRAN);
  const box = (await page.locator('.map').boundingBox())!;
  const mark = { x: box.x + inMap.x, y: box.y + inMap.y };
  return { mark, badge: { x: mark.x + 10, y: mark.y - 10 } };
}

/** The count on the badge at Tehran, or `undefined` when none is drawn. */
async function tehranCount(page: Page): Promise<number | undefined> {
  const { places } = await page.evaluate(() => window.tensionMap.renderedIds());
  return places.find(
    (p) => Math.abs(p.lon - TEHRAN[0]) < 0.05 && Math.abs(p.lat - TEHRAN[1]) < 0.05,
  )?.count;
}

describe('crowded places', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('puts a count on the Tehran mark that follows the date and the filters', async () => {
    const { page, errors } = await openApp(browser, '?date=2023-02-01&view=50,38,5');
    expect(await tehranCount(page)).toBe(4);
    const { badge } = await tehran(page);
    const withBadge = await colouredNear(page, badge, '#222222');
    await page.evaluate(() => window.tensionMap.setDate('2023-01-15'));
    expect(await tehranCount(page)).toBe(3);
    await page.evaluate(() => window.tensionMap.setDate('2022-12-01'));
    expect(await tehranCount(page)).toBeUndefined();
    const without = await colouredNear(page, badge, '#222222');
    expect(withBadge).toBeGreaterThan(without + 80);
    await page.evaluate(() => window.tensionMap.setDate('2023-02-01'));
    await page.evaluate(() => window.tensionMap.setFilters({ category: ['statement', 'attack'] }));
    expect(await tehranCount(page)).toBe(2);
    await page.evaluate(() => window.tensionMap.setMode('window', 3));
    expect(await tehranCount(page)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the incidents at Tehran on a click, and selects the one picked', async () => {
    const { page, errors } = await openApp(browser, '?date=2023-02-01&view=50,38,5');
    const { badge } = await tehran(page);
    await page.mouse.click(badge.x, badge.y);
    const list = page.getByRole('dialog', { name: '4 incidents at this place' });
    await list.waitFor();
    expect(await list.locator('li button .what').allTextContents()).toEqual([
      'Iranian state TV airs music video threatening Azerbaijan and Israel',
      expect.any(String),
      expect.any(String),
      'Gunman attacks the Azerbaijani Embassy in Tehran',
    ]);
    await page.keyboard.press('Escape');
    expect(await list.count()).toBe(0);
    await page.mouse.click(badge.x, badge.y);
    await list.locator('button[data-id="tehran-embassy-attack"]').click();
    expect(await page.evaluate(() => window.tensionMap.getState().select)).toBe(
      'tehran-embassy-attack',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
