/**
 * The browser half of the benchmark: the built app in headless Chromium (WebGL through
 * SwiftShader, as in the browser tests), driven through `window.tensionMap`.
 *
 * Every time is taken inside the page with `performance.now()` around the awaited call, so
 * the round trip to Playwright is not part of it. Code sent to the page is plain JavaScript
 * text: functions compiled by tsx carry helpers (`__name`) that do not exist in the page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../cli/chromium.ts';
import { cssMapLibreShare, gzipSize, mapLibreCssGzip, scriptOwner } from '../cli/bundle.ts';

/**
 * Starts headless Chromium as the browser tests do, plus exact JavaScript heap figures in
 * `performance.memory` and `gc()`, so each timed call starts without the previous one's garbage.
 */
export function launchBenchBrowser(): Promise<Browser> {
  return launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
}

/**
 * Installed before the app's own code runs: records long tasks, long animation frames and
 * gaps between animation frames from the first moment, and notes when the `ready` of
 * `window.tensionMap` resolves (the first complete render, drawn by the GPU). Long tasks come in 50 ms steps; the frame gaps are
 * the finer second measure of how long the main thread was unable to draw.
 */
export const PAGE_PROBE = String.raw`(() => {
  const probe = { readyAt: null, firstFrameAt: null, readyError: null, longTasks: [], loafs: [], gaps: [] };
  Object.defineProperty(window, '__bench', { value: probe });
  const observe = (type, push) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(push)).observe({ type, buffered: true });
    } catch {}
  };
  observe('longtask', (e) => probe.longTasks.push([e.startTime, e.duration]));
  observe('long-animation-frame', (e) => probe.loafs.push([e.startTime, e.duration, e.blockingDuration ?? 0]));
  let last = null;
  const frame = () => {
    const now = performance.now();
    if (last !== null && now - last > 50) probe.gaps.push([last, now - last]);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // Waits until the GPU has drawn everything sent so far. MapLibre's "idle" means the main
  // thread has issued the frame; SwiftShader, in the GPU process, may need seconds more to
  // draw it. Reading one pixel back waits for that (WebGL's finish() does not, in Chromium).
  // The read-back blocks the main thread until the GPU is done; without the harness the page
  // would not wait there (though no new frame could show before the GPU is done either).
  // Such waits are recorded so that long tasks leave them out; frame gaps keep them.
  const pixel = new Uint8Array(4);
  probe.syncSpans = [];
  probe.gcSpans = [];
  probe.lastSyncMs = 0;
  probe.gpuSync = () => {
    const canvas = document.querySelector('canvas.maplibregl-canvas');
    const gl = canvas && (canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
    if (!gl) return false;
    const start = performance.now();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    probe.lastSyncMs = performance.now() - start;
    probe.syncSpans.push([start, probe.lastSyncMs]);
    return true;
  };
  // Before a timed call: no drawing and no garbage left over from the previous one. The
  // collection is the harness's work, left out of every blocking figure.
  probe.quiet = () => {
    const start = performance.now();
    if (typeof window.gc === 'function') window.gc();
    probe.gcSpans.push([start, performance.now() - start]);
    probe.gpuSync();
  };
  // The app installs window.tensionMap, the deck.gl peer window.deckPeer; either one's
  // ready marks the first complete render.
  for (const name of ['tensionMap', 'deckPeer']) {
    let api;
    Object.defineProperty(window, name, {
      configurable: true,
      enumerable: true,
      get: () => api,
      set: (value) => {
        api = value;
        Promise.resolve(value && value.ready).then(
          () => {
            probe.gpuSync();
            probe.readyAt = performance.now();
          },
          (error) => { probe.readyError = String(error); },
        );
      },
    });
  }
  // The bench build calls this when the app's first frame is drawn: its marks and arcs, before
  // the count badges, which follow once the loading worker has grouped the crowded places.
  probe.markFirstFrame = () => {
    probe.gpuSync();
    probe.firstFrameAt = performance.now();
  };
  // The JavaScript heap still in use once garbage is collected (the harness's collection,
  // left out of blocking figures like the others).
  probe.retainedHeap = () => {
    probe.quiet();
    return performance.memory ? performance.memory.usedJSHeapSize : null;
  };
  // Entries of a list within [from, to], each shortened by the harness's pauses inside it.
  const within = (spans, start, length) =>
    spans
      .filter(([from, span]) => start <= from + span && start + length >= from)
      .reduce((sum, [, span]) => sum + span, 0);
  const overlapping = (list, from, to, harness) =>
    list
      .filter(([start, length]) => start + length >= from && start <= to)
      .map(([start, length, ...rest]) => [
        start,
        length - harness.reduce((sum, spans) => sum + within(spans, start, length), 0),
        ...rest,
      ]);
  const longest = (list) => list.reduce((max, [, length]) => Math.max(max, length), 0);
  probe.summary = (from, to) => {
    const tasks = overlapping(probe.longTasks, from, to, [probe.gcSpans, probe.syncSpans]).filter(
      ([, length]) => length >= 50,
    );
    const frames = overlapping(probe.loafs, from, to, [probe.gcSpans]);
    return {
      longestTaskMs: longest(tasks),
      longTasks: tasks.length,
      longTaskTotalMs: tasks.reduce((sum, [, length]) => sum + length, 0),
      maxFrameGapMs: longest(overlapping(probe.gaps, from, to, [probe.gcSpans])),
      longestAnimationFrameMs: longest(frames),
      maxBlockingMs: frames.reduce((max, entry) => Math.max(max, entry[2]), 0),
    };
  };
})();`;

