/**
 * Count badges on crowded places: a small dark disc with the number of shown incidents that
 * meet there, above the incident marks' top-right edge. MapLibre draws them from a GeoJSON
 * source that `PlaceBadgeSync` replaces only when a count changes.
 */
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { PlaceBadge } from '../../core/prepare/places.ts';

/** The badges' source id. */
export const PLACE_SOURCE = 'tm-places';

/** The badges' disc and number layers. */
export const PLACE_DISC_LAYER = 'tm-places-disc';
export const PLACE_COUNT_LAYER = 'tm-places-count';

/** Where a badge sits from its place's centre, in CSS pixels: over the mark's top-right edge. */
export const BADGE_OFFSET: [number, number] = [10, -10];

/** Properties of one badge feature. */
export interface PlaceBadgeProperties {
  group: number;
  count: number;
  /** The count as drawn: "99+" above 99, so the disc stays small. */
  label: string;
}

/** The badges as GeoJSON, with the group index as feature id. */
export function badgeFeatures(
  badges: readonly PlaceBadge[],
): GeoJSON.FeatureCollection<GeoJSON.Point, PlaceBadgeProperties> {
  return {
    type: 'FeatureCollection',
    features: badges.map(({ group, count, lon, lat }) => ({
      type: 'Feature',
      id: group,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { group, count, label: count > 99 ? '99+' : String(count) },
    })),
  };
}

/** The badges' empty source, filled by `PlaceBadgeSync`. */
export function placeSource(): SourceSpecification {
  return { type: 'geojson', data: badgeFeatures([]) };
}

/** The badges' layers, drawn above everything else in the overlay. */
export function placeLayers(fontStack: string[]): LayerSpecification[] {
  return [
    {
      id: PLACE_DISC_LAYER,
      type: 'circle',
      source: PLACE_SOURCE,
      paint: {
        'circle-radius': ['case', ['>', ['get', 'count'], 9], 9, 7.5],
        'circle-color': '#222222',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-translate': BADGE_OFFSET,
      },
    },
    {
      id: PLACE_COUNT_LAYER,
      type: 'symbol',
      source: PLACE_SOURCE,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': fontStack,
        'text-size': 10,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': BADGE_OFFSET },
    },
  ];
}
