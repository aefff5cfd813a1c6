/**
 * Filters besides time: which categories, countries, statuses, place precisions and stances
 * to show, and a text search over titles and summaries. A plain value with pure predicates,
 * like the time filter, so the list, the counts, the map's mask and exports apply the same
 * rules.
 *
 * Fields combine with AND, the values of one field with OR, and an empty or absent field
 * does not filter. Incidents answer to category, country, status, precision and the search;
 * relationships to country, stance and the search, so picking "attacks" keeps the arcs.
 */
import { allTexts, type LocalText } from '../i18n/localtext.ts';
import {
  PRECISIONS,
  STANCES,
  STATUSES,
  type Incident,
  type Precision,
  type RelationEvent,
  type Stance,
  type Status,
} from '../model/schema.ts';

/** What the map shows besides time. */
export interface Filters {
  category?: string[];
  /** ISO 3166-1 alpha-3 codes: an incident involving any, a relationship with any as a party. */
  country?: string[];
  status?: Status[];
  precision?: Precision[];
  stance?: Stance[];
  /** Words that must all appear in the title or summary, in any case and with any accents. */
  q?: string;
}

/** The list fields of `Filters`, in the order links write them. */
export const LIST_FILTERS = ['category', 'country', 'status', 'precision', 'stance'] as const;

/** Every field of `Filters`. */
export const FILTER_FIELDS = [...LIST_FILTERS, 'q'] as const;

/** One of `FILTER_FIELDS`. */
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The values each list field may take; categories are the dataset's own ids. */
export const FILTER_VALUES: {
  [F in (typeof LIST_FILTERS)[number]]: { pattern: RegExp; allowed?: readonly string[] };
} = {
  category: { pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/ },
  country: { pattern: /^[A-Z]{3}$/ },
  status: { pattern: /^[a-z]+$/, allowed: STATUSES },
  precision: { pattern: /^[a-z]+$/, allowed: PRECISIONS },
  stance: { pattern: /^[a-z]+$/, allowed: STANCES },
};

/** Whether no field filters anything. */
export function isUnfiltered(filters: Filters): boolean {
  return FILTER_FIELDS.every((field) => {
    const value = filters[field];
    return value === undefined || value.length === 0;
  });
}

/**
 * Text folded for searching: lower case, accents and other combining marks removed, so
 * "tehran" finds "Tehrān" and "turkiye" finds "Türkiye".
 */
export function foldText(text: string): string {
  // Plain ASCII, most titles, has nothing to decompose: lower case alone is ten times faster.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A feature's title and summary in every language they are given in, folded for searching
 * (`foldText`), as `matchesWords` reads them: a reader finds a feature by its Persian title
 * whatever language the map is shown in.
 */
export function searchText(feature: { title: LocalText; summary?: LocalText }): string {
  const { title, summary } = feature;
  // Plain text, nearly every dataset, needs no list: keep the hot path to one string.
  if (typeof title === 'string' && (summary === undefined || typeof summary === 'string')) {
    return foldText(summary ? `${title}\n${summary}` : title);
  }
  return foldText([...allTexts(title), ...allTexts(summary)].join('\n'));
}

/** The words of a search, folded; an empty search has none. */
export function searchWords(q: string | undefined): string[] {
  return q ? foldText(q).split(/\s+/).filter(Boolean) : [];
}

/** Whether every word occurs in a feature's title or summary. */
export function matchesWords(
  feature: { title: LocalText; summary?: LocalText },
  words: readonly string[],
): boolean {
  if (words.length === 0) return true;
  const text = searchText(feature);
  return words.every((word) => text.includes(word));
}

function allows<T>(list: readonly T[] | undefined, value: T): boolean {
  return !list || list.length === 0 || list.includes(value);
}

/** Whether an incident passes the filters; `words` is `searchWords(filters.q)`, computed once. */
export function incidentMatches(
  incident: Incident,
  filters: Filters,
  words = searchWords(filters.q),
): boolean {
  return (
    allows(filters.category, incident.category) &&
    allows(filters.status, incident.status) &&
    allows(filters.precision, incident.precision) &&
    (!filters.country?.length || incident.countries.some((c) => filters.country!.includes(c))) &&
    matchesWords(incident, words)
  );
}

/** Whether a relation event passes the filters (category, status and precision do not apply). */
export function relationMatches(
  event: RelationEvent,
  filters: Filters,
  words = searchWords(filters.q),
): boolean {
  return (
    allows(filters.stance, event.stance) &&
    (!filters.country?.length ||
      filters.country.includes(event.from) ||
      filters.country.includes(event.to)) &&
    matchesWords(event, words)
  );
}

/**
 * One byte per incident, 1 where it passes the filters: what the incident layer and its
 * picking read, so a filter change sends a mask rather than re-packing any buffer. The
 * reference for the loading worker's `columnMask`, which reads the same answer from columns.
 */
export function filterMask(incidents: readonly Incident[], filters: Filters): Uint8Array {
  const mask = new Uint8Array(incidents.length);
  if (isUnfiltered(filters)) return mask.fill(1);
  const words = searchWords(filters.q);
  for (let i = 0; i < incidents.length; i++) {
    mask[i] = incidentMatches(incidents[i]!, filters, words) ? 1 : 0;
  }
  return mask;
}

/** The filters with empty fields left out, so equal filters compare and serialise equal. */
export function normalizeFilters(filters: Filters): Filters {
  const out: Filters = {};
  for (const field of LIST_FILTERS) {
    const list = filters[field];
    if (list?.length) (out as Record<string, string[]>)[field] = [...new Set(list)].sort();
  }
  const q = filters.q?.trim();
  if (q) out.q = q;
  return out;
}

/**
 * How many of something are shown, in words: "312 of 10,480 incidents" when a filter holds
 * some back, else "10,480 incidents"; `noun` is the plural, `one` the singular.
 */
export function shownOf(shown: number, total: number, noun: string, one: string): string {
  const format = (n: number) => n.toLocaleString('en-GB');
  const word = total === 1 ? one : noun;
  return shown === total
    ? `${format(total)} ${word}`
    : `${format(shown)} of ${format(total)} ${word}`;
}
