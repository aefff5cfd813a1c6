/**
 * The slider with long and old data: a dataset from 1816 to 2014, as the Correlates of War
 * and ATOP give.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/model/dates.ts';
import { launchChromium, openApp } from './chromium.ts';

const DATA = '?data=/fixtures/browser/two-centuries.geojson';

/** The range input's value as a day, and the date its label shows. */
async function thumb(page: Page): Promise<{ value: number; label: string }> {
  return {
    value: Number(await page.locator('#tm-day').inputValue()),
    label: (await page.locator('output.date').textContent()) ?? '',
  };
}

describe('a two-century dataset on the slider', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('opens on its last day, with the thumb at the end', async () => {
    const { page, errors } = await openApp(browser, DATA);
    expect(await page.evaluate(() => window.tensionMap.getState().date)).toBe('2014-02-20');
    expect(await thumb(page)).toEqual({ value: dayFromIso('2014-02-20'), label: '20 Feb 2014' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts the thumb on the date of the link', async () => {
    const { page } = await openApp(browser, `${DATA}&date=2005-06-01`);
    expect(await thumb(page)).toEqual({ value: dayFromIso('2005-06-01'), label: '1 Jun 2005' });
    await page.close();
  });

  it('moves a year per arrow key and ten per Page Up, and offers speeds in years', async () => {
    const { page } = await openApp(browser, `${DATA}&date=1870-12-25`);
    await page.locator('#tm-day').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => window.tensionMap.getState().date)).toBe('1871-12-25');
    await page.keyboard.press('PageUp');
    expect(await page.evaluate(() => window.tensionMap.getState().date)).toBe('1881-12-25');
    expect((await thumb(page)).value).toBe(dayFromIso('1881-12-25'));
    const speeds = await page
      .locator('.options select')
      .first()
      .locator('option')
      .allTextContents();
    expect(speeds).toEqual(['1 year/s', '5 years/s', '10 years/s']);
    await page.close();
  });

  it('lists and details an incident of 1870, and links to its date', async () => {
    const { page } = await openApp(browser, `${DATA}&date=1870-12-25&select=paris-1870-siege`);
    await page.locator('button[aria-controls="tm-event-list"]').click();
    await expect
      .poll(() => page.locator('#tm-event-list').textContent())
      .toContain('Siege of Paris');
    expect(await page.locator('.details').textContent()).toContain('19 Sep 1870 – 28 Jan 1871');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('date=1870-12-25');
    expect(await page.evaluate(() => window.tensionMap.getState().incidents)).toBe(1);
    await page.close();
  });

  it('plays two centuries in under a minute at the fastest speed', async () => {
    const { page } = await openApp(browser, `${DATA}&date=1816-01-01`);
    const speed = page.locator('.options select').first();
    await speed.selectOption({ label: '10 years/s' });
    await page.locator('button.play').click();
    await page.waitForTimeout(2000);
    const date = await page.evaluate(() => window.tensionMap.getState().date);
    // Two seconds at ten years a second: about twenty years on (ticks may lag on a busy machine).
    expect(Number(date.slice(0, 4))).toBeGreaterThanOrEqual(1826);
    await page.close();
  });
});
