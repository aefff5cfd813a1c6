/**
 * Column mappings: which column of a table holds which field of our format, and the
 * choices a table cannot say itself (day-month order, default category).
 *
 * `proposeMapping` guesses a mapping from the headers (synonyms compared without case,
 * accents or punctuation) and checks each guess against the column's content (dates that
 * parse, latitudes within ±90, links that start with http). The mapping is a small
 * JSON-serialisable object: the app shows it for the user to confirm or change, and the
 * command line saves it (`--write-mapping`) and reads it back (`--mapping`) so the same
 * import repeats in a pipeline.
 */
import { PRECISIONS, STATUSES, type Precision, type Status } from '../model/schema.ts';
import type { Table } from './table.ts';
import {
  fold,
  inferDateOrder,
  isWebAddress,
  parseCountCell,
  parseCountry,
  parseDateCell,
  parseNumberCell,
  splitList,
  type DateOrder,
} from './values.ts';

/** The fields of our format a column can feed (see "Spreadsheets" in geojson/FORMAT.md). */
export const FIELDS = [
  'id',
  'kind',
  'date',
  'end_date',
  'title',
  'summary',
  'category',
  'status',
  'precision',
  'latitude',
  'longitude',
  'place',
  'countries',
  'fatalities',
  'injured',
  'from',
  'to',
  'stance',
  'source_url',
  'source_title',
  'publisher',
  'published',
] as const;

/** A field of our format that a column can feed. */
export type Field = (typeof FIELDS)[number];

/** A field fed by one column (every field but `source_url`, which may take several). */
export type SingleField = Exclude<Field, 'source_url'>;

/**
 * How a table becomes a dataset. Columns are named by their header as the file writes it.
 * Everything is optional: an empty mapping reads a table in our own layout by its headers
 * only if `proposeMapping` filled it in, so pass a proposal or a saved mapping.
 */
export interface ColumnMapping {
  /** Field → the header of the column that holds it; `source_url` takes a list. */
  columns: Partial<Record<SingleField, string>> & { source_url?: string[] };
  /** How `03/04/2023` is read: `dmy` (3 April) or `mdy` (4 March). */
  dateOrder?: DateOrder;
  /** Values used when a row's cell is empty or the column is not mapped. */
  defaults?: {
    category?: string;
    status?: Status;
    precision?: Precision;
    /** Country codes for rows that name none (a file about one country). */
    countries?: string[];
  };
  /** A table's own category values → our category ids, e.g. `{ "Battles": "attack" }`. */
  categories?: Record<string, string>;
  /** The dataset's title; the file's name when absent. */
  title?: string;
  /** The dataset's attribution (who collected the data). */
  attribution?: string;
  /**
   * The language (a BCP 47 tag) the plain `title` and `summary` columns are written in, when
   * the table also has language columns such as `title:fa`; English when absent.
   */
  language?: string;
}

/** A column holding one language of a text: `title:fa`, `summary:az-Latn`. */
const LANGUAGE_COLUMN = /^\s*(title|summary)\s*:\s*([A-Za-z0-9-]+)\s*$/i;

/** A table's language columns: where each is, the field it holds and the language tag. */
export function languageColumns(
  headers: readonly string[],
): { column: number; field: 'title' | 'summary'; tag: string }[] {
  return headers.flatMap((header, column) => {
    const match = LANGUAGE_COLUMN.exec(header);
    if (!match) return [];
    const field = match[1]!.toLowerCase() === 'title' ? 'title' : 'summary';
    return [{ column, field, tag: match[2]! }];
  });
}

