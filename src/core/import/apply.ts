/**
 * A table and its mapping to a dataset in our GeoJSON format, with every problem said by
 * file, line and column.
 *
 * Each row becomes one incident or relation event, or is skipped with its problems: the
 * dataset that comes out holds only rows that passed, and `validateDataset` accepts it.
 * Problems the row checks here do not catch (a repeated id, a pair of one country) come
 * from the validator itself and are traced back to the row and column they came from.
 */
import { countryByCode } from '../model/countries.ts';
import {
  BUILT_IN_CATEGORIES,
  PRECISIONS,
  STANCES,
  STATUSES,
  type Dataset,
} from '../model/schema.ts';
import { CATEGORY_LABELS } from '../style/palette.ts';
import { validateDataset } from '../validation/validate.ts';
import { textFromColumns } from '../i18n/textcolumns.ts';
import { languageColumns, type ColumnMapping, type Field, type SingleField } from './mapping.ts';
import type { ImportProblem } from './problems.ts';
import type { Table, TableRow } from './table.ts';
import {
  fold,
  inferDateOrder,
  isWebAddress,
  parseCountCell,
  parseCountry,
  parseDateCell,
  parseNumberCell,
  splitList,
  splitUrls,
  type DateOrder,
} from './values.ts';

/** A feature of our format as plain JSON, ready to write. */
export interface FeatureJson {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

/** A dataset in our format as plain JSON: what `validateDataset` reads and a file holds. */
export interface DatasetJson {
  type: 'FeatureCollection';
  title: string;
  attribution?: string;
  /** The language of the plain texts, when the table had language columns (`title:fa`). */
  language?: string;
  features: FeatureJson[];
}

/**
 * The problem of a row that names a place but has no coordinates, when no gazetteer was given:
 * a caller that sees it may load the gazetteer (`places/`) and apply the mapping again.
 */
export const NO_GAZETTEER = 'has no coordinates: give latitude and longitude columns';

/** Where a place named in a row is, found by a gazetteer; or why it was not found. */
export type PlaceLookup =
  | { coordinates: [number, number]; precision: 'exact' | 'city' | 'region' | 'country' }
  | { error: string };

/** Options for `applyMapping`. */
export interface ApplyOptions {
  /**
   * Finds a place by name (and the row's countries) for rows without coordinates. Without
   * it, such rows fall back to their first country's anchor only when they name no place.
   */
  locatePlace?: (place: string, countries: readonly string[]) => PlaceLookup;
  /**
   * Changes a row's feature before the dataset is validated (a standard source adds the
   * articles a row cites), so the validated dataset is the one written and shown.
   */
  amend?: (feature: FeatureJson, line: number) => void;
  /**
   * Told how many rows have been read, of how many, every `PROGRESS_ROWS` rows: mapping a
   * large table takes a minute, which a progress bar can then follow.
   */
  onProgress?: (done: number, total: number) => void;
}

/** Rows between two calls of `ApplyOptions.onProgress`. */
export const PROGRESS_ROWS = 5_000;

/** What an import made of a table. */
export interface ImportResult {
  /** The rows that passed, as a dataset `validateDataset` accepts. */
  dataset: DatasetJson;
  /** Every problem, by file, line and column; rows with problems are skipped. */
  problems: ImportProblem[];
  rowsRead: number;
  incidents: number;
  relations: number;
  /** Lines (or feature numbers) of the rows skipped. */
  skipped: number[];
  /** For each feature of `dataset`, the line (or feature number) it came from. */
  featureLines: number[];
  /**
   * `dataset` as `validateDataset` returned it in the import's last pass, when it accepted
   * it: whoever shows the import uses it rather than validating the same features again.
   */
  validated?: Dataset;
}

const BUILT_IN: readonly string[] = BUILT_IN_CATEGORIES;
const DATE_HINT = 'use 2023-01-27, 27 January 2023, 27/01/2023, 2023-01 or 2023';

/** The column each field reads, as an index into the row's cells. */
type ColumnIndex = Map<Field, number[]>;

/** Finds the columns a mapping names: by exact header, else ignoring case and accents. */
function indexColumns(
  table: Table,
  mapping: ColumnMapping,
): { index: ColumnIndex; missing: string[] } {
  const index: ColumnIndex = new Map();
  const missing: string[] = [];
  const find = (header: string): number => {
    const exact = table.headers.indexOf(header);
    return exact !== -1 ? exact : table.headers.findIndex((h) => fold(h) === fold(header));
  };
  for (const [field, value] of Object.entries(mapping.columns ?? {})) {
    const headers = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    const found: number[] = [];
    for (const header of headers) {
      if (typeof header !== 'string') continue;
      const i = find(header);
      if (i === -1) missing.push(header);
      else found.push(i);
    }
    if (found.length > 0) index.set(field as Field, found);
  }
  return { index, missing };
}

/** A category cell (or the default) as a category id: mapped, or a built-in id or label. */
function categoryOf(value: string, mapping: ColumnMapping): string | undefined {
  const mapped = mapping.categories?.[value] ?? mapping.categories?.[value.trim()];
  if (mapped !== undefined) return mapped;
  const f = fold(value);
  return BUILT_IN.find((id) => fold(id) === f || fold(CATEGORY_LABELS[id] ?? '') === f);
}

/** One row's reading: cells by field, and a problem reporter that names the column. */
class RowReader {
  problems: ImportProblem[] = [];
  constructor(
    private readonly table: Table,
    private readonly index: ColumnIndex,
    private readonly row: TableRow,
  ) {}

