/**
 * The benchmark: `npm run bench [-- --sizes 1k,10k --steps 30]`. Not part of `npm test`:
 * timings depend on the machine; BENCHMARKS.md explains the method and the figures.
 *
 * For the built-in dataset and for each size of synthetic dataset (generated once, cached
 * under `bench/data/`) it measures in Node what the app does before the map (parse, validate,
 * prepare; time and peak memory, one fresh process per size), and in headless Chromium
 * against the bench build in `dist-bench/` the load, the slider step, the floor (a plain
 * repaint), filter changes against repaints, and the naive way (`setData` with a
 * pre-filtered collection). The bench build is
 * the app plus those hooks (`page.ts`); it is built first when missing or older than its
 * sources (`build.ts`), so a run never measures stale code and a repeated run does not wait
 * for a build. Also the first view's download size, from the production build in `dist/`
 * (what visitors fetch). With the deck.gl peer (`--peer deckgl`, the default) each size is also
 * loaded and stepped on `bench/deckgl.html`, the same data drawn by deck.gl, and the app's
 * figures are reported as ratios to the peer's. Prints tables and writes `bench/results/latest.json`.
 *
 * Options:
 *   --sizes builtin,1k,10k,100k,1m  which datasets (default: all)
 *   --steps 30              measured slider steps per size (at least 20 for a useful p95)
 *   --timeout 300           seconds a dataset may take to load before it counts as timed out
 *   --dist dist-bench       the built app to time, used as it is (default: dist-bench/ of this
 *                           repository, built when missing or stale; without the hooks of
 *                           page.ts the floor is a no-op view change and the naive way is skipped)
 *   --trace                 also trace 3 steps and 3 repaints per size: busy time per thread
 *   --peer deckgl           also measure the deck.gl peer page (`deckgl.ts`) on each dataset,
 *                           in the same Chromium, right after the app (default); `none` skips it
 *   --parquet               also time the app's load from each synthetic set's GeoParquet twin
 *                           (load figures only: once loaded, the map data is the same)
 *   --skip-naive            leave out the naive way (the slowest series at 100k and 1M)
 *   --node-only, --browser-only
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { dayFromIso, isoFromDay, parseCalendarDate, type Day } from '../core/model/dates.ts';
import { localText, type LocalText } from '../core/i18n/localtext.ts';
import {
  SYNTHETIC_START,
  SYNTHETIC_VERSION,
  syntheticTitle,
  type SyntheticOptions,
} from './synthetic.ts';
import {
  launchBenchBrowser,
  measureBundle,
  measureSize,
  webglRenderer,
  type BrowserFigures,
  type BundleFigures,
  type ThreadTimes,
} from './browser.ts';
import type { NodeFigures } from './node.ts';
import { kb } from '../cli/bundle.ts';
import { repoPath, startServer } from '../cli/serve.ts';
import { writeSyntheticDataset, writeSyntheticParquet } from './write-synthetic.ts';
import { BENCH_DIST, benchBuildOutdated, buildBench } from './build.ts';

/**
 * The datasets: the built-in one, as it ships (the scale the slider must feel instant at, and
 * the only one small enough to get map labels), then synthetic incidents and relation pairs
 * up to a million rows.
 */
const SIZES: Record<string, Omit<SyntheticOptions, 'seed'> | 'builtin'> = {
  builtin: 'builtin',
  '1k': { incidents: 1_000, pairs: 100 },
  '10k': { incidents: 10_000, pairs: 1_000 },
  '100k': { incidents: 100_000, pairs: 5_000 },
  '1m': { incidents: 1_000_000, pairs: 5_000 },
};
const SEED = 20230127;
/** Timed Node runs per size: fewer for the big ones, whose runs take seconds each. */
const NODE_RUNS: Record<string, number> = { builtin: 7, '1k': 7, '10k': 5, '100k': 3, '1m': 1 };
/**
 * Warm-up steps before the measured ones (the first steps compile shaders and code paths),
 * and the steps traced with `--trace`: early, middle and late in the dataset's range, so few
 * and many incidents are shown. Fractions of the range, away from the measured dates.
 */
