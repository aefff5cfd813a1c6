/**
 * The import benchmark's measurement (`src/bench/importpage.ts`) on a small CSV written by
 * the benchmark's own generator: a table dropped on the production build is timed through
 * the mapping step, its check and the import until the map draws it, and an import the
 * dialog cannot confirm is reported as failed rather than timed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBenchBrowser } from '../../src/bench/browser.ts';
import { measureImport } from '../../src/bench/importpage.ts';
import { syntheticCsv } from '../../src/bench/synthetic.ts';
import { repoPath, startServer } from '../../src/cli/serve.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let folder: string;
let rows: number;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'importbench-'));
  const csv = syntheticCsv(200 * 1024);
  rows = csv.rows;
  writeFileSync(join(folder, 'bench-import.csv'), csv.text);
  writeFileSync(join(folder, 'bench-bad.csv'), 'date,title\n,No date\n,Nor here\n');
  server = await startServer(repoPath('dist'), folder);
  browser = await launchBenchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

const options = (name: string) => ({
  origin: server.origin,
  csvPath: `/fixtures/${name}`,
  fileName: name,
  timeoutMs: 240_000,
  log: () => {},
});

describe('the import benchmark in the page', () => {
  it('times the mapping step, its check and the import until the map draws it', async () => {
    const figures = await measureImport(browser, options('bench-import.csv'));
    expect(figures.status, figures.detail).toBe('ok');
    const n = rows.toLocaleString('en-GB');
    expect(figures.summary).toBe(
      `${n} rows read: ${n} incidents and 0 relation events to import, 0 rows skipped.`,
    );
    expect(figures.fileMb).toBeCloseTo(0.2, 1);
    expect(figures.mappingStepMs).toBeGreaterThan(0);
    expect(figures.checkedMs).toBeGreaterThanOrEqual(figures.mappingStepMs!);
    expect(figures.importToFrameMs).toBeGreaterThan(0);
    expect(figures.totalMs).toBeCloseTo(figures.checkedMs! + figures.importToFrameMs!, 6);
    // The progress line followed the import to the map, each stage after the one before.
    const stages = figures.stages!.map((s) => s.stage);
    expect(stages).toEqual(expect.arrayContaining(['Preparing the map', 'Receiving incidents']));
    expect(stages.indexOf('Receiving incidents')).toBeGreaterThan(
      stages.indexOf('Preparing the map'),
    );
    expect(figures.incidentsShown).toBeGreaterThan(0);
    for (const blocking of [figures.blockingDialog, figures.blockingImport, figures.blocking]) {
      expect(blocking?.longestTaskMs).toBeGreaterThanOrEqual(0);
    }
    expect(figures.blocking!.longestTaskMs).toBeGreaterThanOrEqual(
      Math.max(figures.blockingDialog!.longestTaskMs, figures.blockingImport!.longestTaskMs) - 1,
    );
    expect(figures.heapRetainedMb).toBeGreaterThan(1);
    expect(figures.workersHeapMb).toBeGreaterThan(1);
  }, 300_000);

  it('reports an import the dialog cannot confirm as failed, with the dialog’s summary', async () => {
    const figures = await measureImport(browser, options('bench-bad.csv'));
    expect(figures.status).toBe('failed');
    expect(figures.detail).toMatch(/^Import is not enabled: 2 rows read: 0 incidents/);
  }, 300_000);
});
