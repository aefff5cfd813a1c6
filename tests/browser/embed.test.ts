/**
 * Embedding: iframes driven by postMessage, the datawrapper-height protocol, the
 * <tension-map> element, and the example article's scrollytelling.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { TensionMapElement } from '../../src/element.ts';
import { launchChromium } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Messages the host page received from its iframes, recorded in order. */
interface Received {
  source: string;
  data: unknown;
}

/** Opens a host page and records every message its frames post to it. */
async function openHost(path: string, viewport = { width: 1300, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    const received: Received[] = [];
    (window as unknown as { received: Received[] }).received = received;
    window.addEventListener('message', (event) => {
      const frame = [...document.querySelectorAll('iframe')].find(
        (f) => f.contentWindow === event.source,
      );
      received.push({ source: frame?.id ?? '?', data: event.data });
    });
  });
  await page.goto(`${inject('origin')}${path}`);
  return page;
}

async function mapFrame(page: Page, id: string): Promise<Frame> {
  const frame = await (await page.$(`#${id}`))!.contentFrame();
  await frame!.waitForFunction(() => window.tensionMap !== undefined);
  await frame!.evaluate(() => window.tensionMap.ready);
  return frame!;
}

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Received[] }).received);

function post(page: Page, id: string, message: unknown) {
  return page.evaluate(
    ([frameId, data]) => {
      const frame = document.getElementById(frameId as string) as HTMLIFrameElement;
      frame.contentWindow!.postMessage(data, '*');
    },
    [id, message] as const,
  );
}

describe('iframe embeds', () => {
  let page: Page;
  let a: Frame;
  let b: Frame;
  beforeAll(async () => {
    page = await openHost('/fixtures/browser/two-maps.html');
    a = await mapFrame(page, 'map-a');
    b = await mapFrame(page, 'map-b');
    await page.waitForFunction(() =>
      (window as unknown as { received: Received[] }).received.some(
        (m) => (m.data as { type?: string }).type === 'tension-map:ready',
      ),
    );
  });

  it('says ready only to the origins it may talk to', async () => {
    const ready = (await received(page)).filter(
      (m) => (m.data as { type?: string }).type === 'tension-map:ready',
    );
    // map-b only talks to https://only.example, so this page never hears from it.
    expect(ready.map((m) => m.source)).toEqual(['map-a']);
  });
  afterAll(() => page?.close());

  it('drives two maps on one page independently', async () => {
    await post(page, 'map-a', {
      type: 'tension-map:set',
      date: '2023-01-27',
      view: '51.39,35.69,5',
    });
    await expect.poll(() => a.evaluate(() => window.tensionMap.getState().date)).toBe('2023-01-27');
    expect(await b.evaluate(() => window.tensionMap.getState().date)).toBe('2022-08-05');
    await expect
      .poll(
        async () =>
          (await received(page)).some(
            (m) =>
              m.source === 'map-a' &&
              (m.data as { type?: string; state?: { date?: string } }).type ===
                'tension-map:state' &&
              (m.data as { state: { date: string } }).state.date === '2023-01-27',
          ),
        // The state message follows the redraw, which takes seconds on a busy software GPU.
        { timeout: 15_000 },
      )
      .toBe(true);
    expect((await a.evaluate(() => window.tensionMap.renderedIds())).incidents).toContain(
      'tehran-embassy-attack',
    );
  });

  it('ignores commands from origins the embed does not allow', async () => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await post(page, 'map-b', { type: 'tension-map:set', date: '2023-01-27' });
    await expect.poll(() => warnings.some((w) => w.includes('not an allowed origin'))).toBe(true);
    expect(await b.evaluate(() => window.tensionMap.getState().date)).toBe('2022-08-05');
  });

  it('ignores a malformed command with a warning and changes nothing', async () => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const before = await a.evaluate(() => window.tensionMap.getState());
    for (const message of [
      { type: 'tension-map:set', date: '2023-02-30' },
      { type: 'tension-map:set', view: 'here' },
      { type: 'tension-map:set', date: '2022-09-01', colour: 'red' },
      { type: 'tension-map:set', window: -1 },
    ]) {
      await post(page, 'map-a', message);
    }
    await expect.poll(() => warnings.filter((w) => w.includes('malformed')).length).toBe(4);
    expect(await a.evaluate(() => window.tensionMap.getState())).toEqual(before);
  });

  it('posts its height in the datawrapper-height form, and again when the legend opens', async () => {
    const heights = async () =>
      (await received(page))
        .filter(
          (m) => m.source === 'map-a' && (m.data as Record<string, unknown>)['datawrapper-height'],
        )
        .map(
          (m) =>
            (m.data as { 'datawrapper-height': Record<string, number> })['datawrapper-height'][
              'map-a'
            ]!,
        );
    await expect.poll(async () => (await heights()).length).toBeGreaterThan(0);
    const before = (await heights()).at(-1)!;
    const toggle = a.locator('.legend button').first();
    const expanded = await toggle.getAttribute('aria-expanded');
    await toggle.click();
    await expect.poll(async () => (await heights()).at(-1)).not.toBe(before);
    const after = (await heights()).at(-1)!;
    expect(expanded === 'true' ? after < before : after > before).toBe(true);
  });
});