/** How long the main thread could not respond or draw, over some stretch of time. */
export interface Blocking {
  /**
   * Longest long task (50 ms granularity), 0 when there was none, without the harness's
   * garbage collections and its waits for the GPU: how long the page could not respond.
   */
  longestTaskMs: number;
  longTasks: number;
  longTaskTotalMs: number;
  /**
   * Longest time between two animation frame callbacks, waits for the GPU included (no
   * new frame could show before the GPU is done anyway): how long the map could not move.
   */
  maxFrameGapMs: number;
  /** Longest "long animation frame" entry, and its longest blocking part. */
  longestAnimationFrameMs: number;
  maxBlockingMs: number;
}

/** What loading one dataset measured. */
export interface LoadFigures {
  status: 'ok' | 'refused' | 'timed out' | 'crashed' | 'failed';
  /** Why it is not ok: the app's notice, the timeout, the crash. */
  detail?: string;
  /** From navigation start: dataset downloaded, and first complete render (`ready`). */
  dataFetchedMs?: number;
  readyMs?: number;
  /**
   * From navigation start to the app's first frame with the dataset's marks and arcs, before
   * its count badges (which `ready` waits for); the peer's `ready` for the peer, which draws
   * everything at once.
   */
  firstFrameMs?: number;
  /** Navigation to first complete render. */
  blocking?: Blocking;
  /** JavaScript heap in use after the first render, and the renderer's limit. */
  heapUsedMb?: number;
  heapLimitMb?: number;
  /** The page's JavaScript heap after the first render once garbage is collected. */
  heapRetainedMb?: number;
  /** The same for the page's dedicated workers together (loading worker, MapLibre's). */
  workersHeapMb?: number;
  /** Bytes received (headers and bodies, as served) from navigation to the first render. */
  bytesFetched?: number;
}

/** A series of timed calls, in milliseconds. */
export interface Series {
  /** Which call was timed: `setDate`, `repaint`, `setView` (a no-op view change), `naiveSetDate`. */
  method: string;
  times: number[];
  median: number;
  p95: number;
  /** Main-thread blocking while the series ran. */
  blocking: Blocking;
  /** Set when the series stopped early. */
  detail?: string;
}

/** Everything measured for one dataset in the browser. */
export interface BrowserFigures {
  load: LoadFigures;
  step?: Series;
  floor?: Series;
  naive?: Series;
  /** Filter changes (`filterStep`) at the last measured date, each followed by a repaint. */
  filter?: Series;
  /** The repaints timed right after each filter change, with the same filters. */
  filterFloor?: Series;
  /** Incidents shown after each filter change, as `getState()` counts them. */
  filterShown?: number[];
  /** Incidents shown at each measured date, as `getState()` counts them. */
  shown?: number[];
  /** Where a step's and a repaint's time goes, thread by thread (with `--trace`). */
  trace?: { step: ThreadTimes; floor: ThreadTimes };
}

