/**
 * The GPU incident layer as both the live map and the export map set it up, so an export
 * draws exactly what the screen shows.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_LAYER, timeState } from '../lib/layers.ts';
import type { MapData } from '../lib/mapdata.ts';
import type { TimeFilter } from '../lib/timeline.ts';
import { IncidentLayer } from './incidentlayer.ts';
import type { Selection } from './state.svelte.ts';

/** The dataset index of the selected incident, or -1 when no incident is selected. */
export function selectedIncident(selection: Selection | null): number {
  return selection?.kind === 'incident' ? selection.position : -1;
}

/**
 * Adds the incident layer for `data` at `filter` to a loaded map, just below the incident
 * labels (or on top when the map has none), with the incident at `selected` highlighted.
 */
export function addIncidentLayer(
  map: MapLibreMap,
  data: MapData,
  filter: TimeFilter,
  selected: number,
): IncidentLayer {
  const layer = new IncidentLayer();
  layer.setData(data.incidents);
  layer.setTime(timeState(filter));
  layer.setSelected(selected);
  map.addLayer(layer, map.getLayer(LABEL_LAYER) ? LABEL_LAYER : undefined);
  return layer;
}