  /** The trimmed cell of a single-column field; '' when unmapped or empty. */
  cell(field: SingleField): string {
    const i = this.index.get(field)?.[0];
    return i === undefined ? '' : (this.row.cells[i] ?? '').trim();
  }

  /** The trimmed cell of a column by position; '' when empty. */
  at(column: number): string {
    return (this.row.cells[column] ?? '').trim();
  }

  /** The trimmed cells of every column a field reads, empty ones left out. */
  cells(field: Field): { value: string; column: number }[] {
    return (this.index.get(field) ?? [])
      .map((column) => ({ value: (this.row.cells[column] ?? '').trim(), column }))
      .filter((c) => c.value !== '');
  }

  /** The header of a field's column, or the field's name when no column feeds it. */
  columnName(field: Field, column?: number): string {
    const i = column ?? this.index.get(field)?.[0];
    return i === undefined ? field : (this.table.headers[i] ?? field);
  }

  report(field: Field, message: string, value?: string, column?: number): void {
    const p: ImportProblem = {
      line: this.row.line,
      unit: this.table.unit,
      column: this.columnName(field, column),
      message,
    };
    if (this.table.file !== undefined) p.file = this.table.file;
    if (value !== undefined) p.value = value;
    this.problems.push(p);
  }
}

/** Reads a date field into `properties`; reports a missing required date. */
function readDate(
  r: RowReader,
  field: 'date' | 'end_date' | 'published',
  order: DateOrder | undefined,
  required: boolean,
): string | undefined {
  const text = r.cell(field);
  if (text === '') {
    if (required) r.report(field, 'is missing');
    return undefined;
  }
  const reading = parseDateCell(text, order);
  if ('date' in reading) return reading.date;
  if (reading.error === 'order-unknown') {
    r.report(
      field,
      'could be day-month or month-day and no row decides it: set "dateOrder" to "dmy" or "mdy" in the mapping',
      text,
    );
  } else r.report(field, `is not a date; ${DATE_HINT}`, text);
  return undefined;
}

/** Reads one country cell; reports an unknown one with suggestions. */
function readCountry(
  r: RowReader,
  field: 'countries' | 'from' | 'to',
  text: string,
): string | undefined {
  const reading = parseCountry(text);
  if ('code' in reading) return reading.code;
  const hint =
    reading.suggestions.length > 0
      ? `; did you mean ${reading.suggestions.map((c) => `"${c}"`).join(', ')}?`
      : '; use ISO 3166-1 alpha-3 codes such as IRN, or English names';
  r.report(field, `is not a country${hint}`, text);
  return undefined;
}

/** Reads a one-of-a-list field (status, precision, stance); reports other values. */
function readChoice(
  r: RowReader,
  field: 'status' | 'precision' | 'stance' | 'kind',
  choices: readonly string[],
  fallback?: string,
): string | undefined {
  const text = r.cell(field);
  if (text === '') return fallback;
  const f = fold(text);
  const found = choices.find((c) => fold(c) === f);
  if (found === undefined) r.report(field, `is not one of ${choices.join(', ')}`, text);
  return found;
}

/**
 * The sources of a row: one per link, the first with the row's title, publisher and date; a
 * row without links but with a source title or publisher cites it without a link.
 */
function readSources(r: RowReader, order: DateOrder | undefined): Record<string, string>[] {
  const sources: Record<string, string>[] = [];
  let badLink = false;
  for (const { value, column } of r.cells('source_url')) {
    for (const url of splitUrls(value)) {
      if (isWebAddress(url)) sources.push({ url });
      else {
        badLink = true;
        r.report(
          'source_url',
          'is not a web address; use a full link starting with http:// or https://',
          url,
          column,
        );
      }
    }
  }
  const title = r.cell('source_title');
  const publisher = r.cell('publisher');
  if (sources.length === 0 && !badLink && (title || publisher)) sources.push({});
  if (sources.length === 0 && !badLink) {
    r.report(
      'source_url',
      'is missing: every row needs a link to its source, or a source title or publisher',
    );
  }
  const first = sources[0];
  if (first) {
    const published = readDate(r, 'published', order, false);
    if (title) first.title = title;
    if (publisher) first.publisher = publisher;
    if (published) first.published = published;
  }
  return sources;
}

/** The point of an incident, from its coordinates, its place or its country. */
function readPoint(
  r: RowReader,
  countries: readonly string[],
  options: ApplyOptions,
): { coordinates: [number, number]; precision?: string } | undefined {
  const latText = r.cell('latitude');
  const lonText = r.cell('longitude');
  if (latText !== '' || lonText !== '') {
    const lat = parseNumberCell(latText);
    const lon = parseNumberCell(lonText);
    if (latText === '') r.report('latitude', 'is missing (the row has a longitude)');
    else if (lat === undefined) r.report('latitude', 'is not a number', latText);
    if (lonText === '') r.report('longitude', 'is missing (the row has a latitude)');
    else if (lon === undefined) r.report('longitude', 'is not a number', lonText);
    if (lat === undefined || lon === undefined) return undefined;
    if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) {
      r.report(
        'latitude',
        `is over 90: latitude and longitude look swapped (longitude is ${lonText})`,
        latText,
      );
      return undefined;
    }
    if (Math.abs(lat) > 90) r.report('latitude', 'is not between -90 and 90', latText);
    if (Math.abs(lon) > 180) r.report('longitude', 'is not between -180 and 180', lonText);
    return Math.abs(lat) > 90 || Math.abs(lon) > 180 ? undefined : { coordinates: [lon, lat] };
  }
  const place = r.cell('place');
  if (place !== '') {
    if (!options.locatePlace) {
      r.report('place', NO_GAZETTEER, place);
      return undefined;
    }
    const found = options.locatePlace(place, countries);
    if ('error' in found) {
      r.report('place', found.error, place);
      return undefined;
    }
    return { coordinates: found.coordinates, precision: found.precision };
  }
  const anchor = countries.length > 0 ? countryByCode(countries[0]!)?.anchor : undefined;
  if (anchor) return { coordinates: [anchor[0], anchor[1]], precision: 'country' };
  if (countries.length === 0) {
    r.report('latitude', 'and longitude are missing, and no country gives a place');
  }
  return undefined;
}