const WARMUP_AT = [0.1, 0.5, 0.9];
const TRACE_AT = [0.2, 0.55, 0.95];
/** A step that takes this long is not a slider step any more; the series stops. */
const STEP_TIMEOUT_MS = 120_000;

interface SizeResult {
  size: string;
  /** How a synthetic dataset was generated; absent for the built-in one. */
  options?: SyntheticOptions;
  /** The dataset's title (the benchmark checks the app shows it) and first and last day. */
  title: string;
  first: Day;
  last: Day;
  incidents: number;
  pairs: number;
  file: string;
  megabytes: number;
  node?: NodeFigures | { error: string };
  /** The same dataset read from its GeoParquet twin (`parquetFile`), synthetic sizes only. */
  parquetFile?: string;
  nodeParquet?: NodeFigures | { error: string };
  browser?: BrowserFigures;
  /** The same measurements of the deck.gl peer page. */
  peer?: BrowserFigures;
  /** The app's load from the GeoParquet twin (`--parquet`); the steps are the same as above. */
  browserParquet?: BrowserFigures;
}

interface Results {
  date: string;
  machine: Record<string, string | number>;
  dist: string;
  steps: number;
  bundle?: BundleFigures | { error: string };
  sizes: SizeResult[];
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function options(): {
  sizes: string[];
  steps: number;
  timeoutMs: number;
  /** The build to time, and whether it is the bench build this run may (re)build. */
  dist: string;
  ownBuild: boolean;
  node: boolean;
  browser: boolean;
  trace: boolean;
  peer: boolean;
  parquet: boolean;
  skipNaive: boolean;
} {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: Object.keys(SIZES).join(',') },
      steps: { type: 'string', default: '30' },
      timeout: { type: 'string', default: '300' },
      dist: { type: 'string' },
      'node-only': { type: 'boolean', default: false },
      'browser-only': { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      peer: { type: 'string', default: 'deckgl' },
      parquet: { type: 'boolean', default: false },
      'skip-naive': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => s.trim().toLowerCase());
  const unknown = sizes.filter((s) => !(s in SIZES));
  if (unknown.length)
    throw new Error(`unknown size ${unknown.join(', ')}; use ${Object.keys(SIZES).join(', ')}`);
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 1) throw new Error('--steps must be a whole number');
  if (values.peer !== 'deckgl' && values.peer !== 'none')
    throw new Error('--peer must be deckgl or none');
  if (steps < 20) log(`note: ${steps} steps give a rough p95; 20 or more are recommended`);
  return {
    sizes,
    steps,
    timeoutMs: Number(values.timeout) * 1000,
    dist: resolve(values.dist ?? BENCH_DIST),
    ownBuild: values.dist === undefined,
    node: !values['browser-only'],
    browser: !values['node-only'],
    trace: values.trace,
    peer: values.peer === 'deckgl',
    parquet: values.parquet,
    skipNaive: values['skip-naive'],
  };
}