/** Busy time per kind of thread, in milliseconds per call, from a Chromium trace. */
export interface ThreadTimes {
  /** Wall time per call, as the page measured it. */
  wallMs: number;
  /** The page's main thread: the app, MapLibre's rendering, symbol placement, uploads. */
  main: number;
  /**
   * How long the harness's final read-back waited for the GPU to finish drawing: the part of
   * the wall time when the map's JavaScript was done and only the GPU was still working.
   */
  gpuWaitMs: number;
  /** MapLibre's web workers: tiling, filtering and laying out features. */
  workers: number;
  /** The GPU process's main thread, where SwiftShader executes WebGL. */
  gpu: number;
  /** Compositing, in the renderer and the display compositor. */
  compositor: number;
  other: number;
  calls: number;
}

/** Median of a list (the upper middle for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The 95th percentile, nearest-rank: with 20 values, the 19th smallest. */
export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

/** Rejects after `ms`; the page is closed by the caller, which also ends the stuck evaluate. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function summary(page: Page, from: number, to: number): Promise<Blocking> {
  return page.evaluate(`window.__bench.summary(${from}, ${to})`);
}

const now = (page: Page) => page.evaluate<number>('performance.now()');

/** The page's automation global: the app's, or the deck.gl peer's (`deckgl.ts`). */
type PageApi = 'tensionMap' | 'deckPeer';

/**
 * Waits for the app's count badges to follow the last change. Builds from before the badges
 * (timed to compare with older figures) have no `settled()` and nothing to wait for.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    if (typeof window.tensionMap.settled === 'function') await window.tensionMap.settled();
  })()`);
}

/**
 * Times `await window.tensionMap.setDate(date)` in the page, until the GPU has drawn the
 * result. The clock starts with the GPU idle and the heap collected, so nothing left over
 * from an earlier call is counted; garbage collected during the call is.
 */
async function timeSetDate(
  page: Page,
  date: string,
  quiet = true,
  api: PageApi = 'tensionMap',
): Promise<number> {
  // Ours is timed until the step's marks are drawn (`stepDate`): the count badges follow a
  // moment later, and deck.gl draws none. Their work from the step before ends first.
  if (api === 'tensionMap') await settled(page);
  if (quiet) await page.evaluate('window.__bench.quiet()');
  return page.evaluate(`(async () => {
    const api = window.${api};
    const step = typeof api.stepDate === 'function' ? api.stepDate : api.setDate;
    const start = performance.now();
    await step(${JSON.stringify(date)});
    window.__bench.gpuSync();
    return performance.now() - start;
  })()`);
}

/**
 * Times a repaint with nothing changed: `repaint()` when the app offers it; otherwise
 * `setView` with the view the map already shows, which changes nothing and resolves once
 * the map has drawn a frame and gone idle, the same as a repaint.
 */
async function timeFloor(
  page: Page,
  quiet = true,
  name: PageApi = 'tensionMap',
): Promise<{ ms: number; method: string }> {
  // The count badges of the step or filter change just timed follow it a moment later: a
  // repaint timed before they settle would time their update, not a repaint.
  if (name === 'tensionMap') await settled(page);
  if (quiet) await page.evaluate('window.__bench.quiet()');
  return page.evaluate(`(async () => {
    const api = window.${name};
    if (typeof api.repaint === 'function') {
      const start = performance.now();
      await api.repaint();
      window.__bench.gpuSync();
      return { ms: performance.now() - start, method: 'repaint' };
    }
    const view = api.getState().view;
    const start = performance.now();
    await api.setView(view);
    window.__bench.gpuSync();
    const ms = performance.now() - start;
    return { ms, method: api.getState().view === view ? 'setView' : 'setView (moved)' };
  })()`);
}

/**
 * The filter changes timed, in turn: a category, a text search, a category with a country and
 * a search, then none. Each field is given, so every change replaces all the filters.
 */
export const FILTER_CHANGES = [
  { category: ['attack'], country: [], q: '' },
  { category: [], country: [], q: 'attack iran' },
  { category: ['attack', 'military'], country: ['IRN'], q: 'iran' },
  { category: [], country: [], q: '' },
] as const;

/**
 * Times `filterStep(filters)` in the page (the bench build's hook): from quiet, until the
 * worker's mask and histogram have arrived and the GPU has drawn the map with them.
 */
