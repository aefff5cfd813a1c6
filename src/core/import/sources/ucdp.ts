/**
 * UCDP GED (the Uppsala Conflict Data Program's Georeferenced Event Dataset), candidate and
 * yearly releases: one row per event of organised violence with at least one death.
 *
 * The mapping, documented in geojson/FORMAT.md ("Standard sources"): every type of violence
 * (state-based, non-state, one-sided) is an `attack`, the type said in the summary;
 * `date_start`–`date_end` the dates, widened to the month for `date_prec` 4 and the year for
 * 5; `where_prec` to our precision; `best` the fatalities (low and high in the summary);
 * `country_id` (Gleditsch–Ward, in the event's year) to alpha-3; each article of
 * `source_office`, `source_date`, `source_headline` a citation without a link.
 */
import { gleditschWardToIso3 } from '../codes/gleditschward.ts';
import type { TableRow } from '../table.ts';
import {
  Columns,
  derivedTable,
  fullDate,
  pushRow,
  type Citation,
  type Converted,
  type StandardSource,
} from './source.ts';

const ATTRIBUTION =
  'UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, ucdp.uu.se (Sundberg & Melander 2013)';

const VIOLENCE: Record<string, string> = {
  '1': 'State-based armed conflict',
  '2': 'Non-state conflict',
  '3': 'One-sided violence',
};

/** Our precision of a GED `where_prec` (1 exact … 6 country, 7 waters or airspace). */
function placePrecision(code: string): string {
  if (code === '1') return 'exact';
  if (code === '2') return 'city';
  if (code === '6') return 'country';
  return /^[3457]$/.test(code) ? 'region' : '';
}

/** The start and end dates, widened by `date_prec`: 4 knows the month, 5 only the year. */
function dates(start: string, end: string, precision: string): [string, string] {
  const s = fullDate(start);
  const e = fullDate(end);
  if (s === undefined) return [start, end];
  const cut = precision === '4' ? 7 : precision === '5' ? 4 : 10;
  const first = s.slice(0, cut);
  const last = e?.slice(0, cut);
  return [first, last !== undefined && last !== first ? last : ''];
}

/** The articles cited: office, date and headline lists in step, `;`-separated. */
function citations(c: Columns, row: TableRow): Citation[] {
  const split = (name: string) =>
    c
      .get(row, name)
      .split(';')
      .map((s) => s.trim());
  const offices = split('source_office');
  const published = split('source_date');
  const headlines = split('source_headline');
  const out: Citation[] = [];
  for (let i = 0; i < Math.max(offices.length, headlines.length); i++) {
    const citation: Citation = {};
    if (headlines[i]) citation.title = headlines[i]!;
    if (offices[i]) citation.publisher = offices[i]!;
    const date = fullDate(published[i] ?? '');
    if (date && (citation.title || citation.publisher)) citation.published = date;
    if (citation.title || citation.publisher) out.push(citation);
  }
  const article = c.get(row, 'source_article');
  if (out.length === 0 && article !== '') {
    out.push({ title: article.length > 300 ? `${article.slice(0, 297)}…` : article });
  }
  return out;
}

const HEADERS = [
  'id',
  'date_start',
  'date_end',
  'dyad_name',
  'type_of_violence',
  'where_prec',
  'latitude',
  'longitude',
  'country_id',
  'best',
  'source_headline',
  'source_office',
  'summary',
] as const;

/** UCDP GED files, recognised by `type_of_violence`, `date_prec`, `where_prec` and `best`. */
export const ucdp: StandardSource = {
  id: 'ucdp',
  name: 'UCDP GED',
  recognise(table) {
    return new Columns(table.headers).hasAll(
      'type_of_violence',
      'date_prec',
      'where_prec',
      'best',
      'latitude',
    );
  },
  convert(table): Converted {
    const c = new Columns(table.headers);
    const out = derivedTable(table, HEADERS);
    const byLine = new Map<number, Citation[]>();
    for (const row of table.rows) {
      const year = Number(c.get(row, 'year')) || undefined;
      const gw = c.get(row, 'country_id');
      const found = gw === '' ? undefined : gleditschWardToIso3(gw, year);
      const [start, end] = dates(
        c.get(row, 'date_start'),
        c.get(row, 'date_end'),
        c.get(row, 'date_prec'),
      );
      const type = c.get(row, 'type_of_violence');
      const low = c.get(row, 'low');
      const high = c.get(row, 'high');
      const summary = [
        VIOLENCE[type] ?? '',
        [c.get(row, 'side_a'), c.get(row, 'side_b')].filter(Boolean).join(' – '),
        c.get(row, 'where_description'),
        low !== '' || high !== '' ? `Deaths: low ${low || '?'}, high ${high || '?'}` : '',
      ]
        .filter((part) => part !== '')
        .join('. ');
      const cited = citations(c, row);
      byLine.set(row.line, cited);
      const id = c.get(row, 'id');
      pushRow(out, row.line, {
        id: id === '' ? '' : `ucdp-${id}`,
        date_start: start,
        date_end: end,
        dyad_name: c.get(row, 'dyad_name') || c.get(row, 'conflict_name'),
        type_of_violence: type === '' ? '' : 'attack',
        where_prec: placePrecision(c.get(row, 'where_prec')),
        latitude: c.get(row, 'latitude'),
        longitude: c.get(row, 'longitude'),
        country_id: found?.ok ? found.iso3 : c.get(row, 'country') || gw,
        best: c.get(row, 'best'),
        source_headline: cited[0]?.title ?? '',
        source_office: cited[0]?.publisher ?? '',
        summary,
      });
    }
    return {
      table: out,
      citations: byLine,
      mapping: {
        columns: {
          id: 'id',
          date: 'date_start',
          end_date: 'date_end',
          title: 'dyad_name',
          category: 'type_of_violence',
          precision: 'where_prec',
          latitude: 'latitude',
          longitude: 'longitude',
          countries: 'country_id',
          fatalities: 'best',
          source_title: 'source_headline',
          publisher: 'source_office',
          summary: 'summary',
        },
        defaults: { status: 'reported' },
        attribution: ATTRIBUTION,
      },
    };
  },
};