/** The cached file for a dataset, generated when missing. Names carry every parameter. */
async function dataset(size: string): Promise<SizeResult> {
  const spec = SIZES[size]!;
  if (spec === 'builtin') return builtIn();
  const opts: SyntheticOptions = { ...spec, seed: SEED };
  const name = `synthetic-${opts.incidents}i-${opts.pairs}p-s${opts.seed}-v${SYNTHETIC_VERSION}.geojson`;
  const file = repoPath('bench', 'data', name);
  if (!existsSync(file)) {
    const start = performance.now();
    log(`generating ${name}…`);
    await writeSyntheticDataset(file, opts);
    log(
      `  ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  const parquetFile = file.replace(/\.geojson$/, '.parquet');
  if (!existsSync(parquetFile)) {
    log(`writing its GeoParquet twin…`);
    const bytes = await writeSyntheticParquet(file, parquetFile);
    log(`  ${(bytes / 1e6).toFixed(0)} MB`);
  }
  const first = dayFromIso(SYNTHETIC_START)!;
  const years = opts.years ?? 5;
  return {
    size,
    options: opts,
    title: syntheticTitle(opts),
    first,
    last: dayFromIso(`${Number(SYNTHETIC_START.slice(0, 4)) + years}-01-01`)! - 1,
    incidents: opts.incidents,
    pairs: opts.pairs,
    file,
    parquetFile,
    megabytes: statSync(file).size / 1e6,
  };
}

/**
 * The built-in dataset, copied beside the generated ones so the page loads it through
 * `?data=` like any other (the same worker path the app takes for it by default).
 */
function builtIn(): SizeResult {
  const source = repoPath('geojson', 'caspian-2022-2023.geojson');
  const file = repoPath('bench', 'data', 'builtin-caspian-2022-2023.geojson');
  mkdirSync(repoPath('bench', 'data'), { recursive: true });
  copyFileSync(source, file);
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    title: LocalText;
    language?: string;
    features: { properties: { date: string; end_date?: string; from?: string; to?: string } }[];
  };
  // The first and last day any date in the file covers: the range to spread the steps over.
  const days = json.features.flatMap((f) =>
    [f.properties.date, f.properties.end_date].flatMap((text) => {
      const date = text ? parseCalendarDate(text) : null;
      return date ? [date.start, date.end] : [];
    }),
  );
  const pairs = new Set(
    json.features.flatMap((f) =>
      f.properties.from ? [[f.properties.from, f.properties.to].sort().join('-')] : [],
    ),
  );
  return {
    size: 'builtin',
    // The title as the app shows it to the English reader the bench browser is.
    title: localText(json.title, 'en', json.language),
    first: Math.min(...days),
    last: Math.max(...days),
    incidents: json.features.filter((f) => !f.properties.from).length,
    pairs: pairs.size,
    file,
    megabytes: statSync(file).size / 1e6,
  };
}

/** Runs `node.ts` for one file in a fresh Node process and reads its figures. */
function nodeFigures(file: string, runs: number): Promise<NodeFigures | { error: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--expose-gc',
        '--max-old-space-size=16384',
        repoPath('src', 'bench', 'node.ts'),
        file,
        String(runs),
      ],
      { cwd: repoPath(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        done(JSON.parse(line) as NodeFigures);
      } catch {
        done({ error: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' ')}` });
      }
    });
  });
}

/** `count` dates evenly spread over the synthetic range, each in the middle of its share. */
function stepDates(count: number, first: Day, last: Day): string[] {
  const span = last - first + 1;
  return Array.from({ length: count }, (_, k) =>
    isoFromDay(first + Math.floor(((k + 0.5) * span) / count)),
  );
}

/** Dates at fractions of a range, one day off the measured ones so no step repeats a date. */
function datesAt(fractions: number[], first: Day, last: Day): string[] {
  return fractions.map((f) =>
    isoFromDay(Math.min(last, first + Math.floor(f * (last - first)) + 1)),
  );
}

function machine(browserVersion: string, renderer: string): Record<string, string | number> {
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memTotalGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    memAvailable: /MemAvailable:\s+(.*)/.exec(meminfo)?.[1] ?? 'unknown',
    node: process.version,
    chromium: browserVersion,
    webglRenderer: renderer,
  };
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : `${Math.round(value)}`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !b || Number.isNaN(a) ? 'n/a' : `${(a / b).toFixed(2)}×`;

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

function label(result: SizeResult): string {
  const { incidents, pairs } = result;
  const short = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : `${n}`);
  const name = `${short(incidents)} + ${short(pairs)} pairs`;
  return result.size === 'builtin' ? `built-in (${name})` : name;
}

/**
 * One row of the table against deck.gl: the app's figures (`ours`, loaded from GeoJSON or
 * from Parquet, as `format` says) beside the peer's, and their ratios.
 */
