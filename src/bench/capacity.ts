/**
 * How large a dataset the app loads in a browser limited to 4 GB of JavaScript heap, and what
 * it holds per incident: `node --import tsx src/bench/capacity.ts [--sizes 250k,500k,1m,2m]
 * [--formats parquet,geojson] [--heap 4096] [--timeout 900]`. docs/SCALING.md reports it.
 *
 * For each format and size, a synthetic dataset (the benchmark's generator, 5,000 pairs)
 * is loaded through `?data=` into the bench build (`dist-bench/`, built when stale) in a fresh
 * headless Chromium (`npm run build:bench` first when the app changed) started with `--js-flags=--max-old-space-size=<heap>`, a limit V8 applies
 * to each isolate: the page and the loading worker get 4 GB each. It waits for the first
 * complete frame (`ready`), a crash (V8 out of memory ends the renderer) or the timeout, and
 * records: the page's and the loading worker's JavaScript heap after a full collection, and
 * the peak resident memory of the renderer process (page, worker, Blink, MapLibre) and of the
 * GPU process (where SwiftShader keeps the vertex buffers), sampled every half second and
 * read from `VmHWM` at the end.
 *
 * GeoJSON files are streamed by `writeSyntheticDataset`. Parquet files are written by DuckDB
 * from the same features as newline-delimited JSON, in the layout of geojson/FORMAT.md
 * (`countries` a list, `sources` JSON, `longitude`/`latitude`, no WKB column): the converter
 * of `npm run convert` holds a whole dataset and its GeoJSON text, which stops at about 1.5M
 * incidents in Node, while DuckDB streams. Files are cached in `bench/data/`.
 */
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../cli/chromium.ts';
import { repoPath, startServer } from '../cli/serve.ts';
import { BENCH_DIST, buildBench } from './build.ts';
import {
  SYNTHETIC_VERSION,
  syntheticFeatures,
  syntheticTitle,
  type SyntheticOptions,
} from './synthetic.ts';
import { writeSyntheticDataset } from './write-synthetic.ts';

const SEED = 20230127;
const PAIRS = 5_000;

