/**
 * The columnar layout of a dataset (GeoParquet and any other table of rows): one row per
 * incident or relation event, the feature properties as columns, and the dataset's own
 * fields in the file's key-value metadata. The layout is described for authors in
 * `geojson/FORMAT.md` ("Parquet").
 *
 * Rows become the same GeoJSON-shaped value `validateDataset` checks, so a table is held to
 * exactly the rules a GeoJSON file is; `locateProblem` then says each problem in the table's
 * own terms: a row number and a column name instead of a feature and a property path. Row
 * `n` is feature `n`, both counted from 0.
 */
import { sourceJson, viewJson } from '../export/exportdata.ts';
import type { LocalText } from '../i18n/localtext.ts';
import { splitTextColumn, textColumns, textFromColumns } from '../i18n/textcolumns.ts';
import type { Dataset, Incident, Problem, RelationEvent } from '../model/schema.ts';

/** Columns every row may have; other columns are allowed and ignored. */
export const COMMON_COLUMNS = ['id', 'title', 'date', 'end_date', 'summary', 'sources'] as const;
/** Columns of incident rows besides the common ones. */
export const INCIDENT_COLUMNS = [
  'category',
  'countries',
  'precision',
  'status',
  'fatalities',
  'injured',
] as const;
/** Columns of relation rows besides the common ones. */
export const RELATION_COLUMNS = ['from', 'to', 'stance'] as const;
/**
 * Dataset fields kept in the key-value metadata; `anchors`, `categories`, `view` and
 * `languages` as JSON text. A title or description in several languages adds a key per
 * language, `title:fa`, as a row's text adds a column (see `textColumns`).
 */
export const METADATA_KEYS = [
  'title',
  'description',
  'attribution',
  'language',
  'languages',
  'anchors',
  'categories',
  'view',
];

/** Metadata keys held as JSON text. */
const JSON_KEYS: ReadonlySet<string> = new Set(['anchors', 'categories', 'view', 'languages']);

/** The fields whose text may come in several languages, in columns `title:fa`… */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['title', 'summary', 'description']);

/** Whether a column holds one language of a row's title or summary (`title:fa`). */
export function isLanguageColumn(name: string): boolean {
  const split = splitTextColumn(name);
  return split !== undefined && (split.field === 'title' || split.field === 'summary');
}

/** The language columns (`title:fa`…) among `names`, as [name, field, tag]. */
function textColumnNames(names: Iterable<string>): [string, string, string][] {
  const found: [string, string, string][] = [];
  for (const name of names) {
    const split = splitTextColumn(name);
    if (split && TEXT_FIELDS.has(split.field)) found.push([name, split.field, split.tag]);
  }
  return found;
}

/**
 * The dataset's default language as its metadata or top level gives it: `language`, else
 * the first of `languages`, else English.
 */
function defaultLanguageOf(language: unknown, languages: unknown): string {
  if (typeof language === 'string' && language !== '') return language;
  if (Array.isArray(languages) && typeof languages[0] === 'string') return languages[0];
  return 'en';
}

/** Where a table keeps its positions: a geometry column, longitude/latitude columns, or both. */
export interface GeometryColumns {
  /** The geometry column's name (GeoParquet's `primary_column`), when there is one. */
  geometry?: string;
  /** Whether `longitude` and `latitude` columns exist. */
  lonLat: boolean;
}

/** A table read from a file: its rows as objects, and its key-value metadata. */
export interface Table {
  rows: readonly Record<string, unknown>[];
  metadata: ReadonlyMap<string, string>;
  columns: GeometryColumns;
}

/** The GeoJSON-shaped value of a table, and the problems found in the table's own layout. */
export interface Collection {
  value: Record<string, unknown>;
  problems: Problem[];
}

const MS_PER_DAY = 86_400_000;

/**
 * A cell as the GeoJSON value it stands for. Parquet writers give 64-bit integers as
 * `bigint` (pandas and DuckDB write counts as INT64), dates as `Date` (a `DATE` column, read
 * as the day it names in UTC; a time of day is kept, so the validator refuses it as it
 * refuses `2023-01-27T10:00:00Z`), bytes without a text annotation (older writers) as UTF-8
 * text, and lists or JSON text as they are.
 */