function peerRow(r: SizeResult, ours: BrowserFigures | undefined, format: string): string[][] {
  const peer = r.peer;
  if (!ours || !peer) return [];
  if (peer.load.status !== 'ok')
    return [[label(r) + format, `deck.gl ${peer.load.status}: ${peer.load.detail ?? ''}`]];
  if (ours.load.status !== 'ok') return [[label(r) + format, `ours ${ours.load.status}`]];
  const pair = (a: number | undefined, b: number | undefined) => `${ms(a)} / ${ms(b)}`;
  const mb = (value: number | undefined) =>
    value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(0);
  const [o, p] = [ours.load, peer.load];
  // The page and its workers: our loading worker keeps the incidents for the filters.
  const heap = (l: typeof o) =>
    l.heapRetainedMb === undefined ? undefined : l.heapRetainedMb + (l.workersHeapMb ?? NaN);
  return [
    [
      label(r) + format,
      pair(ours.step?.median, peer.step?.median),
      ratio(ours.step?.median, peer.step?.median),
      pair(ours.step?.p95, peer.step?.p95),
      ratio(ours.step?.p95, peer.step?.p95),
      pair(ours.floor?.median, peer.floor?.median),
      pair(o.firstFrameMs, p.firstFrameMs),
      ratio(o.firstFrameMs, p.firstFrameMs),
      pair(o.blocking?.longestTaskMs, p.blocking?.longestTaskMs),
      `${mb(heap(o))} / ${mb(heap(p))}`,
      ratio(heap(o), heap(p)),
      `${mb(o.heapRetainedMb)} / ${mb(p.heapRetainedMb)}`,
      `${((o.bytesFetched ?? NaN) / 1e6).toFixed(1)} / ${((p.bytesFetched ?? NaN) / 1e6).toFixed(1)}`,
      ratio(o.bytesFetched, p.bytesFetched),
    ],
  ];
}

