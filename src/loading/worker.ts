/**
 * The loading worker: downloads, parses, validates and prepares a dataset off the main
 * thread, so a million incidents never freeze the page. It reports progress, then sends
 * the result in pieces small enough that receiving each one takes the page only a moment:
 * the packed GPU buffers of incidents and arcs (transferred, not copied), everything but the incidents, then the
 * incidents in chunks. Only then does it group the crowded places for the count badges
 * (`groupPlaces`, seconds at a million incidents) and send them on their own: the first
 * frame needs none of them.
 *
 * A file that is not a dataset in our format but a table (CSV, TSV, pasted cells, GeoJSON from
 * elsewhere) is read here too, by `importer.ts` loaded on demand: the worker sends a preview
 * (`table`), answers the page's `check` requests while the user maps the columns, and on
 * `import` goes on as for any dataset.
 *
 * It then answers filter changes (`FilterRequest`): the mask and the timeline's histogram,
 * computed here so a text search over a million titles never holds the page, and transferred
 * rather than copied. For these it keeps only the incidents' columns (`IncidentColumns`: small
 * numbers and the folded search texts), not the incidents, which the page holds already: at
 * 100k incidents its heap after load went from about 58 MB to 8.
 */
import { buildMapData, toPageData, type PageData } from '../core/prepare/mapdata.ts';
import type { PlaceGroups } from '../core/prepare/places.ts';
import type { Dataset, Incident, Problem } from '../core/model/schema.ts';
import { isParquet } from '../core/columnar/sniff.ts';
import { validateDataset } from '../core/validation/validate.ts';
import type { LoadProgress } from '../state/state.svelte.ts';
import { fetchDataset } from './fetch.ts';
import type { ImportCheck, ImportChoice, ImportJob, ImportPreview } from './importer.ts';
import { looksLikeTable, validateBytes } from './read.ts';
import type { Filters } from '../core/filter/filters.ts';
import type { FilterSummary, HistogramRequest, IncidentColumns } from '../core/filter/summary.ts';

/** What the page asks the worker to load. */
export type LoadRequest = { url: string } | { file: File } | { text: string };

/** What the page asks of the worker once it has loaded a dataset; answered by `filtered`. */
export interface FilterRequest {
  type: 'filter';
  /** Echoed in the answer, so the page can drop answers to filters it has since changed. */
  id: number;
  filters: Filters;
  histogram: HistogramRequest | null;
}

/** What the page asks while a table is being imported (after a `table` message). */
export type ImportRequest =
  { type: 'check'; id: number; choice: ImportChoice } | { type: 'import'; choice: ImportChoice };

/** The worker's answer to a `FilterRequest`. */
export interface FilterAnswer {
  type: 'filtered';
  id: number;
  summary: FilterSummary;
}

/**
 * What the worker answers, in order: progress, then `failed`, or `head`, `incidents`…, `done`
 * and at last `places`.
 */
export type LoadMessage =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'failed'; problems: (string | Problem)[] }
  | { type: 'table'; preview: ImportPreview }
  | { type: 'checked'; id: number; check: ImportCheck }
  /** Sent before `head` when a table was imported with rows skipped: what to tell the user. */
  | { type: 'imported'; notices: string[] }
  | { type: 'head'; dataset: Omit<Dataset, 'incidents'>; data: PageData; incidents: number }
  | { type: 'incidents'; chunk: Incident[] }
  | { type: 'done' }
  /** The crowded places of the dataset just sent, for its count badges. */
  | { type: 'places'; places: PlaceGroups };

/** Incidents per message: each takes the page about 20–60 ms to receive, garbage collection included. */
export const CHUNK = 5_000;

/** Sends the page a message, transferring the buffers listed. */
export type Post = (message: LoadMessage, transfer?: Transferable[]) => void;

