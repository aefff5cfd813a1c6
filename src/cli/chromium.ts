/**
 * Starting Debian's Chromium headless, the one way the browser tests, the snapshot tool and
 * the benchmark all use, so pixels and timings come from the same renderer everywhere.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoPath } from './serve.ts';

/** Where Chromium is; CI installs Debian's package there. Override with `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The flags every launch uses: no sandbox (CI runs as root), no background networking (the
 * machines have no internet), and WebGL through SwiftShader on every machine alike, GPU or
 * not, which keeps pixels stable.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** Starts headless Chromium with `CHROMIUM_ARGS` plus any `extraArgs`. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Drops a file of the repository (`path` relative to its root) onto the app's page, as a user
 * dragging it from the desktop would: the README's pictures and the browser tests open files
 * this one way. The bytes travel as numbers, so binary files such as Parquet arrive intact.
 */
export async function dropFile(page: Page, path: string, type = ''): Promise<void> {
  const bytes = [...readFileSync(repoPath(...path.split('/')))];
  await page.evaluate(
    ([content, name, mime]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(content)], name, { type: mime }));
      const target = document.querySelector('.app')!;
      for (const event of ['dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(event, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    [bytes, basename(path), type] as const,
  );
}