function report(results: Results): void {
  console.log(`\nmachine: ${JSON.stringify(results.machine)}\n`);
  const nodeRows = results.sizes.flatMap((r) =>
    (
      [
        [r.node, ''],
        [r.nodeParquet, ', Parquet'],
      ] as const
    ).flatMap(([n, format]) => {
      if (!n) return [];
      if ('error' in n)
        return [[label(r) + format, r.megabytes.toFixed(0), n.error, '', '', '', '', '', '', '']];
      return [
        [
          label(r) + format,
          n.megabytes.toFixed(1),
          ms(n.parseMs),
          ms(n.validateMs),
          ms(n.prepareMs),
          ms(n.validateMs + n.prepareMs),
          ms(n.totalMs),
          // Absent from runs made before the places were grouped after the map data.
          n.placesMs === undefined ? '' : ms(n.placesMs),
          n.peakRssMb.toFixed(0),
          n.retainedHeapMb.toFixed(0),
        ],
      ];
    }),
  );
  if (nodeRows.length) {
    console.log('Node (ms, median; memory in MB)');
    printTable(
      [
        'dataset',
        'MB',
        'parse',
        'validate',
        'prepare',
        'validate+prepare',
        'as the app (text→map data)',
        'places (after)',
        'peak RSS',
        'retained heap',
      ],
      nodeRows,
    );
  }
  const browserRows = results.sizes.flatMap((r) => {
    const b = r.browser;
    if (!b) return [];
    if (b.load.status !== 'ok') return [[label(r), `${b.load.status}: ${b.load.detail ?? ''}`]];
    const l = b.load;
    return [
      [
        label(r),
        ms(l.firstFrameMs),
        ms(l.readyMs),
        ms(l.blocking?.longestTaskMs),
        ms(l.blocking?.maxFrameGapMs),
        b.step ? `${ms(b.step.median)} / ${ms(b.step.p95)}` : 'n/a',
        b.floor ? `${ms(b.floor.median)} / ${ms(b.floor.p95)}` : 'n/a',
        b.naive ? `${ms(b.naive.median)} / ${ms(b.naive.p95)}` : 'n/a',
        ratio(b.step?.median, b.floor?.median),
        ratio(b.naive?.median, b.step?.median),
        ms(b.step?.blocking.longestTaskMs),
      ],
    ];
  });
  if (browserRows.length) {
    console.log('Chromium (ms; step, floor and naive as median / p95)');
    printTable(
      [
        'dataset',
        'first frame',
        'ready (badges too)',
        'longest task (load)',
        'max frame gap (load)',
        'step',
        'floor',
        'naive',
        'step/floor',
        'naive/step',
        'longest task (steps)',
      ],
      browserRows,
    );
  }
  const filterRows = results.sizes.flatMap((r) => {
    const b = r.browser;
    if (!b?.filter || !b.filterFloor) return [];
    return [
      [
        label(r),
        `${ms(b.filter.median)} / ${ms(b.filter.p95)}`,
        `${ms(b.filterFloor.median)} / ${ms(b.filterFloor.p95)}`,
        ratio(b.filter.median, b.filterFloor.median),
        ms(b.filter.blocking.longestTaskMs),
      ],
    ];
  });
  if (filterRows.length) {
    console.log('Filter changes against repaints (ms; median / p95)');
    printTable(
      ['dataset', 'filter change', 'repaint', 'change/repaint', 'longest task (changes)'],
      filterRows,
    );
  }
  const peerRows = results.sizes.flatMap((r) =>
    (
      [
        [r.browser, ''],
        [r.browserParquet, ', ours from Parquet'],
      ] as const
    ).flatMap(([ours, format]) => peerRow(r, ours, format)),
  );
  if (peerRows.length) {
    console.log('Ours against deck.gl (ours / deck.gl; ms, MB; ratios ours ÷ deck.gl)');
    printTable(
      [
        'dataset',
        'step (median)',
        'ratio',
        'step (p95)',
        'ratio',
        'floor (median)',
        'load to first frame',
        'ratio',
        'longest task (load)',
        'heap after load (page + workers)',
        'ratio',
        'heap (page only)',
        'MB fetched',
        'ratio',
      ],
      peerRows,
    );
  }
  const traceRows = results.sizes.flatMap((r) => {
    const t = r.browser?.trace;
    if (!t) return [];
    const cells = (x: ThreadTimes) => [
      ms(x.wallMs),
      ms(x.gpu),
      ms(x.gpuWaitMs),
      ms(x.workers),
      ms(x.main),
    ];
    return [[label(r), ...cells(t.step), ...cells(t.floor)]];
  });
  if (traceRows.length) {
    // gpu: busy time of the GPU process (SwiftShader); gpu tail: how long it was still drawing
    // once the map's JavaScript was done; main: the page's main thread, that wait included.
    console.log('Where the time goes (traced; ms per call)');
    printTable(
      [
        'dataset',
        'step',
        'gpu',
        'gpu tail',
        'workers',
        'main',
        'repaint',
        'gpu',
        'gpu tail',
        'workers',
        'main',
      ],
      traceRows,
    );
  }
  for (const r of results.sizes) {
    const b = r.browser;
    for (const series of [b?.step, b?.floor, b?.filter, b?.filterFloor, b?.naive]) {
      if (series?.detail) console.log(`${label(r)}, ${series.method}: ${series.detail}`);
    }
  }
  const bundle = results.bundle;
  if (bundle && !('error' in bundle)) {
    console.log('First view (gzipped, level 9)');
    printTable(
      ["app's JS+CSS", "MapLibre's JS+CSS", 'basemap + fonts', 'built-in dataset'],
      [
        [
          kb(bundle.appGzip),
          kb(bundle.mapLibreGzip),
          kb(bundle.basemapAndFontsGzip),
          kb(bundle.datasetGzip),
        ],
      ],
    );
    printTable(
      ['file', 'kind', 'bytes', 'gzipped'],
      bundle.files.map((f) => [
        `${f.path}${f.fromDisk ? ' (from disk)' : ''}`,
        f.kind,
        kb(f.bytes),
        kb(f.gzip),
      ]),
    );
  }
}

