/**
 * Hardening and accessibility in a real browser: the Content-Security-Policy holds with no
 * violation, failed loads keep what is shown, the map degrades to its event list without
 * WebGL, axe-core finds no serious problem, everything works by keyboard, and the public
 * `window.tensionMap` carries no benchmark hooks.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium, openApp } from './chromium.ts';

const BUILT_IN = 'Azerbaijan, Iran and Israel, 2022–2023';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Presses `key` `times` times and says whether focus stayed inside `selector` throughout. */
async function tabsStayIn(page: Page, selector: string, key: string, times: number) {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    const inside = await page.evaluate(
      (s) =>
        !!document.activeElement && !!document.querySelector(s)?.contains(document.activeElement),
      selector,
    );
    if (!inside) return false;
  }
  return true;
}

/** Opens a page that records every CSP violation report it sees. */
async function openWatched(
  path: string,
): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${inject('origin')}${path}`);
  return {
    page,
    violations: () =>
      page.evaluate(() => (window as unknown as { violations: string[] }).violations),
  };
}

describe('Content-Security-Policy', () => {
  it('is in force: an injected inline script is blocked and reported', async () => {
    const { page, violations } = await openWatched('/');
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = '(window as any).inlineRan = true'.replace('(window as any)', 'window');
      document.head.append(script);
    });
    await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
    expect(
      await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
    await page.close();
  });

  it('raises no violation in the full app, the embed and the example article', async () => {
    for (const path of [
      '/?date=2023-01-27&select=tehran-embassy-attack',
      '/?embed=1&date=2022-11-18',
      '/example/article.html',
    ]) {
      const { page, violations } = await openWatched(path);
      if (path.startsWith('/?')) {
        await page.waitForFunction(() => window.tensionMap !== undefined);
        await page.evaluate(() => window.tensionMap.ready);
        await page.evaluate(() => window.tensionMap.setDate('2022-10-15'));
        await page.locator('.legend button').first().click();
      } else {
        const frame = (await (await page.$('iframe'))!.contentFrame())!;
        await frame.waitForFunction(() => window.tensionMap !== undefined);
        await frame.evaluate(() => window.tensionMap.ready);
      }
      expect(await violations(), path).toEqual([]);
      await page.close();
    }
  });
});

describe('the public automation interface', () => {
  it('offers no benchmark hooks in the production app or the embed', async () => {
    for (const query of ['', '?embed=1']) {
      const { page } = await openApp(browser, query);
      const api = await page.evaluate(() => {
        const names = new Set<string>();
        for (let o: object | null = window.tensionMap; o; o = Object.getPrototypeOf(o)) {
          for (const name of Object.getOwnPropertyNames(o)) names.add(name);
        }
        return [...names];
      });
      expect(api, query).toContain('setDate');
      for (const hook of ['naiveSetDate', 'showNaively', 'repaint']) {
        expect(api, `${hook} ${query}`).not.toContain(hook);
      }
      await page.close();
    }
  });
});

describe('loading failures keep what is shown', () => {
  const cases: [string, (page: Page) => Promise<unknown>, RegExp][] = [
    [
      'a network error',
      (page) =>
        page.route(
          (url) => url.pathname === '/data/broken.geojson',
          (r) => r.abort('failed'),
        ),
      /Could not reach/,
    ],
    [
      'a file that is not JSON',
      (page) =>
        page.route(
          (url) => url.pathname === '/data/broken.geojson',
          (r) => r.fulfill({ body: '<html>Not found</html>', contentType: 'text/html' }),
        ),
      /line 1, column 1/,
    ],
    [
      '50 MB of nonsense',
      (page) =>
        page.route(
          (url) => url.pathname === '/data/broken.geojson',
          (r) => r.fulfill({ body: 'x'.repeat(50 * 1024 * 1024) }),
        ),
      /line 1, column 1/,
    ],
  ];
  for (const [name, setup, message] of cases) {
    it(`says what went wrong with ${name}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      await setup(page);
      await page.goto(`${inject('origin')}/?data=/data/broken.geojson`);
      await page.waitForFunction(() => window.tensionMap !== undefined);
      await page.evaluate(() => window.tensionMap.ready);
      expect(await page.locator('section.problems').innerText()).toMatch(message);
      expect(await page.evaluate(() => window.tensionMap.getState().title)).toBe(BUILT_IN);
      await page.close();
    });
  }
});

