/**
 * `npm run pictures`: the README's pictures, made from the built app (`npm run build` first)
 * in the same headless Chromium as the tests, so the README always shows what the app draws
 * today rather than a screenshot someone once took by hand. Each picture is a URL state and
 * a window size, optionally with a click before the shot; the snapshot picture comes from
 * `npm run snapshot` itself.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropFile, launchChromium } from './chromium.ts';
import { repoPath, startServer } from './serve.ts';
import { main as snapshot } from './snapshot.ts';

/** One README picture: a page state, the window it is seen in, and what to do first. */
export interface Picture {
  /** File name under `static/readme/`. */
  file: string;
  /** The app's URL query, without `?`. */
  query: string;
  width: number;
  height: number;
  /** CSS selectors clicked in order once the map is ready (a panel opened, a menu shown). */
  clicks?: readonly string[];
  /** Emulated colour scheme, for the dark-theme picture. */
  colorScheme?: 'light' | 'dark';
  /** A file (path under the repository) dropped on the map, for the import dialog's picture. */
  drop?: string;
  /** A CSS selector to wait for before the shot, such as a dialog's finished summary. */
  waitFor?: string;
}

/** The pictures the README shows, besides the snapshot. */
export const PICTURES: readonly Picture[] = [
  {
    file: 'tension-map.png',
    query: 'date=2023-01-27',
    width: 1280,
    height: 760,
    clicks: ['#tm-event-list >> text=Gunman attacks the Azerbaijani Embassy'],
  },
  {
    file: 'filters.png',
    query: 'date=2023-01-27&view=20,30,1.5&country=IRN&category=attack,statement',
    width: 1280,
    height: 760,
  },
  {
    file: 'dark-phone.png',
    query: 'date=2023-01-27&theme=dark',
    width: 390,
    height: 760,
  },
  {
    file: 'profile.png',
    query: 'date=2023-01-27&profile=AZE',
    width: 1280,
    height: 760,
  },
  {
    file: 'import.png',
    query: 'view=20,30,1.5',
    width: 1280,
    height: 860,
    drop: 'tests/fixtures/browser/import-events.csv',
    waitFor: '[data-testid=import-summary]:has-text("rows read")',
  },
  {
    file: 'persian.png',
    query: 'date=2023-01-27&lang=fa',
    width: 1280,
    height: 760,
    clicks: ['#tm-event-list li >> nth=0'],
  },
];

/** The arguments of the snapshot picture, as given to `npm run snapshot`. */
export const SNAPSHOT_ARGS = [
  '--date',
  '2023-01-27',
  '--size',
  '1200x675',
  '--subtitle',
  'Incidents and relations up to 27 January 2023',
];

/** Takes every picture into `folder` (default `static/readme/`) and returns the files written. */
export async function takePictures(
  folder = repoPath('static', 'readme'),
  pictures: readonly Picture[] = PICTURES,
): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  const server = await startServer(repoPath('dist'), repoPath('tests', 'fixtures'));
  const browser = await launchChromium();
  try {
    for (const picture of pictures) {
      const page = await browser.newPage({
        viewport: { width: picture.width, height: picture.height },
        colorScheme: picture.colorScheme ?? 'light',
      });
      await page.goto(`${server.origin}/?${picture.query}`);
      // `window.tensionMap` is there once the reader's catalogue has loaded and the map mounted.
      await page.waitForFunction(() => 'tensionMap' in window, undefined, { timeout: 120_000 });
      await page.evaluate(async () => {
        const api = (window as unknown as { tensionMap: { ready: Promise<void> } }).tensionMap;
        await api.ready;
        await document.fonts.ready;
      });
      for (const selector of picture.clicks ?? []) await page.click(selector);
      if (picture.drop) await dropFile(page, picture.drop, 'text/csv');
      if (picture.waitFor) await page.waitForSelector(picture.waitFor, { timeout: 120_000 });
      // Panels that open on a click load their code on first use; one quiet second lets
      // them and the map's last tiles settle before the shot.
      await page.waitForTimeout(1000);
      const file = resolve(folder, picture.file);
      await page.screenshot({ path: file });
      written.push(file);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const out = resolve(folder, 'snapshot.png');
  if ((await snapshot([...SNAPSHOT_ARGS, '--out', out])) !== 0) {
    throw new Error('the snapshot picture failed (see above)');
  }
  written.push(out);
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of await takePictures()) console.log(`wrote ${file}`);
}