/**
 * The first view's download sizes, from the production build in `dist/`: what a visitor
 * fetches, without the bench build's hooks.
 */
async function firstView(browser: Browser): Promise<BundleFigures | { error: string }> {
  const dist = repoPath('dist');
  if (!existsSync(resolve(dist, 'index.html'))) {
    log('first view: skipped, no production build in dist/ (npm run build)');
    return { error: 'no production build in dist/' };
  }
  log('first view: download sizes…');
  const server = await startServer(dist, repoPath('bench', 'data'));
  try {
    return await measureBundle(browser, server.origin, dist);
  } catch (error) {
    return { error: String(error) };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const resultsDir = repoPath('bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = resolve(resultsDir, 'latest.json');
  const results: Results = {
    date: new Date().toISOString(),
    machine: {},
    dist: opts.dist,
    steps: opts.steps,
    sizes: [],
  };
  // Written after every size, so a run cut short still leaves what it measured.
  const save = () => writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

  for (const size of opts.sizes) results.sizes.push(await dataset(size));

  if (opts.node) {
    for (const result of results.sizes) {
      log(`node: ${label(result)}…`);
      result.node = await nodeFigures(result.file, NODE_RUNS[result.size] ?? 1);
      save();
      if (result.parquetFile) {
        log(`node: ${label(result)} from GeoParquet…`);
        result.nodeParquet = await nodeFigures(result.parquetFile, NODE_RUNS[result.size] ?? 1);
        save();
      }
    }
  }

  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  results.machine = machine('not run', 'not run');
  try {
    if (opts.browser) {
      browser = await launchBenchBrowser();
      results.machine = machine(browser.version(), await webglRenderer(browser));
      save();
      const outdated = opts.ownBuild ? benchBuildOutdated() : null;
      if (outdated) {
        log(`bench build: ${outdated}; building…`);
        await buildBench((line) => log(`  ${line}`));
      }
      if (!existsSync(resolve(opts.dist, 'index.html'))) {
        throw new Error(`${opts.dist} has no index.html: build it first`);
      }
      results.bundle = await firstView(browser);
      save();
      server = await startServer(opts.dist, repoPath('bench', 'data'));
      for (const result of results.sizes) {
        log(`chromium: ${label(result)}…`);
        const { first, last } = result;
        // What the app, the peer and the Parquet load share: the same data, dates and limits.
        const base = {
          origin: server.origin,
          dataPath: `/fixtures/${result.file.split('/').pop()}`,
          title: result.title,
          dates: stepDates(opts.steps, first, last),
          warmup: datesAt(WARMUP_AT, first, last),
          loadTimeoutMs: opts.timeoutMs,
          stepTimeoutMs: STEP_TIMEOUT_MS,
          traceDates: [],
          log,
        };
        result.browser = await measureSize(browser, {
          ...base,
          traceDates: opts.trace ? datesAt(TRACE_AT, first, last) : [],
          skipNaive: opts.skipNaive,
        });
        if (result.browser.load.status !== 'ok')
          log(`  ${result.browser.load.status}: ${result.browser.load.detail}`);
        save();
        if (opts.peer) {
          log(`chromium, deck.gl peer: ${label(result)}…`);
          result.peer = await measureSize(browser, {
            ...base,
            peer: true,
            incidents: result.incidents,
          });
          if (result.peer.load.status !== 'ok')
            log(`  ${result.peer.load.status}: ${result.peer.load.detail}`);
          save();
        }
        if (opts.parquet && result.parquetFile) {
          log(`chromium: ${label(result)} from GeoParquet…`);
          result.browserParquet = await measureSize(browser, {
            ...base,
            dataPath: `/fixtures/${result.parquetFile.split('/').pop()}`,
            warmup: [],
            loadOnly: true,
          });
          if (result.browserParquet.load.status !== 'ok')
            log(`  ${result.browserParquet.load.status}: ${result.browserParquet.load.detail}`);
          save();
        }
      }
    }
  } finally {
    await browser?.close();
    await server?.close();
  }
  save();
  report(results);
  log(`written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
