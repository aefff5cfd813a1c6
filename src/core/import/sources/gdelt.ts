/**
 * GDELT 2.0 event files (`*.export.CSV`): 61 tab-separated columns and no header row; also
 * the same columns with their names as a header (a BigQuery export).
 *
 * The mapping, documented in geojson/FORMAT.md ("Standard sources"): the CAMEO root code to a
 * category (QuadClass when the root code is missing); the actors' CAMEO country codes and the
 * action's FIPS country code to alpha-3; `ActionGeo_Type` to precision; `SOURCEURL` the
 * source; `GLOBALEVENTID` the id. A GDELT row is always an incident: one machine-coded row
 * never sets a pair's stance.
 */
import { cameoToIso3 } from '../codes/cameo.ts';
import { fipsToIso3 } from '../codes/fips.ts';
import type { Table, TableRow } from '../table.ts';
import { isWebAddress } from '../values.ts';
import { derivedTable, pushRow, type Converted, type StandardSource } from './source.ts';

/** The 61 columns of a GDELT 2.0 event file, in order (GDELT Event Codebook 2.0). */
export const GDELT_COLUMNS = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  ...['1', '2'].flatMap((n) =>
    [
      'Code',
      'Name',
      'CountryCode',
      'KnownGroupCode',
      'EthnicCode',
      'Religion1Code',
      'Religion2Code',
      'Type1Code',
      'Type2Code',
      'Type3Code',
    ].map((s) => `Actor${n}${s}`),
  ),
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  ...['Actor1Geo', 'Actor2Geo', 'ActionGeo'].flatMap((g) =>
    ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map(
      (s) => `${g}_${s}`,
    ),
  ),
  'DATEADDED',
  'SOURCEURL',
] as const;

/** CAMEO root codes (01–20): their name and our category. */
const ROOTS: Record<string, [string, string]> = {
  '01': ['Make public statement', 'statement'],
  '02': ['Appeal', 'statement'],
  '03': ['Express intent to cooperate', 'diplomatic'],
  '04': ['Consult', 'diplomatic'],
  '05': ['Engage in diplomatic cooperation', 'diplomatic'],
  '06': ['Engage in material cooperation', 'diplomatic'],
  '07': ['Provide aid', 'diplomatic'],
  '08': ['Yield', 'diplomatic'],
  '09': ['Investigate', 'statement'],
  '10': ['Demand', 'statement'],
  '11': ['Disapprove', 'statement'],
  '12': ['Reject', 'statement'],
  '13': ['Threaten', 'statement'],
  '14': ['Protest', 'security'],
  '15': ['Exhibit force posture', 'military'],
  '16': ['Reduce relations', 'diplomatic'],
  '17': ['Coerce', 'security'],
  '18': ['Assault', 'attack'],
  '19': ['Fight', 'attack'],
  '20': ['Use unconventional mass violence', 'attack'],
};

/** QuadClass 1–4, for rows without a usable root code. */
const QUADS: Record<string, [string, string]> = {
  '1': ['Verbal cooperation', 'statement'],
  '2': ['Material cooperation', 'diplomatic'],
  '3': ['Verbal conflict', 'statement'],
  '4': ['Material conflict', 'attack'],
};

/** The name and category of a row's CAMEO root code, else of its QuadClass. */
export function gdeltCategory(rootCode: string, quadClass: string): [string, string] {
  const root = rootCode.trim().padStart(2, '0');
  return ROOTS[root] ?? QUADS[quadClass.trim()] ?? ['Event', 'other'];
}

/** Our precision of an `ActionGeo_Type`: 1 country, 2 and 5 a state or province, 3 and 4 a city. */
function placePrecision(type: string): string {
  if (type === '1') return 'country';
  if (type === '2' || type === '5') return 'region';
  return type === '3' || type === '4' ? 'city' : '';
}

/** Whether a table is a GDELT 2.0 event file read without its header: 61 cells, an id and a day. */
function isHeaderless(table: Table): boolean {
  return (
    table.headers.length === GDELT_COLUMNS.length &&
    /^\d+$/.test(table.headers[0] ?? '') &&
    /^\d{8}$/.test(table.headers[1] ?? '')
  );
}

/**
 * The first row's cells back from the header they were read as: repeated names were made
 * unique (`USA (2)`, ` (3)` for empty cells), which a data row must not keep.
 */
function firstRow(headers: readonly string[]): string[] {
  return headers.map((h, i) => {
    const m = /^(.*) \((\d+)\)$/.exec(h);
    return m && headers.slice(0, i).includes(m[1]!) ? m[1]! : h;
  });
}