const post: Post = (message: LoadMessage, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

async function bytesOf(
  request: Exclude<LoadRequest, { text: string }>,
): Promise<{ ok: true; bytes: ArrayBuffer } | { ok: false; error: string }> {
  post({ type: 'progress', progress: { stage: 'downloading' } });
  if ('url' in request) return fetchDataset(request.url);
  try {
    return { ok: true, bytes: await request.file.arrayBuffer() };
  } catch {
    return { ok: false, error: `${request.file.name} could not be read.` };
  }
}

/**
 * What filter requests read: the columns of the dataset shown, built once it has been sent
 * (`show`); `undefined` before any dataset, when requests see no incidents.
 */
let columns: Promise<IncidentColumns> | undefined;

/**
 * The filters' code, loaded when the page first filters or once a dataset is shown: the
 * first view does not wait for it.
 */
const filtering = () => import('../core/filter/summary.ts');

async function answerFilter(request: FilterRequest): Promise<void> {
  const { filterSummary, incidentColumns, summaryTransfer } = await filtering();
  columns ??= Promise.resolve(incidentColumns([]));
  const summary = filterSummary(await columns, request.filters, request.histogram);
  const answer: FilterAnswer = { type: 'filtered', id: request.id, summary };
  (self as unknown as Worker).postMessage(answer, summaryTransfer(summary));
}

/** The table being imported, between the `table` message and the page's `import`. */
let job: ImportJob | undefined;

/** Reads a table (or GeoJSON from elsewhere) and sends its preview; false when it is not one. */
async function startImport(input: ArrayBuffer | string, file: string | undefined, json: boolean) {
  job = (await import('./importer.ts')).startImport(input, file, json, post);
  return job !== undefined;
}

self.onmessage = async (event: MessageEvent<LoadRequest | FilterRequest | ImportRequest>) => {
  if ('type' in event.data) {
    if (event.data.type === 'filter') return answerFilter(event.data);
    const answering = job;
    if (event.data.type === 'import') job = undefined;
    return answering?.answer(event.data, post, show);
  }
  const request = event.data;
  const bytes = 'text' in request ? undefined : await bytesOf(request);
  if (bytes && !bytes.ok) return post({ type: 'failed', problems: [bytes.error] });
  post({ type: 'progress', progress: { stage: 'checking' } });
  const input = 'text' in request ? request.text : bytes!.bytes;
  const file = 'file' in request ? request.file.name : 'url' in request ? request.url : undefined;
  const head =
    typeof input === 'string'
      ? new TextEncoder().encode(input.slice(0, 64))
      : new Uint8Array(input, 0, Math.min(64, input.byteLength));
  if (looksLikeTable(head, file)) {
    await startImport(input, file, false);
    return;
  }
  // GeoJSON or Parquet, told apart by the file's first bytes rather than its name.
  const result = typeof input === 'string' ? validateDataset(input) : await validateBytes(input);
  if (!result.ok) {
    // GeoJSON from elsewhere fails the validator on every feature: import it instead.
    if (!isParquet(head) && (await startImport(input, file, true))) return;
    return post({ type: 'failed', problems: result.problems });
  }
  show(result.dataset);
};

/**
 * Prepares a valid dataset and sends it to the page in pieces, then reads the columns filter
 * requests need and lets the incidents go.
 */
function show(dataset: Dataset): void {
  const { incidents, ...rest } = dataset;
  post({ type: 'progress', progress: { stage: 'preparing', total: incidents.length } });
  const data = toPageData(buildMapData(dataset));
  // The time order goes to the page with the head; grouping the places after it needs a copy.
  const byTime = data.timeOrder.order.slice();
  const { attributes, colors, order, spatial } = data.incidents;
  const { segments, lines, stretches, index, bounds } = data.arcLines;
  post({ type: 'head', dataset: rest, data, incidents: incidents.length }, [
    attributes.buffer,
    colors.buffer,
    order.buffer,
    spatial,
    segments.buffer,
    lines.buffer,
    stretches.buffer,
    index.buffer,
    bounds.buffer,
    data.timeOrder.order.buffer,
    data.timeOrder.starts.buffer,
  ]);
  for (let start = 0; start < incidents.length; start += CHUNK) {
    post({ type: 'incidents', chunk: incidents.slice(start, start + CHUNK) });
  }
  post({ type: 'done' });
  // Read once while the page settles, so the first search does not pay for it; the incidents
  // are held only by this callback and the grouping below, and collected once both have run.
  columns = filtering().then(({ incidentColumns }) => incidentColumns(incidents));
  // Grouped while the page still receives the incidents, and sent on their own; their code
  // loads only now, so the worker's first download stays small.
  void import('../core/prepare/places.ts').then(({ groupPlaces }) => {
    const places = groupPlaces(incidents, { order: byTime });
    post(
      { type: 'places', places },
      places.levels.flatMap((l) => [l.offsets.buffer, l.members.buffer, l.lonLat.buffer]),
    );
  });
}