async function timeFilter(page: Page, filters: object): Promise<number> {
  await settled(page);
  await page.evaluate('window.__bench.quiet()');
  return page.evaluate(`(async () => {
    const start = performance.now();
    await window.tensionMap.filterStep(${JSON.stringify(filters)});
    window.__bench.gpuSync();
    return performance.now() - start;
  })()`);
}

/** Times the naive way, `setData` with a pre-filtered collection, when the app offers it. */
async function timeNaive(page: Page, date: string): Promise<number> {
  await page.evaluate('window.__bench.quiet()');
  return page.evaluate(`(async () => {
    const start = performance.now();
    await window.tensionMap.naiveSetDate(${JSON.stringify(date)});
    window.__bench.gpuSync();
    return performance.now() - start;
  })()`);
}

function series(method: string, times: number[], blocking: Blocking, detail?: string): Series {
  return { method, times, median: median(times), p95: p95(times), blocking, detail };
}

/** Options for measuring one dataset. */
export interface SizeOptions {
  origin: string;
  /** Path of the dataset on the server, e.g. `/fixtures/synthetic-….geojson`. */
  dataPath: string;
  /** The dataset's title: tells the dataset apart from the built-in one the app falls back to. */
  title: string;
  /** Dates to measure, in order, and dates to warm up with first. */
  dates: string[];
  warmup: string[];
  loadTimeoutMs: number;
  stepTimeoutMs: number;
  /** Dates at which to trace a step and a repaint after the measured series; none to skip. */
  traceDates: string[];
  log: (line: string) => void;
  /**
   * Measure the deck.gl peer page (`bench/deckgl.html`) instead of the app: the same load,
   * steps and repaints, through `window.deckPeer`; no trace and no naive way.
   */
  peer?: boolean;
  /** Incidents in the dataset: the peer page must have loaded that many. */
  incidents?: number;
  /** Measure the load only (a second format of a dataset whose steps are already timed). */
  loadOnly?: boolean;
  /** Leave out the naive way (`--skip-naive`), the slowest series at 100k and up. */
  skipNaive?: boolean;
}

/**
 * The JavaScript heap the page's dedicated workers still use, in bytes, each collected first:
 * our loading worker keeps the incidents to answer filters, and both pages run MapLibre's
 * workers, so the page's own heap is not all of it. Workers are separate V8 isolates that
 * `performance.memory` does not see; they are reached through the browser's DevTools
 * protocol (`Target.attachToTarget`, non-flat, since Playwright's sessions cannot address a
 * worker's session) and asked for `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`.
 */
export async function workersHeap(page: Page): Promise<number> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const own = targetInfos.find((t) => t.type === 'page' && t.url === page.url());
    const workers = targetInfos.filter(
      (t) => t.type === 'worker' && own && t.browserContextId === own.browserContextId,
    );
    let next = 0;
    const pending = new Map<number, (result: unknown) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    let total = 0;
    for (const worker of workers) {
      const { sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: worker.targetId,
        flatten: false,
      });
      const call = (method: string) =>
        new Promise<unknown>((resolve) => {
          const id = ++next;
          pending.set(id, resolve);
          void cdp.send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id, method }),
          });
        });
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: number } | undefined;
      total += usage?.usedSize ?? 0;
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
    return total;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Counts the bytes a page receives, headers and bodies as served (the bench server does not
 * compress), over every request that has finished; a dedicated worker's requests included.
 */
function countBytes(page: Page): () => Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(
      request
        .sizes()
        .then((size) => size.responseHeadersSize + size.responseBodySize)
        .catch(() => 0),
    );
  });
  return async () => (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
}

/**
 * A fresh 1200 × 800 page with the probe installed before any of the page's own code, the
 * errors it logs, and whether it has crashed: how every benchmark page starts.
 */
export async function openProbedPage(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 800 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await page.addInitScript({ content: PAGE_PROBE });
  return { context, page, errors, crashed: () => crashed };
}

/**
 * Loads one dataset in a fresh page and measures loading, then slider steps interleaved with
 * plain repaints at the same dates (so both see the same data, the same machine load and
 * the same moment), then the naive way when the app offers a hook for it. The naive phase
 * comes last because it leaves the map's sources holding one day's features.
 */