/** One row as a feature, or `undefined` with its problems in `r.problems`. */
function readRow(
  r: RowReader,
  mapping: ColumnMapping,
  order: DateOrder | undefined,
  defaultId: string,
  options: ApplyOptions,
  languages: ReturnType<typeof languageColumns>,
): FeatureJson | undefined {
  const kindText = readChoice(r, 'kind', ['incident', 'relation', 'relation event']);
  const isRelation =
    kindText !== undefined ? kindText !== 'incident' : r.cell('from') !== '' && r.cell('to') !== '';
  const properties: Record<string, unknown> = { id: r.cell('id') || defaultId };
  const language = mapping.language ?? 'en';
  const byTag = (field: 'title' | 'summary') =>
    languages.filter((c) => c.field === field).map((c) => [c.tag, r.at(c.column)] as const);
  const title = textFromColumns(r.cell('title'), byTag('title'), language);
  if (title === '') r.report('title', 'is missing');
  else properties.title = title;
  const date = readDate(r, 'date', order, true);
  if (date) properties.date = date;
  const endDate = readDate(r, 'end_date', order, false);
  if (endDate) properties.end_date = endDate;
  const summary = textFromColumns(r.cell('summary'), byTag('summary'), language);
  if (summary) properties.summary = summary;

  if (isRelation) {
    for (const field of ['from', 'to'] as const) {
      const text = r.cell(field);
      if (text === '') r.report(field, 'is missing (a relation event needs both countries)');
      else {
        const code = readCountry(r, field, text);
        if (code) properties[field] = code;
      }
    }
    const stance = readChoice(r, 'stance', STANCES);
    if (r.cell('stance') === '') r.report('stance', `is missing; use one of ${STANCES.join(', ')}`);
    if (stance) properties.stance = stance;
    properties.sources = readSources(r, order);
    return r.problems.length === 0 ? { type: 'Feature', geometry: null, properties } : undefined;
  }

  const categoryText = r.cell('category') || mapping.defaults?.category || '';
  if (categoryText === '') r.report('category', 'is missing');
  else {
    const category = categoryOf(categoryText, mapping);
    if (category) properties.category = category;
    else {
      r.report(
        'category',
        `is not a category; use one of ${BUILT_IN.join(', ')}, or map it in the mapping's "categories"`,
        categoryText,
      );
    }
  }
  const countryCells = splitList(r.cell('countries'));
  const countries: string[] = [];
  if (countryCells.length === 0) {
    for (const code of mapping.defaults?.countries ?? []) {
      const c = readCountry(r, 'countries', code);
      if (c) countries.push(c);
    }
  } else {
    for (const text of countryCells) {
      const c = readCountry(r, 'countries', text);
      if (c && !countries.includes(c)) countries.push(c);
    }
  }
  if (countryCells.length === 0 && countries.length === 0) {
    r.report('countries', 'is missing: name at least one country (codes separated by ";")');
  }
  properties.countries = countries;
  const status = readChoice(r, 'status', STATUSES, mapping.defaults?.status);
  if (status) properties.status = status;
  let precision = readChoice(r, 'precision', PRECISIONS, mapping.defaults?.precision);
  for (const field of ['fatalities', 'injured'] as const) {
    const text = r.cell(field);
    if (text === '') continue;
    const n = parseCountCell(text);
    if (n === undefined)
      r.report(field, 'is not a whole number of 0 or more (leave it empty when unknown)', text);
    else properties[field] = n;
  }
  properties.sources = readSources(r, order);
  const point = readPoint(r, countries, options);
  if (point?.precision !== undefined && r.cell('precision') === '') precision = point.precision;
  if (precision) properties.precision = precision;
  if (r.problems.length > 0 || !point) return undefined;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: point.coordinates },
    properties,
  };
}

