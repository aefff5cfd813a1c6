/**
 * A table imported through the app's interface in headless Chromium, timed in the page: the
 * file dropped on the map, the import dialog's mapping step, the first check of the proposed
 * mapping, the click on Import, and the first frame of the map with the imported incidents.
 *
 * The CSV is fetched into the page as a `File` before the clock starts, so the download is not
 * part of it; the drop then hands that `File` to the app as a user's drag from the desktop
 * does (`dropFile` of `src/cli/chromium.ts` sends the bytes as a list of numbers through
 * Playwright, which does not scale to 100 MB). Moments are taken inside the page with
 * `performance.now()` by a `MutationObserver` that watches the dialog, its summary, the
 * progress line and the title, so no polling from Node shifts them; the first frame is when
 * `window.tensionMap.settled()` resolves after the title changes and the GPU has drawn it
 * (one pixel read back, as every figure of `browser.ts`). Main-thread blocking comes from
 * the probe of `browser.ts` (`PAGE_PROBE`: long tasks, long animation frames, gaps between
 * animation frames), split at the click on Import.
 *
 * Code sent to the page is plain JavaScript text: functions compiled by tsx carry helpers
 * (`__name`) that do not exist in the page.
 */
import type { Browser, Page } from 'playwright-core';
import { openProbedPage, workersHeap, type Blocking } from './browser.ts';

/** What to import, and where. */
export interface ImportOptions {
  /** The server's origin: the built app at `/`. */
  origin: string;
  /** Where the CSV is on that server, e.g. `/fixtures/synthetic-import-100mb-s7-v1.csv`. */
  csvPath: string;
  /** The file's name as dropped; the imported dataset is titled "Imported from" it. */
  fileName: string;
  /** How long the whole import may take before it counts as timed out. */
  timeoutMs: number;
  log: (line: string) => void;
}

/** What importing one table through the interface measured. */
export interface ImportFigures {
  status: 'ok' | 'failed' | 'timed out' | 'crashed';
  /** Why it is not ok. */
  detail?: string;
  /** The file's size in MB (2^20 bytes). */
  fileMb?: number;
  /** From the drop: the mapping step shown, with the preview and the proposed columns. */
  mappingStepMs?: number;
  /** From the drop: the proposed mapping's check answered (the dialog's summary). */
  checkedMs?: number;
  /** The dialog's summary of that check. */
  summary?: string;
  /** From the drop: the click on Import, as soon as the check was shown. */
  importClickMs?: number;
  /** From the click on Import: the app accepted the imported dataset (its title shows). */
  importToAcceptedMs?: number;
  /** From the click on Import: the first frame of the map with the imported incidents. */
  importToFrameMs?: number;
  /** What the user waits for in all: drop to check, plus Import to first frame. */
  totalMs?: number;
  /** Each stage the progress line showed, first seen this many ms after the drop. */
  stages?: { stage: string; atMs: number }[];
  /** Main-thread blocking from the drop to the click on Import (reading, the dialog's check). */
  blockingDialog?: Blocking;
  /** From the click on Import to the first frame (mapping every row, preparing, receiving). */
  blockingImport?: Blocking;
  /** From the drop to the first frame. */
  blocking?: Blocking;
  /**
   * The longest tasks after Import, longest first (at most five): when each began, in ms
   * after the click, and how long it took without the harness's pauses in it (the final
   * wait for the GPU is one), as `longestTaskMs` counts them.
   */
  longTasksAfterImport?: [atMs: number, ms: number][];
  /** Incidents the map shows at its date once the import is drawn (`getState().incidents`). */
  incidentsShown?: number;
  /** The page's JavaScript heap once the import is drawn, garbage collected. */
  heapRetainedMb?: number;
  /** The same for the page's dedicated workers together (the loading worker keeps the incidents). */
  workersHeapMb?: number;
}

/**
 * Watches the page from the drop on. The title is the import's (`Imported from …`), so the
 * moment it shows is the moment the app accepted the imported dataset.
 */