export async function measureSize(browser: Browser, options: SizeOptions): Promise<BrowserFigures> {
  const { context, page, errors, crashed } = await openProbedPage(browser);
  const bytes = countBytes(page);
  const last = options.dates[options.dates.length - 1]!;
  const path = options.peer ? '/bench/deckgl.html' : '/';
  const url = `${options.origin}${path}?data=${options.dataPath}&view=0,20,1.5&date=${last}`;
  const figures: BrowserFigures = { load: { status: 'failed' } };
  try {
    figures.load = await measureLoad(page, url, options, crashed, bytes);
    if (figures.load.status !== 'ok') return figures;
    const { readyMs, firstFrameMs } = figures.load;
    options.log(
      `  loaded in ${Math.round(readyMs!)} ms (first frame ${Math.round(firstFrameMs!)} ms)`,
    );
    if (!options.loadOnly) await measureSteps(page, options, figures);
  } catch (error) {
    const detail = crashed()
      ? 'the page crashed (out of memory?)'
      : String((error as Error).message ?? error);
    options.log(`  stopped: ${detail}`);
    if (figures.load.status === 'ok') {
      figures.step ??= series('setDate', [], emptyBlocking(), detail);
    } else {
      figures.load = {
        status: crashed() ? 'crashed' : /timed out/.test(detail) ? 'timed out' : 'failed',
        detail,
      };
    }
  } finally {
    await context.close().catch(() => {});
  }
  if (errors.length > 0 && figures.load.status === 'ok') {
    options.log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
  }
  return figures;
}

function emptyBlocking(): Blocking {
  return {
    longestTaskMs: 0,
    longTasks: 0,
    longTaskTotalMs: 0,
    maxFrameGapMs: 0,
    longestAnimationFrameMs: 0,
    maxBlockingMs: 0,
  };
}

