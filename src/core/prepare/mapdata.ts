/**
 * What the map draws, computed once per dataset.
 *
 * Dates become day numbers here, once; the GPU layers' shaders and the labels' style
 * expressions compare these numbers with the slider's day, so moving the slider never
 * rebuilds any of this.
 */
import { LANGUAGES } from '../i18n/locale.ts';
import { localText } from '../i18n/localtext.ts';
import { countryByCode, countryNames, type CountryName } from '../model/countries.ts';
import { formatSpan, type Day } from '../model/dates.ts';
import { categoryColors } from '../style/marks.ts';
import { buildDyads, stancePeriods, type Dyad } from '../model/relations.ts';
import type {
  Dataset,
  Incident,
  LonLat,
  Precision,
  RelationEvent,
  Stance,
  Status,
} from '../model/schema.ts';
import { greatCircle } from '../geometry/greatcircle.ts';
import type { ArcBuffers } from '../../render/arcs/buffers.ts';
import { packArcs } from '../../render/arcs/pack.ts';
import type { IncidentBuffers } from '../../render/incidents/buffers.ts';
import { packIncidents } from '../../render/incidents/pack.ts';
import { timeOrder, type TimeOrder } from '../time/incidentindex.ts';
import { datasetDays } from '../time/extent.ts';
import { sliderRange, type DateRange } from '../time/timeline.ts';

/** Stand-in for "no end" in feature properties, where GeoJSON cannot hold Infinity. */
export const OPEN_END: Day = 100_000_000;

/** Properties of an incident point on the map. */
export interface IncidentProperties {
  id: string;
  /** The title in the dataset's default language. */
  title: string;
  /** A short form of the title for map labels, in the dataset's default language. */
  label: string;
  /**
   * The label in each interface language (`label_fa`…), for titles given in several
   * languages only: the label layer picks one by the `language` global state.
   */
  [language: `label_${string}`]: string;
  category: string;
  color: string;
  /** First and last day, inclusive. */
  start: Day;
  end: Day;
  /** Killed plus injured, 0 when unknown: drives the symbol size. */
  severity: number;
  status: Status;
  precision: Precision;
  dateLabel: string;
}

/** Properties of one stretch of a relationship arc with a constant stance. */
export interface ArcProperties {
  /** Unique per arc stretch: pair key and first day. */
  key: string;
  /** The relation event that sets this stance. */
  id: string;
  pair: string;
  stance: Stance;
  /** First day, inclusive, and first day after, exclusive (`OPEN_END` when open). */
  start: Day;
  end: Day;
}

/** Everything the map needs from one dataset. */
export interface MapData {
  /** Every incident, packed for the GPU layer. */
  incidents: IncidentBuffers;
  /** The incidents that get map labels: all of them in small datasets, else none. */
  labels: GeoJSON.FeatureCollection<GeoJSON.Point, IncidentProperties>;
  /**
   * Incident positions ordered by first day, for `IncidentTimeIndex`, and for `groupPlaces`:
   * the crowded places are not part of the map data but grouped after it (see `MapState.places`),
   * so the first frame does not wait for them.
   */
  timeOrder: TimeOrder;
  arcs: GeoJSON.FeatureCollection<GeoJSON.LineString | GeoJSON.MultiLineString, ArcProperties>;
  dyads: Dyad[];
  range: DateRange;
  /** West, south, east, north around every incident and arc; `null` for an empty dataset. */
  bounds: [number, number, number, number] | null;
  /**
   * The countries the dataset names (incidents', relations' and anchors' codes) by alpha-3
   * code: the page names countries from these, so the country table stays in the loading
   * worker instead of weighing on the first view twice.
   */
  countries: Record<string, CountryName>;
}

const LABEL_LENGTH = 28;

/**
 * Most incidents a dataset may have for its incidents to get map labels. MapLibre lays labels
 * out on the CPU whenever one appears or goes (see `labeltimes.ts`); in larger datasets that
 * happens at almost every step, and the marks are too dense to label anyway (the tooltip and
 * list name them).
 */
export const MAX_LABELS = 500;

