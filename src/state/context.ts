/**
 * Typed context for the map state: components get the instance of the map they belong to,
 * and fail loudly when mounted outside one.
 */
import { getContext } from 'svelte';
import type { Locale } from './locale.svelte.ts';
import type { MapState } from './state.svelte.ts';

const KEY = Symbol('tension-map-state');

/** The context to mount an app or component with, so everything below shares `state`. */
export function mapStateContext(state: MapState): Map<symbol, MapState> {
  return new Map([[KEY, state]]);
}

/** The state of the map this component belongs to; throws when there is none. */
export function getMapState(): MapState {
  const state = getContext<MapState | undefined>(KEY);
  if (!state)
    throw new Error('getMapState() called outside a Tension Map (no MapState in context)');
  return state;
}

/** The language of the map this component belongs to (its `MapState.locale`). */
export function getLocale(): Locale {
  return getMapState().locale;
}
