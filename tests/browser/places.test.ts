/**
 * Crowded places and a country's view, through the UI and `window.tensionMap`: the four
 * incidents at Tehran get a count badge that follows the date and the filters, a click on it
 * lists them, and `?profile=IRN` opens Iran's profile.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { colouredNear } from './arcpixels.ts';
import { launchChromium, openApp } from './chromium.ts';

declare global {
  interface Window {
    /** Set by `holdPlaces`: delivers the crowded places the loading worker sent. */
    releasePlaces?: () => void;
  }
}

/**
 * Holds back the loading worker's `places` message until `window.releasePlaces()`, as if
 * grouping a large dataset's places took long, by wrapping the page's `Worker` before any
 * script runs.
 */
async function holdPlaces(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const held: [Worker, unknown][] = [];
    window.Worker = class extends window.Worker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        // Added first, so it runs before the app's own listeners and can stop them.
        this.addEventListener('message', (event) => {
          // Only the worker's own message: released ones are dispatched by the page, untrusted.
          if (!event.isTrusted || (event.data as { type?: string } | null)?.type !== 'places')
            return;
          event.stopImmediatePropagation();
          held.push([this, event.data]);
        });
      }
    };
    window.releasePlaces = () => {
      for (const [worker, data] of held.splice(0)) {
        worker.dispatchEvent(new MessageEvent('message', { data }));
      }
    };
  });
}

const TEHRAN = [51.389, 35.6892] as const;

/** The four incidents at Tehran. */
const TEHRAN_IDS = [
  'state-tv-music-video',
  'amirabdollahian-bayramov-call',
  'iran-personal-dispute-claim',
  'tehran-embassy-attack',
];

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

  it('draws the map before the crowded places arrive, and their badges once they do', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await holdPlaces(page);
    await page.goto(`${inject('origin')}/?date=2023-02-01&view=50,38,5`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    // The first frame, on a machine busy with other tests: no `ready` to wait for here.
    await expect
      .poll(() => page.evaluate(() => window.tensionMap.renderedIds().incidents.length), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.map').getAttribute('data-state')).toBe('ready');
    const before = await page.evaluate(() => window.tensionMap.renderedIds());
    expect(before.incidents).toContain('tehran-embassy-attack');
    expect(before.places).toEqual([]);
    // Settling waits for the badges, so for the places.
    const settles = () =>
      page.evaluate(() =>
        Promise.race([
          window.tensionMap.settled().then(() => 'settled'),
          new Promise((resolve) => setTimeout(() => resolve('waiting'), 500)),
        ]),
      );
    expect(await settles()).toBe('waiting');
    // Without its places, a click on Tehran's marks selects one rather than listing them.
    const { mark, badge } = await tehran(page);
    const without = await colouredNear(page, badge, '#222222');
    await page.mouse.click(mark.x, mark.y);
    await expect.poll(() => page.evaluate(() => window.tensionMap.getState().select)).toBeTruthy();
    expect(TEHRAN_IDS).toContain(await page.evaluate(() => window.tensionMap.getState().select));
    expect(await page.getByRole('dialog', { name: /incidents at this place/ }).count()).toBe(0);

    await page.evaluate(() => window.releasePlaces!());
    await page.evaluate(() => window.tensionMap.ready);
    // Back to the first view: the selection brought its incident into view.
    await page.evaluate(async () => {
      await window.tensionMap.select(null);
      await window.tensionMap.setView('50,38,5');
    });
    expect(await tehranCount(page)).toBe(4);
    expect(await colouredNear(page, badge, '#222222')).toBeGreaterThan(without + 80);
    await page.mouse.click(badge.x, badge.y);
    await page.getByRole('dialog', { name: '4 incidents at this place' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

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

describe('a country’s profile', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('opens from ?profile=IRN with Iran’s partners and stances, and focuses the map on Iran', async () => {
    const { page, errors } = await openApp(browser, '?date=2023-02-01&profile=IRN');
    const profile = page.getByRole('dialog', { name: 'Iran' });
    await profile.waitFor();
    const partner = (code: string) => profile.locator(`li[data-partner="${code}"] > div`);
    expect(await partner('AZE').innerText()).toMatch(/Azerbaijan:\s*Hostility\s*since 27 Jan 2023/);
    expect(await partner('ISR').innerText()).toMatch(/Israel:\s*Hostility/);
    expect(await partner('USA').innerText()).toMatch(/United States.*:\s*Tension/);
    expect(
      await profile.getByRole('list', { name: 'Changes with Azerbaijan' }).innerText(),
    ).toMatch(/Aug 2022[\s\S]*tension[\s\S]*Oct 2022[\s\S]*hostility/);
    expect(await profile.locator('svg.chart rect').count()).toBeGreaterThan(2);
    await page.evaluate(() => window.tensionMap.setDate('2022-09-01'));
    expect(await profile.locator('li[data-partner]').count()).toBe(1);
    expect(await partner('AZE').innerText()).toMatch(/Tension/);

    await profile.getByRole('button', { name: 'Focus the map on Iran' }).click();
    expect(await page.evaluate(() => window.tensionMap.getState().filters)).toEqual({
      country: ['IRN'],
    });
    await page.waitForFunction(() => location.search.includes('profile=IRN&country=IRN'));
    await page.keyboard.press('Escape');
    expect(await profile.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a country’s profile when it is clicked on the map, and from the details', async () => {
    const { page, errors } = await openApp(browser, '?date=2023-02-01&view=52,36,5');
    // Eastern Iran, away from every mark and arc and from the map's controls.
    const inMap = await page.evaluate(() => window.tensionMap.project(59, 33));
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + inMap.x, box.y + inMap.y);
    await page.getByRole('dialog', { name: 'Iran' }).waitFor();
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.tensionMap.select('london-embassy-attack'));
    await page.locator('.details').getByRole('button', { name: 'United Kingdom' }).click();
    await page.getByRole('dialog', { name: 'United Kingdom' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
