/**
 * Loading a dataset through the loading worker (`worker.ts`), with progress, and on the main
 * thread when no worker can start (the `<tension-map>` element on another origin). A table
 * (CSV, TSV, pasted cells, GeoJSON from elsewhere) stops halfway for the user to choose its
 * mapping (`AskMapping`); without someone to ask, the proposed mapping is taken.
 */
import type { PageData } from '../core/prepare/mapdata.ts';
import type { PlaceGroups } from '../core/prepare/places.ts';
import type { Dataset, Incident, Problem } from '../core/model/schema.ts';
import DatasetWorker from './worker.ts?worker';
import type {
  FilterAnswer,
  FilterRequest,
  ImportRequest,
  LoadMessage,
  LoadRequest,
} from './worker.ts';
import type { ImportCheck, ImportChoice, ImportPreview } from './importer.ts';
import type { Filterer } from '../core/filter/summary.ts';
import type { DataSource, LoadProgress, MapState } from '../state/state.svelte.ts';
import { sourceLabel } from '../state/state.svelte.ts';
import builtInUrl from '../../geojson/caspian-2022-2023.geojson?url';
import { fetchDataset } from './fetch.ts';
import { SharedValues } from '../core/model/share.ts';

type Outcome =
  | {
      ok: true;
      dataset: Dataset;
      data: PageData;
      /** The crowded places, which the worker sends after the dataset. */
      places: Promise<PlaceGroups | null>;
      notices?: string[];
    }
  | { ok: false; problems: (string | Problem)[] };

/** A table the worker has read, waiting for the user to choose how it becomes a dataset. */
export interface ImportSession {
  preview: ImportPreview;
  /** What a choice would make of the table: counts and grouped problems. */
  check(choice: ImportChoice): Promise<ImportCheck>;
}

/** Asks the user how to import a table; resolves with the choice, or `null` to cancel. */
export type AskMapping = (session: ImportSession) => Promise<ImportChoice | null>;

/** Without anyone to ask, a table is imported as proposed (by its source's rule when known). */
const takeProposal: AskMapping = async ({ preview }) => ({
  mapping: preview.proposed,
  asSource: preview.source !== undefined,
});

/**
 * A filterer asking the worker that loaded the dataset, which keeps it: each request carries
 * an id, and its answer settles the request of that id.
 */
function workerFilterer(worker: Worker): Filterer {
  let next = 0;
  const waiting = new Map<number, (answer: FilterAnswer) => void>();
  worker.onmessage = (event: MessageEvent<FilterAnswer | LoadMessage>) => {
    // The crowded places arrive here too, after the dataset: `placesFrom` takes them.
    if (event.data.type !== 'filtered') return;
    waiting.get(event.data.id)?.(event.data);
    waiting.delete(event.data.id);
  };
  return {
    summarize: (filters, histogram) =>
      new Promise((resolve) => {
        const request: FilterRequest = { type: 'filter', id: ++next, filters, histogram };
        waiting.set(request.id, (answer) => resolve(answer.summary));
        worker.postMessage(request);
      }),
    dispose: () => worker.terminate(),
  };
}

function startWorker(): Worker | undefined {
  try {
    return new DatasetWorker();
  } catch {
    return undefined;
  }
}

/**
 * The crowded places a worker sends after the dataset (its last `places` message), or `null`
 * when it fails before: whoever listens to its other messages, these are taken apart.
 */
function placesFrom(worker: Worker): Promise<PlaceGroups | null> {
  return new Promise((resolve) => {
    const take = (event: MessageEvent<LoadMessage>) => {
      if (event.data.type !== 'places') return;
      worker.removeEventListener('message', take);
      resolve(event.data.places);
    };
    worker.addEventListener('message', take);
    worker.addEventListener('error', () => resolve(null), { once: true });
  });
}