/** Header synonyms per field, folded (lower case, letters and digits only), best first. */
const SYNONYMS: Record<Field, string[]> = {
  id: ['id', 'eventid', 'uid', 'identifier', 'eventidcnty', 'dataid', 'recordid'],
  kind: ['kind', 'type', 'rowtype', 'featuretype', 'recordtype'],
  date: [
    'date',
    'datum',
    'fecha',
    'eventdate',
    'startdate',
    'datestart',
    'time',
    'datetime',
    'day',
    'when',
    'timestamp',
    'start',
    'dateofevent',
  ],
  end_date: ['enddate', 'dateend', 'end', 'until', 'stopdate'],
  title: [
    'title',
    'titel',
    'titre',
    'titulo',
    'headline',
    'name',
    'event',
    'eventname',
    'label',
    'subject',
  ],
  summary: [
    'summary',
    'notizen',
    'beschreibung',
    'notes',
    'description',
    'details',
    'text',
    'comment',
    'comments',
    'desc',
    'note',
  ],
  category: [
    'category',
    'kategorie',
    'categoria',
    'eventtype',
    'cat',
    'class',
    'classification',
    'categorie',
  ],
  status: ['status', 'confidence', 'verification'],
  precision: ['precision', 'geoprecision', 'locationprecision', 'accuracy'],
  latitude: ['latitude', 'lat', 'y', 'latdd', 'decimallatitude', 'breite'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'x', 'londd', 'decimallongitude', 'lange'],
  place: ['place', 'location', 'city', 'town', 'locality', 'placename', 'village', 'site'],
  countries: [
    'countries',
    'country',
    'countrycodes',
    'countrycode',
    'iso3',
    'isocode',
    'nation',
    'nations',
    'land',
    'pays',
    'pais',
  ],
  fatalities: [
    'getotete',
    'muertos',
    'morts',
    'fatalities',
    'deaths',
    'killed',
    'dead',
    'death',
    'numberkilled',
    'casualties',
  ],
  injured: ['injured', 'wounded', 'injuries'],
  from: ['from', 'fromcountry', 'countryfrom', 'country1', 'countrya', 'statea', 'sidea'],
  to: ['to', 'tocountry', 'countryto', 'country2', 'countryb', 'stateb', 'sideb'],
  stance: ['stance', 'relation', 'relationship', 'attitude'],
  source_url: [
    'sourceurl',
    'url',
    'link',
    'source',
    'sourcelink',
    'sources',
    'href',
    'reference',
    'quelle',
    'fuente',
  ],
  source_title: ['sourcetitle', 'articletitle', 'sourcename'],
  publisher: [
    'publisher',
    'sourcepublisher',
    'outlet',
    'media',
    'publication',
    'newspaper',
    'source',
  ],
  published: ['published', 'publishdate', 'publicationdate', 'sourcedate', 'datepublished'],
};

/** Fields in the order they claim columns: a column goes to the first field that fits it. */
const CLAIM_ORDER: readonly Field[] = [
  'id',
  'kind',
  'latitude',
  'longitude',
  'date',
  'end_date',
  'published',
  'title',
  'source_url',
  'source_title',
  'publisher',
  'summary',
  'category',
  'status',
  'precision',
  'countries',
  'place',
  'fatalities',
  'injured',
  'from',
  'to',
  'stance',
];

/** A further source column: `source_url_2`, `url 3`, `link2` … */
const EXTRA_SOURCE = /^(sourceurl|url|link|source)\d+$/;

/** How many rows the content checks look at. */
const SAMPLE_ROWS = 500;
/**
 * The share of non-empty sampled cells that must fit a field for a column to be taken: half
 * when its header names the field (a few bad cells are problems to report, not a reason to
 * drop the column), most when only its content speaks for it.
 */
const HEADER_FIT = 0.5;
const CONTENT_FIT = 0.9;

/** The non-empty cells of one column in the first rows. */
function sample(table: Table, column: number): string[] {
  const values: string[] = [];
  for (const row of table.rows.slice(0, SAMPLE_ROWS)) {
    const cell = row.cells[column]?.trim() ?? '';
    if (cell !== '') values.push(cell);
  }
  return values;
}