describe('a 280 px wide embed', () => {
  it('fits a phone without sideways scrolling and keeps its controls', async () => {
    const page = await browser.newPage({
      viewport: { width: 280, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${inject('origin')}/?embed=1&date=2023-01-27`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      280,
    );
    for (const name of ['Play', 'Date', 'Legend', 'Open full view']) {
      const control = page.getByRole(
        name === 'Date' ? 'slider' : name === 'Open full view' ? 'link' : 'button',
        { name },
      );
      expect(await control.isVisible(), name).toBe(true);
    }
    // Cooperative gestures: one finger scrolls the article, so MapLibre shows its hint instead of panning.
    expect(await page.locator('.maplibregl-cooperative-gesture-screen').count()).toBe(1);
    await page.close();
  });
});

describe('the <tension-map> element', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openHost('/fixtures/browser/element.html');
    await page.waitForFunction(() => customElements.get('tension-map') !== undefined);
    await page.evaluate(() =>
      Promise.all([...document.querySelectorAll('tension-map')].map((e) => e.ready)),
    );
  });
  afterAll(() => page?.close());

  it('renders each element from its own attributes', async () => {
    const states = await page.evaluate(() =>
      [...document.querySelectorAll('tension-map')].map((e) => e.getState()),
    );
    expect(states[0]).toMatchObject({ date: '2023-01-27', view: '47,37,4', mode: 'cumulative' });
    expect(states[1]).toMatchObject({
      date: '2022-08-05',
      view: '10,48,3.5',
      mode: 'window',
      window: 30,
    });
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll('tension-map')].map(
        (e) => e.shadowRoot!.querySelectorAll('canvas').length,
      ),
    );
    expect(canvases).toEqual([1, 1]);
    expect(
      await page.evaluate(
        () => (document.querySelector('#first') as TensionMapElement).renderedIds().incidents,
      ),
    ).toContain('tehran-embassy-attack');
  });

  it('keeps its styles to itself', async () => {
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)).toBe(
      'rgb(10, 20, 30)',
    );
    expect(await page.evaluate(() => document.head.querySelectorAll('style').length)).toBe(1);
    const controls = await page.evaluate(
      () =>
        getComputedStyle(
          (document.querySelector('#first') as TensionMapElement).shadowRoot!.querySelector(
            '.maplibregl-ctrl-attrib',
          )!,
        ).position,
    );
    expect(controls).toBe('relative');
  });

  it('obeys attribute changes and method calls, each element on its own', async () => {
    await page.evaluate(() =>
      (document.querySelector('#first') as TensionMapElement).setAttribute('date', '2022-11-18'),
    );
    await expect
      .poll(() =>
        page.evaluate(
          () => (document.querySelector('#first') as TensionMapElement).getState()?.date,
        ),
      )
      .toBe('2022-11-18');
    await page.evaluate(() =>
      (document.querySelector('#second') as TensionMapElement).set({
        date: '2023-01-27',
        select: 'tehran-embassy-attack',
      }),
    );
    const [first, second] = await page.evaluate(() =>
      [...document.querySelectorAll('tension-map')].map((e) => e.getState()),
    );
    expect(first).toMatchObject({ date: '2022-11-18', select: null });
    expect(second).toMatchObject({ date: '2023-01-27', select: 'tehran-embassy-attack' });
    const events = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const element = document.querySelector('#first') as TensionMapElement;
          element.addEventListener(
            'tension-map:state',
            (e) => resolve((e as CustomEvent).detail.date),
            { once: true },
          );
          void element.setDate('2023-01-11');
        }),
    );
    expect(events).toBe('2023-01-11');
  });

  it('opens a country’s profile from its profile attribute, and closes it when removed', async () => {
    const profile = () =>
      page.evaluate(
        () =>
          (document.querySelector('#second') as TensionMapElement).shadowRoot!.querySelector(
            '#tm-profile-title',
          )?.textContent ?? null,
      );
    await page.evaluate(() =>
      (document.querySelector('#second') as TensionMapElement).setAttribute('profile', 'AZE'),
    );
    await expect.poll(profile).toBe('Azerbaijan');
    await page.evaluate(() =>
      (document.querySelector('#second') as TensionMapElement).removeAttribute('profile'),
    );
    await expect.poll(profile).toBe(null);
  });

  it('refuses a malformed method call without throwing', async () => {
    const before = await page.evaluate(() =>
      (document.querySelector('#first') as TensionMapElement).getState(),
    );
    await page.evaluate(() =>
      (document.querySelector('#first') as TensionMapElement).set({ date: 'tomorrow' }),
    );
    expect(
      await page.evaluate(() => (document.querySelector('#first') as TensionMapElement).getState()),
    ).toEqual(before);
  });
});

describe('the example article', () => {
  it('moves the embedded map through the story as the reader scrolls', async () => {
    const page = await openHost('/example/article.html', { width: 1200, height: 800 });
    const map = await mapFrame(page, 'story-map');
    const steps = page.locator('.step');
    const expected = [
      ['2022-08-05', 'london-embassy-attack'],
      ['2022-10-15', 'irgc-border-drills'],
      ['2022-11-18', 'tel-aviv-embassy-announced'],
      ['2023-01-11', 'first-ambassador-to-israel'],
      ['2023-01-27', 'tehran-embassy-attack'],
    ];
    for (const [index, [date, select]] of expected.entries()) {
      await steps.nth(index).scrollIntoViewIfNeeded();
      await page.evaluate((i) => {
        const step = document.querySelectorAll('.step')[i]!;
        window.scrollBy(0, step.getBoundingClientRect().top - window.innerHeight / 2 + 20);
      }, index);
      await expect
        .poll(() => map.evaluate(() => window.tensionMap.getState()))
        .toMatchObject({ date, select });
    }
    expect((await map.evaluate(() => window.tensionMap.renderedIds())).incidents).toContain(
      'tehran-embassy-attack',
    );
    await page.close();
  });
});
