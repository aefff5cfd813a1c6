/**
 * The overlay's MapLibre style (the incident labels' source and layer, and their time
 * expressions), as plain style JSON.
 *
 * Time reaches the style without new data: the GPU incident and arc layers read the day as
 * shader uniforms, label opacities are feature state, and the label filter reads two
 * `global-state` values (see `times.ts`). The label filter mirrors
 * `isIncidentShown` in `timeline.ts`; a unit test evaluates both over random inputs and
 * requires them to agree.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
} from 'maplibre-gl';
import type { TimeFilter } from '../../core/time/timeline.ts';
import type { PageData } from '../../core/prepare/mapdata.ts';
import { THEME_COLORS, type Theme } from '../../core/style/palette.ts';

/** Source ids of the overlay. */
export const LABEL_SOURCE = 'tm-labels';

/** The label layer; the GPU arc and incident layers go just below it. */
export const LABEL_LAYER = 'tm-incidents-labels';

/** The slider's time as the incident layer's shader reads it. */
export interface TimeState {
  /** The slider's day. */
  day: number;
  /** First day an incident must reach to be shown (a very early day in cumulative mode). */
  since: number;
  /** 1 when older incidents fade (cumulative mode), 0 otherwise. */
  fading: number;
}

/** Converts a time filter into the values the incident layer's shader reads. */
export function timeState(filter: TimeFilter): TimeState {
  const cumulative = filter.mode === 'cumulative';
  return {
    day: filter.day,
    since: cumulative ? -1e9 : filter.day - filter.windowDays + 1,
    fading: cumulative ? 1 : 0,
  };
}

/**
 * Shows a label from its incident's first day, while its last day is on or after the
 * window's first day: the slider's times rounded to the labels' own (see `LabelTimes`).
 */
export const labelTimeFilter: ExpressionSpecification = [
  'all',
  ['<=', ['get', 'start'], ['global-state', 'labelDay']],
  ['>=', ['get', 'end'], ['global-state', 'labelSince']],
];

/** A label's opacity: its feature state `opacity`, which follows `incidentOpacity`. */
export const labelOpacity: ExpressionSpecification = ['number', ['feature-state', 'opacity'], 1];

/**
 * A label's text: in the reader's language (the `language` global state, one of
 * `LANGUAGES`) when its title is given in it (`label_fa`…, see `labelFeature`), else in the
 * dataset's default language.
 */
export const labelText: ExpressionSpecification = [
  'coalesce',
  ['get', ['concat', 'label_', ['to-string', ['global-state', 'language']]]],
  ['get', 'label'],
];

/** Shows a map's incident labels in `language`, one of `LANGUAGES` (see `labelText`). */
export function setLabelLanguage(map: MapLibreMap, language: string): void {
  map.setGlobalStateProperty('language', language);
}

/**
 * The overlay's GeoJSON source for a dataset: the incident labels. Incidents and arcs are
 * drawn by the GPU layers (`src/render/incidents/layer.ts`, `src/render/arcs/layer.ts`).
 */
export function overlaySources(data: PageData): Record<string, SourceSpecification> {
  return { [LABEL_SOURCE]: { type: 'geojson', data: data.labels, promoteId: 'id' } };
}

/**
 * The overlay's MapLibre layers: the incident labels where they fit, in `theme`'s colours. The
 * GPU arc and incident layers are inserted below them.
 */
export function overlayLayers(fontStack: string[], theme: Theme = 'light'): LayerSpecification[] {
  const { labelText: textColor, labelHalo } = THEME_COLORS[theme];
  return [
    {
      id: LABEL_LAYER,
      type: 'symbol',
      source: LABEL_SOURCE,
      filter: labelTimeFilter,
      layout: {
        'text-field': labelText,
        'text-font': fontStack,
        'text-size': 11,
        'text-anchor': 'left',
        'text-offset': [1.1, 0],
        'text-max-width': 12,
        'symbol-sort-key': ['-', ['get', 'severity']],
        'text-optional': true,
      },
      paint: {
        'text-color': textColor,
        'text-halo-color': labelHalo,
        'text-halo-width': 1.5,
        'text-opacity': labelOpacity,
      },
    },
  ];
}
