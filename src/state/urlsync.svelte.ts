/**
 * Keeps the address bar in step with a map's state, for the full app and iframe embeds (a
 * custom element on someone else's page never touches their URL).
 */
import { formatUrlState } from '../core/commands/urlstate.ts';
import type { MapState } from './state.svelte.ts';

/** Query parameters that configure the page rather than the map's state; kept as they are. */
const PAGE_PARAMETERS = ['embed', 'id', 'origins', 'fill'];

/** The query string for a state, keeping the page's own parameters from `current`. */
export function queryFor(state: MapState, current: string): string {
  const kept = new URLSearchParams(current);
  const query = new URLSearchParams(formatUrlState(state.toUrlState()));
  for (const name of PAGE_PARAMETERS) {
    const value = kept.get(name);
    if (value !== null) query.set(name, value);
  }
  const text = query.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}

/**
 * Writes the state into the URL with `replaceState`, at most a few times a second: browsers
 * throttle replaceState, and playback changes the date many times a second. Returns a
 * function that stops syncing.
 */
export function syncLocation(state: MapState): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = $effect.root(() => {
    $effect(() => {
      const query = queryFor(state, location.search);
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (query !== location.search) {
          history.replaceState(history.state, '', query || location.pathname);
        }
      }, 200);
    });
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
