/**
 * Text is drawn only with the bundled fonts (Noto Sans, Vazirmatn, Noto Sans Hebrew), whatever
 * the machine has installed: Chromium's DevTools protocol reports, for each element, the platform fonts its
 * text was actually rendered with, fallbacks included. Checked on the full view, the embed
 * and the `<tension-map>` element (through its shadow root). The slider's icons are SVG,
 * so they show on a machine without a symbol font.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openApp } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * The family names the bundled @fontsource files carry (the semibold files name their weight;
 * Noto Sans Hebrew's files are cut from a variable font whose default instance is Thin).
 */
const BUNDLED = /^(Noto Sans|Noto Sans Hebrew( Thin)?|Vazirmatn)( SemiBold)?$/;

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** Elements that hold text which is not rendered as text. */
const NOT_RENDERED = new Set(['SCRIPT', 'STYLE', 'TITLE', 'NOSCRIPT', 'TEMPLATE']);

/** Ids of every element, shadow roots included, with a non-blank text node as a child. */
function textParents(node: DomNode, out: { id: number; name: string }[] = []) {
  const children = node.children ?? [];
  if (
    node.nodeType === 1 &&
    !NOT_RENDERED.has(node.nodeName) &&
    children.some((child) => child.nodeType === 3 && child.nodeValue.trim() !== '')
  ) {
    out.push({ id: node.nodeId, name: node.nodeName });
  }
  for (const child of [...children, ...(node.shadowRoots ?? [])]) textParents(child, out);
  if (node.contentDocument) textParents(node.contentDocument, out);
  return out;
}

/**
 * Every platform font used for text on the page, with the elements that used it. A font the
 * page did not load itself is named with ` (system)`, so a machine that has Noto installed
 * cannot pass for one that draws with the bundled files.
 */
async function platformFonts(page: Page): Promise<Map<string, string[]>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: DomNode;
  };
  const used = new Map<string, string[]>();
  for (const { id, name } of textParents(root)) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id });
    for (const font of fonts) {
      const family = font.isCustomFont ? font.familyName : `${font.familyName} (system)`;
      used.set(family, [...(used.get(family) ?? []), name]);
    }
  }
  await cdp.detach();
  return used;
}

function expectOnlyBundled(used: Map<string, string[]>): void {
  expect(used.size, 'no text was found to check').toBeGreaterThan(0);
  const foreign = [...used].filter(([family]) => !BUNDLED.test(family));
  expect(foreign.map(([family, nodes]) => `${family}: ${nodes.slice(0, 5).join(', ')}`)).toEqual(
    [],
  );
  expect(used.has('Noto Sans')).toBe(true);
}

describe('fonts', () => {
  it('draws all text of the full view in the bundled fonts', async () => {
    const { page, errors } = await openApp(
      browser,
      '?date=2023-01-27&view=44,37,3.6&select=tehran-embassy-attack',
    );
    expectOnlyBundled(await platformFonts(page));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws Hebrew in the bundled Noto Sans Hebrew, not a system font', async () => {
    const { page, errors } = await openApp(
      browser,
      '?lang=he&date=2023-01-27&view=44,37,3.6&select=tehran-embassy-attack',
    );
    expect(await page.locator('.app').getAttribute('dir')).toBe('rtl');
    const used = await platformFonts(page);
    expectOnlyBundled(used);
    expect([...used.keys()].filter((family) => family.startsWith('Noto Sans Hebrew'))).not.toEqual(
      [],
    );
    // The face the page registered for Hebrew letters is the bundled file, and it loaded.
    const hebrew = await page.evaluate(() =>
      [...document.fonts]
        .filter((face) => face.unicodeRange.includes('U+590-5FF'))
        .map((face) => face.status),
    );
    expect(hebrew).toContain('loaded');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws all text of the embed in the bundled fonts', async () => {
    const { page, errors } = await openApp(
      browser,
      '?embed=1&date=2023-01-27&view=44,37,3.6&select=tehran-embassy-attack',
      { width: 700, height: 500 },
    );
    expectOnlyBundled(await platformFonts(page));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws all text of <tension-map> elements in the bundled fonts', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 1100 } });
    await page.goto(`${inject('origin')}/fixtures/browser/element.html`);
    await page.evaluate(() =>
      Promise.all([...document.querySelectorAll('tension-map')].map((element) => element.ready)),
    );
    const used = await platformFonts(page);
    // The host page's own heading is not the element's: leave out what the page set itself.
    const inElement = new Map(
      [...used].map(([family, nodes]) => [family, nodes.filter((n) => n !== 'H1')]),
    );
    expectOnlyBundled(new Map([...inElement].filter(([, nodes]) => nodes.length > 0)));
    await page.close();
  });

  it('shows the first and last day buttons as visible icons with a name', async () => {
    const { page } = await openApp(browser, '?date=2023-01-27');
    for (const name of ['First day', 'Last day']) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.textContent()).toBe('');
      const png = PNG.sync.read(await button.screenshot());
      let dark = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const luminance = (png.data[i]! + png.data[i + 1]! + png.data[i + 2]!) / 3;
        if (luminance < 100) dark++;
      }
      // A 16 × 16 icon covers about 70 pixels; an empty button has none this dark.
      expect(dark, name).toBeGreaterThan(30);
    }
    await page.close();
  });
});
