/**
 * The loading worker: downloads, parses, validates and prepares a dataset off the main
 * thread, so a million incidents never freeze the page. It reports progress, then sends
 * the result in pieces small enough that receiving each one takes the page only a moment:
 * the packed GPU buffers of incidents and arcs (transferred, not copied), everything but the incidents, then the
 * incidents in chunks.
 */
import { buildMapData, toPageData, type PageData } from '../core/prepare/mapdata.ts';
import type { Dataset, Incident } from '../core/model/schema.ts';
import { formatProblem, validateDataset } from '../core/validation/validate.ts';
import type { LoadProgress } from '../state/state.svelte.ts';
import { fetchDatasetText } from './fetch.ts';

/** What the page asks the worker to load. */
export type LoadRequest = { url: string } | { file: File } | { text: string };

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

async function textOf(
  request: LoadRequest,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  if ('text' in request) return { ok: true, text: request.text };
  post({ type: 'progress', progress: { stage: 'downloading' } });
  if ('url' in request) return fetchDatasetText(request.url);
  try {
    return { ok: true, text: await request.file.text() };
  } catch {
    return { ok: false, error: `${request.file.name} could not be read.` };
  }
}

self.onmessage = async (event: MessageEvent<LoadRequest>) => {
  const text = await textOf(event.data);
  if (!text.ok) return post({ type: 'failed', problems: [text.error] });
  post({ type: 'progress', progress: { stage: 'checking' } });
  const result = validateDataset(text.text);
  if (!result.ok) return post({ type: 'failed', problems: result.problems.map(formatProblem) });
  const { incidents, ...rest } = result.dataset;
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
};