const watcher = (title: string) => String.raw`(() => {
  const marks = { dropAt: null, dialogAt: null, checkedAt: null, summary: null, importAt: null,
    acceptedAt: null, drawnAt: null, drawError: null, failure: null, progress: [] };
  Object.defineProperty(window, '__import', { value: marks });
  const title = ${JSON.stringify(title)};
  let last = '';
  const look = () => {
    if (marks.dropAt === null) return;
    const now = performance.now();
    const dialog = document.querySelector('dialog[open]');
    if (marks.dialogAt === null && dialog && dialog.querySelector('select[data-field]')) marks.dialogAt = now;
    const summary = dialog && dialog.querySelector('[data-testid=import-summary]');
    if (marks.checkedAt === null && summary && /rows? read/.test(summary.textContent)) {
      marks.checkedAt = now;
      marks.summary = summary.textContent.trim();
    }
    const progress = document.querySelector('.progress p');
    const text = progress ? progress.textContent.trim() : '';
    if (text !== last && marks.progress.length < 2000) {
      marks.progress.push([now, text]);
      last = text;
    }
    const problems = document.querySelector('section.problems[role=alert]');
    if (marks.importAt !== null && problems && marks.failure === null) marks.failure = problems.textContent.trim().slice(0, 300);
    const heading = document.querySelector('h1');
    if (marks.importAt !== null && marks.acceptedAt === null && heading && heading.textContent.trim() === title) {
      marks.acceptedAt = now;
      window.tensionMap.settled().then(
        () => { window.__bench.gpuSync(); marks.drawnAt = performance.now(); },
        (error) => { marks.drawError = String(error); },
      );
    }
  };
  // The document itself: this runs before the page has a body.
  new MutationObserver(look).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
})()`;

/** Fetches the CSV into the page as a `File`, before any clock starts; resolves with its size. */
const fetchFile = (path: string, name: string) => `(async () => {
  const blob = await (await fetch(${JSON.stringify(path)})).blob();
  window.__importFile = new File([blob], ${JSON.stringify(name)}, { type: 'text/csv' });
  return blob.size;
})()`;

/** Drops the fetched file on the map, from quiet, as a drag from the desktop would. */
const DROP = `(() => {
  const transfer = new DataTransfer();
  transfer.items.add(window.__importFile);
  const target = document.querySelector('.app');
  window.__bench.quiet();
  window.__import.dropAt = performance.now();
  for (const type of ['dragover', 'drop']) {
    target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }
})()`;

/** Clicks the dialog's Import, noting when; false when it is not there or not enabled. */
const CONFIRM = `(() => {
  const button = document.querySelector('dialog[open] .actions button.primary');
  if (!button || button.disabled) return false;
  window.__import.importAt = performance.now();
  button.click();
  return true;
})()`;

/** The moments the watcher noted, in the page's clock. */
interface Marks {
  dropAt: number | null;
  dialogAt: number | null;
  checkedAt: number | null;
  summary: string | null;
  importAt: number | null;
  acceptedAt: number | null;
  drawnAt: number | null;
  drawError: string | null;
  failure: string | null;
  progress: [number, string][];
}