export function cellValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : String(value);
  }
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return 'an invalid date';
    const iso = value.toISOString();
    return time % MS_PER_DAY === 0 ? iso.slice(0, 10) : iso;
  }
  return value;
}

/** A list column's value: a list as it is, JSON text of a list parsed, anything else as it is. */
export function listValue(value: unknown): unknown {
  if (typeof value !== 'string' || !value.trimStart().startsWith('[')) return cellValue(value);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** `POINT (1 2)`, `LINESTRING (1 2, 3 4)`, `MULTILINESTRING ((1 2, 3 4))`, with Z/M tolerated. */
const WKT = /^\s*(POINT|LINESTRING|MULTILINESTRING)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$/is;

function wktPositions(text: string): number[][] {
  return text
    .replace(/[()]/g, '')
    .split(',')
    .map((position) => position.trim().split(/\s+/).map(Number));
}

/**
 * A geometry cell as GeoJSON: a decoded WKB geometry (an object) as it is, GeoJSON text
 * parsed, WKT (BigQuery exports GEOGRAPHY as WKT text) for the three types the format uses.
 * Anything else is returned as it is, for the validator to describe.
 */
export function geometryValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trimStart().startsWith('{')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  const match = WKT.exec(value);
  if (!match) return value;
  const type = match[1]!.toUpperCase();
  const body = match[2]!;
  if (type === 'POINT') return { type: 'Point', coordinates: wktPositions(body)[0] };
  if (type === 'LINESTRING') return { type: 'LineString', coordinates: wktPositions(body) };
  const lines = body
    .slice(1, -1)
    .split(/\)\s*,\s*\(/)
    .map(wktPositions);
  return { type: 'MultiLineString', coordinates: lines };
}

function copyColumns(
  row: Record<string, unknown>,
  names: readonly string[],
  properties: Record<string, unknown>,
): void {
  for (const name of names) {
    if (!(name in row)) continue;
    properties[name] =
      name === 'countries' || name === 'sources' ? listValue(row[name]) : cellValue(row[name]);
  }
}

/** A row as a problem names it: its number, and its id when it has one. */
function rowRef(row: Record<string, unknown>, index: number): Pick<Problem, 'row' | 'featureId'> {
  return typeof row.id === 'string' && row.id !== ''
    ? { row: index, featureId: row.id }
    : { row: index };
}

const present = (value: unknown) => value !== null && value !== undefined;

function samePosition(a: unknown, b: readonly unknown[]): boolean {
  if (typeof a !== 'object' || a === null || (a as { type?: unknown }).type !== 'Point') {
    return false;
  }
  const coordinates = (a as { coordinates?: unknown }).coordinates;
  return Array.isArray(coordinates) && coordinates[0] === b[0] && coordinates[1] === b[1];
}

/** The geometry of one row, or a problem when its geometry and longitude/latitude disagree. */
function rowGeometry(
  row: Record<string, unknown>,
  columns: GeometryColumns,
  problems: Problem[],
  index: number,
): unknown {
  const cell = columns.geometry === undefined ? null : geometryValue(row[columns.geometry] ?? null);
  const lon = columns.lonLat ? cellValue(row.longitude ?? null) : null;
  const lat = columns.lonLat ? cellValue(row.latitude ?? null) : null;
  const point = present(lon) || present(lat) ? [lon, lat] : undefined;
  if (cell === null) return point ? { type: 'Point', coordinates: point } : null;
  if (point && !samePosition(cell, point)) {
    problems.push({
      ...rowRef(row, index),
      path: `column ${columns.geometry}`,
      message:
        'and columns longitude, latitude give different positions; keep one or make them agree',
    });
  }
  return cell;
}

/**
 * The dataset's top-level members from the key-value metadata, text as it is and JSON
 * parsed, as the GeoJSON-shaped value `validateDataset` checks (without `features`); metadata
 * that is not JSON is a problem pushed on `problems`.
 */
