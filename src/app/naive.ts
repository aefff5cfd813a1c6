/**
 * The benchmark's naive way to move the slider, to compare the GPU layer against: the
 * incidents shown on a day filtered in JavaScript and handed to MapLibre circle layers with
 * `setData`, the usual way to animate a GeoJSON map. It draws the same marks as the GPU
 * layer (size by casualties, colour by category, outline, halo for approximate places,
 * fading), so the two are compared on the same picture.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { HALO_RADIUS, incidentRadius, severityOf } from '../lib/incidentbuffers.ts';
import { CATEGORY_COLORS, MARK_OUTLINE } from '../lib/palette.ts';
import type { Dataset } from '../lib/schema.ts';
import { incidentOpacity, isIncidentShown, type TimeFilter } from '../lib/timeline.ts';

const SOURCE = 'tm-naive';

/** Shows the incidents of `filter` on `map` the naive way; the caller hides the GPU layer. */
export function showNaively(map: MapLibreMap, dataset: Dataset, filter: TimeFilter): void {
  const colors = new Map(dataset.categories.map((c) => [c.id, c.color ?? CATEGORY_COLORS[c.id]]));
  const features: GeoJSON.Feature<GeoJSON.Point>[] = [];
  for (const incident of dataset.incidents) {
    const end = (incident.endDate ?? incident.date).end;
    if (!isIncidentShown(filter, incident.date.start, end)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: incident.coordinates },
      properties: {
        id: incident.id,
        radius: incidentRadius(severityOf(incident)),
        halo: HALO_RADIUS[incident.precision] ?? 0,
        color: colors.get(incident.category) ?? CATEGORY_COLORS.other,
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
      'circle-opacity': ['*', 0.35, ['get', 'opacity']],
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
      'circle-stroke-width': 1.2,
      'circle-opacity': ['get', 'opacity'],
      'circle-stroke-opacity': ['get', 'opacity'],
    },
  });
}
