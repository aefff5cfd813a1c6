/**
 * The loading worker: downloads, parses, validates and prepares a dataset off the main
 * thread, so a million incidents never freeze the page. It reports progress, then sends
 * the result in pieces small enough that receiving each one takes the page only a moment:
 * the packed GPU buffers of incidents and arcs (transferred, not copied), everything but the incidents, then the
 * incidents in chunks.
 *
 * It then keeps the incidents and answers filter changes (`FilterRequest`): the mask and the
 * timeline's histogram, computed here so a text search over a million titles never holds the
 * page, and transferred rather than copied.
 */
import { buildMapData, toPageData, type PageData } from '../core/prepare/mapdata.ts';
import type { Dataset, Incident } from '../core/model/schema.ts';
import { formatProblem, validateDataset } from '../core/validation/validate.ts';
import type { LoadProgress } from '../state/state.svelte.ts';
import { fetchDataset } from './fetch.ts';
import { validateBytes } from './read.ts';
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

/** The worker's answer to a `FilterRequest`. */
export interface FilterAnswer {
  type: 'filtered';
  id: number;
  summary: FilterSummary;
}

/** What the worker answers, in order: progress, then `failed`, or `head`, `incidents`…, `done`. */
export type LoadMessage =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'failed'; problems: string[] }
  | { type: 'head'; dataset: Omit<Dataset, 'incidents'>; data: PageData; incidents: number }
  | { type: 'incidents'; chunk: Incident[] }
  | { type: 'done' };

/** Incidents per message: each takes the page about 20–60 ms to receive, garbage collection included. */
export const CHUNK = 5_000;

const post = (message: LoadMessage, transfer: Transferable[] = []) =>
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

/** The incidents of the dataset loaded, for filter requests. */
let loaded: { incidents: Incident[]; columns?: IncidentColumns } | undefined;

/**
 * The filters' code, loaded when the page first filters or once a dataset is shown: the
 * first view does not wait for it.
 */
const filtering = () => import('../core/filter/summary.ts');

async function answerFilter(request: FilterRequest): Promise<void> {
  const { filterSummary, incidentColumns, summaryTransfer } = await filtering();
  const incidents = loaded?.incidents ?? [];
  const columns = ((loaded ??= { incidents }).columns ??= incidentColumns(incidents));
  const summary = filterSummary(incidents, columns, request.filters, request.histogram);
  const answer: FilterAnswer = { type: 'filtered', id: request.id, summary };
  (self as unknown as Worker).postMessage(answer, summaryTransfer(summary));
}

self.onmessage = async (event: MessageEvent<LoadRequest | FilterRequest>) => {
  if ('type' in event.data) return answerFilter(event.data);
  const request = event.data;
  const bytes = 'text' in request ? undefined : await bytesOf(request);
  if (bytes && !bytes.ok) return post({ type: 'failed', problems: [bytes.error] });
  post({ type: 'progress', progress: { stage: 'checking' } });
  // GeoJSON or Parquet, told apart by the file's first bytes rather than its name.
  const result =
    'text' in request ? validateDataset(request.text) : await validateBytes(bytes!.bytes);
  if (!result.ok) return post({ type: 'failed', problems: result.problems.map(formatProblem) });
  const { incidents, ...rest } = result.dataset;
  loaded = { incidents };
  post({ type: 'progress', progress: { stage: 'preparing', total: incidents.length } });
  const data = toPageData(buildMapData(result.dataset));
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
    ...data.places.levels.flatMap((l) => [l.offsets.buffer, l.members.buffer, l.lonLat.buffer]),
  ]);
  for (let start = 0; start < incidents.length; start += CHUNK) {
    post({ type: 'incidents', chunk: incidents.slice(start, start + CHUNK) });
  }
  post({ type: 'done' });
  // Folded once while the page settles, so the first search does not pay for it.
  const shown = loaded;
  void filtering().then(({ incidentColumns }) => (shown.columns ??= incidentColumns(incidents)));
};
