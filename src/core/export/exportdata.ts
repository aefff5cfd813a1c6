/**
 * Data export: what is in effect at the slider's date, as a GeoJSON dataset (which our own
 * validator accepts, so it can be loaded again) and as CSV for spreadsheets.
 *
 * "In effect" is what the map draws: the incidents the time filter shows and, for each
 * country pair, the relation event that sets its stance on the day. Both exports list the
 * same features in the same order: incidents in file order, then pairs by key.
 */
import { buildDyads, stanceEventAt, type Dyad } from '../model/relations.ts';
import { localText, type LocalText } from '../i18n/localtext.ts';
import type { Dataset, DatasetView, Incident, RelationEvent, Source } from '../model/schema.ts';
import { isIncidentShown, type TimeFilter } from '../time/timeline.ts';
import { isoFromDay } from '../model/dates.ts';
import {
  incidentMatches,
  isUnfiltered,
  relationMatches,
  searchWords,
  type Filters,
} from '../filter/filters.ts';

/** The features in effect at a time filter's day. */
export interface FeaturesInEffect {
  incidents: Incident[];
  /** One event per pair: the one that sets the pair's stance on the day. */
  relations: RelationEvent[];
}

/** The filters besides time an export follows, as the map applies them. */
export interface ExportFilters {
  filters?: Filters;
  /** `filterMask(dataset.incidents, filters)` when already computed (the app has it). */
  mask?: Uint8Array | null;
}

/**
 * The incidents shown and the relation event in effect for each pair at `filter`'s day,
 * keeping only those that pass `filters` (a pair whose event in effect does not pass is left
 * out, as the map leaves out its arc). `dyads` may be passed when already built (the app has
 * them), else they are built here.
 */
export function featuresInEffect(
  dataset: Dataset,
  filter: TimeFilter,
  dyads: readonly Dyad[] = buildDyads(dataset.relations),
  { filters = {}, mask }: ExportFilters = {},
): FeaturesInEffect {
  const filtered = !isUnfiltered(filters);
  const words = searchWords(filters.q);
  const passes = (incident: Incident, i: number) =>
    !filtered || (mask ? mask[i] === 1 : incidentMatches(incident, filters, words));
  return {
    incidents: dataset.incidents.filter(
      (incident, i) =>
        isIncidentShown(filter, incident.first, incident.last) && passes(incident, i),
    ),
    relations: dyads.flatMap((dyad) => {
      const event = stanceEventAt(dyad, filter.day);
      return event && (!filtered || relationMatches(event, filters, words)) ? [event] : [];
    }),
  };
}

/** A dataset file as exported: a FeatureCollection with the format's top-level members. */
export type ExportedDataset = GeoJSON.FeatureCollection<GeoJSON.Geometry | null> &
  Record<string, unknown>;

/** The author's view as the dataset format writes it: `[lon, lat, zoom]` or two corners. */
export function viewJson(view: DatasetView): number[] | number[][] {
  if (view.kind === 'centre') return [view.lon, view.lat, view.zoom];
  const [west, south, east, north] = view.bounds;
  return [
    [west, south],
    [east, north],
  ];
}

/** A source as the dataset format writes it: the members it has, in a fixed order. */
export function sourceJson(source: Source): Record<string, string> {
  const json: Record<string, string> = {};
  if (source.url !== undefined) json.url = source.url;
  if (source.title !== undefined) json.title = source.title;
  if (source.publisher !== undefined) json.publisher = source.publisher;
  if (source.published !== undefined) json.published = source.published;
  return json;
}

function exportedIncident(incident: Incident): GeoJSON.Feature {
  const properties: Record<string, unknown> = {
    id: incident.id,
    title: incident.title,
    date: incident.date.text,
  };
  if (incident.endDate) properties.end_date = incident.endDate.text;
  properties.category = incident.category;
  properties.countries = [...incident.countries];
  properties.precision = incident.precision;
  properties.status = incident.status;
  if (incident.fatalities !== undefined) properties.fatalities = incident.fatalities;
  if (incident.injured !== undefined) properties.injured = incident.injured;
  if (incident.summary !== undefined) properties.summary = incident.summary;
  properties.sources = incident.sources.map(sourceJson);
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [...incident.coordinates] },
    properties,
  };
}