/** The field a validator problem's path points at, for naming its column. */
function fieldOfPath(path: string | undefined): Field | undefined {
  if (path === undefined) return undefined;
  if (path.startsWith('geometry')) return 'latitude';
  const m = /^properties\.(\w+)(?:\[\d+\]\.?(\w+)?)?/.exec(path);
  if (!m) return undefined;
  if (m[1] === 'sources') {
    if (m[2] === 'title') return 'source_title';
    if (m[2] === 'publisher' || m[2] === 'published') return m[2];
    return 'source_url';
  }
  return m[1] as Field;
}

/** A file name without folders and extension, for ids and titles. */
function stem(file: string | undefined): string {
  if (file === undefined) return '';
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
}

/**
 * Turns a table into a dataset by a mapping. Every row becomes an incident (a point with a
 * category and countries) or a relation event (`from`, `to` and `stance`; a row is one when
 * its `kind` says so, or has both countries), or is skipped with its problems, each naming
 * the file, the row's line and the column. A row without an id gets one from its line
 * (`events-12`); a row without coordinates is placed by `options.locatePlace` when it
 * names a place, else at its first country's anchor with precision `country`. The day-month
 * order is the mapping's, else inferred from the date columns. Never throws.
 */
export function applyMapping(
  table: Table,
  mapping: ColumnMapping,
  options: ApplyOptions = {},
): ImportResult {
  const problems: ImportProblem[] = [...table.problems];
  const where = table.file !== undefined ? { file: table.file } : {};
  const { index, missing } = indexColumns(table, mapping);
  for (const header of missing) {
    problems.push({
      ...where,
      column: header,
      message: 'is named in the mapping but is not a column of the file',
    });
  }
  let order = mapping.dateOrder;
  if (order === undefined) {
    const dateColumns = [...(index.get('date') ?? []), ...(index.get('end_date') ?? [])];
    const inferred = inferDateOrder(
      (function* () {
        for (const row of table.rows) for (const i of dateColumns) yield row.cells[i] ?? '';
      })(),
    );
    if (inferred === 'dmy' || inferred === 'mdy') order = inferred;
    if (inferred === 'mixed') {
      problems.push({
        ...where,
        column: table.headers[index.get('date')?.[0] ?? -1] ?? 'date',
        message:
          'has dates written day first (27/01/2023) and month first (01/27/2023): set "dateOrder" in the mapping',
      });
    }
  }
  const languages = languageColumns(table.headers);
  const badLines = new Set(table.problems.flatMap((p) => (p.line === undefined ? [] : [p.line])));
  const prefix = stem(table.file) || (table.unit === 'feature' ? 'feature' : 'row');
  let features: FeatureJson[] = [];
  let featureLines: number[] = [];
  const skipped = new Set<number>();
  let done = 0;
  for (const row of table.rows) {
    if (options.onProgress && ++done % PROGRESS_ROWS === 0)
      options.onProgress(done, table.rows.length);
    if (badLines.has(row.line)) {
      skipped.add(row.line);
      continue;
    }
    const reader = new RowReader(table, index, row);
    const feature = readRow(reader, mapping, order, `${prefix}-${row.line}`, options, languages);
    problems.push(...reader.problems);
    if (feature) {
      features.push(feature);
      featureLines.push(row.line);
    } else skipped.add(row.line);
  }

  const dataset: DatasetJson = {
    type: 'FeatureCollection',
    title:
      mapping.title?.trim() ||
      (table.file !== undefined
        ? `Imported from ${table.file.replace(/^.*[\\/]/, '')}`
        : 'Imported data'),
    features,
  };
  if (mapping.attribution) dataset.attribution = mapping.attribution;
  if (mapping.language && languages.length > 0) dataset.language = mapping.language;
  if (options.amend) features.forEach((feature, i) => options.amend!(feature, featureLines[i]!));
  // The validator catches what spans rows (repeated ids); drop those rows and check again.
  let validated: Dataset | undefined;
  for (let pass = 0; pass < 3; pass++) {
    const result = validateDataset(dataset);
    if (result.ok) {
      validated = result.dataset;
      break;
    }
    const dropped = new Set<number>();
    for (const p of result.problems) {
      if (p.featureIndex === undefined || featureLines[p.featureIndex] === undefined) {
        problems.push({ ...where, message: p.message });
        continue;
      }
      const line = featureLines[p.featureIndex]!;
      const field = fieldOfPath(p.path);
      const column = field ? (table.headers[index.get(field)?.[0] ?? -1] ?? field) : p.path;
      problems.push({
        ...where,
        line,
        unit: table.unit,
        ...(column ? { column } : {}),
        message: p.message,
      });
      dropped.add(p.featureIndex);
      skipped.add(line);
    }
    if (dropped.size === 0) break;
    features = features.filter((_, i) => !dropped.has(i));
    featureLines = featureLines.filter((_, i) => !dropped.has(i));
    dataset.features = features;
  }
  const relations = features.filter((f) => f.geometry === null).length;
  return {
    dataset,
    problems,
    rowsRead: table.rows.length,
    incidents: features.length - relations,
    relations,
    skipped: [...skipped].sort((a, b) => a - b),
    featureLines,
    ...(validated ? { validated } : {}),
  };
}

/**
 * Merges the datasets of several imports into one, in order: an id already taken by an
 * earlier feature gets `-2`, `-3` … appended, so ids stay unique. The title is the given
 * one, else the first dataset's; attributions are joined.
 */
export function mergeDatasets(datasets: readonly DatasetJson[], title?: string): DatasetJson {
  const taken = new Set<string>();
  const features: FeatureJson[] = [];
  for (const dataset of datasets) {
    for (const feature of dataset.features) {
      const base = String(feature.properties.id);
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      features.push(
        id === base ? feature : { ...feature, properties: { ...feature.properties, id } },
      );
    }
  }
  const merged: DatasetJson = {
    type: 'FeatureCollection',
    title: title ?? datasets[0]?.title ?? 'Imported data',
    features,
  };
  const attributions = [
    ...new Set(datasets.flatMap((d) => (d.attribution ? [d.attribution] : []))),
  ];
  if (attributions.length > 0) merged.attribution = attributions.join('; ');
  return merged;
}
