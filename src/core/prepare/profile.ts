/**
 * A country's view at the slider's date: its stance with every partner and how each changed,
 * and its incidents by category over time, as the profile panel shows them.
 */
import type { Day } from '../model/dates.ts';
import { historyUntil, stanceEventAt, type Dyad } from '../model/relations.ts';
import type { Incident, RelationEvent } from '../model/schema.ts';
import { countAtMost } from '../time/incidentindex.ts';
import type { DateRange } from '../time/timeline.ts';

const MS_PER_DAY = 86_400_000;

/** One partner of a country: the pair's stance now and its changes so far. */
export interface PartnerStance {
  /** The partner's ISO 3166-1 alpha-3 code. */
  partner: string;
  dyad: Dyad;
  /** The event that sets the stance on the day; `undefined` when none is in effect. */
  current: RelationEvent | undefined;
  /** The pair's events up to the day, oldest first. */
  history: RelationEvent[];
}

/**
 * The partners of `iso3` that have a recorded relationship by `day`, by partner name
 * (`nameOf`, the English name). A pair whose relationship has ended keeps its history, with
 * no current stance.
 */
export function countryPartners(
  dyads: readonly Dyad[],
  iso3: string,
  day: Day,
  nameOf: (iso3: string) => string,
): PartnerStance[] {
  const partners: PartnerStance[] = [];
  for (const dyad of dyads) {
    if (dyad.a !== iso3 && dyad.b !== iso3) continue;
    const history = historyUntil(dyad, day);
    if (history.length === 0) continue;
    const partner = dyad.a === iso3 ? dyad.b : dyad.a;
    partners.push({ partner, dyad, current: stanceEventAt(dyad, day), history });
  }
  const names = new Map(partners.map((p) => [p.partner, nameOf(p.partner)]));
  return partners.sort((x, y) => names.get(x.partner)!.localeCompare(names.get(y.partner)!));
}

/** A country's incidents per period and category, for the profile's bar chart. */
export interface IncidentChart {
  /** Months for ranges up to `MAX_MONTH_BARS` months, else years. */
  unit: 'month' | 'year';
  /** First day of each period, ascending. */
  starts: Day[];
  /** The categories counted, in the dataset's order. */
  categories: string[];
  /** `counts[period][category]`, in the order of `starts` and `categories`. */
  counts: number[][];
  /** The largest total of one period, at least 1 so heights can divide by it. */
  max: number;
  /** Incidents counted in all. */
  total: number;
}

/** Most monthly bars the chart draws; longer ranges are counted by year. */
export const MAX_MONTH_BARS = 120;

/** The first day of the month, or of the year, that `day` falls in. */
export function periodStart(day: Day, unit: 'month' | 'year'): Day {
  const date = new Date(day * MS_PER_DAY);
  if (unit === 'year') date.setUTCMonth(0, 1);
  else date.setUTCDate(1);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** The first day of the period after the one starting on `start`. */
function nextPeriod(start: Day, unit: 'month' | 'year'): Day {
  const date = new Date(start * MS_PER_DAY);
  if (unit === 'year') date.setUTCFullYear(date.getUTCFullYear() + 1, 0, 1);
  else date.setUTCMonth(date.getUTCMonth() + 1, 1);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/**
 * Counts the incidents involving `iso3` that began by `day`, per month (or year, for long
 * ranges) of `range` and per category. Each incident counts in the period of its first day;
 * one outside the range, or of a category not in `categories`, is left out.
 */
export function incidentChart(
  incidents: readonly Incident[],
  iso3: string,
  day: Day,
  range: DateRange,
  categories: readonly string[],
): IncidentChart {
  const months = Math.round((range.end - range.start) / 30.44) + 1;
  const unit = months <= MAX_MONTH_BARS ? 'month' : 'year';
  const starts: Day[] = [];
  for (let start = periodStart(range.start, unit); start <= range.end;) {
    starts.push(start);
    start = nextPeriod(start, unit);
  }
  const boundaries = Float64Array.from(starts);
  const column = new Map(categories.map((id, i) => [id, i]));
  const counts = starts.map(() => categories.map(() => 0));
  let total = 0;
  for (const incident of incidents) {
    if (incident.first > day || !incident.countries.includes(iso3)) continue;
    const period = countAtMost(boundaries, incident.first) - 1;
    const category = column.get(incident.category);
    if (period < 0 || category === undefined || incident.first > range.end) continue;
    counts[period]![category]!++;
    total++;
  }
  const max = Math.max(1, ...counts.map((row) => row.reduce((a, b) => a + b, 0)));
  return { unit, starts, categories: [...categories], counts, max, total };
}