function relationFeature(event: RelationEvent): GeoJSON.Feature<GeoJSON.Geometry | null> {
  const properties: Record<string, unknown> = {
    id: event.id,
    title: event.title,
    date: event.date.text,
  };
  if (event.endDate) properties.end_date = event.endDate.text;
  properties.from = event.from;
  properties.to = event.to;
  properties.stance = event.stance;
  if (event.summary !== undefined) properties.summary = event.summary;
  properties.sources = event.sources.map(sourceJson);
  // A drawn arc is computed from the countries' anchors, so only a line the dataset itself
  // gave is data worth exporting; otherwise null, which redraws the same arc on load.
  return { type: 'Feature', geometry: event.geometry, properties };
}

/**
 * The features in effect as a dataset in the app's GeoJSON format: the dataset's title,
 * description, attribution, languages (every language of its texts kept), anchors and own
 * categories, an `as_of` member with the date and mode, then the incidents and each pair's
 * relation event in effect. Loading it shows the same map on that day.
 */
export function exportGeoJson(
  dataset: Dataset,
  filter: TimeFilter,
  inEffect: FeaturesInEffect = featuresInEffect(dataset, filter),
): ExportedDataset {
  const collection: ExportedDataset = {
    type: 'FeatureCollection',
    title: dataset.title,
    features: [],
  };
  if (dataset.description !== undefined) collection.description = dataset.description;
  if (dataset.attribution !== undefined) collection.attribution = dataset.attribution;
  if (dataset.language !== undefined) collection.language = dataset.language;
  if (dataset.languages !== undefined) collection.languages = [...dataset.languages];
  if (dataset.view) collection.view = viewJson(dataset.view);
  collection.as_of = {
    date: isoFromDay(filter.day),
    mode: filter.mode,
    ...(filter.mode === 'window' ? { window_days: filter.windowDays } : {}),
  };
  if (Object.keys(dataset.anchors).length > 0) {
    collection.anchors = structuredClone(dataset.anchors);
  }
  const own = dataset.categories.filter((c) => c.color !== undefined);
  if (own.length > 0) {
    collection.categories = Object.fromEntries(
      own.map((c) => [c.id, { label: c.label, color: c.color }]),
    );
  }
  collection.features = [
    ...inEffect.incidents.map(exportedIncident),
    ...inEffect.relations.map(relationFeature),
  ];
  return collection;
}

/** Columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  'kind',
  'id',
  'title',
  'date',
  'end_date',
  'category_or_stance',
  'countries',
  'lon',
  'lat',
  'status',
  'precision',
  'fatalities',
  'injured',
  'source_url',
] as const;

/**
 * One CSV cell, RFC 4180 quoted when needed. Text that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so an
 * exported title can never execute in Excel or LibreOffice. Numbers are written as they are:
 * they come from the validator, never from text, and a negative longitude must stay a number.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The features in effect as CSV: a header row, then one row per incident and per pair's
 * relation event, with CRLF line ends (RFC 4180). Countries are `;`-separated; a relation's
 * are `FROM/TO`. Titles are in the reader's `language` (see `localText`), as on screen; the
 * GeoJSON export keeps every language.
 */
export function exportCsv(
  dataset: Dataset,
  filter: TimeFilter,
  inEffect: FeaturesInEffect = featuresInEffect(dataset, filter),
  language = 'en',
): string {
  const title = (value: LocalText) => localText(value, language, dataset.language);
  const rows: (string | number | undefined)[][] = [];
  for (const i of inEffect.incidents) {
    rows.push([
      'incident',
      i.id,
      title(i.title),
      i.date.text,
      i.endDate?.text,
      i.category,
      i.countries.join(';'),
      i.coordinates[0],
      i.coordinates[1],
      i.status,
      i.precision,
      i.fatalities,
      i.injured,
      i.sources[0]?.url,
    ]);
  }
  for (const r of inEffect.relations) {
    rows.push([
      'relation',
      r.id,
      title(r.title),
      r.date.text,
      r.endDate?.text,
      r.stance,
      `${r.from}/${r.to}`,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      r.sources[0]?.url,
    ]);
  }
  return [[...CSV_COLUMNS], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
