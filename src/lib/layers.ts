/**
 * The overlay's sources, layers and time expressions, as plain style JSON.
 *
 * Time reaches the style without new data: the GPU incident layer reads `timeState` as
 * shader uniforms, arcs and label opacities are feature state, and the label filter reads
 * two `global-state` values (see `labeltimes.ts`). The label filter mirrors
 * `isIncidentShown` in `timeline.ts`; a unit test evaluates both over random inputs and
 * requires them to agree.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { TimeFilter } from './timeline.ts';
import { STANCE_STYLES } from './palette.ts';
import { STANCES, type Stance } from './schema.ts';
import type { PageData } from './mapdata.ts';

/** Source ids of the overlay. */
export const LABEL_SOURCE = 'tm-labels';
export const ARC_SOURCE = 'tm-arcs';

/** Layers that hold arcs, for hit-testing and `renderedIds`. */
export const ARC_LAYERS = ['tm-arcs', 'tm-arcs-dashed'];

/** The label layer; the GPU incident layer goes just below it. */
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

/**
 * Whether an arc stretch is drawn: its feature state `shown`, which `MapView` sets for the
 * stretches whose visibility a slider step changes (see `arcsShownAt` in `mapdata.ts`). Feature
 * state only touches paint, so a step never re-lays-out the arcs' tiles.
 */
const arcShown: ExpressionSpecification = ['boolean', ['feature-state', 'shown'], false];

/** A label's opacity: its feature state `opacity`, which follows `incidentOpacity`. */
export const labelOpacity: ExpressionSpecification = ['number', ['feature-state', 'opacity'], 1];

function byStance<T>(pick: (stance: Stance) => T, fallback: T): ExpressionSpecification {
  return [
    'match',
    ['get', 'stance'],
    ...STANCES.flatMap((stance) => [stance, pick(stance)]),
    fallback,
  ] as unknown as ExpressionSpecification;
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * The overlay's GeoJSON sources for a dataset: arcs (which MapLibre reads from the data's
 * `arcUrl`) and incident labels. The incident marks themselves are drawn by the GPU layer
 * (`src/app/incidentlayer.ts`).
 */
export function overlaySources(data: PageData): Record<string, SourceSpecification> {
  return {
    [ARC_SOURCE]: { type: 'geojson', data: data.arcUrl, promoteId: 'key' },
    [LABEL_SOURCE]: { type: 'geojson', data: data.labels, promoteId: 'id' },
  };
}

function arcLayer(id: string, stances: Stance[], dashed: boolean): LayerSpecification {
  return {
    id,
    type: 'line',
    source: ARC_SOURCE,
    filter: ['in', ['get', 'stance'], ['literal', stances]],
    layout: { 'line-cap': dashed ? 'butt' : 'round', 'line-join': 'round' },
    paint: {
      'line-color': byStance((s) => STANCE_STYLES[s].color, '#888888'),
      'line-opacity': ['case', arcShown, 1, 0],
      'line-width': [
        '+',
        byStance((s) => STANCE_STYLES[s].width, 2),
        ['case', selected, 2.5, 0],
      ] as ExpressionSpecification,
      ...(dashed
        ? {
            'line-dasharray': byStance(
              (s) => ['literal', STANCE_STYLES[s].dash ?? [1, 0]],
              ['literal', [1, 0]],
            ),
          }
        : {}),
    },
  };
}

/**
 * The overlay's MapLibre layers, bottom to top: arc casing, solid arcs (alliance,
 * cooperation, neutral), dashed arcs (tension, hostility) and incident labels where they fit.
 * The GPU incident layer is inserted below the labels.
 */
export function overlayLayers(fontStack: string[]): LayerSpecification[] {
  const dashedStances = STANCES.filter((s) => STANCE_STYLES[s].dash);
  const solidStances = STANCES.filter((s) => !STANCE_STYLES[s].dash);
  return [
    {
      id: 'tm-arcs-casing',
      type: 'line',
      source: ARC_SOURCE,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-opacity': ['case', arcShown, 0.8, 0],
        'line-width': ['+', byStance((s) => STANCE_STYLES[s].width, 2), 3],
      },
    },
    arcLayer('tm-arcs', solidStances, false),
    arcLayer('tm-arcs-dashed', dashedStances, true),
    {
      id: LABEL_LAYER,
      type: 'symbol',
      source: LABEL_SOURCE,
      filter: labelTimeFilter,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': fontStack,
        'text-size': 11,
        'text-anchor': 'left',
        'text-offset': [1.1, 0],
        'text-max-width': 12,
        'symbol-sort-key': ['-', ['get', 'severity']],
        'text-optional': true,
      },
      paint: {
        'text-color': '#222222',
        'text-halo-color': '#ffffff',
        'text-halo-width': 1.5,
        'text-opacity': labelOpacity,
      },
    },
  ];
}