/** Shortens a title at a word boundary for a map label. */
export function shortLabel(title: string, length = LABEL_LENGTH): string {
  if (title.length <= length) return title;
  const cut = title.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Where a country's arcs start and end: the dataset's anchor, else the default one. */
export function anchorOf(dataset: Dataset, iso3: string): LonLat | undefined {
  return dataset.anchors[iso3] ?? countryByCode(iso3)?.anchor;
}

/**
 * `MapData` as the page holds it: the arc stretches' properties, and their lines packed for
 * the GPU arc layer, whose typed arrays the loading worker transfers rather than copies.
 */
export interface PageData extends Omit<MapData, 'arcs'> {
  /** Every arc stretch, in the order of `arcLines.ranges`. */
  arcs: ArcProperties[];
  arcLines: ArcBuffers;
}

/** Turns prepared map data into the page's form (see `PageData`). */
export function toPageData(data: MapData): PageData {
  const { arcs, ...rest } = data;
  return {
    ...rest,
    arcs: arcs.features.map((feature) => feature.properties),
    arcLines: packArcs(arcs.features),
  };
}

/**
 * An incident as the GeoJSON feature of its map label, with what the label needs: its title
 * in the dataset's default language `datasetDefault`, and for a title given in several
 * languages the label in each interface language (`localText` picks them), so a change of
 * language re-lays-out the labels without rebuilding them.
 */
export function labelFeature(
  incident: Incident,
  colorOf: (category: string) => string,
  datasetDefault?: string,
): GeoJSON.Feature<GeoJSON.Point, IncidentProperties> {
  const title = localText(incident.title, datasetDefault ?? 'en', datasetDefault);
  const feature: GeoJSON.Feature<GeoJSON.Point, IncidentProperties> = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: incident.coordinates },
    properties: {
      id: incident.id,
      title,
      label: shortLabel(title),
      category: incident.category,
      color: colorOf(incident.category),
      start: incident.first,
      end: incident.last,
      severity: (incident.fatalities ?? 0) + (incident.injured ?? 0),
      status: incident.status,
      precision: incident.precision,
      dateLabel: formatSpan(incident.date, incident.endDate),
    },
  };
  if (typeof incident.title !== 'string') {
    for (const language of LANGUAGES) {
      const label = shortLabel(localText(incident.title, language, datasetDefault));
      if (label !== feature.properties.label) feature.properties[`label_${language}`] = label;
    }
  }
  return feature;
}

/**
 * The line an event's arc follows: its own geometry, else the great circle between the
 * anchors. A pair's stances share one great circle, computed once per direction.
 */
function arcGeometry(
  dataset: Dataset,
  event: RelationEvent,
  circles: Map<string, GeoJSON.LineString | null>,
): GeoJSON.LineString | GeoJSON.MultiLineString | null {
  if (event.geometry) return event.geometry;
  const key = `${event.from}>${event.to}`;
  let circle = circles.get(key);
  if (circle === undefined) {
    const from = anchorOf(dataset, event.from);
    const to = anchorOf(dataset, event.to);
    circle = from && to ? { type: 'LineString', coordinates: greatCircle(from, to) } : null;
    circles.set(key, circle);
  }
  return circle;
}

/** The incidents to label: all of them in datasets up to `MAX_LABELS` incidents, else none. */
function labelled(incidents: readonly Incident[]): readonly Incident[] {
  return incidents.length <= MAX_LABELS ? incidents : [];
}

/** West, south, east, north around every incident and arc vertex. */
function boundsOf(
  incidents: readonly Incident[],
  arcs: MapData['arcs']['features'],
): MapData['bounds'] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (position: number[]) => {
    const lon = position[0]!;
    const lat = position[1]!;
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  };
  for (const incident of incidents) add(incident.coordinates);
  // Stances of one pair share their line: each line is measured once.
  const lines = new Set<GeoJSON.Position[]>();
  for (const { geometry } of arcs) {
    if (geometry.type === 'LineString') lines.add(geometry.coordinates);
    else for (const line of geometry.coordinates) lines.add(line);
  }
  for (const line of lines) for (const position of line) add(position);
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

/**
 * The arc stretches of a dataset's pairs: one per stance period, along the event's own
 * geometry or the great circle between the anchors (one per pair and direction, shared by
 * its stretches).
 */
export function arcFeatures(dataset: Dataset, dyads: readonly Dyad[]): MapData['arcs']['features'] {
  const arcs: MapData['arcs']['features'] = [];
  const circles = new Map<string, GeoJSON.LineString | null>();
  for (const dyad of dyads) {
    for (const period of stancePeriods(dyad)) {
      const geometry = arcGeometry(dataset, period.event, circles);
      if (!geometry) continue;
      arcs.push({
        type: 'Feature',
        geometry,
        properties: {
          key: `${dyad.key}:${period.start}`,
          id: period.event.id,
          pair: dyad.key,
          stance: period.stance,
          start: period.start,
          end: Number.isFinite(period.end) ? period.end : OPEN_END,
        },
      });
    }
  }
  return arcs;
}

/** Every country code a dataset uses: its incidents', its relations' and its anchors'. */
function datasetCountryCodes(dataset: Dataset): Set<string> {
  const codes = new Set(Object.keys(dataset.anchors));
  for (const incident of dataset.incidents) for (const code of incident.countries) codes.add(code);
  for (const event of dataset.relations) codes.add(event.from).add(event.to);
  return codes;
}

/** Computes the map's incidents, arcs, country pairs and date range for a validated dataset. */
export function buildMapData(dataset: Dataset): MapData {
  const colorOf = categoryColors(dataset.categories);
  const dyads = buildDyads(dataset.relations);
  const arcs = arcFeatures(dataset, dyads);
  const days = datasetDays(dataset);
  const order = timeOrder(dataset.incidents);
  return {
    incidents: packIncidents(dataset.incidents, colorOf),
    labels: {
      type: 'FeatureCollection',
      features: labelled(dataset.incidents).map((incident) =>
        labelFeature(incident, colorOf, dataset.language),
      ),
    },
    timeOrder: order,
    arcs: { type: 'FeatureCollection', features: arcs },
    dyads,
    range: days ? sliderRange(days.first, days.last) : sliderRange(0, 0),
    bounds: boundsOf(dataset.incidents, arcs),
    countries: countryNames(datasetCountryCodes(dataset)),
  };
}
