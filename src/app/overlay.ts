/**
 * The GPU incident layer as both the live map and the export map set it up, so an export
 * draws exactly what the screen shows.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { packIncidents } from '../lib/incidentbuffers.ts';
import { LABEL_LAYER, timeState } from '../lib/layers.ts';
import type { MapData } from '../lib/mapdata.ts';
import type { TimeFilter } from '../lib/timeline.ts';
import { IncidentLayer } from './incidentlayer.ts';

/** Position of an incident in the map data (the GPU layer's index), or -1. */
export function incidentIndex(data: MapData, id: string | undefined): number {
  if (!id) return -1;
  return data.incidents.features.findIndex((feature) => feature.properties.id === id);
}

/**
 * Adds the incident layer for `data` at `filter` to a loaded map, just below the incident
 * labels (or on top when the map has none), with `selectedId` highlighted.
 */
export function addIncidentLayer(
  map: MapLibreMap,
  data: MapData,
  filter: TimeFilter,
  selectedId?: string,
): IncidentLayer {
  const layer = new IncidentLayer();
  layer.setData(packIncidents(data.incidents));
  layer.setTime(timeState(filter));
  layer.setSelected(incidentIndex(data, selectedId));
  map.addLayer(layer, map.getLayer(LABEL_LAYER) ? LABEL_LAYER : undefined);
  return layer;
}