/**
 * A GDELT table's data rows (the first line too, when the file has no header) and its cells
 * by GDELT's column names, whichever way the file came.
 */
export function gdeltRows(table: Table): {
  rows: readonly TableRow[];
  cell: (row: TableRow, name: string) => string;
} {
  const headerless = isHeaderless(table);
  const names: readonly string[] = headerless ? GDELT_COLUMNS : table.headers;
  const index = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  const rows = headerless
    ? [{ line: 1, cells: firstRow(table.headers) }, ...table.rows]
    : table.rows;
  return {
    rows,
    cell: (row, name) => (row.cells[index.get(name.toLowerCase()) ?? -1] ?? '').trim(),
  };
}

const HEADERS = [
  'GLOBALEVENTID',
  'SQLDATE',
  'EventCode',
  'EventRootCode',
  'ActionGeo_Type',
  'ActionGeo_Lat',
  'ActionGeo_Long',
  'ActionGeo_CountryCode',
  'SOURCEURL',
  'SOURCE',
  'summary',
] as const;

/** GDELT 2.0 events: 61 tab-separated columns without a header, or with GDELT's names. */
export const gdelt: StandardSource = {
  id: 'gdelt',
  name: 'GDELT 2.0 events',
  recognise(table) {
    if (isHeaderless(table)) return true;
    const headers = new Set(table.headers.map((h) => h.toLowerCase()));
    return ['globaleventid', 'sqldate', 'eventrootcode', 'actiongeo_lat', 'sourceurl'].every((h) =>
      headers.has(h),
    );
  },
  convert(table): Converted {
    const { rows, cell } = gdeltRows(table);
    const out = derivedTable(table, HEADERS);
    for (const row of rows) {
      const get = (name: string) => cell(row, name);
      const [what, category] = gdeltCategory(get('EventRootCode'), get('QuadClass'));
      const countries: string[] = [];
      for (const code of [get('Actor1CountryCode'), get('Actor2CountryCode')]) {
        const found = code === '' ? undefined : cameoToIso3(code);
        if (found?.ok && !countries.includes(found.iso3)) countries.push(found.iso3);
      }
      const fips = get('ActionGeo_CountryCode');
      const place = fips === '' ? undefined : fipsToIso3(fips);
      if (place?.ok && !countries.includes(place.iso3)) countries.push(place.iso3);
      const actors = [get('Actor1Name'), get('Actor2Name')].filter(Boolean);
      const where = get('ActionGeo_FullName');
      const day = /^(\d{4})(\d{2})(\d{2})$/.exec(get('SQLDATE'));
      const url = get('SOURCEURL');
      const id = get('GLOBALEVENTID');
      pushRow(out, row.line, {
        GLOBALEVENTID: id === '' ? '' : `gdelt-${id}`,
        SQLDATE: day ? `${day[1]}-${day[2]}-${day[3]}` : get('SQLDATE'),
        EventCode: actors.length > 0 ? `${what}: ${actors.join(' – ')}` : `${what} in ${where}`,
        EventRootCode: category,
        ActionGeo_Type: placePrecision(get('ActionGeo_Type')),
        ActionGeo_Lat: get('ActionGeo_Lat'),
        ActionGeo_Long: get('ActionGeo_Long'),
        ActionGeo_CountryCode: countries.join(';'),
        SOURCEURL: isWebAddress(url) ? url : '',
        SOURCE: isWebAddress(url) ? '' : url,
        summary: [
          where,
          `CAMEO ${get('EventCode')}, QuadClass ${get('QuadClass')}, Goldstein ${get('GoldsteinScale')}`,
          get('NumArticles') ? `${get('NumArticles')} articles` : '',
        ]
          .filter(Boolean)
          .join('. '),
      });
    }
    return {
      table: out,
      mapping: {
        columns: {
          id: 'GLOBALEVENTID',
          date: 'SQLDATE',
          title: 'EventCode',
          category: 'EventRootCode',
          precision: 'ActionGeo_Type',
          latitude: 'ActionGeo_Lat',
          longitude: 'ActionGeo_Long',
          countries: 'ActionGeo_CountryCode',
          source_url: ['SOURCEURL'],
          publisher: 'SOURCE',
          summary: 'summary',
        },
        defaults: { status: 'reported' },
        attribution: 'The GDELT Project, GDELT 2.0 Event Database, gdeltproject.org',
      },
    };
  },
};