/** Runs one load in a fresh worker, reporting progress; resolves with the dataset or its problems. */
function runWorker(
  worker: Worker,
  request: LoadRequest,
  onProgress: (p: LoadProgress) => void,
  askMapping: AskMapping,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let head: Extract<LoadMessage, { type: 'head' }> | undefined;
    let notices: string[] | undefined;
    const incidents: Incident[] = [];
    // Each chunk arrives as a structured clone, every repeated value copied: keep compact copies.
    const shared = new SharedValues();
    const checks = new Map<number, (check: ImportCheck) => void>();
    const places = placesFrom(worker);
    const ask = (request: ImportRequest) => worker.postMessage(request);
    // The worker stays when the dataset loads: it answers the filters (`workerFilterer`).
    const finish = (outcome: Outcome) => {
      if (!outcome.ok) worker.terminate();
      resolve(outcome);
    };
    worker.onerror = (event) =>
      finish({ ok: false, problems: [`The dataset could not be loaded: ${event.message}`] });
    worker.onmessage = (event: MessageEvent<LoadMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'failed') finish({ ok: false, problems: message.problems });
      else if (message.type === 'table') {
        const session: ImportSession = {
          preview: message.preview,
          check: (choice) =>
            new Promise((settle) => {
              const id = checks.size + 1;
              checks.set(id, settle);
              ask({ type: 'check', id, choice });
            }),
        };
        void askMapping(session).then((choice) => {
          if (choice) ask({ type: 'import', choice });
          else finish({ ok: false, problems: [] });
        });
      } else if (message.type === 'checked') checks.get(message.id)?.(message.check);
      else if (message.type === 'imported') notices = message.notices;
      else if (message.type === 'head') {
        head = message;
        onProgress({ stage: 'receiving', done: 0, total: message.incidents });
      } else if (message.type === 'incidents') {
        for (const incident of message.chunk) incidents.push(shared.incident(incident));
        onProgress({ stage: 'receiving', done: incidents.length, total: head?.incidents });
      } else if (message.type === 'done' && head) {
        const dataset = { ...head.dataset, incidents };
        finish({ ok: true, dataset, data: head.data, places, notices });
      }
    };
    worker.postMessage(request);
  });
}

/**
 * Loads a dataset from a URL, a picked or dropped file, or text, and shows it; a table goes
 * through `askMapping` first. Problems are listed and the dataset already shown stays, as it
 * does when the user cancels an import. Returns whether it loaded.
 */
export async function loadDataset(
  state: MapState,
  request: LoadRequest,
  source: DataSource,
  askMapping: AskMapping = takeProposal,
): Promise<boolean> {
  // The worker resolves URLs against its own script, so give it an absolute one.
  if ('url' in request) request = { url: new URL(request.url, location.href).href };
  const worker = startWorker();
  let outcome: Outcome;
  if (worker) {
    outcome = await runWorker(
      worker,
      request,
      (progress) => (state.progress = progress),
      askMapping,
    );
  } else {
    const { loadSync, showResult } = await import('./loadsync.ts');
    if ('text' in request) return loadSync(state, request.text, source);
    const bytes =
      'url' in request
        ? await fetchDataset(request.url)
        : { ok: true as const, bytes: await request.file.arrayBuffer() };
    if (!bytes.ok) outcome = { ok: false, problems: [bytes.error] };
    else
      return showResult(
        state,
        await (await import('./read.ts')).validateBytes(bytes.bytes),
        source,
      );
  }
  state.progress = null;
  if (!outcome.ok) {
    // No problems: the user cancelled an import.
    if (outcome.problems.length > 0)
      state.loadProblems = { source: sourceLabel(source), problems: outcome.problems };
    return false;
  }
  // Only a worker's load gets here: without one, `loadSync` shows the dataset.
  state.accept(outcome.dataset, outcome.data, source, workerFilterer(worker!), outcome.places);
  if (outcome.notices) state.notices = outcome.notices;
  return true;
}

/**
 * Loads the dataset a page starts with: the one at `dataUrl` when given, else the built-in
 * one. When `dataUrl` cannot be used, its problems are listed and the built-in dataset is
 * shown instead, so the page is never empty.
 */
export async function loadInitialData(state: MapState, dataUrl?: string): Promise<void> {
  if (dataUrl && (await loadDataset(state, { url: dataUrl }, { kind: 'url', url: dataUrl })))
    return;
  const problems = state.loadProblems;
  if (!(await loadDataset(state, { url: builtInUrl }, { kind: 'built-in' }))) {
    throw new Error(
      `The built-in dataset could not be loaded: ${state.loadProblems?.problems
        .map((problem) => (typeof problem === 'string' ? problem : problem.message))
        .join('; ')}`,
    );
  }
  state.loadProblems = problems;
}
