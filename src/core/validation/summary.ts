/**
 * What a validated dataset holds, in numbers, so an author running `npm run validate` sees
 * at a glance whether the file says what they meant: counts, dates, countries and pairs.
 */
import { isoFromDay } from '../model/dates.ts';
import { pairKey } from '../model/relations.ts';
import { STANCES, type Dataset, type Stance } from '../model/schema.ts';
import { datasetDays } from '../time/extent.ts';
import { localText } from '../i18n/localtext.ts';
import { plural } from './wording.ts';

/** Counts and extent of a validated dataset, for the CLI and the app's "about" panel. */
export interface DatasetSummary {
  /** The title in the dataset's default language. */
  title: string;
  /** The languages the dataset declares, in its order; none when it declares none. */
  languages: string[];
  incidents: number;
  relations: number;
  /** Every category of the dataset, in the dataset's order, with zero for unused ones. */
  incidentsByCategory: Record<string, number>;
  relationsByStance: Record<Stance, number>;
  /** First start day and last end day as `YYYY-MM-DD`; `null` when there are no features. */
  dateRange: { first: string; last: string } | null;
  /** Alpha-3 codes named by incidents or relations, sorted. */
  countries: string[];
  /** Distinct unordered country pairs with at least one relation event. */
  countryPairs: number;
}

/**
 * Counts a validated dataset's incidents by category and relation events by stance, and
 * finds its date range (the first start day to the last end day, end dates included), the
 * countries it names and the number of distinct country pairs with relation events.
 */
export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const incidentsByCategory: Record<string, number> = {};
  for (const category of dataset.categories) incidentsByCategory[category.id] = 0;
  const relationsByStance = {} as Record<Stance, number>;
  for (const stance of STANCES) relationsByStance[stance] = 0;
  const countries = new Set<string>();
  const pairs = new Set<string>();
  for (const incident of dataset.incidents) {
    incidentsByCategory[incident.category] = (incidentsByCategory[incident.category] ?? 0) + 1;
    for (const code of incident.countries) countries.add(code);
  }
  for (const relation of dataset.relations) {
    relationsByStance[relation.stance]++;
    countries.add(relation.from);
    countries.add(relation.to);
    pairs.add(pairKey(relation.from, relation.to));
  }
  const days = datasetDays(dataset);
  return {
    title: localText(dataset.title, dataset.language ?? 'en', dataset.language),
    languages: dataset.languages ?? [],
    incidents: dataset.incidents.length,
    relations: dataset.relations.length,
    incidentsByCategory,
    relationsByStance,
    dateRange: days && { first: isoFromDay(days.first), last: isoFromDay(days.last) },
    countries: [...countries].sort(),
    countryPairs: pairs.size,
  };
}

/** Non-zero counts as `attack 4, military 2`, or `none`. */
function formatCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => `${key} ${count}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** A dataset summary as indented lines of text, for the command line. */
export function formatSummary(summary: DatasetSummary): string {
  const range = summary.dateRange
    ? `${summary.dateRange.first} to ${summary.dateRange.last}`
    : 'no dated features';
  return [
    `  title: ${summary.title}`,
    ...(summary.languages.length > 0 ? [`  languages: ${summary.languages.join(', ')}`] : []),
    `  ${plural(summary.incidents, 'incident')}, ${plural(summary.relations, 'relation event')}`,
    `  dates: ${range}`,
    `  incidents by category: ${formatCounts(summary.incidentsByCategory)}`,
    `  relations by stance: ${formatCounts(summary.relationsByStance)}`,
    `  countries (${summary.countries.length}): ${summary.countries.join(', ') || 'none'}`,
    `  country pairs: ${summary.countryPairs}`,
  ].join('\n');
}
