/**
 * Incidents received from the loading worker, made compact. They reach the page as
 * structured clones, and a clone copies every string and object it meets: a hundred thousand
 * incidents arrive with a hundred thousand copies of "incident", of "confirmed", of each date
 * they fall on and of each country list, in objects heavier than the validator's. Copying
 * each into the validator's shapes with one copy of each repeated value, as the chunks
 * arrive, took 100k synthetic incidents from 71 MB of heap to 43 in Node, and the page's heap
 * after loading them from 100 MB to 85 (BENCHMARKS.md), for a few map lookups and four small
 * objects per incident.
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
      const { text, precision, start, end } = date;
      const shared = Object.freeze({
        text: this.string(text),
        precision: this.string(precision),
        start,
        end,
      });
      this.#dates.set(shared.text, shared);
      return shared;
    }
    // The same text always parses to the same days; a date that differs is kept as it is.
    const same =
      found.precision === date.precision && found.start === date.start && found.end === date.end;
    return same ? found : date;
  }

  /** The one copy of a list of country codes equal to `countries`, in the same order. */
  countries(countries: string[]): string[] {
    // Most incidents name one country: its code is the key, with no string to build.
    const key = countries.length === 1 ? countries[0]! : countries.join(',');
    const found = this.#countries.get(key);
    if (found !== undefined) return found;
    const shared = Object.freeze(countries.map((code) => this.string(code))) as string[];
    this.#countries.set(key, shared);
    return shared;
  }

  /**
   * A compact copy of an incident received from the worker: its repeated values (category,
   * status, precision, dates, countries, sources' publishers) shared, and its own
   * (the object, its position, its sources) made afresh in the validator's shapes. A
   * structured clone's objects weigh more than objects built by literals, about 160 bytes
   * more per incident (measured in Node at 100k), so even the values that cannot be shared
   * are copied. Titles, summaries, ids and addresses are the incident's own strings, kept.
   */
  incident(received: Incident): Incident {
    const [longitude, latitude] = received.coordinates;
    // The keys and their order of `checkIncident`'s incidents: one object shape.
    return {
      kind: 'incident',
      index: received.index,
      id: received.id,
      title: received.title,
      date: this.date(received.date),
      first: received.first,
      last: received.last,
      category: this.string(received.category),
      countries: this.countries(received.countries),
      sources: received.sources.map((source) => this.#source(source)),
      precision: this.string(received.precision),
      status: this.string(received.status),
      coordinates: [longitude, latitude],
      endDate: received.endDate && this.date(received.endDate),
      summary: received.summary,
      fatalities: received.fatalities,
      injured: received.injured,
    };
  }

  /** A source in the validator's shape (`checkSource`), its publisher shared. */
  #source({ url, title, publisher, published }: Source): Source {
    // A link alone, most sources: an object of one field, 16 bytes against 28 grown from `{}`.
    if (title === undefined && publisher === undefined && published === undefined && url) {
      return { url };
    }
    const source: Source = {};
    if (url !== undefined) source.url = url;
    if (title !== undefined) source.title = title;
    if (publisher !== undefined) source.publisher = this.string(publisher);
    if (published !== undefined) source.published = published;
    return source;
  }
}
