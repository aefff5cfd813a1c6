/**
 * What the map draws, computed once per dataset.
 *
 * Dates become day numbers here, once; the map's style expressions compare these numbers
 * with the slider's day, so moving the slider never rebuilds any of this.
 */
import { bbox } from '@turf/turf';
import { countryByCode } from './countries.ts';
import { formatSpan, type Day } from './dates.ts';
import { CATEGORY_COLORS } from './palette.ts';
import { buildDyads, stancePeriods, type Dyad } from './relations.ts';
import type { Dataset, Incident, LonLat, Precision, RelationEvent, Stance, Status } from './schema.ts';
import { greatCircle } from './arcs.ts';
import { sliderRange, type DateRange } from './timeline.ts';

/** Stand-in for "no end" in feature properties, where GeoJSON cannot hold Infinity. */
export const OPEN_END: Day = 100_000_000;

/** Properties of an incident point on the map. */
export interface IncidentProperties {
  id: string;
  title: string;
  /** A short form of the title for map labels. */
  label: string;
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
  incidents: GeoJSON.FeatureCollection<GeoJSON.Point, IncidentProperties>;
  arcs: GeoJSON.FeatureCollection<GeoJSON.LineString | GeoJSON.MultiLineString, ArcProperties>;
  dyads: Dyad[];
  range: DateRange;
  /** West, south, east, north around every incident and arc; `null` for an empty dataset. */
  bounds: [number, number, number, number] | null;
}

const LABEL_LENGTH = 28;

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

function incidentFeature(
  incident: Incident,
  colors: Map<string, string>,
): GeoJSON.Feature<GeoJSON.Point, IncidentProperties> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: incident.coordinates },
    properties: {
      id: incident.id,
      title: incident.title,
      label: shortLabel(incident.title),
      category: incident.category,
      color: colors.get(incident.category) ?? CATEGORY_COLORS.other!,
      start: incident.date.start,
      end: (incident.endDate ?? incident.date).end,
      severity: (incident.fatalities ?? 0) + (incident.injured ?? 0),
      status: incident.status,
      precision: incident.precision,
      dateLabel: formatSpan(incident.date, incident.endDate),
    },
  };
}

function arcGeometry(
  dataset: Dataset,
  event: RelationEvent,
): GeoJSON.LineString | GeoJSON.MultiLineString | null {
  if (event.geometry) return event.geometry;
  const from = anchorOf(dataset, event.from);
  const to = anchorOf(dataset, event.to);
  if (!from || !to) return null;
  return { type: 'LineString', coordinates: greatCircle(from, to) };
}

/** Computes the map's features, country pairs and date range for a validated dataset. */
export function buildMapData(dataset: Dataset): MapData {
  const colors = new Map(
    dataset.categories.map((c) => [c.id, c.color ?? CATEGORY_COLORS[c.id] ?? '#6B6B6B']),
  );
  const incidents = dataset.incidents.map((incident) => incidentFeature(incident, colors));
  const dyads = buildDyads(dataset.relations);
  const arcs: MapData['arcs']['features'] = [];
  for (const dyad of dyads) {
    for (const period of stancePeriods(dyad)) {
      const geometry = arcGeometry(dataset, period.event);
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
  let first = Infinity;
  let last = -Infinity;
  for (const feature of [...dataset.incidents, ...dataset.relations]) {
    first = Math.min(first, feature.date.start);
    last = Math.max(last, (feature.endDate ?? feature.date).end);
  }
  const range = Number.isFinite(first) ? sliderRange(first, last) : sliderRange(0, 0);
  const everything: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: [...incidents, ...arcs],
  };
  return {
    incidents: { type: 'FeatureCollection', features: incidents },
    arcs: { type: 'FeatureCollection', features: arcs },
    dyads,
    range,
    bounds: everything.features.length ? (bbox(everything) as [number, number, number, number]) : null,
  };
}
