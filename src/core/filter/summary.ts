/**
 * What one filter change computes over the incidents: the mask the map, picking and counts
 * read, and the timeline's histogram following it. The loading worker runs it for datasets it
 * loaded (a million titles searched off the page's main thread); small datasets loaded on the
 * main thread run it in place.
 */
import type { Incident } from '../model/schema.ts';
import { histogram, type BucketSize, type Histogram } from '../time/histogram.ts';
import type { DateRange } from '../time/timeline.ts';
import { isUnfiltered, searchWords, type Filters } from './filters.ts';
import {
  buildSearchIndex,
  estimateMatches,
  keepMatching,
  type SearchIndex,
} from './searchindex.ts';

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
 * What the worker reads to answer a filter change, built once per dataset: the incidents'
 * first days and categories (the histogram's columns), each filtered field as small numbers,
 * and the folded search texts (`SearchIndex`). All the worker keeps of a dataset, so nothing
 * here is an object or a string per incident beyond the search texts.
 */
export interface IncidentColumns {
  starts: Float64Array;
  /** Each incident's category as a number, naming `categoryIds[code]`. */
  categoryCodes: Uint16Array;
  categoryIds: string[];
  /** Each incident's status and precision as a number, naming `statusIds` and `precisionIds`. */
  statusCodes: Uint8Array;
  statusIds: string[];
  precisionCodes: Uint8Array;
  precisionIds: string[];
  /** Incident `i`'s countries are `countryIds[countryCodes[k]]` for k in `countryStarts[i]..[i+1]`. */
  countryStarts: Uint32Array;
  countryCodes: Uint16Array;
  countryIds: string[];
  search: SearchIndex;
}

/** Reads the columns `histogram` counts, the filtered fields and the search texts. */
export function incidentColumns(incidents: readonly Incident[]): IncidentColumns {
  const n = incidents.length;
  const starts = new Float64Array(n);
  const categoryCodes = new Uint16Array(n);
  const statusCodes = new Uint8Array(n);
  const precisionCodes = new Uint8Array(n);
  const countryStarts = new Uint32Array(n + 1);
  const countryList: number[] = [];
  const codes = new Map<string, number>();
  const countries = new Map<string, number>();
  const statuses = new Map<string, number>();
  const precisions = new Map<string, number>();
  /** The number naming `id`, a new one the first time it is seen. */
  const code = (ids: Map<string, number>, id: string) => {
    let found = ids.get(id);
    if (found === undefined) ids.set(id, (found = ids.size));
    return found;
  };
  for (let i = 0; i < n; i++) {
    const incident = incidents[i]!;
    starts[i] = incident.first;
    categoryCodes[i] = code(codes, incident.category);
    statusCodes[i] = code(statuses, incident.status);
    precisionCodes[i] = code(precisions, incident.precision);
    for (const country of incident.countries) countryList.push(code(countries, country));
    countryStarts[i + 1] = countryList.length;
  }
  return {
    starts,
    categoryCodes,
    categoryIds: [...codes.keys()],
    statusCodes,
    statusIds: [...statuses.keys()],
    precisionCodes,
    precisionIds: [...precisions.keys()],
    countryStarts,
    countryCodes: Uint16Array.from(countryList),
    countryIds: [...countries.keys()],
    search: buildSearchIndex(incidents),
  };
}

/** One AND clause of a filter: about how many it passes, and how to apply it. */
interface Clause {
  /** How many incidents it would pass alone (exact, or estimated for words), narrowest first. */
  bound: number;
  /** Clears what it refuses in `mask` (all of it on the first clause) and returns what passes. */
  apply(mask: Uint8Array, first: boolean, passing: number): number;
}

/** Which codes of `ids` a list filter allows, one byte each. */
function allowedCodes(ids: readonly string[], list: readonly string[]): Uint8Array {
  const allowed = new Uint8Array(ids.length);
  ids.forEach((id, code) => (allowed[code] = list.includes(id) ? 1 : 0));
  return allowed;
}

/** A clause on one coded column: `allowed[codes[i]]`. */
function codedClause(codes: Uint8Array | Uint16Array, allowed: Uint8Array): Clause {
  // Each code's incidents counted once per clause: exact bounds for a pass over bytes.
  let bound = 0;
  const counts = new Uint32Array(allowed.length);
  for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
  allowed.forEach((ok, code) => (bound += ok ? counts[code]! : 0));
  return {
    bound,
    apply(mask, first) {
      let kept = 0;
      for (let i = 0; i < codes.length; i++) {
        if (!first && mask[i] === 0) continue;
        const ok = allowed[codes[i]!]!;
        mask[i] = ok;
        kept += ok;
      }
      return kept;
    },
  };
}

/** The clause of the country filter: any of an incident's countries allowed. */
function countryClause(columns: IncidentColumns, allowed: Uint8Array): Clause {
  const { countryStarts: starts, countryCodes: codes } = columns;
  const n = starts.length - 1;
  let bound = 0;
  for (let k = 0; k < codes.length; k++) bound += allowed[codes[k]!]!;
  return {
    bound: Math.min(bound, n),
    apply(mask, first) {
      let kept = 0;
      for (let i = 0; i < n; i++) {
        if (!first && mask[i] === 0) continue;
        let ok = 0;
        for (let k = starts[i]!; k < starts[i + 1]!; k++) {
          if (allowed[codes[k]!] === 1) {
            ok = 1;
            break;
          }
        }
        mask[i] = ok;
        kept += ok;
      }
      return kept;
    },
  };
}

/** The clause of one search word, its incidents estimated from a sample. */
function wordClause(index: SearchIndex, word: string): Clause {
  const bound = estimateMatches(index, word);
  return {
    bound,
    apply(mask, first, passing) {
      if (first) mask.fill(1);
      return keepMatching(index, word, mask, passing, bound);
    },
  };
}

/**
 * The mask `filterMask(incidents, filters)` gives, read from the columns: each field a pass
 * over small numbers, each search word a scan or checks of the search index, the narrowest
 * clause first and each later one touching only what still passes.
 */
export function columnMask(columns: IncidentColumns, filters: Filters): Uint8Array {
  const n = columns.starts.length;
  const mask = new Uint8Array(n);
  if (isUnfiltered(filters)) return mask.fill(1);
  const clauses: Clause[] = [];
  if (filters.category?.length) {
    const allowed = allowedCodes(columns.categoryIds, filters.category);
    clauses.push(codedClause(columns.categoryCodes, allowed));
  }
  if (filters.status?.length) {
    clauses.push(codedClause(columns.statusCodes, allowedCodes(columns.statusIds, filters.status)));
  }
  if (filters.precision?.length) {
    const allowed = allowedCodes(columns.precisionIds, filters.precision);
    clauses.push(codedClause(columns.precisionCodes, allowed));
  }
  if (filters.country?.length) {
    clauses.push(countryClause(columns, allowedCodes(columns.countryIds, filters.country)));
  }
  for (const word of searchWords(filters.q)) clauses.push(wordClause(columns.search, word));
  clauses.sort((a, b) => a.bound - b.bound);
  let passing = n;
  let first = true;
  for (const clause of clauses) {
    passing = clause.apply(mask, first, passing);
    first = false;
    if (passing === 0) break;
  }
  // A search of spaces alone filters nothing.
  if (first) mask.fill(1);
  return mask;
}

/**
 * The mask of `filters` over the incidents and, when `request` is given, the histogram of the
 * incidents it passes. `columns` is `incidentColumns(incidents)`, kept by the caller between
 * changes.
 */
export function filterSummary(
  columns: IncidentColumns,
  filters: Filters,
  request: HistogramRequest | null,
): FilterSummary {
  const mask = isUnfiltered(filters) ? null : columnMask(columns, filters);
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
      filterSummary((columns ??= incidentColumns(incidents)), filters, request),
    dispose: () => {},
  };
}
