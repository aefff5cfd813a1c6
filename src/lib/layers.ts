/**
 * The overlay's sources, layers and time expressions, as plain style JSON.
 *
 * Time reaches the style through three `global-state` values (see `timeState`), so a
 * slider step is one `setGlobalStateProperty` per value rather than new data. The
 * expressions mirror `isIncidentShown` and `incidentOpacity` in `timeline.ts`; a unit test
 * evaluates both over random inputs and requires them to agree.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { FADE_DAYS, FADED_OPACITY, type TimeFilter } from './timeline.ts';
import { STANCE_STYLES } from './palette.ts';
import { STANCES, type Stance } from './schema.ts';
import type { MapData } from './mapdata.ts';

/** Source ids of the overlay. */
export const LABEL_SOURCE = 'tm-labels';
export const ARC_SOURCE = 'tm-arcs';

/** Layers that hold arcs, for hit-testing and `renderedIds`. */
export const ARC_LAYERS = ['tm-arcs', 'tm-arcs-dashed'];

/** The label layer; the GPU incident layer goes just below it. */
export const LABEL_LAYER = 'tm-incidents-labels';

/** The style's global state for a time filter. */
export interface TimeState {
  /** The slider's day. */
  day: number;
  /** First day an incident must reach to be shown (a very early day in cumulative mode). */
  since: number;
  /** 1 when older incidents fade (cumulative mode), 0 otherwise. */
  fading: number;
}

/** Converts a time filter into the values the style expressions read. */
export function timeState(filter: TimeFilter): TimeState {
  const cumulative = filter.mode === 'cumulative';
  return {
    day: filter.day,
    since: cumulative ? -1e9 : filter.day - filter.windowDays + 1,
    fading: cumulative ? 1 : 0,
  };
}

/** Default values for the style's `state` root property. */
export function styleState(filter: TimeFilter): Record<string, { default: number }> {
  return Object.fromEntries(
    Object.entries(timeState(filter)).map(([key, value]) => [key, { default: value }]),
  );
}

const day: ExpressionSpecification = ['global-state', 'day'];

/** Shows an incident from its first day, while its last day is on or after `since`. */
export const incidentTimeFilter: ExpressionSpecification = [
  'all',
  ['<=', ['get', 'start'], day],
  ['>=', ['get', 'end'], ['global-state', 'since']],
];

/**
 * Whether an arc stretch is drawn: its feature state `shown`, which `MapView` sets for the
 * stretches whose visibility a slider step changes (see `arcsShownAt` in `mapdata.ts`). Feature
 * state only touches paint, so a step never re-lays-out the arcs' tiles.
 */
const arcShown: ExpressionSpecification = ['boolean', ['feature-state', 'shown'], false];

/** Opacity of an incident: fades linearly with age when `fading` is 1. */
export const incidentOpacityExpression: ExpressionSpecification = [
  '-',
  1,
  [
    '*',
    ['global-state', 'fading'],
    (1 - FADED_OPACITY) / FADE_DAYS,
    ['min', ['max', ['-', day, ['get', 'end']], 0], FADE_DAYS],
  ],
];

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
 * The overlay's GeoJSON sources for a dataset: arcs and incident labels. The incident
 * marks themselves are drawn by the GPU layer (`src/app/incidentlayer.ts`).
 */
export function overlaySources(data: MapData): Record<string, SourceSpecification> {
  return {
    [ARC_SOURCE]: { type: 'geojson', data: data.arcs, promoteId: 'key' },
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
      filter: incidentTimeFilter,
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
        'text-opacity': incidentOpacityExpression,
      },
    },
  ];
}
