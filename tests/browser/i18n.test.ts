/**
 * The map in its readers' languages: Persian right to left with its digits, calendar and
 * country names; Arabic and Hebrew right to left; a Persian element inside an English page;
 * and a golden of the right-to-left layout (`REGEN=1` rewrites it, as for the render tests).
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';
import { repoPath } from '../../src/cli/serve.ts';

const require = createRequire(import.meta.url);
const PERSIAN_DIGITS = /[۰-۹]/;
const LATIN_DIGITS = /[0-9]/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Serious and critical axe-core violations on a page the test opened without its CSP. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const results = await (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe.run(document);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('Persian', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ page, errors } = await openApp(browser, '?lang=fa&date=2023-01-27&view=20,30,1.5'));
  });
  afterAll(() => page?.close());

  it('lays the app out right to left, in Persian, on its root and not on the page', async () => {
    const root = page.locator('.app');
    expect(await root.getAttribute('dir')).toBe('rtl');
    expect(await root.getAttribute('lang')).toBe('fa');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('');
    // Mirrored: the legend sits on the right, the event list on the left.
    const legend = (await page.locator('.legend').boundingBox())!;
    const list = (await page.locator('#tm-event-list').boundingBox())!;
    expect(legend.x).toBeGreaterThan(list.x + list.width);
    expect(errors).toEqual([]);
  });

  it('shows the slider’s date in the Solar Hijri calendar, in Persian digits', async () => {
    expect(await page.locator('.slider .date').textContent()).toBe('۷ بهمن ۱۴۰۱');
    const counts = (await page.getByTestId('counts').textContent())!;
    expect(counts).toMatch(PERSIAN_DIGITS);
    expect(counts).not.toMatch(LATIN_DIGITS);
  });

  it('speaks Persian in the timeline, the header menu and the import dialog', async () => {
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    expect(await timeline.getAttribute('aria-label')).toBe('رویدادها در گذر زمان');
    const id = (await timeline.getAttribute('aria-describedby'))!.split(' ')[0];
    const summary = (await page.locator(`[id="${id}"]`).textContent())!;
    expect(summary).toMatch(/^رویدادها در هر /);
    expect(summary).not.toMatch(LATIN_DIGITS);
    expect(await page.locator('.menu-button').textContent()).toContain('منو');
    await page.getByRole('button', { name: 'باز کردن مجموعه‌داده…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('h2').textContent()).toBe('وارد کردن جدول');
    await dialog.getByRole('button', { name: 'انصراف' }).click();
  });

  it('runs the slider from right to left, the arrow keys with it', async () => {
    const slider = page.locator('#tm-day');
    expect(await slider.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    expect((await page.evaluate(() => window.tensionMap.getState())).date).toBe('2023-01-28');
    await page.keyboard.press('ArrowRight');
    expect((await page.evaluate(() => window.tensionMap.getState())).date).toBe('2023-01-27');
  });

  it('names countries in Persian in the event list', async () => {
    // Incident titles are the dataset's own text; the relationships are the app's words.
    const relationships = (await page.locator('.events ul').first().textContent())!;
    expect(relationships).toContain('ایران');
    expect(relationships).toContain('جمهوری آذربایجان');
    expect(relationships).not.toMatch(/Iran|Azerbaijan/);
  });

  it('shows a month-precision incident as the span of its days, not as one month', async () => {
    await page.evaluate(() => window.tensionMap.select('irgc-border-drills'));
    const meta = (await page.locator('.details .meta').first().textContent())!;
    expect(meta).toContain('۹ مهر تا ۹ آبان ۱۴۰۱');
    await page.evaluate(() => window.tensionMap.select(null));
  });

  it('switches to the Gregorian calendar with calendar=gregory', async () => {
    await page.evaluate(() => window.tensionMap.setLanguage('fa', 'gregory'));
    await expect.poll(() => page.locator('.slider .date').textContent()).toBe('۲۷ ژانویه ۲۰۲۳');
    await page.evaluate(() => window.tensionMap.setLanguage('fa', 'persian'));
  });

  it('switches language from the header, and back', async () => {
    const select = page.getByRole('combobox', { name: 'زبان' });
    await select.selectOption('en');
    await expect.poll(() => page.locator('.app').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('.slider .date').textContent()).toBe('27 Jan 2023');
    await expect.poll(() => page.url()).toContain('lang=en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fa');
    await expect.poll(() => page.locator('.app').getAttribute('dir')).toBe('rtl');
  });
});

describe('validation problems in the reader’s language', () => {
  it('lists a refused file’s problems in Persian, and in English after switching', async () => {
    const { page } = await openApp(browser, '?lang=fa&date=2023-01-27');
    const text = readFileSync(repoPath('tests', 'fixtures', 'browser', 'invalid.geojson'), 'utf8');
    await page.evaluate((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'invalid.geojson', { type: 'application/geo+json' }));
      for (const type of ['dragover', 'drop']) {
        document
          .querySelector('.app')!
          .dispatchEvent(
            new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
      }
    }, text);
    const items = page.locator('section.problems li');
    await expect.poll(() => items.count()).toBe(3);
    // The place, the words and the advice in Persian, the file's own values as written.
    await expect
      .poll(() => items.nth(0).textContent())
      .toBe(
        'عارضهٔ ۰ (شناسهٔ "bad-date"): properties.date "2023-02-30" تاریخ تقویمی معتبری نیست؛ به صورت YYYY، YYYY-MM یا YYYY-MM-DD بنویسید',
      );
    expect(await items.nth(1).textContent()).toMatch(
      /^عارضهٔ ۱ .*"IRA" کد کشور ISO 3166-1 alpha-3 نیست؛ منظورتان .*"IRN"/,
    );
    await page.evaluate(() => window.tensionMap.setLanguage('en'));
    await expect
      .poll(() => items.nth(0).textContent())
      .toBe(
        'feature 0 (id "bad-date"): properties.date "2023-02-30" is not a calendar date; use YYYY, YYYY-MM or YYYY-MM-DD',
      );
    await page.close();
  });
});

describe('accessibility in Persian', () => {
  it('has no serious or critical axe violations', async () => {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1200, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/?lang=fa&date=2023-01-27&view=20,30,1.5`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe.each([
  ['ar', /[٠-٩]/, 'إيران'],
  ['he', LATIN_DIGITS, 'איראן'],
])('%s', (lang, digits, iran) => {
  it('is right to left, with its digits and country names', async () => {
    const { page, errors } = await openApp(browser, `?lang=${lang}&date=2023-01-27&view=20,30,1.5`);
    expect(await page.locator('.app').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.app').getAttribute('lang')).toBe(lang);
    expect(await page.locator('.slider .date').textContent()).toMatch(digits);
    expect(await page.locator('.events').textContent()).toContain(iran);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a Persian <tension-map> in an English page', () => {
  it('is right to left inside its shadow root and leaves the page’s direction alone', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 1200 } });
    await page.goto(`${inject('origin')}/fixtures/browser/element.html`);
    await page.waitForFunction(() => customElements.get('tension-map') !== undefined);
    await page.evaluate(async () => {
      const first = document.querySelector('tension-map') as HTMLElement & { ready: Promise<void> };
      await first.ready;
      first.setAttribute('lang', 'fa');
    });
    const shadowRoot = page.locator('#first .embed');
    await expect.poll(() => shadowRoot.getAttribute('dir')).toBe('rtl');
    expect(await shadowRoot.getAttribute('lang')).toBe('fa');
    expect(await page.locator('#first .slider .date').textContent()).toBe('۷ بهمن ۱۴۰۱');
    expect(await page.locator('#second .embed').getAttribute('dir')).toBe('ltr');
    expect(
      await page.evaluate(() => [
        document.dir,
        document.documentElement.lang,
        getComputedStyle(document.body).direction,
      ]),
    ).toEqual(['', 'en', 'ltr']);
    await page.close();
  });
});

describe('the right-to-left layout', () => {
  it('matches its golden', async () => {
    const golden = repoPath('tests', 'browser', 'render', 'layout-rtl-fa.png');
    const { page } = await openApp(browser, '?lang=fa&date=2023-01-27&view=47,38,4', {
      width: 1000,
      height: 700,
    });
    const actual = PNG.sync.read(await page.screenshot());
    await page.close();
    if (process.env.REGEN) writeFileSync(golden, PNG.sync.write(actual));
    expect(existsSync(golden), `${golden} is missing: run with REGEN=1`).toBe(true);
    const expected = PNG.sync.read(readFileSync(golden));
    const diff = new PNG({ width: actual.width, height: actual.height });
    const differing = pixelmatch(
      actual.data,
      expected.data,
      diff.data,
      actual.width,
      actual.height,
      {
        threshold: 0.1,
      },
    );
    const share = differing / (actual.width * actual.height);
    if (share > 0.005) {
      const output = repoPath('tests', 'browser', '__output__');
      mkdirSync(output, { recursive: true });
      writeFileSync(join(output, 'layout-rtl-fa.actual.png'), PNG.sync.write(actual));
      writeFileSync(join(output, 'layout-rtl-fa.diff.png'), PNG.sync.write(diff));
    }
    expect(share).toBeLessThanOrEqual(0.005);
  });
});
