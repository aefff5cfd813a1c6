/**
 * The map in a real browser: Debian's Chromium, WebGL through SwiftShader, the built app.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile, launchChromium, openApp } from './chromium.ts';
import { repoPath } from '../../src/cli/serve.ts';
import { syntheticDataset } from '../../src/bench/synthetic.ts';
import { CATEGORY_COLORS, STANCE_STYLES } from '../../src/core/style/palette.ts';
import { colouredNear, onArc } from './arcpixels.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const setDate = (page: Page, date: string) =>
  page.evaluate((d) => window.tensionMap.setDate(d), date);
const renderedIds = (page: Page) => page.evaluate(() => window.tensionMap.renderedIds());
const mapState = (page: Page) => page.locator('.map').getAttribute('data-state');

/** Where the built-in dataset places a feature. */
function builtInCoordinates(id: string): [number, number] {
  const dataset = JSON.parse(
    readFileSync(repoPath('geojson', 'caspian-2022-2023.geojson'), 'utf8'),
  ) as GeoJSON.FeatureCollection<GeoJSON.Point>;
  const feature = dataset.features.find((f) => f.properties?.id === id)!;
  return feature.geometry.coordinates as [number, number];
}

/** Where a built-in incident is on the page, in page pixels. */
async function onScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  const [lon, lat] = builtInCoordinates(id);
  const point = await page.evaluate(([x, y]) => window.tensionMap.project(x, y), [
    lon,
    lat,
  ] as const);
  const box = (await page.locator('.map').boundingBox())!;
  return { x: box.x + point.x, y: box.y + point.y };
}

/**
 * Pixels of a category's colour where a built-in incident's mark is: a mark of at least 5 px
 * radius fills about 75 of them when drawn, and none are there when it is not.
 */
async function markPixels(page: Page, id: string, category: string): Promise<number> {
  await page.evaluate(() => window.tensionMap.settled());
  return colouredNear(page, await onScreen(page, id), CATEGORY_COLORS[category]!);
}

