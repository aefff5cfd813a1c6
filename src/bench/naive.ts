/**
 * The benchmark's naive way to move the slider, to compare the GPU layers against: the
 * incidents and arc stretches shown on a day filtered in JavaScript and handed to MapLibre
 * circle and line layers with `setData`, the usual way to animate a GeoJSON map. It draws
 * the same marks as the GPU layers (incidents sized by casualties, coloured by category,
 * outlined, with halos for approximate places and fading; arcs coloured, sized and dashed by
 * stance over a white casing), so the two are compared on the same picture.
 */
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { arcFeatures, type MapData } from '../core/prepare/mapdata.ts';
import { STANCE_STYLES } from '../core/style/palette.ts';
import {
  categoryColors,
  HALO_OPACITY,
  HALO_RADIUS,
  incidentRadius,
  MARK_OUTLINE,
  OUTLINE_WIDTH,
  severityOf,
} from '../core/style/marks.ts';
import { buildDyads } from '../core/model/relations.ts';
import { STANCES, type Dataset, type Stance } from '../core/model/schema.ts';
import { incidentOpacity, isIncidentShown, type TimeFilter } from '../core/time/timeline.ts';

const SOURCE = 'tm-naive';
const ARC_SOURCE = 'tm-naive-arcs';

/** Each dataset's arc lines, computed once as an app holding GeoJSON would. */
const arcsOf = new WeakMap<Dataset, MapData['arcs']['features']>();

function byStance<T>(pick: (stance: Stance) => T, fallback: T): ExpressionSpecification {
  return [
    'match',
    ['get', 'stance'],
    ...STANCES.flatMap((stance) => [stance, pick(stance)]),
    fallback,
  ] as unknown as ExpressionSpecification;
}

/** Line layers for the arcs: a white casing, then solid and dashed strokes. */
function arcLayers(): LayerSpecification[] {
  const width = byStance((s) => STANCE_STYLES[s].width, 2);
  const stroke = (id: string, dashed: boolean): LayerSpecification => ({
    id,
    type: 'line',
    source: ARC_SOURCE,
    filter: [
      'in',
      ['get', 'stance'],
      ['literal', STANCES.filter((s) => !!STANCE_STYLES[s].dash === dashed)],
    ],
    layout: { 'line-cap': dashed ? 'butt' : 'round', 'line-join': 'round' },
    paint: {
      'line-color': byStance((s) => STANCE_STYLES[s].color, '#888888'),
      'line-width': width,
      ...(dashed
        ? {
            'line-dasharray': byStance(
              (s) => ['literal', STANCE_STYLES[s].dash ?? [1, 0]],
              ['literal', [1, 0]],
            ),
          }
        : {}),
    },
  });
  return [
    {
      id: 'tm-naive-arcs-casing',
      type: 'line',
      source: ARC_SOURCE,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['+', width, 3] },
    },
    stroke('tm-naive-arcs', false),
    stroke('tm-naive-arcs-dashed', true),
  ];
}

/** Shows the arc stretches in effect on `day` the naive way. */
function showArcsNaively(map: MapLibreMap, dataset: Dataset, day: number): void {
  let arcs = arcsOf.get(dataset);
  if (!arcs) arcsOf.set(dataset, (arcs = arcFeatures(dataset, buildDyads(dataset.relations))));
  const data: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: arcs.filter(({ properties }) => properties.start <= day && day < properties.end),
  };
  const source = map.getSource<GeoJSONSource>(ARC_SOURCE);
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(ARC_SOURCE, { type: 'geojson', data });
  for (const layer of arcLayers()) map.addLayer(layer);
}

/**
 * Shows the incidents and arcs of `filter` on `map` the naive way; the caller hides the GPU
 * layers.
 */
export function showNaively(map: MapLibreMap, dataset: Dataset, filter: TimeFilter): void {
  showArcsNaively(map, dataset, filter.day);
  const colorOf = categoryColors(dataset.categories);
  const features: GeoJSON.Feature<GeoJSON.Point>[] = [];
  for (const incident of dataset.incidents) {
    const end = incident.last;
    if (!isIncidentShown(filter, incident.date.start, end)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: incident.coordinates },
      properties: {
        id: incident.id,
        radius: incidentRadius(severityOf(incident)),
        halo: HALO_RADIUS[incident.precision] ?? 0,
        color: colorOf(incident.category),
        opacity: incidentOpacity(filter, end),
      },
    });
  }
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
  const source = map.getSource<GeoJSONSource>(SOURCE);
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: 'tm-naive-halo',
    type: 'circle',
    source: SOURCE,
    filter: ['>', ['get', 'halo'], 0],
    paint: {
      'circle-radius': ['get', 'halo'],
      'circle-color': ['get', 'color'],
      'circle-blur': 0.7,
      'circle-opacity': ['*', HALO_OPACITY, ['get', 'opacity']],
    },
  });
  map.addLayer({
    id: 'tm-naive',
    type: 'circle',
    source: SOURCE,
    paint: {
      'circle-radius': ['get', 'radius'],
      'circle-color': ['get', 'color'],
      'circle-stroke-color': MARK_OUTLINE,
      'circle-stroke-width': OUTLINE_WIDTH,
      'circle-opacity': ['get', 'opacity'],
      'circle-stroke-opacity': ['get', 'opacity'],
    },
  });
}