export function topLevel(
  metadata: ReadonlyMap<string, string>,
  problems: Problem[],
): Record<string, unknown> {
  const value: Record<string, unknown> = { type: 'FeatureCollection' };
  for (const key of METADATA_KEYS) {
    const text = metadata.get(key);
    if (text === undefined) continue;
    if (!JSON_KEYS.has(key)) {
      value[key] = text;
      continue;
    }
    try {
      value[key] = JSON.parse(text) as unknown;
    } catch {
      problems.push({
        path: `metadata ${key}`,
        message: `is not JSON text; write it as a JSON object, as in a GeoJSON dataset`,
      });
    }
  }
  const language = datasetLanguage(value);
  for (const field of ['title', 'description']) {
    const tagged = textColumnNames(metadata.keys())
      .filter(([, f]) => f === field)
      .map(([name, , tag]) => [tag, metadata.get(name)] as const);
    const text = textFromColumns(value[field], tagged, language);
    if (text !== undefined) value[field] = text;
  }
  return value;
}

/** The default language of `topLevel`'s value: `language`, else the first of `languages`, else English. */
export function datasetLanguage(top: Record<string, unknown>): string {
  return defaultLanguageOf(top.language, top.languages);
}

/** What reading rows as features needs to know of the whole table, found once. */
export interface RowLayout {
  columns: GeometryColumns;
  /** The language columns (`title:fa`…) as [name, field, tag]. */
  tagged: readonly [string, string, string][];
  /** The dataset's default language, for a plain cell beside language cells. */
  language: string;
}

/** The layout of a table whose rows have the columns `names`, under the top-level value `top`. */
export function rowLayout(
  names: Iterable<string>,
  columns: GeometryColumns,
  top: Record<string, unknown>,
): RowLayout {
  return { columns, tagged: textColumnNames(names), language: datasetLanguage(top) };
}

/** Whether a row is a relation event: its `kind`, else having both `from` and `to`. */
export function isRelationRow(kind: unknown, from: unknown, to: unknown): boolean {
  if (kind === 'relation' || kind === 'incident') return kind === 'relation';
  return present(from) && present(to);
}

/**
 * The GeoJSON-shaped feature one row stands for, pushing the problems of the table's layout
 * itself (an unknown `kind`, a geometry that contradicts `longitude` and `latitude`) on
 * `problems`. A row's `kind` says which columns it uses; without one, a row with both
 * `from` and `to` is a relation event, as in GeoJSON.
 */
export function rowFeature(
  row: Record<string, unknown>,
  index: number,
  layout: RowLayout,
  problems: Problem[],
): Record<string, unknown> {
  const kind = cellValue(row.kind ?? null);
  if (kind !== null && kind !== 'relation' && kind !== 'incident') {
    problems.push({
      ...rowRef(row, index),
      path: 'column kind',
      message: `must be "incident" or "relation" (or empty), not ${JSON.stringify(kind)}`,
    });
  }
  const relation = isRelationRow(kind, row.from, row.to);
  const properties: Record<string, unknown> = {};
  copyColumns(row, COMMON_COLUMNS, properties);
  if (relation) {
    properties.from = cellValue(row.from ?? null);
    properties.to = cellValue(row.to ?? null);
    copyColumns(row, ['stance'], properties);
  } else {
    copyColumns(row, INCIDENT_COLUMNS, properties);
    if (present(row.from)) properties.from = cellValue(row.from);
    if (present(row.to)) properties.to = cellValue(row.to);
  }
  for (const field of ['title', 'summary']) {
    const byTag = layout.tagged
      .filter(([, f]) => f === field)
      .map(([name, , tag]) => [tag, cellValue(row[name] ?? null)] as const);
    if (byTag.length > 0) {
      properties[field] = textFromColumns(properties[field], byTag, layout.language);
    }
  }
  const geometry = rowGeometry(row, layout.columns, problems, index);
  return { type: 'Feature', geometry, properties };
}