/** What loading one file measured; memory in MB (10^6 bytes). */
interface Capacity {
  format: 'geojson' | 'parquet';
  incidents: number;
  fileMb: number;
  status: 'ok' | 'crashed' | 'refused' | 'timed out';
  detail?: string;
  readyS?: number;
  pageHeapMb?: number;
  workerHeapMb?: number | null;
  rendererPeakMb: number;
  gpuPeakMb: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function sizeOf(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}`);
  const unit = { '': 1, k: 1e3, m: 1e6 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * unit);
}

/** The synthetic features as rows of the Parquet layout, one JSON object a line. */
async function writeRows(path: string, options: SyntheticOptions): Promise<void> {
  const out = createWriteStream(path);
  for (const feature of syntheticFeatures(options)) {
    const { geometry, properties } = feature as {
      geometry: { coordinates: [number, number] } | null;
      properties: Record<string, unknown>;
    };
    const row = {
      kind: properties.from === undefined ? 'incident' : 'relation',
      ...properties,
      sources: JSON.stringify(properties.sources),
      longitude: geometry?.coordinates[0] ?? null,
      latitude: geometry?.coordinates[1] ?? null,
    };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function writeParquet(path: string, options: SyntheticOptions): Promise<void> {
  const rows = `${path}.ndjson`;
  await writeRows(rows, options);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const columns = `{kind: 'VARCHAR', id: 'VARCHAR', title: 'VARCHAR', date: 'VARCHAR',
    end_date: 'VARCHAR', category: 'VARCHAR', countries: 'VARCHAR[]', precision: 'VARCHAR',
    status: 'VARCHAR', fatalities: 'INTEGER', injured: 'INTEGER', "from": 'VARCHAR',
    "to": 'VARCHAR', stance: 'VARCHAR', sources: 'JSON', longitude: 'DOUBLE', latitude: 'DOUBLE'}`;
  await connection.run(`COPY (SELECT * FROM read_json('${rows}', format = 'newline_delimited',
      columns = ${columns})) TO '${path}.partial' (FORMAT parquet,
      KV_METADATA {title: '${syntheticTitle(options)}'})`);
  connection.closeSync();
  rmSync(rows);
  renameSync(`${path}.partial`, path);
}

async function datasetFile(format: Capacity['format'], incidents: number): Promise<string> {
  const options: SyntheticOptions = { incidents, pairs: PAIRS, seed: SEED };
  const name = `capacity-${incidents}i-${PAIRS}p-s${SEED}-v${SYNTHETIC_VERSION}.${format}`;
  const file = repoPath('bench', 'data', name);
  if (existsSync(file)) return name;
  mkdirSync(repoPath('bench', 'data'), { recursive: true });
  log(`writing ${name}…`);
  if (format === 'geojson') await writeSyntheticDataset(file, options);
  else await writeParquet(file, options);
  return name;
}

/** Chromium's processes started by this one, by type: `renderer`, `gpu-process`. */
function chromiumProcesses(): { pid: number; type: string }[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = table
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const ours = new Set([process.pid]);
  for (let grown = true; grown;) {
    grown = false;
    for (const row of rows) {
      if (ours.has(row.ppid) && !ours.has(row.pid)) {
        ours.add(row.pid);
        grown = true;
      }
    }
  }
  return rows
    .filter((row) => ours.has(row.pid))
    .map((row) => ({ pid: row.pid, type: /--type=([\w-]+)/.exec(row.args)?.[1] ?? '' }));
}

/** A process's resident memory now and at its peak, in MB; zeros once it has ended. */
function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: (kb('VmRSS') * 1024) / 1e6, peak: (kb('VmHWM') * 1024) / 1e6 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/**
 * The loading worker's JavaScript heap after a full collection, in MB, through the DevTools
 * protocol: a dedicated worker has no `performance.memory`, so the harness attaches to the
 * worker's target and asks its isolate (`HeapProfiler.collectGarbage`, `Runtime.getHeapUsage`).
 */
async function workerHeap(browser: Browser): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    // MapLibre's workers are workers too; the loading worker is the app's own script.
    const worker = targetInfos.find(
      (target) => target.type === 'worker' && /\/assets\/worker-[^/]*\.js$/.test(target.url),
    );
    if (!worker) {
      log(`  no loading worker among ${targetInfos.map((t) => `${t.type} ${t.url}`).join(', ')}`);
      return null;
    }
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    })) as { sessionId: string };
    let next = 0;
    const call = (method: string) =>
      new Promise<Record<string, unknown>>((done) => {
        const id = ++next;
        const listener = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number; result?: object };
          if (event.sessionId !== sessionId || message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', listener);
          done((message.result ?? {}) as Record<string, unknown>);
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method }),
        });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return typeof usage.usedSize === 'number' ? usage.usedSize / 1e6 : null;
  } catch (error) {
    log(`  worker heap: ${String(error)}`);
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function measure(
  origin: string,
  format: Capacity['format'],
  incidents: number,
  heapMb: number,
  timeoutMs: number,
): Promise<Capacity> {
  const name = await datasetFile(format, incidents);
  const fileMb = statSync(repoPath('bench', 'data', name)).size / 1e6;
  const browser = await launchChromium([
    '--enable-precise-memory-info',
    `--js-flags=--expose-gc --max-old-space-size=${heapMb}`,
  ]);
  const peaks = { renderer: 0, gpu: 0 };
  const sample = () => {
    for (const { pid, type } of chromiumProcesses()) {
      const { rss, peak } = memoryOf(pid);
      const key = type === 'renderer' ? 'renderer' : type === 'gpu-process' ? 'gpu' : undefined;
      if (key) peaks[key] = Math.max(peaks[key], rss, peak);
    }
  };
  const sampler = setInterval(sample, 500);
  const result: Capacity = {
    format,
    incidents,
    fileMb,
    status: 'timed out',
    rendererPeakMb: 0,
    gpuPeakMb: 0,
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    let crashed = false;
    page.on('crash', () => (crashed = true));
    const start = Date.now();
    await page.goto(`${origin}/?data=/fixtures/${name}&view=0,20,1.5`, { waitUntil: 'commit' });
    // Polled, not `waitForFunction`: the app's CSP forbids the eval that one needs.
    const ready = (async () => {
      while (!(await page.evaluate<boolean>('window.tensionMap !== undefined'))) {
        await new Promise((done) => setTimeout(done, 250));
      }
      await page.evaluate('window.tensionMap.ready.then(() => true)');
    })();
    const outcome = await Promise.race([
      ready.then(() => 'ready' as const),
      new Promise<'crashed'>((done) => page.once('crash', () => done('crashed'))),
      new Promise<'timed out'>((done) => setTimeout(() => done('timed out'), timeoutMs)),
    ]).catch((error: Error) => (crashed ? ('crashed' as const) : error));
    sample();
    if (outcome instanceof Error) {
      result.status = 'crashed';
      result.detail = outcome.message.split('\n')[0];
    } else if (outcome !== 'ready') {
      result.status = outcome;
    } else {
      result.readyS = (Date.now() - start) / 1000;
      const state = await page.evaluate<{ title: string; heap: number }>(`(() => {
        window.gc();
        return { title: window.tensionMap.getState().title,
                 heap: performance.memory.usedJSHeapSize };
      })()`);
      const title = syntheticTitle({ incidents, pairs: PAIRS, seed: SEED });
      result.status = state.title === title ? 'ok' : 'refused';
      if (result.status === 'refused') result.detail = `showed "${state.title}"`;
      result.pageHeapMb = state.heap / 1e6;
      result.workerHeapMb = await workerHeap(browser);
      sample();
    }
  } finally {
    clearInterval(sampler);
    result.rendererPeakMb = peaks.renderer;
    result.gpuPeakMb = peaks.gpu;
    await browser.close().catch(() => {});
  }
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '250k,500k,1m,2m' },
      formats: { type: 'string', default: 'parquet,geojson' },
      heap: { type: 'string', default: '4096' },
      timeout: { type: 'string', default: '900' },
    },
  });
  // Built when missing, not when stale: editing this script would otherwise rebuild the app.
  if (!existsSync(join(BENCH_DIST, 'index.html'))) await buildBench(log);
  const server = await startServer(BENCH_DIST, repoPath('bench', 'data'));
  const results: Capacity[] = [];
  try {
    for (const format of values.formats.split(',') as Capacity['format'][]) {
      for (const size of values.sizes.split(',')) {
        const figures = await measure(
          server.origin,
          format,
          sizeOf(size),
          Number(values.heap),
          Number(values.timeout) * 1000,
        );
        log(JSON.stringify(figures));
        results.push(figures);
        // A size that does not load: larger ones will not either.
        if (figures.status !== 'ok') break;
      }
    }
  } finally {
    await server.close();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
