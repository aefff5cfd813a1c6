/**
 * What one filter change computes over the incidents: the mask the map, picking and counts
 * read, and the timeline's histogram following it. The loading worker runs it for datasets it
 * loaded (a million titles searched off the page's main thread); small datasets loaded on the
 * main thread run it in place.
 */
import type { Incident } from '../model/schema.ts';
import { histogram, type BucketSize, type Histogram } from '../time/histogram.ts';
import type { DateRange } from '../time/timeline.ts';
import { filterMask, isUnfiltered, searchText, type Filters } from './filters.ts';

/** The timeline a filter change also asks for: its range, bucket size and category columns. */
export interface HistogramRequest {
  range: DateRange;
  size: BucketSize;
  categories: string[];
}

/** What a filter change answers. */
export interface FilterSummary {
  /** One byte per incident in dataset order, 1 where it passes; `null` when nothing is filtered. */
  mask: Uint8Array | null;
  /** The timeline following the mask, when one was asked for. */
  histogram: Histogram | null;
}

/**
 * The incidents' first days and categories, columns the histogram reads, and their folded
 * search texts (`searchText`); built once per dataset.
 */
export interface IncidentColumns {
  starts: Float64Array;
  categories: string[];
  /** Each incident's category as a number, naming `categoryIds[code]`. */
  categoryCodes: Uint16Array;
  categoryIds: string[];
  texts: string[];
}

/** Reads the columns `histogram` counts and the search texts from the incidents. */
export function incidentColumns(incidents: readonly Incident[]): IncidentColumns {
  const starts = new Float64Array(incidents.length);
  const categories = new Array<string>(incidents.length);
  const texts = new Array<string>(incidents.length);
  const categoryCodes = new Uint16Array(incidents.length);
  const codes = new Map<string, number>();
  for (let i = 0; i < incidents.length; i++) {
    const category = incidents[i]!.category;
    let code = codes.get(category);
    if (code === undefined) codes.set(category, (code = codes.size));
    starts[i] = incidents[i]!.first;
    categories[i] = category;
    categoryCodes[i] = code;
    texts[i] = searchText(incidents[i]!);
  }
  return { starts, categories, categoryCodes, categoryIds: [...codes.keys()], texts };
}

/**
 * The mask of `filters` over `incidents` and, when `request` is given, the histogram of the
 * incidents it passes. `columns` is `incidentColumns(incidents)`, kept by the caller between
 * changes.
 */
export function filterSummary(
  incidents: readonly Incident[],
  columns: IncidentColumns,
  filters: Filters,
  request: HistogramRequest | null,
): FilterSummary {
  // The folded texts, so a search does not fold a million titles again at every change.
  const mask = isUnfiltered(filters) ? null : filterMask(incidents, filters, columns.texts);
  const counted = request
    ? histogram(
        { ...columns, mask: mask ?? undefined },
        request.range,
        request.size,
        request.categories,
      )
    : null;
  return { mask, histogram: counted };
}

/** The transferable buffers of a summary, for `postMessage`. */
export function summaryTransfer(summary: FilterSummary): ArrayBuffer[] {
  const buffers = [
    summary.mask?.buffer,
    summary.histogram?.starts.buffer,
    summary.histogram?.counts.buffer,
  ];
  return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/** Computes filter summaries for one dataset: in the loading worker, or in place. */
export interface Filterer {
  summarize(filters: Filters, request: HistogramRequest | null): Promise<FilterSummary>;
  /** Lets go of the dataset (ends the worker that holds it). */
  dispose(): void;
}

/** A filterer on the calling thread, for datasets small enough to load there. */
export function inPlaceFilterer(incidents: readonly Incident[]): Filterer {
  let columns: IncidentColumns | undefined;
  return {
    summarize: async (filters, request) =>
      filterSummary(incidents, (columns ??= incidentColumns(incidents)), filters, request),
    dispose: () => {},
  };
}
