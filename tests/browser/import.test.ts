/**
 * Importing tables in the app: a CSV with its own headers dropped on the map opens the mapping
 * dialog with the right columns proposed and draws its incidents once confirmed; an ACLED
 * export is recognised; a file whose rows all fail shows its problems grouped and leaves the
 * dataset shown alone; cells pasted on the map or into the dialog import the same way; and the
 * dialog passes axe.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, dropFile, launchChromium, openApp } from './chromium.ts';
import { colouredNear } from './arcpixels.ts';
import { repoPath } from '../../src/cli/serve.ts';
import { CATEGORY_COLORS } from '../../src/core/style/palette.ts';

const BUILT_IN_TITLE = 'Azerbaijan, Iran and Israel, 2022–2023';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const title = (page: Page) => page.evaluate(() => window.tensionMap.getState().title);
// The heading's own text: its style writes it in capitals.
const incidentCount = async (page: Page) =>
  (await page.locator('[data-testid=incident-count]').textContent())?.replace(/\s+/g, ' ').trim();

/**
 * The rows of `import-events.csv` as where, when and in what colour their marks are drawn:
 * far from every incident of the built-in dataset, so those colours are not there before.
 */
const IMPORTED_MARKS = [
  { place: 'Paris', lonLat: [2.3522, 48.8566], date: '2023-01-27', color: CATEGORY_COLORS.attack! },
  {
    place: 'Nairobi',
    lonLat: [36.8219, -1.2921],
    date: '2023-02-10',
    color: CATEGORY_COLORS.military!,
  },
  {
    place: 'Lima',
    lonLat: [-77.0428, -12.0464],
    date: '2023-03-15',
    color: CATEGORY_COLORS.attack!,
  },
] as const;

/** Pixels of a mark's category colour around its place. */
async function markPixels(page: Page, mark: (typeof IMPORTED_MARKS)[number]): Promise<number> {
  await page.evaluate(() => window.tensionMap.settled());
  const box = (await page.locator('.map').boundingBox())!;
  const point = await page.evaluate(([x, y]) => window.tensionMap.project(x, y), mark.lonLat);
  return colouredNear(page, { x: box.x + point.x, y: box.y + point.y }, mark.color);
}

const dialog = (page: Page) => page.getByRole('dialog');
const field = (page: Page, name: string) => dialog(page).locator(`select[data-field="${name}"]`);

