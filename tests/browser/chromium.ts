/**
 * Launching Debian's Chromium for the browser tests and opening the app in it.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';

export { CHROMIUM_PATH, dropFile, launchChromium } from '../../src/cli/chromium.ts';

/** Errors the page logged or threw, collected so a test can require there were none. */
export interface PageErrors {
  errors: string[];
}

/**
 * Opens the app at a query string (e.g. `?date=2023-01-27`) in a fresh page of the given
 * size and waits until `window.tensionMap.ready` resolves. The app is the production build
 * the global setup serves, unless `origin` names another server (the bench build's).
 */
export async function openApp(
  browser: Browser,
  query = '',
  viewport = { width: 1200, height: 800 },
  origin = inject('origin'),
): Promise<{ page: Page } & PageErrors> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}/${query}`);
  await page.waitForFunction(() => window.tensionMap !== undefined);
  await page.evaluate(() => window.tensionMap.ready);
  return { page, errors };
}

/**
 * The serious and critical axe-core violations in the page, or inside the element `selector`
 * names, each as "rule: targets"; an empty list when there are none.
 */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async (within) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Element | Document) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const results = await axe.run(within ? document.querySelector(within)! : document);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}
