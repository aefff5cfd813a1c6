/**
 * `npx tsx src/bench/import-browser.ts [--mb 100]`: a large CSV imported through the app's
 * interface in headless Chromium, main thread included. BENCHMARKS.md has the figures.
 *
 * Method. The CSV is `syntheticCsv` of the size asked (the one `import.ts` times in Node: our
 * synthetic incidents under headers that are not ours, so the mapping is proposed, about
 * 3,900 rows a megabyte), written once under `bench/data/`. The bench build (`dist-bench/`,
 * built first when missing or stale, as `npm run bench` does; `--dist dist` times the
 * production build, which imports the same way) is served by `src/cli/serve.ts` and opened
 * in a 1200 × 800 page with the whole world in view (`?view=20,30,1.5`) and the built-in
 * dataset loaded. The CSV is fetched into the page as a `File` first, then the clock starts:
 * the file is dropped on the map, the mapping step opens with the proposed columns and the
 * dialog checks them, Import is clicked as soon as the check is shown, and the clock stops
 * when the map has drawn the imported incidents (`settled()`, then one pixel read back so
 * the GPU has drawn it). `importpage.ts` says how each moment is taken.
 *
 * It prints, and writes to `bench/results/import-<MB>mb.json`: the time to the mapping step
 * and to its check, from Import to the first frame, the stages the progress line showed,
 * the longest main-thread task and the longest gap between animation frames (before and
 * after Import, and throughout; `PAGE_PROBE` of `browser.ts`), and the heap of the page and
 * of its workers once drawn. One run: at 100 MB it takes minutes. Develop at 5–10 MB.
 *
 * Options:
 *   --mb 100            the CSV's size in MB (2^20 bytes); default 100
 *   --dist dist-bench   the built app to time, used as it is (default: this repository's
 *                       dist-bench/, built when missing or stale)
 *   --timeout 1800      seconds the import may take, drop to first frame
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoPath, startServer } from '../cli/serve.ts';
import { launchBenchBrowser, type Blocking } from './browser.ts';
import { BENCH_DIST, benchBuildOutdated, buildBench } from './build.ts';
import { measureImport } from './importpage.ts';
import { syntheticCsv, SYNTHETIC_VERSION } from './synthetic.ts';

const log = (line: string) => console.log(line);

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    dist: { type: 'string' },
    timeout: { type: 'string', default: '1800' },
  },
});
const megabytes = Number(values.mb);
if (!(megabytes > 0)) throw new Error(`--mb ${values.mb} is not a size in MB`);

/** The cached CSV of that size, written when missing; its name carries every parameter. */
function csvFile(): string {
  const name = `synthetic-import-${megabytes}mb-s7-v${SYNTHETIC_VERSION}.csv`;
  const file = repoPath('bench', 'data', name);
  if (!existsSync(file)) {
    log(`writing ${name}…`);
    mkdirSync(repoPath('bench', 'data'), { recursive: true });
    const { text, rows } = syntheticCsv(megabytes * 1024 * 1024);
    writeFileSync(file, text);
    log(`  ${rows.toLocaleString('en-GB')} rows`);
  }
  return file;
}

const ms = (value: number | undefined) =>
  value === undefined ? '–' : `${Math.round(value).toLocaleString('en-GB')} ms`;
const mb = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(0)} MB`);
const blocked = (b: Blocking | undefined) =>
  b
    ? `longest task ${ms(b.longestTaskMs)} (${b.longTasks} over 50 ms), longest frame gap ${ms(b.maxFrameGapMs)}`
    : '–';

async function main(): Promise<void> {
  const file = csvFile();
  const dist = values.dist ? resolve(values.dist) : BENCH_DIST;
  if (!values.dist) {
    const outdated = benchBuildOutdated();
    if (outdated) {
      log(`bench build: ${outdated}; building…`);
      await buildBench((line) => log(`  ${line}`));
    }
  }
  if (!existsSync(resolve(dist, 'index.html')))
    throw new Error(`${dist} has no index.html: build it first`);
  const server = await startServer(dist, repoPath('bench', 'data'));
  const browser = await launchBenchBrowser();
  try {
    const name = file.split('/').pop()!;
    log(`chromium ${browser.version()}: importing ${name} through the dialog…`);
    const figures = await measureImport(browser, {
      origin: server.origin,
      csvPath: `/fixtures/${name}`,
      fileName: name,
      timeoutMs: Number(values.timeout) * 1000,
      log,
    });
    const out = repoPath('bench', 'results', `import-${megabytes}mb.json`);
    mkdirSync(repoPath('bench', 'results'), { recursive: true });
    const result = { date: new Date().toISOString(), dist, file: name, figures };
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    if (figures.status !== 'ok') {
      log(`${figures.status}: ${figures.detail}`);
      process.exitCode = 1;
      return;
    }
    log(`file                         ${figures.fileMb!.toFixed(1)} MB`);
    log(`drop → mapping step          ${ms(figures.mappingStepMs)}`);
    log(`drop → check shown           ${ms(figures.checkedMs)}  (${figures.summary})`);
    log(`Import clicked               ${ms(figures.importClickMs)} after the drop`);
    log(`Import → dataset accepted    ${ms(figures.importToAcceptedMs)}`);
    log(`Import → first frame         ${ms(figures.importToFrameMs)}`);
    log(`waited in all                ${ms(figures.totalMs)}`);
    for (const { stage, atMs } of figures.stages ?? [])
      log(`  progress "${stage}" from   ${ms(atMs)} after the drop`);
    log(`main thread, dialog          ${blocked(figures.blockingDialog)}`);
    log(`main thread, after Import    ${blocked(figures.blockingImport)}`);
    log(`main thread, throughout      ${blocked(figures.blocking)}`);
    const tasks = figures.longTasksAfterImport ?? [];
    log(
      `longest tasks after Import   ${tasks.map(([at, length]) => `${ms(length)} at ${ms(at)}`).join(', ') || 'none'}`,
    );
    log(`incidents shown              ${figures.incidentsShown?.toLocaleString('en-GB')}`);
    log(
      `heap after                   page ${mb(figures.heapRetainedMb)}, workers ${mb(figures.workersHeapMb)}`,
    );
    log(`written to ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
