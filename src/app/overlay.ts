/**
 * The time-dependent parts of the overlay as both the live map and the export map set them
 * up, so an export draws exactly what the screen shows: the GPU incident layer, the arcs'
 * visibility and the labels' time.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ARC_SOURCE, LABEL_LAYER, LABEL_SOURCE, timeState } from '../lib/layers.ts';
import { LabelTimes } from '../lib/labeltimes.ts';
import { arcsShownAt, type ArcProperties, type PageData } from '../lib/mapdata.ts';
import { incidentOpacity, type TimeFilter } from '../lib/timeline.ts';
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
  data: PageData,
  filter: TimeFilter,
  selected: number,
): IncidentLayer {
  // Drawn once the arcs are loaded, so their upload does not queue behind the incidents'
  // first frame (see IncidentLayer).
  const layer = new IncidentLayer(
    undefined,
    () => !map.getSource(ARC_SOURCE) || map.isSourceLoaded(ARC_SOURCE),
  );
  layer.setData(data.incidents);
  layer.setTime(timeState(filter));
  layer.setSelected(selected);
  map.addLayer(layer, map.getLayer(LABEL_LAYER) ? LABEL_LAYER : undefined);
  return layer;
}

/**
 * Which arc stretches a map draws, kept as feature state (`shown`). A slider step flips only
 * the stretches whose visibility changes, and feature state only touches paint, so a step
 * never re-lays-out the arcs' tiles the way a filter or global-state change would.
 */
export class ArcVisibility {
  #shown = new Set<string>();

  /** Shows the stretches of `arcs` in effect on `day` and hides the rest. */
  update(map: MapLibreMap, arcs: readonly ArcProperties[], day: number): void {
    const next = arcsShownAt(arcs, day);
    for (const key of this.#shown) {
      if (!next.has(key)) map.setFeatureState({ source: ARC_SOURCE, id: key }, { shown: false });
    }
    for (const key of next) {
      if (!this.#shown.has(key))
        map.setFeatureState({ source: ARC_SOURCE, id: key }, { shown: true });
    }
    this.#shown = next;
  }

  /** Hides every stretch, before the arcs' data is replaced. */
  clear(map: MapLibreMap): void {
    for (const key of this.#shown)
      map.setFeatureState({ source: ARC_SOURCE, id: key }, { shown: false });
    this.#shown = new Set();
  }
}

/**
 * The labels' time on a map: the label filter's global state, rounded so it changes only
 * when a label appears or goes (`LabelTimes`), and each label's fading as feature state
 * (`opacity`), set only where it changed. A step between label changes re-lays-out nothing.
 */
export class LabelTime {
  readonly #labels: PageData['labels'];
  readonly #times: LabelTimes;
  #opacity = new Map<string, number>();

  constructor(labels: PageData['labels']) {
    this.#labels = labels;
    this.#times = new LabelTimes(labels.features.map((feature) => feature.properties));
  }

  /** Brings the labels of `map` to `filter`. */
  update(map: MapLibreMap, filter: TimeFilter): void {
    if (this.#labels.features.length === 0) return;
    // MapLibre ignores values that did not change, so most steps reload nothing.
    for (const [key, value] of Object.entries(this.#times.state(filter))) {
      map.setGlobalStateProperty(key, value);
    }
    for (const { properties } of this.#labels.features) {
      const opacity = incidentOpacity(filter, properties.end);
      if (this.#opacity.get(properties.id) === opacity) continue;
      this.#opacity.set(properties.id, opacity);
      map.setFeatureState({ source: LABEL_SOURCE, id: properties.id }, { opacity });
    }
  }
}