describe('the built-in dataset on the map', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    // The whole world in view, not the dataset's own framing: London is in the story too.
    ({ page, errors } = await openApp(browser, '?view=20,30,1.5'));
  });

  it('starts ready, with no errors, on the last day of the dataset', async () => {
    expect(await mapState(page)).toBe('ready');
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state.title).toBe('Azerbaijan, Iran and Israel, 2022–2023');
    expect(state.incidents).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });

  it('draws the Tehran attack on 27 Jan 2023 and not on 1 Dec 2022', async () => {
    await setDate(page, '2023-01-27');
    expect(await mapState(page)).toBe('ready');
    expect((await renderedIds(page)).incidents).toContain('tehran-embassy-attack');
    // It is the only attack in Tehran, drawn over the other incidents there.
    expect(await markPixels(page, 'tehran-embassy-attack', 'attack')).toBeGreaterThan(30);
    await setDate(page, '2022-12-01');
    expect((await renderedIds(page)).incidents).not.toContain('tehran-embassy-attack');
    expect(await markPixels(page, 'tehran-embassy-attack', 'attack')).toBeLessThan(3);
  });

  it('labels the Tehran attack from its day on, and not before', async () => {
    await setDate(page, '2023-01-27');
    expect((await renderedIds(page)).labels).toContain('tehran-embassy-attack');
    // A step on which no label appears or goes keeps the label (only its fading moves).
    await setDate(page, '2023-01-29');
    expect((await renderedIds(page)).labels).toContain('tehran-embassy-attack');
    await setDate(page, '2023-01-26');
    const before = await renderedIds(page);
    expect(before.labels).not.toContain('tehran-embassy-attack');
    expect(before.labels.length).toBeGreaterThan(0);
    for (const id of before.labels) expect(before.incidents).toContain(id);
  });

  it('draws the London attack on 5 Aug 2022 and nothing dated later', async () => {
    await setDate(page, '2022-08-05');
    const { incidents } = await renderedIds(page);
    expect(incidents).toContain('london-embassy-attack');
    expect(incidents).not.toContain('irgc-border-drills');
    expect(await markPixels(page, 'london-embassy-attack', 'attack')).toBeGreaterThan(30);
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeLessThan(3);
    // The drills (October 2022) are drawn once their month has begun.
    await setDate(page, '2022-10-15');
    expect(await markPixels(page, 'irgc-border-drills', 'military')).toBeGreaterThan(30);
  });

  it('changes the Azerbaijan–Israel arc on 18 Nov 2022', async () => {
    await setDate(page, '2022-11-17');
    const before = (await renderedIds(page)).relations;
    await setDate(page, '2022-11-18');
    const after = (await renderedIds(page)).relations;
    expect(before).toContain('aze-isr-2022');
    expect(before).not.toContain('aze-isr-2022-11-18');
    expect(after).toContain('aze-isr-2022-11-18');
    expect(after).not.toContain('aze-isr-2022');
  });

  it('in window mode drops incidents older than the window', async () => {
    await page.getByRole('combobox', { name: 'Show' }).selectOption('window');
    await setDate(page, '2023-01-27');
    const { incidents } = await renderedIds(page);
    expect(incidents).toContain('tehran-embassy-attack');
    expect(incidents).not.toContain('london-embassy-attack');
    expect(await markPixels(page, 'tehran-embassy-attack', 'attack')).toBeGreaterThan(30);
    expect(await markPixels(page, 'london-embassy-attack', 'attack')).toBeLessThan(3);
    // Within the window (its day) the London attack is drawn in full.
    await setDate(page, '2022-08-05');
    expect(await markPixels(page, 'london-embassy-attack', 'attack')).toBeGreaterThan(30);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('cumulative');
  });

  it('moves the slider by keyboard: arrows a day, Page Up a month, Home and End', async () => {
    await setDate(page, '2022-11-18');
    const slider = page.getByRole('slider', { name: 'Date' });
    await slider.focus();
    const date = () => page.evaluate(() => window.tensionMap.getState().date);
    await page.keyboard.press('ArrowRight');
    expect(await date()).toBe('2022-11-19');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await date()).toBe('2022-11-17');
    await page.keyboard.press('PageUp');
    expect(await date()).toBe('2022-12-17');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    expect(await date()).toBe('2022-10-17');
    await page.keyboard.press('Home');
    const start = await date();
    await page.keyboard.press('End');
    expect((await date()) > start).toBe(true);
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  });

  it('opens the details of an incident when it is clicked, with its sources as links', async () => {
    await page.evaluate(() => window.tensionMap.setView('-0.13,51.5,6'));
    await setDate(page, '2023-01-27');
    const point = await onScreen(page, 'london-embassy-attack');
    await page.mouse.click(point.x, point.y);
    const panel = page.locator('.details');
    await expect.poll(() => panel.locator('h2').textContent()).toContain('London');
    expect(await panel.textContent()).toContain('5 Aug 2022');
    const link = panel.locator('a').first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.caspianpolicy\.org\//);
    expect(await page.evaluate(() => window.tensionMap.getState().select)).toBe(
      'london-embassy-attack',
    );
  });

  it('pans a place selected in the list out from under its details, and draws it there', async () => {
    // Tehran two thirds of the way across the map: on screen, where the details will open.
    const box = (await page.locator('.map').boundingBox())!;
    await page.evaluate(
      (lon) => window.tensionMap.setView(`${lon},35.7,5`),
      51.4 - (box.width / 3 / 2 ** 5 / 512) * 360,
    );
    await setDate(page, '2023-01-27');
    if (!(await page.locator('#tm-event-list').isVisible())) {
      await page.getByRole('button', { name: 'Show list' }).click();
    }
    await page
      .locator('#tm-event-list')
      .getByText('Gunman attacks the Azerbaijani Embassy')
      .click();
    const details = page.locator('.details');
    await details.waitFor();
    await page.waitForTimeout(800);
    await page.evaluate(() => window.tensionMap.settled());
    const place = await onScreen(page, 'tehran-embassy-attack');
    const panel = (await details.boundingBox())!;
    const under =
      place.x >= panel.x && place.x <= panel.x + panel.width && place.y <= panel.y + panel.height;
    expect(under, `Tehran at ${place.x},${place.y}; details ${JSON.stringify(panel)}`).toBe(false);
    expect(await markPixels(page, 'tehran-embassy-attack', 'attack')).toBeGreaterThan(20);
  });

  it('shows a tooltip when the pointer rests on an incident', async () => {
    await page.evaluate(() => window.tensionMap.setView('-0.13,51.5,6'));
    await setDate(page, '2023-01-27');
    const point = await onScreen(page, 'london-embassy-attack');
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByRole('tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.innerText()).toMatch(/London[\s\S]*5 Aug 2022/);
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await expect.poll(() => tooltip.count()).toBe(0);
  });

  it('draws an arc in the stance of the day, names it under the pointer, and widens its pair once clicked', async () => {
    await page.evaluate(() => window.tensionMap.select(null));
    await page.evaluate(() => window.tensionMap.setView('42,36,4.5'));
    await setDate(page, '2023-01-27');
    const point = await onArc(page);
    const coloured = (hex: string) => colouredNear(page, point, hex);
    const allianceColoured = () => coloured(STANCE_STYLES.alliance.color);

    // The day picks the stretch the GPU draws: cooperation until 17 Nov 2022, then alliance.
    // (Antialiased edges of one blend towards the other, so counts are compared, not zeroed.)
    const cooperationColoured = () => coloured(STANCE_STYLES.cooperation.color);
    await setDate(page, '2022-11-17');
    const [before, beforeAlliance] = [await cooperationColoured(), await allianceColoured()];
    expect(before).toBeGreaterThan(40);
    expect(before).toBeGreaterThan(4 * beforeAlliance);
    await setDate(page, '2023-01-27');
    const [after, afterCooperation] = [await allianceColoured(), await cooperationColoured()];
    expect(after).toBeGreaterThan(40);
    expect(after).toBeGreaterThan(4 * afterCooperation);

    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByRole('tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.innerText()).toMatch(/Azerbaijan – Israel[\s\S]*Alliance/);
    await page.mouse.move(point.x + 25, point.y + 25);
    await expect.poll(() => tooltip.count()).toBe(0);

    const plain = await allianceColoured();
    expect(plain).toBeGreaterThan(60);
    await page.mouse.click(point.x, point.y);
    await expect
      .poll(() => page.locator('.details h2').textContent())
      .toContain('Azerbaijan – Israel');
    expect(await page.evaluate(() => window.tensionMap.getState().select)).toBe(
      'aze-isr-2022-11-18',
    );
    await page.mouse.move(point.x + 25, point.y + 25);
    await expect.poll(() => tooltip.count()).toBe(0);
    await page.evaluate(() => window.tensionMap.settled());
    expect(await allianceColoured()).toBeGreaterThan(plain * 1.4);
    await page.evaluate(() => window.tensionMap.select(null));
  });

  it('shows a month-precision event as its month, never as a day', async () => {
    await page.evaluate(() => window.tensionMap.select('irgc-border-drills'));
    const meta = await page.locator('.details .meta').textContent();
    expect(meta).toContain('Oct 2022');
    expect(meta).not.toMatch(/\d{1,2} Oct 2022/);
  });

  it('shows the history of a pair when its arc is selected', async () => {
    await setDate(page, '2023-01-27');
    await page.evaluate(() => window.tensionMap.select('aze-isr-2022-11-18'));
    const panel = page.locator('.details');
    expect(await panel.locator('h2').textContent()).toContain('Azerbaijan – Israel');
    expect(await panel.locator('.history > li').count()).toBe(2);
  });
});