/** Whether enough of the values fit (an empty column fits anything: its header decides). */
function mostly(
  values: readonly string[],
  fits: (value: string) => boolean,
  share: number,
): boolean {
  if (values.length === 0) return true;
  return values.filter(fits).length >= share * values.length;
}

const isDate = (v: string): boolean => 'date' in parseDateCell(v, 'dmy');
const isCountry = (v: string): boolean => 'code' in parseCountry(v);

/** Whether a column's content can feed a field, judged on a sample. */
function contentFits(field: Field, values: readonly string[], share = HEADER_FIT): boolean {
  switch (field) {
    case 'date':
    case 'end_date':
    case 'published':
      return mostly(values, isDate, share);
    case 'latitude':
      return mostly(values, (v) => Math.abs(parseNumberCell(v) ?? 999) <= 90, share);
    case 'longitude':
      return mostly(values, (v) => Math.abs(parseNumberCell(v) ?? 999) <= 180, share);
    case 'source_url':
      return mostly(values, isWebAddress, share);
    case 'fatalities':
    case 'injured':
      return mostly(values, (v) => parseCountCell(v) !== undefined, share);
    case 'kind':
      return mostly(values, (v) => /^(incident|relation|relationevent)$/.test(fold(v)), share);
    case 'countries':
      return mostly(values, (v) => splitList(v).every(isCountry), share);
    case 'from':
    case 'to':
      return mostly(values, isCountry, share);
    case 'status':
      return mostly(values, (v) => (STATUSES as readonly string[]).includes(fold(v)), share);
    case 'precision':
      return mostly(values, (v) => (PRECISIONS as readonly string[]).includes(fold(v)), share);
    default:
      return true;
  }
}

/**
 * Guesses a mapping for a table: each field takes the column whose header is one of its
 * synonyms (`lat`, `lng`, `event_date`, `link` …; case, accents and punctuation ignored)
 * and whose content fits it; failing a header, a date or link column is recognised by its
 * content alone, and latitude and longitude by headers that contain `lat` and `lon`/`lng`.
 * Numbered link columns (`source_url_2`) become further sources. The day-month order is
 * set when the date columns decide it, and the category defaults to `other` when no column
 * holds one. Never throws.
 */