describe('importing a table in the app', () => {
  it('proposes the columns of a CSV with its own headers, and draws its incidents', async () => {
    const { page, errors } = await openApp(browser, '?view=20,30,1.5');
    const before: number[] = [];
    for (const mark of IMPORTED_MARKS) before.push(await markPixels(page, mark));
    await dropFile(page, 'tests/fixtures/browser/import-events.csv', 'text/csv');
    await dialog(page).waitFor({ timeout: 120_000 });
    expect(await dialog(page).locator('h2').innerText()).toBe('Import import-events.csv');
    const proposed = {
      date: 'When',
      latitude: 'Lat',
      longitude: 'Lng',
      title: 'Headline',
      category: 'Event type',
      countries: 'Nation',
      source_url: 'Link',
      place: '',
    };
    for (const [name, header] of Object.entries(proposed)) {
      expect(await field(page, name).inputValue(), name).toBe(header);
    }
    // The preview is the file's own cells, as text.
    expect(await dialog(page).locator('td').allInnerTexts()).toContain(
      'Drill near Nairobi, with "live fire"',
    );
    const summary = dialog(page).getByTestId('import-summary');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toContain('3 incidents');

    // A changed choice is checked again: without a date column, every row is missing one.
    await field(page, 'date').selectOption('');
    await expect
      .poll(() => dialog(page).getByTestId('import-problems').innerText(), { timeout: 60_000 })
      .toContain('date is missing in 3 rows: lines 2–4');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toContain('0 incidents');
    expect(
      await dialog(page).getByRole('button', { name: 'Import', exact: true }).isDisabled(),
    ).toBe(true);
    await field(page, 'date').selectOption('When');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toContain('3 incidents');

    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => title(page), { timeout: 120_000 })
      .toBe('Imported from import-events.csv');
    expect(await incidentCount(page)).toBe('Incidents (3)');
    await page.evaluate(() => window.tensionMap.settled());
    expect((await page.evaluate(() => window.tensionMap.renderedIds())).incidents.sort()).toEqual([
      'import-events-2',
      'import-events-3',
      'import-events-4',
    ]);
    // Drawn, not only listed: on its own day (older marks fade), each row's mark is in its
    // category's colour at its place, where the map before the import (basemap and built-in
    // dataset) had none of it. The import framed its incidents: the view is set back first.
    await page.evaluate(() => window.tensionMap.setView('20,30,1.5'));
    for (const [i, mark] of IMPORTED_MARKS.entries()) {
      await page.evaluate((date) => window.tensionMap.setDate(date), mark.date);
      expect(before[i], `${mark.place} before the import`).toBeLessThan(5);
      expect(await markPixels(page, mark), `${mark.place} after the import`).toBeGreaterThan(20);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('recognises an ACLED export and imports it by the documented rule', async () => {
    const { page } = await openApp(browser, '?view=20,30,1.5');
    await dropFile(page, 'tests/fixtures/in/sources/acled-current.csv', 'text/csv');
    await dialog(page).waitFor({ timeout: 120_000 });
    expect(await dialog(page).getByTestId('import-source').innerText()).toBe(
      'ACLED export recognised',
    );
    await expect
      .poll(() => dialog(page).getByTestId('import-summary').innerText(), { timeout: 60_000 })
      .toContain('4 incidents');
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => title(page), { timeout: 120_000 })
      .toBe('Imported from acled-current.csv');
    expect(await incidentCount(page)).toBe('Incidents (4)');
    await page.close();
  }, 300_000);

  it('shows the problems of a bad file grouped, and keeps the dataset shown', async () => {
    const { page } = await openApp(browser, '?view=20,30,1.5');
    const before = await incidentCount(page);
    await dropFile(page, 'tests/fixtures/browser/import-bad.csv', 'text/csv');
    await dialog(page).waitFor({ timeout: 120_000 });
    const problems = dialog(page).getByTestId('import-problems');
    await expect
      .poll(() => problems.innerText(), { timeout: 60_000 })
      .toContain('import-bad.csv: date is missing in 4 rows: lines 2–5');
    expect(
      await dialog(page).getByRole('button', { name: 'Import', exact: true }).isDisabled(),
    ).toBe(true);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    expect(await title(page)).toBe(BUILT_IN_TITLE);
    expect(await incidentCount(page)).toBe(before);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  }, 300_000);

  it('imports cells pasted on the map, and pasted into the dialog', async () => {
    const { page } = await openApp(browser, '?view=20,30,1.5');
    const cells =
      'Date\tLatitude\tLongitude\tTitle\tCountry\tSource\n' +
      '2023-05-01\t52.52\t13.405\tMeeting in Berlin\tDEU\thttps://example.org/berlin\n' +
      '2023-05-02\t41.9\t12.5\tMeeting in Rome\tITA\thttps://example.org/rome\n';
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, cells);
    await dialog(page).waitFor({ timeout: 120_000 });
    expect(await dialog(page).locator('h2').innerText()).toBe('Import the pasted table');
    await expect
      .poll(() => dialog(page).getByTestId('import-summary').innerText(), { timeout: 60_000 })
      .toContain('2 incidents');
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => incidentCount(page), { timeout: 120_000 }).toBe('Incidents (2)');

    await page.getByRole('button', { name: 'Open dataset…' }).click();
    await dialog(page)
      .getByLabel('Paste cells copied from a spreadsheet')
      .fill(cells.split('\n').slice(0, 2).join('\n'));
    await dialog(page).getByRole('button', { name: 'Import pasted table' }).click();
    await expect
      .poll(() => dialog(page).getByTestId('import-summary').innerText(), { timeout: 60_000 })
      // Each count agrees with its own noun: one row, one incident, no "1 incidents".
      .toBe('1 row read: 1 incident and 0 relation events to import, 0 rows skipped.');
    await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => incidentCount(page), { timeout: 120_000 }).toBe('Incidents (1)');
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    await page.close();
  }, 300_000);

  it('offers the CSV template, in our documented layout', async () => {
    const { page } = await openApp(browser);
    await page.getByRole('button', { name: 'Open dataset…' }).click();
    const link = dialog(page).getByRole('link', { name: 'Download the CSV template' });
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    const text = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(text.split('\n')[0]).toBe(
      readFileSync(repoPath('static', 'template.csv'), 'utf8').split('\n')[0],
    );
    await page.close();
  }, 300_000);

  it('has no serious or critical axe violations in the mapping dialog', async () => {
    // axe is injected as a script, which the app's own policy rightly forbids.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1200, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/?view=20,30,1.5`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    await dropFile(page, 'tests/fixtures/browser/import-bad.csv', 'text/csv');
    await dialog(page).getByTestId('import-problems').waitFor({ timeout: 120_000 });
    const violations = await axeViolations(page, 'dialog[open]');
    expect(violations).toEqual([]);
    await context.close();
  }, 300_000);
});