describe('without WebGL', () => {
  it('says so and still offers the event list', async () => {
    const noGl = await launchChromium(['--disable-webgl', '--disable-3d-apis']);
    const page = await noGl.newPage();
    await page.goto(`${inject('origin')}/?date=2023-01-27`);
    await expect.poll(() => page.locator('.map').getAttribute('data-state')).toBe('unavailable');
    expect(await page.getByRole('alert').first().innerText()).toContain('WebGL');
    await page.getByRole('button', { name: /Gunman attacks/ }).click();
    expect(await page.locator('.details h2').innerText()).toContain('Gunman attacks');
    await noGl.close();
  });
});

describe('accessibility', () => {
  /** Runs axe-core on a page and returns its serious and critical violations. */

  async function openForAxe(query: string): Promise<Page> {
    // axe is injected as a script, which the app's own policy rightly forbids.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1200, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/${query}`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    return page;
  }

  it('has no serious or critical axe violations in the full view', async () => {
    const page = await openForAxe('?date=2023-01-27&select=tehran-embassy-attack');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe violations in the embed', async () => {
    const page = await openForAxe('?embed=1&date=2022-11-18&select=aze-isr-2022-11-18');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Events' }).click();
    await page.locator('#tm-embed-events').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('walks the slider by keyboard and announces what changed', async () => {
    const { page } = await openApp(browser, '?date=2022-11-17');
    await page.keyboard.press('Tab');
    let guard = 0;
    while (
      !(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Date')) &&
      guard++ < 40
    ) {
      await page.keyboard.press('Tab');
    }
    expect(guard).toBeLessThan(40);
    expect(
      await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle),
    ).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByTestId('announcer').innerText())
      .toBe('18 Nov 2022: 1 incident, Azerbaijan–Israel: alliance');
    await page.close();
  });

  it('keeps the list and the map selection in sync, and returns focus when details close', async () => {
    const { page } = await openApp(browser, '?date=2023-01-27');
    const item = page.locator('#tm-event-list').getByRole('button', { name: /Gunman attacks/ });
    await item.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.tensionMap.getState().select)).toBe(
      'tehran-embassy-attack',
    );
    // The details panel loads on first use, so its heading takes focus a moment later.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('tm-details-title');
    // Tab and Shift+Tab stay inside the open panel, going round its controls.
    expect(await tabsStayIn(page, '.details', 'Tab', 8)).toBe(true);
    expect(await tabsStayIn(page, '.details', 'Shift+Tab', 8)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => window.tensionMap.getState().select)).toBeNull();
    expect(await item.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.evaluate(() => window.tensionMap.select('london-embassy-attack'));
    expect(await page.locator('#tm-event-list [aria-current="true"]').innerText()).toContain(
      'London',
    );
    await page.close();
  });

  it('opens the embed event list from a button, traps focus in it and returns focus', async () => {
    const { page } = await openApp(browser, '?embed=1&date=2023-01-27');
    const toggle = page.getByRole('button', { name: 'Events' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tm-embed-events');
    expect(await tabsStayIn(page, '#tm-embed-events', 'Tab', 25)).toBe(true);
    // The list is in sync with the map: choosing an entry selects it, and details open.
    const item = page.locator('#tm-embed-events').getByRole('button', { name: /Gunman attacks/ });
    await item.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.tensionMap.getState().select)).toBe(
      'tehran-embassy-attack',
    );
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('tm-details-title');
    // Escape closes the details (back to the entry), then the list (back to the button).
    await page.keyboard.press('Escape');
    expect(await item.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#tm-embed-events').count()).toBe(0);
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  it('respects prefers-reduced-motion', async () => {
    const context = await browser.newContext({
      reducedMotion: 'reduce',
      viewport: { width: 1200, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/?date=2023-01-27&view=51.4,35.7,6`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    // A selection far away is brought into view at once, with no animated flight.
    await page.evaluate(() => window.tensionMap.select('london-embassy-attack'));
    const moving = await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => resolve(window.tensionMap.getState().view)),
        ),
    );
    // London, centred in the part of the map the details panel and the legend leave free.
    expect(moving).toMatch(/^-?[0-2]\.\d+,51\.\d+,6$/);
    await context.close();
  });
});
