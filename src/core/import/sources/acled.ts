/**
 * ACLED (Armed Conflict Location & Event Data) exports, current and older column sets: the
 * API and export tool's lower-case columns (`event_id_cnty`, `event_date`, `iso`, …) and the
 * pre-2019 upper-case files (`EVENT_ID_CNTY`, `GWNO` for the country).
 *
 * The mapping, documented in geojson/FORMAT.md ("Standard sources"): event types to our
 * categories (Battles, Explosions/Remote violence and Violence against civilians are
 * `attack`; Protests and Riots `security`; Strategic developments `diplomatic` for an
 * agreement and `security` otherwise); `time_precision` 1/2/3 to a day, month or year;
 * `geo_precision` 1/2/3 to `exact`, `city`, `region`; ISO numeric (or Gleditsch–Ward in old
 * files) to alpha-3; each outlet of `source` a citation without a link; `notes` the summary.
 */
import { gleditschWardToIso3 } from '../codes/gleditschward.ts';
import { isoNumericToIso3 } from '../codes/isonumeric.ts';
import type { Table } from '../table.ts';
import { fold } from '../values.ts';
import {
  Columns,
  derivedTable,
  fullDate,
  pushRow,
  type Citation,
  type Converted,
  type StandardSource,
} from './source.ts';

const ATTRIBUTION = 'Armed Conflict Location & Event Data (ACLED), acleddata.com';

/** Our category of an ACLED event type (and sub-event type, for strategic developments). */
export function acledCategory(eventType: string, subEventType = ''): string {
  const type = fold(eventType);
  if (
    type === 'battles' ||
    type.startsWith('battle') ||
    type === 'explosionsremoteviolence' ||
    type === 'remoteviolence' ||
    type === 'violenceagainstcivilians'
  ) {
    return 'attack';
  }
  if (type === 'protests' || type === 'riots' || type === 'riotsprotests') return 'security';
  if (
    type.startsWith('strategicdevelopment') ||
    type === 'headquartersorbaseestablished' ||
    type === 'nonviolenttransferofterritory'
  ) {
    return fold(subEventType) === 'agreement' ? 'diplomatic' : 'security';
  }
  return 'other';
}

/** Our precision of an ACLED `geo_precision`: 1 exact, 2 near a town, 3 a region. */
function placePrecision(code: string): string {
  return code === '1' ? 'exact' : code === '2' ? 'city' : code === '3' ? 'region' : '';
}

/**
 * The date an ACLED row is drawn at: the day for `time_precision` 1; for 2 (ACLED knows the
 * week or month and dates the event inside it) the month of `event_date`; for 3 its year.
 */
function acledDate(text: string, precision: string): string {
  const date = fullDate(text);
  if (date === undefined) return text;
  return precision === '2' ? date.slice(0, 7) : precision === '3' ? date.slice(0, 4) : date;
}

/** The country of a row as alpha-3: `iso3`, ISO numeric `iso`, old `gwno`, else the name. */
function acledCountry(columns: Columns, row: Table['rows'][number]): string {
  const iso3 = columns.get(row, 'iso3');
  if (/^[A-Za-z]{3}$/.test(iso3)) return iso3.toUpperCase();
  const numeric = columns.get(row, 'iso');
  if (numeric !== '') {
    const found = isoNumericToIso3(numeric);
    if (found.ok) return found.iso3;
  }
  const gwno = columns.get(row, 'gwno');
  if (gwno !== '') {
    const year = Number(columns.get(row, 'year')) || undefined;
    const found = gleditschWardToIso3(gwno, year);
    if (found.ok) return found.iso3;
  }
  return columns.get(row, 'country');
}

/** ACLED names its sources without links, outlets separated by `;`. */
function citations(text: string): Citation[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((publisher) => ({ publisher }));
}

const HEADERS = [
  'event_id_cnty',
  'event_date',
  'sub_event_type',
  'notes',
  'event_type',
  'geo_precision',
  'latitude',
  'longitude',
  'country',
  'fatalities',
  'source',
  'location',
] as const;

/** ACLED exports, recognised by `event_id_cnty`, `event_type` and coordinates. */
export const acled: StandardSource = {
  id: 'acled',
  name: 'ACLED',
  recognise(table) {
    const c = new Columns(table.headers);
    return c.hasAll('event_id_cnty', 'event_date', 'event_type', 'latitude', 'longitude');
  },
  convert(table): Converted {
    const c = new Columns(table.headers);
    const out = derivedTable(table, HEADERS);
    const byLine = new Map<number, Citation[]>();
    for (const row of table.rows) {
      const eventType = c.get(row, 'event_type');
      const subEventType = c.get(row, 'sub_event_type');
      const location = c.get(row, 'location');
      const actor = c.get(row, 'actor1');
      const what = subEventType || eventType || 'Event';
      const title = location ? `${what} in ${location}` : actor ? `${what}: ${actor}` : what;
      const cited = citations(c.get(row, 'source'));
      byLine.set(row.line, cited);
      pushRow(out, row.line, {
        event_id_cnty: c.get(row, 'event_id_cnty'),
        event_date: acledDate(c.get(row, 'event_date'), c.get(row, 'time_precision')),
        sub_event_type: title,
        notes: c.get(row, 'notes'),
        event_type: eventType === '' ? '' : acledCategory(eventType, subEventType),
        geo_precision: placePrecision(c.get(row, 'geo_precision')),
        latitude: c.get(row, 'latitude'),
        longitude: c.get(row, 'longitude'),
        country: acledCountry(c, row),
        fatalities: c.get(row, 'fatalities'),
        source: cited[0]?.publisher ?? '',
        location,
      });
    }
    return {
      table: out,
      citations: byLine,
      mapping: {
        columns: {
          id: 'event_id_cnty',
          date: 'event_date',
          title: 'sub_event_type',
          summary: 'notes',
          category: 'event_type',
          precision: 'geo_precision',
          latitude: 'latitude',
          longitude: 'longitude',
          countries: 'country',
          fatalities: 'fatalities',
          publisher: 'source',
          place: 'location',
        },
        defaults: { status: 'reported' },
        attribution: ATTRIBUTION,
      },
    };
  },
};
