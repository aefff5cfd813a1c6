/**
 * The dataset's own texts in the reader's language: the built-in dataset gives its titles in
 * English, Persian and Azerbaijani, and `?lang=` picks one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const TEHRAN = {
  fa: 'حمله فرد مسلح به سفارت جمهوری آذربایجان در تهران',
  az: 'Silahlı şəxs Azərbaycanın Tehrandakı səfirliyinə hücum etdi',
};

/** The title the event list shows for the Tehran embassy attack. */
const listed = (page: Page) =>
  page.locator('.events button[data-id="tehran-embassy-attack"] .what').textContent();

describe('the dataset in the reader’s language', () => {
  let page: Page | undefined;
  afterAll(() => page?.close());

  it('shows the Persian title of an incident in the event list and the details with ?lang=fa', async () => {
    const opened = await openApp(
      browser,
      '?lang=fa&date=2023-01-27&select=tehran-embassy-attack&view=20,30,1.5',
    );
    page = opened.page;
    expect(await listed(page)).toBe(TEHRAN.fa);
    await expect.poll(() => page!.locator('.details h2').textContent()).toBe(TEHRAN.fa);
    // A text given in English only (the summaries) falls back to English, the default.
    expect(await page.locator('.details').textContent()).toContain('Kalashnikov');
    expect(await page.locator('h1').first().textContent()).toContain('جمهوری آذربایجان، ایران');
    expect(opened.errors).toEqual([]);
  });

  it('shows the Azerbaijani title with ?lang=az-Latn-AZ, by primary subtag', async () => {
    const { page: azerbaijani, errors } = await openApp(
      browser,
      '?lang=az-Latn-AZ&date=2023-01-27&view=20,30,1.5',
    );
    expect(await listed(azerbaijani)).toBe(TEHRAN.az);
    expect(errors).toEqual([]);
    await azerbaijani.close();
  });
});