/**
 * The GeoJSON-shaped dataset a table stands for, in row order, and the problems of the
 * table's layout itself (see `rowFeature`; and metadata that is not JSON).
 */
export function tableToCollection(table: Table): Collection {
  const problems: Problem[] = [];
  const value = topLevel(table.metadata, problems);
  // Every row of a table has the same columns: the language columns are found once.
  const layout = rowLayout(Object.keys(table.rows[0] ?? {}), table.columns, value);
  value.features = table.rows.map((row, index) => rowFeature(row, index, layout, problems));
  return { value, problems };
}

/**
 * A validation problem of a table's GeoJSON-shaped value said in the table's terms: the
 * feature becomes its row, `properties.date` becomes `column date`, a geometry path names the
 * geometry column (or `longitude`/`latitude`), and top-level members are `metadata` keys.
 */
export function locateProblem(problem: Problem, columns: GeometryColumns): Problem {
  const { featureIndex, path, ...rest } = problem;
  const located: Problem = { ...rest };
  if (featureIndex !== undefined) located.row = featureIndex;
  if (path === undefined) return located;
  if (featureIndex === undefined) located.path = `metadata ${path}`;
  else if (path.startsWith('properties.')) located.path = `column ${path.slice(11)}`;
  else if (path.startsWith('geometry')) {
    if (columns.geometry !== undefined) located.path = `column ${columns.geometry}`;
    else if (path.endsWith('coordinates[0]')) located.path = 'column longitude';
    else if (path.endsWith('coordinates[1]')) located.path = 'column latitude';
    else located.path = 'columns longitude, latitude';
  } else located.path = path;
  return located;
}

/** One row of the written layout; absent values are `null`, as a table's empty cells. */
export interface DatasetRow {
  kind: 'incident' | 'relation';
  id: string;
  title: string;
  date: string;
  end_date: string | null;
  summary: string | null;
  category: string | null;
  countries: string[] | null;
  precision: string | null;
  status: string | null;
  fatalities: number | null;
  injured: number | null;
  from: string | null;
  to: string | null;
  stance: string | null;
  /** The sources as GeoJSON holds them (a Parquet JSON column). */
  sources: Record<string, string>[];
  /**
   * Title and summary in each of their languages, by column name (`title:fa`), for texts in
   * several languages; `title` and `summary` then hold the default language's text.
   */
  texts: Record<string, string>;
  longitude: number | null;
  latitude: number | null;
  geometry: GeoJSON.Point | GeoJSON.LineString | GeoJSON.MultiLineString | null;
}

/** A feature's title and summary as the row's plain cells and its language columns. */
function rowTexts(
  feature: { title: LocalText; summary?: LocalText | undefined },
  language: string | undefined,
): Pick<DatasetRow, 'title' | 'summary' | 'texts'> {
  const title = textColumns(feature.title, language);
  const summary =
    feature.summary === undefined ? undefined : textColumns(feature.summary, language);
  const texts: Record<string, string> = {};
  for (const [tag, text] of Object.entries(title.byTag)) texts[`title:${tag}`] = text;
  for (const [tag, text] of Object.entries(summary?.byTag ?? {})) texts[`summary:${tag}`] = text;
  return { title: title.plain, summary: summary?.plain ?? null, texts };
}

function incidentRow(incident: Incident, language: string | undefined): DatasetRow {
  const [longitude, latitude] = incident.coordinates;
  return {
    kind: 'incident',
    id: incident.id,
    ...rowTexts(incident, language),
    date: incident.date.text,
    end_date: incident.endDate?.text ?? null,
    category: incident.category,
    countries: [...incident.countries],
    precision: incident.precision,
    status: incident.status,
    fatalities: incident.fatalities ?? null,
    injured: incident.injured ?? null,
    from: null,
    to: null,
    stance: null,
    sources: incident.sources.map(sourceJson),
    longitude,
    latitude,
    geometry: { type: 'Point', coordinates: [longitude, latitude] },
  };
}