/** Thrown when waiting is over: the page crashed, or the import failed or took too long. */
class Stopped extends Error {
  constructor(
    readonly status: 'failed' | 'timed out' | 'crashed',
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Waits until `done(marks)` holds, polling from Node (so a crash or a hang is noticed)
 * without moving any mark, which the page takes itself.
 */
async function until(
  page: Page,
  done: (marks: Marks) => boolean,
  what: string,
  deadline: number,
  crashed: () => boolean,
): Promise<Marks> {
  for (;;) {
    if (crashed()) throw new Stopped('crashed', `the page crashed ${what} (out of memory?)`);
    const marks = await page.evaluate<Marks>('window.__import').catch(() => null);
    if (marks?.drawError) throw new Stopped('failed', `settled() failed: ${marks.drawError}`);
    if (marks?.failure) throw new Stopped('failed', `the app refused the import: ${marks.failure}`);
    if (marks && done(marks)) return marks;
    if (Date.now() > deadline) throw new Stopped('timed out', `timed out ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The stages the progress line went through ("Reading the table", …), each with when it
 * began: a stage counting its items stays one stage, and one that comes back (checking,
 * before the mapping step and after Import) is listed each time.
 */
function stagesOf(marks: Marks): { stage: string; atMs: number }[] {
  const stages: { stage: string; atMs: number }[] = [];
  for (const [at, text] of marks.progress) {
    const stage = text.replace(/[:…].*$/s, '').trim();
    if (stage && stages.at(-1)?.stage !== stage) stages.push({ stage, atMs: at - marks.dropAt! });
  }
  return stages;
}

/**
 * Opens the app (the whole world in view), drops the CSV on it, waits for the mapping step
 * and its first check, confirms the proposed mapping, and waits until the map has drawn the
 * imported incidents; see the module's comment for what each figure covers. Never throws:
 * a failure is a status with its detail.
 */
export async function measureImport(
  browser: Browser,
  options: ImportOptions,
): Promise<ImportFigures> {
  const { context, page, errors, crashed } = await openProbedPage(browser);
  const title = `Imported from ${options.fileName}`;
  try {
    await page.addInitScript({ content: watcher(title) });
    await page.goto(`${options.origin}/?view=20,30,1.5`);
    // Polled with evaluated text: the page's CSP refuses waitForFunction's string predicate.
    const opened = Date.now();
    while (!(await page.evaluate<boolean>('window.__bench.readyAt !== null'))) {
      if (Date.now() - opened > 120_000) throw new Stopped('timed out', 'the app did not open');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const bytes = await page.evaluate<number>(fetchFile(options.csvPath, options.fileName));
    const deadline = Date.now() + options.timeoutMs;
    await page.evaluate(DROP);
    const checked = await until(
      page,
      (m) => m.checkedAt !== null,
      'before the mapping was checked',
      deadline,
      crashed,
    );
    options.log(
      `  mapping step after ${Math.round(checked.dialogAt! - checked.dropAt!)} ms, ` +
        `checked after ${Math.round(checked.checkedAt! - checked.dropAt!)} ms: ${checked.summary}`,
    );
    if (!(await page.evaluate<boolean>(CONFIRM)))
      throw new Stopped('failed', `Import is not enabled: ${checked.summary}`);
    const marks = await until(
      page,
      (m) => m.drawnAt !== null,
      'before the imported incidents were drawn',
      deadline,
      crashed,
    );
    const { dropAt, dialogAt, checkedAt, importAt, drawnAt } = marks as {
      [K in 'dropAt' | 'dialogAt' | 'checkedAt' | 'importAt' | 'drawnAt']: number;
    };
    const state = await page.evaluate<{ title: string | null; incidents: number }>(
      'window.tensionMap.getState()',
    );
    if (state.title !== title)
      throw new Stopped('failed', `the map shows "${state.title}", not "${title}"`);
    const blocking = (from: number, to: number) =>
      page.evaluate<Blocking>(`window.__bench.summary(${from}, ${to})`);
    const figures: ImportFigures = {
      status: 'ok',
      fileMb: bytes / 1024 / 1024,
      mappingStepMs: dialogAt - dropAt,
      checkedMs: checkedAt - dropAt,
      summary: marks.summary ?? undefined,
      importClickMs: importAt - dropAt,
      importToAcceptedMs: marks.acceptedAt! - importAt,
      importToFrameMs: drawnAt - importAt,
      totalMs: checkedAt - dropAt + (drawnAt - importAt),
      stages: stagesOf(marks),
      blockingDialog: await blocking(dropAt, importAt),
      blockingImport: await blocking(importAt, drawnAt),
      blocking: await blocking(dropAt, drawnAt),
      longTasksAfterImport: await page.evaluate<[number, number][]>(`(() => {
        const probe = window.__bench;
        const pauses = [...probe.gcSpans, ...probe.syncSpans];
        const paused = (start, ms) => pauses
          .filter(([from, span]) => start <= from + span && start + ms >= from)
          .reduce((sum, [, span]) => sum + span, 0);
        return probe.longTasks
          .filter(([start, ms]) => start + ms >= ${importAt} && start <= ${drawnAt})
          .map(([start, ms]) => [start - ${importAt}, ms - paused(start, ms)])
          .filter(([, ms]) => ms >= 50)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5);
      })()`),
      incidentsShown: state.incidents,
    };
    // Read last: both collect garbage.
    const retained = await page.evaluate<number | null>('window.__bench.retainedHeap()');
    if (retained !== null) figures.heapRetainedMb = retained / 1e6;
    const workers = await workersHeap(page).catch((error: unknown) => {
      options.log(`  workers' heap not measured: ${String(error)}`);
      return undefined;
    });
    if (workers !== undefined) figures.workersHeapMb = workers / 1e6;
    if (errors.length > 0) options.log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
    return figures;
  } catch (error) {
    if (error instanceof Stopped) return { status: error.status, detail: error.message };
    if (crashed()) return { status: 'crashed', detail: 'the page crashed (out of memory?)' };
    return { status: 'failed', detail: String((error as Error).message ?? error) };
  } finally {
    await context.close().catch(() => {});
  }
}