export function proposeMapping(table: Table): ColumnMapping {
  const folded = table.headers.map(fold);
  const taken = new Set<number>();
  const columns: ColumnMapping['columns'] = {};
  const samples = new Map<number, string[]>();
  const values = (i: number): string[] => {
    let s = samples.get(i);
    if (!s) samples.set(i, (s = sample(table, i)));
    return s;
  };
  // Language columns (`title:fa`) are read beside the mapping, never as a field's column.
  for (const { column } of languageColumns(table.headers)) taken.add(column);
  const claim = (field: Field, i: number): void => {
    taken.add(i);
    if (field === 'source_url') (columns.source_url ??= []).push(table.headers[i]!);
    else columns[field] = table.headers[i]!;
  };

  for (const field of CLAIM_ORDER) {
    for (const synonym of SYNONYMS[field]) {
      const i = folded.findIndex((h, j) => h === synonym && !taken.has(j));
      if (i !== -1 && contentFits(field, values(i))) {
        claim(field, i);
        break;
      }
    }
  }
  const byContent = (field: Field, accepts: (header: string) => boolean): void => {
    if (field === 'source_url' ? columns.source_url : columns[field]) return;
    const i = folded.findIndex(
      (h, j) =>
        !taken.has(j) &&
        accepts(h) &&
        values(j).length > 0 &&
        contentFits(field, values(j), CONTENT_FIT),
    );
    if (i !== -1) claim(field, i);
  };
  byContent('latitude', (h) => h.includes('lat'));
  byContent('longitude', (h) => h.includes('lon') || h.includes('lng'));
  byContent('date', (h) => !/^\d+$/.test(h));
  byContent('source_url', () => true);
  folded.forEach((h, i) => {
    if (
      !taken.has(i) &&
      EXTRA_SOURCE.test(h) &&
      contentFits('source_url', values(i), CONTENT_FIT)
    ) {
      claim('source_url', i);
    }
  });

  const mapping: ColumnMapping = { columns };
  const dateColumns = [columns.date, columns.end_date]
    .map((name) => (name === undefined ? -1 : table.headers.indexOf(name)))
    .filter((i) => i !== -1);
  const order = inferDateOrder(
    (function* () {
      for (const row of table.rows) for (const i of dateColumns) yield row.cells[i] ?? '';
    })(),
  );
  if (order === 'dmy' || order === 'mdy') mapping.dateOrder = order;
  if (columns.category === undefined) mapping.defaults = { category: 'other' };
  return mapping;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a mapping from parsed JSON (a file given to `--mapping`), checking every member;
 * returns the mapping, or what is wrong with it, one line per problem. Never throws.
 */
export function parseMapping(value: unknown): { mapping: ColumnMapping } | { problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(value)) return { problems: ['the mapping must be a JSON object'] };
  const columns: ColumnMapping['columns'] = {};
  if (value.columns !== undefined && !isRecord(value.columns)) {
    problems.push('"columns" must be an object of field → column header');
  }
  for (const [field, header] of Object.entries(isRecord(value.columns) ? value.columns : {})) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      problems.push(`columns: "${field}" is not a field; use one of ${FIELDS.join(', ')}`);
    } else if (field === 'source_url') {
      const list = typeof header === 'string' ? [header] : header;
      if (Array.isArray(list) && list.every((h) => typeof h === 'string')) {
        columns.source_url = list as string[];
      } else problems.push('columns: "source_url" must be a header or a list of headers');
    } else if (typeof header === 'string') {
      columns[field as SingleField] = header;
    } else problems.push(`columns: "${field}" must be a column header (text)`);
  }
  const mapping: ColumnMapping = { columns };
  if (value.dateOrder !== undefined) {
    if (value.dateOrder === 'dmy' || value.dateOrder === 'mdy') mapping.dateOrder = value.dateOrder;
    else problems.push('"dateOrder" must be "dmy" or "mdy"');
  }
  if (value.defaults !== undefined) {
    const d = value.defaults;
    if (!isRecord(d)) problems.push('"defaults" must be an object');
    else {
      const defaults: NonNullable<ColumnMapping['defaults']> = {};
      if (typeof d.category === 'string') defaults.category = d.category;
      else if (d.category !== undefined) problems.push('defaults.category must be text');
      if ((STATUSES as readonly unknown[]).includes(d.status)) defaults.status = d.status as Status;
      else if (d.status !== undefined)
        problems.push(`defaults.status must be one of ${STATUSES.join(', ')}`);
      if ((PRECISIONS as readonly unknown[]).includes(d.precision)) {
        defaults.precision = d.precision as Precision;
      } else if (d.precision !== undefined) {
        problems.push(`defaults.precision must be one of ${PRECISIONS.join(', ')}`);
      }
      if (Array.isArray(d.countries) && d.countries.every((c) => typeof c === 'string')) {
        defaults.countries = d.countries as string[];
      } else if (d.countries !== undefined)
        problems.push('defaults.countries must be a list of country codes');
      mapping.defaults = defaults;
    }
  }
  if (value.categories !== undefined) {
    const c = value.categories;
    if (isRecord(c) && Object.values(c).every((v) => typeof v === 'string')) {
      mapping.categories = c as Record<string, string>;
    } else problems.push('"categories" must map values to category ids (text → text)');
  }
  for (const key of ['title', 'attribution'] as const) {
    if (typeof value[key] === 'string') mapping[key] = value[key] as string;
    else if (value[key] !== undefined) problems.push(`"${key}" must be text`);
  }
  return problems.length > 0 ? { problems } : { mapping };
}