async function measureLoad(
  page: Page,
  url: string,
  options: SizeOptions,
  crashed: () => boolean,
  bytes: () => Promise<number>,
): Promise<LoadFigures> {
  const api: PageApi = options.peer ? 'deckPeer' : 'tensionMap';
  await page.goto(url, { waitUntil: 'commit' });
  const started = Date.now();
  // Polled from Node rather than awaited in the page, so a crash or a hang is noticed.
  for (;;) {
    if (crashed())
      return { status: 'crashed', detail: 'the page crashed while loading (out of memory?)' };
    const state = await page
      .evaluate<{ ready: boolean; error: string | null }>(
        '({ ready: window.__bench.readyAt !== null, error: window.__bench.readyError })',
      )
      .catch(() => null);
    if (state?.error) return { status: 'failed', detail: state.error };
    if (state?.ready) break;
    if (Date.now() - started > options.loadTimeoutMs) {
      return {
        status: 'timed out',
        detail: `not ready after ${Math.round(options.loadTimeoutMs / 1000)} s`,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const bytesFetched = await bytes();
  const timing = await page.evaluate<{
    readyAt: number;
    firstFrameAt: number | null;
    dataAt: number | null;
    title: string | null;
    incidents: number | null;
    heapUsed: number | null;
    heapLimit: number | null;
    notices: string;
  }>(`(() => {
    const data = performance.getEntriesByType('resource').find((e) => e.name.includes(${JSON.stringify(options.dataPath)}));
    const memory = performance.memory;
    return {
      readyAt: window.__bench.readyAt,
      firstFrameAt: window.__bench.firstFrameAt,
      dataAt: data ? data.responseEnd : null,
      title: window.${api}.getState ? window.${api}.getState().title : null,
      incidents: window.${api}.counts ? window.${api}.counts().incidents : null,
      heapUsed: memory ? memory.usedJSHeapSize : null,
      heapLimit: memory ? memory.jsHeapSizeLimit : null,
      notices: document.body.innerText.slice(0, 2000),
    };
  })()`);
  if (options.peer) {
    if (options.incidents !== undefined && timing.incidents !== options.incidents)
      return {
        status: 'failed',
        detail: `the peer loaded ${timing.incidents} incidents, not ${options.incidents}`,
      };
  } else if (timing.title !== options.title) {
    // The app fell back to its built-in dataset: say what it told the user.
    const notice = /[^\n]*(limit|could not|invalid|problem)[^\n]*/i.exec(timing.notices)?.[0];
    return {
      status: 'refused',
      detail: `the app showed "${timing.title}" instead${notice ? `: ${notice.trim()}` : ''}`,
    };
  }
  // Read after the figures above, since it collects garbage and waits for the GPU.
  const blocking = await summary(page, 0, timing.readyAt);
  const retained = await page.evaluate<number | null>('window.__bench.retainedHeap()');
  const workers = await workersHeap(page).catch((error: unknown) => {
    options.log(`  workers' heap not measured: ${String(error)}`);
    return undefined;
  });
  return {
    status: 'ok',
    dataFetchedMs: timing.dataAt ?? undefined,
    readyMs: timing.readyAt,
    firstFrameMs: timing.firstFrameAt ?? timing.readyAt,
    blocking,
    heapUsedMb: timing.heapUsed !== null ? timing.heapUsed / 1e6 : undefined,
    heapLimitMb: timing.heapLimit !== null ? timing.heapLimit / 1e6 : undefined,
    heapRetainedMb: retained !== null ? retained / 1e6 : undefined,
    workersHeapMb: workers !== undefined ? workers / 1e6 : undefined,
    bytesFetched,
  };
}

async function measureSteps(
  page: Page,
  options: SizeOptions,
  figures: BrowserFigures,
): Promise<void> {
  const api: PageApi = options.peer ? 'deckPeer' : 'tensionMap';
  const step = (date: string) =>
    withTimeout(timeSetDate(page, date, true, api), options.stepTimeoutMs, `setDate(${date})`);
  const floor = () => withTimeout(timeFloor(page, true, api), options.stepTimeoutMs, 'repaint');
  for (const date of options.warmup) {
    await step(date);
    await floor();
  }
  const steps: number[] = [];
  const floors: number[] = [];
  const shown: number[] = [];
  let floorMethod = 'repaint';
  let from = await now(page);
  for (const date of options.dates) {
    steps.push(await step(date));
    const repaint = await floor();
    floors.push(repaint.ms);
    floorMethod = repaint.method;
    if (options.peer) continue;
    const state = await page.evaluate<{ date: string; incidents: number }>(
      'window.tensionMap.getState()',
    );
    if (state.date !== date) throw new Error(`setDate(${date}) left the slider on ${state.date}`);
    shown.push(state.incidents);
  }
  let to = await now(page);
  // Step and floor ran interleaved, so their blocking is one figure for both.
  const blocking = await summary(page, from, to);
  figures.step = series('setDate', steps, blocking);
  figures.floor = series(floorMethod, floors, blocking);
  if (!options.peer) figures.shown = shown;
  options.log(
    `  step ${figures.step.median.toFixed(0)} ms, floor (${floorMethod}) ${figures.floor.median.toFixed(0)} ms`,
  );

  if (options.peer) return;
  if (await page.evaluate<boolean>("typeof window.tensionMap.filterStep === 'function'")) {
    await measureFilters(page, options, figures);
  }
  if (options.traceDates.length > 0) {
    const browser = page.context().browser()!;
    const stepTrace = await traceBusy(browser, page, options.traceDates, (date) =>
      withTimeout(timeSetDate(page, date, false), options.stepTimeoutMs, `setDate(${date})`),
    );
    const floorTrace = await traceBusy(
      browser,
      page,
      options.traceDates,
      async () => (await withTimeout(timeFloor(page, false), options.stepTimeoutMs, 'repaint')).ms,
    );
    figures.trace = { step: stepTrace, floor: floorTrace };
    const line = (t: ThreadTimes) =>
      `main ${t.main.toFixed(0)}, workers ${t.workers.toFixed(0)}, gpu ${t.gpu.toFixed(0)} of ${t.wallMs.toFixed(0)} ms`;
    options.log(`  trace: step ${line(stepTrace)}; floor ${line(floorTrace)}`);
  }

  const hasNaive = await page.evaluate<boolean>(
    "typeof window.tensionMap.naiveSetDate === 'function'",
  );
  if (!hasNaive || options.skipNaive) return;
  const naive = (date: string) =>
    withTimeout(timeNaive(page, date), options.stepTimeoutMs, `naiveSetDate(${date})`);
  const naives: number[] = [];
  try {
    for (const date of options.warmup) await naive(date);
    from = await now(page);
    for (const date of options.dates) naives.push(await naive(date));
    to = await now(page);
    figures.naive = series('naiveSetDate', naives, await summary(page, from, to));
    options.log(`  naive ${figures.naive.median.toFixed(0)} ms`);
  } catch (error) {
    // A stuck or crashed page: keep what was measured and say why the series stopped.
    const detail = `stopped after ${naives.length} steps: ${String((error as Error).message ?? error)}`;
    figures.naive = series('naiveSetDate', naives, emptyBlocking(), detail);
    throw error;
  }
}

/**
 * Filter changes against repaints, at the date the step series ended on (the latest, with
 * the most incidents shown): `FILTER_CHANGES` in turn, as many as the steps measured, after
 * one warm-up round, each followed by a repaint with the same filters. The filters are
 * cleared at the end.
 */
async function measureFilters(
  page: Page,
  options: SizeOptions,
  figures: BrowserFigures,
): Promise<void> {
  const change = (filters: object) =>
    withTimeout(timeFilter(page, filters), options.stepTimeoutMs, 'filterStep');
  const floor = () => withTimeout(timeFloor(page, true), options.stepTimeoutMs, 'repaint');
  for (const filters of FILTER_CHANGES) {
    await change(filters);
    await floor();
  }
  const changes: number[] = [];
  const floors: number[] = [];
  const shown: number[] = [];
  const from = await now(page);
  for (let k = 0; k < options.dates.length; k++) {
    changes.push(await change(FILTER_CHANGES[k % FILTER_CHANGES.length]!));
    floors.push((await floor()).ms);
    shown.push(await page.evaluate<number>('window.tensionMap.getState().incidents'));
  }
  const to = await now(page);
  await change(FILTER_CHANGES[FILTER_CHANGES.length - 1]!);
  const blocking = await summary(page, from, to);
  figures.filter = series('filterStep', changes, blocking);
  figures.filterFloor = series('repaint', floors, blocking);
  figures.filterShown = shown;
  options.log(
    `  filter change ${figures.filter.median.toFixed(0)} ms, repaint ${figures.filterFloor.median.toFixed(0)} ms`,
  );
}

/** Threads whose top-level tasks count, by the name Chromium gives them. */
function threadKind(name: string): keyof Omit<ThreadTimes, 'wallMs' | 'calls' | 'gpuWaitMs'> {
  if (name === 'CrRendererMain') return 'main';
  if (/DedicatedWorker/.test(name)) return 'workers';
  if (name === 'CrGpuMain') return 'gpu';
  if (/Compositor|Viz/.test(name)) return 'compositor';
  return 'other';
}

interface TraceEvent {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * Runs `call` once per date under Chromium's tracing and averages, per kind of thread, the
 * time its top-level tasks took: how much of a step is the main thread, the workers or the
 * (software) GPU. Tracing slows everything a little, which is why it runs apart from the
 * timed series and is read as shares rather than as the step's time.
 */
async function traceBusy(
  browser: Browser,
  page: Page,
  dates: string[],
  call: (date: string) => Promise<number>,
): Promise<ThreadTimes> {
  const times: ThreadTimes = {
    wallMs: 0,
    main: 0,
    gpuWaitMs: 0,
    workers: 0,
    gpu: 0,
    compositor: 0,
    other: 0,
    calls: dates.length,
  };
  for (const date of dates) {
    // One trace per call, with the heap collected and the GPU idle before it starts, so the
    // trace holds the call and nothing else.
    await page.evaluate('window.__bench.quiet()');
    await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
    let buffer: Buffer;
    try {
      times.wallMs += (await call(date)) / dates.length;
    } finally {
      buffer = await browser.stopTracing();
    }
    const parsed = JSON.parse(buffer.toString('utf8')) as
      { traceEvents?: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
    const names = new Map<string, string>();
    for (const e of events) {
      if (e.ph === 'M' && e.name === 'thread_name')
        names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    }
    for (const e of events) {
      if (e.ph !== 'X' || !e.cat?.includes('toplevel') || e.dur === undefined) continue;
      times[threadKind(names.get(`${e.pid}:${e.tid}`) ?? '')] += e.dur / 1000 / dates.length;
    }
    times.gpuWaitMs += (await page.evaluate<number>('window.__bench.lastSyncMs')) / dates.length;
  }
  return times;
}

/** One file the first view fetched. */
export interface FetchedFile {
  path: string;
  bytes: number;
  gzip: number;
  kind: 'maplibre' | 'app' | 'basemap' | 'fonts' | 'dataset' | 'document' | 'other';
  /** Gzipped bytes of MapLibre's rules in a CSS file shared with the app. */
  mapLibreGzip?: number;
  /** Counted from disk because the request was not visible to the page (a worker script). */
  fromDisk?: boolean;
}

/** The first view's network, grouped as the budgets are. */
export interface BundleFigures {
  files: FetchedFile[];
  appGzip: number;
  mapLibreGzip: number;
  basemapAndFontsGzip: number;
  datasetGzip: number;
}

/**
 * Opens the app as a first-time visitor would (the built-in dataset, the default view) and
 * sizes every file it fetched until the first complete render, gzipped at level 9 from the
 * copy on disk. Files are sorted by what they are: MapLibre's scripts and styles recognised
 * by content, the app's other scripts and styles, basemap and fonts, the dataset.
 */
export async function measureBundle(
  browser: Browser,
  origin: string,
  dist: string,
): Promise<BundleFigures> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const paths = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origin && response.status() === 200) paths.add(url.pathname);
  });
  try {
    await page.goto(`${origin}/`);
    // Polled with evaluate: waitForFunction compiles its predicate with eval, which the
    // app's Content-Security-Policy forbids.
    while (!(await page.evaluate<boolean>('window.tensionMap !== undefined'))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.evaluate('window.tensionMap.ready');
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
  }
  const libraryCss = mapLibreCssGzip();
  const files: FetchedFile[] = [];
  const add = (path: string, fromDisk = false) => {
    const content = readFileSync(join(dist, path === '/' ? 'index.html' : path.slice(1)));
    const text = content.toString('utf8');
    const gzip = gzipSize(content);
    const file: FetchedFile = { path, bytes: content.length, gzip, kind: 'other' };
    if (fromDisk) file.fromDisk = true;
    if (/\.m?js$/.test(path)) file.kind = scriptOwner(text) === 'maplibre' ? 'maplibre' : 'app';
    else if (path.endsWith('.css')) {
      const share = cssMapLibreShare(text, gzip, libraryCss);
      file.kind = share === gzip ? 'maplibre' : 'app';
      if (share > 0 && share < gzip) file.mapLibreGzip = share;
    } else if (path.startsWith('/basemap/fonts/')) file.kind = 'fonts';
    else if (path.startsWith('/basemap/')) file.kind = 'basemap';
    else if (/\.(geo)?json$/.test(path)) file.kind = 'dataset';
    else if (path === '/' || path.endsWith('.html')) file.kind = 'document';
    files.push(file);
  };
  for (const path of paths) add(path);
  // Chromium does not always report a worker's own script to the page; MapLibre's worker
  // is fetched on every first view, so count it from disk when the network did not show it.
  if (!files.some((f) => f.kind === 'maplibre' && /worker/.test(f.path))) {
    for (const name of readdirSync(join(dist, 'assets'))) {
      if (!name.endsWith('.js')) continue;
      const text = readFileSync(join(dist, 'assets', name), 'utf8');
      if (scriptOwner(text) === 'maplibre' && text.includes('registerWorkerSource'))
        add(`/assets/${name}`, true);
    }
  }
  const sum = (pick: (f: FetchedFile) => number) => files.reduce((total, f) => total + pick(f), 0);
  return {
    files,
    appGzip: sum((f) => (f.kind === 'app' ? f.gzip - (f.mapLibreGzip ?? 0) : 0)),
    mapLibreGzip: sum((f) => (f.kind === 'maplibre' ? f.gzip : (f.mapLibreGzip ?? 0))),
    basemapAndFontsGzip: sum((f) => (f.kind === 'basemap' || f.kind === 'fonts' ? f.gzip : 0)),
    datasetGzip: sum((f) => (f.kind === 'dataset' ? f.gzip : 0)),
  };
}

/** The machine's WebGL renderer as the page sees it (SwiftShader, when all is as expected). */
export async function webglRenderer(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(`(() => {
      const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
      if (!gl) return 'no WebGL';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    })()`);
  } finally {
    await page.close();
  }
}
