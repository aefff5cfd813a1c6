/**
 * Starting Debian's Chromium headless, the one way the browser tests, the snapshot tool and
 * the benchmark all use, so pixels and timings come from the same renderer everywhere.
 */
import { chromium, type Browser } from 'playwright-core';

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