describe('the URL is the state', () => {
  it('restores date, view, selection and mode from a link, and writes them back', async () => {
    const query =
      '?date=2022-11-18&view=45,38,4&select=tel-aviv-embassy-announced&mode=window&window=60';
    const { page, errors } = await openApp(browser, query);
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state).toMatchObject({
      date: '2022-11-18',
      view: '45,38,4',
      select: 'tel-aviv-embassy-announced',
      mode: 'window',
      window: 60,
    });
    await setDate(page, '2023-01-11');
    // A window goes in links as its first and last day.
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toContain('from=2022-11-13&to=2023-01-11');
    const copied = await page.evaluate(() => location.search);
    const reopened = await openApp(browser, copied);
    const restored = await reopened.page.evaluate(() => window.tensionMap.getState());
    expect(restored).toEqual({
      ...state,
      date: '2023-01-11',
      incidents: restored.incidents,
      relations: restored.relations,
    });
    expect(restored.incidents).toBe(
      await page.evaluate(() => window.tensionMap.getState().incidents),
    );
    expect(errors).toEqual([]);
    await page.close();
    await reopened.page.close();
  });
});

describe('loading your own data', () => {
  it('lists every problem of an invalid dropped file and keeps the dataset shown', async () => {
    const { page } = await openApp(browser, '?date=2023-01-27');
    const before = await renderedIds(page);
    await dropFile(page, 'tests/fixtures/browser/invalid.geojson', 'application/geo+json');
    const problems = page.locator('section.problems');
    await expect.poll(() => problems.isVisible()).toBe(true);
    const text = ((await problems.innerText()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('invalid.geojson was not loaded: 3 problems');
    expect(text).toMatch(/feature 0 \(id "bad-date"\): properties\.date "2023-02-30"/);
    expect(text).toMatch(/feature 1 \(id "bad-country"\).*"IRA".*"IRN"/);
    expect(text).toMatch(/feature 2 \(id "bad-pair"\)/);
    const state = await page.evaluate(() => window.tensionMap.getState());
    expect(state.title).toBe('Azerbaijan, Iran and Israel, 2022–2023');
    await page.evaluate(() => window.tensionMap.setDate('2023-01-27'));
    expect(await renderedIds(page)).toEqual(before);
    await page.close();
  });

  it('shows text from data as text, never as HTML', async () => {
    const { page } = await openApp(browser);
    await dropFile(page, 'tests/fixtures/browser/hostile-text.geojson', 'application/geo+json');
    await expect.poll(() => page.locator('h1').textContent()).toContain('<img src=x');
    await page.evaluate(() => window.tensionMap.setDate('2023-01-27'));
    await page.evaluate(() => window.tensionMap.select('hostile'));
    const panel = page.locator('.details');
    expect(await panel.locator('h2').textContent()).toContain('<img');
    expect(await page.locator('.app img, .app script, .app svg[onload]').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    await page.close();
  });

  it('loads a dataset picked with the file button', async () => {
    const { page } = await openApp(browser);
    await page
      .locator('input[type=file]')
      .setInputFiles(repoPath('tests', 'fixtures', 'valid', 'minimal.geojson'));
    await expect
      .poll(() => page.evaluate(() => window.tensionMap.getState().title))
      .not.toBe('Azerbaijan, Iran and Israel, 2022–2023');
    await page.close();
  });

  it('shows progress over the map while a large dataset loads, keeping the shown one until then', async () => {
    const { page } = await openApp(browser);
    // Every text the progress notice shows, with the title shown at that moment.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const notice = document.querySelector('.progress.over');
        if (notice)
          seen.push(`${notice.textContent?.trim()} | ${window.tensionMap.getState().title}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const dataset = syntheticDataset({ incidents: 60_000, pairs: 50, seed: 3 });
    await page.locator('input[type=file]').setInputFiles({
      name: 'large.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(dataset)),
    });
    await expect
      .poll(() => page.evaluate(() => window.tensionMap.getState().title), { timeout: 60_000 })
      .toBe(dataset.title);
    const seen = await page.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(seen).toContainEqual(
      expect.stringMatching(
        /^Receiving incidents: [\d,]+ of 60,000 incidents… \| Azerbaijan, Iran and Israel, 2022–2023$/,
      ),
    );
    expect(await page.locator('.progress').count()).toBe(0);
    await page.close();
  });

  it('loads ?data= from a URL, and says why when it cannot', async () => {
    const ok = await openApp(browser, '?data=/fixtures/valid/minimal.geojson');
    expect(await ok.page.evaluate(() => window.tensionMap.getState().title)).not.toBe(
      'Azerbaijan, Iran and Israel, 2022–2023',
    );
    await ok.page.close();
    const missing = await openApp(browser, '?data=/status/404');
    expect(await missing.page.locator('section.problems').textContent()).toContain('404');
    expect(await missing.page.evaluate(() => window.tensionMap.getState().title)).toBe(
      'Azerbaijan, Iran and Israel, 2022–2023',
    );
    await missing.page.close();
  });
});
