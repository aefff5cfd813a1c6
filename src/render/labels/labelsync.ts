/**
 * Bringing a map's incident labels to the slider's time: their filter's global state and
 * their fading. Shared by the live map and the export map, like the GPU layers.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_SOURCE } from './layer.ts';
import { LabelTimes } from './times.ts';
import type { PageData } from '../../core/prepare/mapdata.ts';
import { incidentOpacity, type TimeFilter } from '../../core/time/timeline.ts';

/**
 * The labels' time on a map: the label filter's global state, rounded so it changes only
 * when a label appears or goes (`LabelTimes`), and each label's fading as feature state
 * (`opacity`), set only where it changed. A step between label changes re-lays-out nothing.
 * Labels the filters hide get opacity 0, like the marks the incident layer hides.
 */
export class LabelTime {
  readonly #labels: PageData['labels'];
  readonly #times: LabelTimes;
  #opacity = new Map<string, number>();

  constructor(labels: PageData['labels']) {
    this.#labels = labels;
    this.#times = new LabelTimes(labels.features.map((feature) => feature.properties));
  }

  /**
   * Brings the labels of `map` to `filter` and the filter mask (`filterMask`, `null` for
   * none). Labelled datasets label every incident, so label i is incident i of the mask.
   */
  update(map: MapLibreMap, filter: TimeFilter, mask: Uint8Array | null = null): void {
    if (this.#labels.features.length === 0) return;
    // MapLibre ignores values that did not change, so most steps reload nothing.
    for (const [key, value] of Object.entries(this.#times.state(filter))) {
      map.setGlobalStateProperty(key, value);
    }
    this.#labels.features.forEach(({ properties }, i) => {
      const opacity = mask && mask[i] !== 1 ? 0 : incidentOpacity(filter, properties.end);
      if (this.#opacity.get(properties.id) === opacity) return;
      this.#opacity.set(properties.id, opacity);
      map.setFeatureState({ source: LABEL_SOURCE, id: properties.id }, { opacity });
    });
  }
}
