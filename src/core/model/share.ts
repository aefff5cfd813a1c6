/**
 * One copy of each value incidents repeat. Incidents reach the page from the loading worker
 * as structured clones, and a clone copies every string and object it meets: a hundred
 * thousand incidents arrive with a hundred thousand copies of "incident", of "confirmed", of
 * each date they fall on and of each country list. Sharing them as the chunks arrive took
 * the page's heap for 100k incidents from about 78 MB of incidents to about 55 (see
 * BENCHMARKS.md), at a few map lookups per incident.
 *
 * Shared objects (dates, country lists) are frozen: changing one would change every incident
 * that shares it, so an attempt throws instead.
 */
import type { CalendarDate } from './dates.ts';
import type { Incident, Source } from './schema.ts';

/** The values incidents repeat, each kept once; one per loaded dataset. */
export class SharedValues {
  readonly #strings = new Map<string, string>();
  readonly #dates = new Map<string, CalendarDate>();
  readonly #countries = new Map<string, string[]>();

  /** The one copy of a string equal to `text`. */
  string<T extends string>(text: T): T {
    const found = this.#strings.get(text);
    if (found !== undefined) return found as T;
    this.#strings.set(text, text);
    return text;
  }

  /** The one copy of a date equal to `date`: same text, precision and days. */
  date(date: CalendarDate): CalendarDate {
    const found = this.#dates.get(date.text);
    if (found === undefined) {
      date.text = this.string(date.text);
      date.precision = this.string(date.precision);
      this.#dates.set(date.text, Object.freeze(date));
      return date;
    }
    // The same text always parses to the same days; a date that differs is kept as it is.
    const same =
      found.precision === date.precision && found.start === date.start && found.end === date.end;
    return same ? found : date;
  }

  /** The one copy of a list of country codes equal to `countries`, in the same order. */
  countries(countries: string[]): string[] {
    const key = countries.join(',');
    const found = this.#countries.get(key);
    if (found !== undefined) return found;
    const shared = Object.freeze(countries.map((code) => this.string(code))) as string[];
    this.#countries.set(key, shared);
    return shared;
  }

  /**
   * Replaces, in place, an incident's repeated values (kind, category, status, precision,
   * dates, countries, sources' publishers) with their shared copies. Titles, summaries, ids
   * and addresses are the incident's own and stay as they are.
   */
  share(incident: Incident): void {
    incident.kind = this.string(incident.kind);
    incident.category = this.string(incident.category);
    incident.status = this.string(incident.status);
    incident.precision = this.string(incident.precision);
    incident.date = this.date(incident.date);
    if (incident.endDate) incident.endDate = this.date(incident.endDate);
    incident.countries = this.countries(incident.countries);
    for (const source of incident.sources) this.#shareSource(source);
  }

  #shareSource(source: Source): void {
    if (source.publisher !== undefined) source.publisher = this.string(source.publisher);
  }
}