function relationRow(event: RelationEvent, language: string | undefined): DatasetRow {
  return {
    kind: 'relation',
    id: event.id,
    ...rowTexts(event, language),
    date: event.date.text,
    end_date: event.endDate?.text ?? null,
    category: null,
    countries: null,
    precision: null,
    status: null,
    fatalities: null,
    injured: null,
    from: event.from,
    to: event.to,
    stance: event.stance,
    sources: event.sources.map(sourceJson),
    longitude: null,
    latitude: null,
    geometry: event.geometry,
  };
}

/**
 * A dataset as rows of the layout, in the order of its source file's features (incidents and
 * relation events interleaved as they were), so reading the rows back gives the same dataset:
 * the same feature indexes, and the same order among a pair's same-day events.
 */
export function datasetRows(dataset: Dataset): DatasetRow[] {
  const features: (Incident | RelationEvent)[] = [...dataset.incidents, ...dataset.relations];
  features.sort((a, b) => a.index - b.index);
  return features.map((f) =>
    f.kind === 'incident' ? incidentRow(f, dataset.language) : relationRow(f, dataset.language),
  );
}

/**
 * The dataset's own fields as key-value metadata: title, description (each language of them
 * under its own key, `title:fa`), attribution, languages, anchors, view and own categories.
 */
export function datasetMetadata(dataset: Dataset): { key: string; value: string }[] {
  const entries: { key: string; value: string }[] = [];
  const addText = (key: string, value: LocalText) => {
    const { plain, byTag } = textColumns(value, dataset.language);
    entries.push({ key, value: plain });
    for (const [tag, text] of Object.entries(byTag))
      entries.push({ key: `${key}:${tag}`, value: text });
  };
  addText('title', dataset.title);
  if (dataset.description !== undefined) addText('description', dataset.description);
  if (dataset.attribution !== undefined) {
    entries.push({ key: 'attribution', value: dataset.attribution });
  }
  if (dataset.language !== undefined) entries.push({ key: 'language', value: dataset.language });
  if (dataset.languages !== undefined) {
    entries.push({ key: 'languages', value: JSON.stringify(dataset.languages) });
  }
  if (Object.keys(dataset.anchors).length > 0) {
    entries.push({ key: 'anchors', value: JSON.stringify(dataset.anchors) });
  }
  if (dataset.view) entries.push({ key: 'view', value: JSON.stringify(viewJson(dataset.view)) });
  const own = dataset.categories.filter((c) => c.color !== undefined);
  if (own.length > 0) {
    const categories = Object.fromEntries(
      own.map((c) => [c.id, { label: c.label, color: c.color }]),
    );
    entries.push({ key: 'categories', value: JSON.stringify(categories) });
  }
  return entries;
}

/**
 * A dataset as a GeoJSON FeatureCollection in the format, features in their file order:
 * `npm run convert`'s way back from Parquet. Validating it gives the same dataset.
 */
export function datasetToGeoJson(dataset: Dataset): Record<string, unknown> {
  const collection: Record<string, unknown> = { type: 'FeatureCollection' };
  for (const { key, value } of datasetMetadata(dataset)) {
    if (splitTextColumn(key)) continue;
    collection[key] = JSON_KEYS.has(key) ? JSON.parse(value) : value;
  }
  collection.title = dataset.title;
  if (dataset.description !== undefined) collection.description = dataset.description;
  collection.features = datasetRows(dataset).map((row) => {
    const properties: Record<string, unknown> = {};
    const names =
      row.kind === 'incident'
        ? [...COMMON_COLUMNS, ...INCIDENT_COLUMNS]
        : [...COMMON_COLUMNS, ...RELATION_COLUMNS];
    for (const name of names) {
      const value = row[name];
      if (value === null) continue;
      properties[name] = value;
    }
    for (const [name, field, tag] of textColumnNames(Object.keys(row.texts))) {
      const text = properties[field];
      const byTag = typeof text === 'object' && text !== null ? text : (properties[field] = {});
      (byTag as Record<string, string>)[tag] = row.texts[name]!;
    }
    return { type: 'Feature', geometry: row.geometry, properties };
  });
  return collection;
}
