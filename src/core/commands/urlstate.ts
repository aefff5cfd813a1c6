/**
 * The URL is the state: parsing and writing the query string.
 *
 * Parsing never throws: a value that makes no sense is dropped and reported in words, so a
 * hand-edited or truncated link still opens the map.
 */
import { LIST_FILTERS } from '../filter/filters.ts';
import { commandFromText, formatView, type MapCommand, type View } from './command.ts';

/** Everything a link can carry: a command, and where the data and basemap come from. */
export interface UrlState extends Omit<MapCommand, 'select' | 'profile'> {
  /** An incident or relation event id (a link cannot clear a selection). */
  select?: string;
  /** The country whose profile is open (`country=` is the filter). */
  profile?: string;
  /** URL of a dataset to load instead of the built-in one. */
  data?: string;
  /** URL of a MapLibre style to use instead of the built-in basemap. */
  style?: string;
}

export type { View };

function isHttpUrl(text: string, base: string): boolean {
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads the state from a query string such as `?date=2023-01-27&view=47,38,4`, or
 * `?from=2023-01-01&to=2023-01-27` for a window (the older `mode=window&window=27&date=…`
 * still reads).
 * `base` resolves relative `data` and `style` URLs when checking them.
 */
export function parseUrlState(
  search: string,
  base = 'http://localhost/',
): { state: UrlState; problems: string[] } {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const problems: string[] = [];
  const reject = (name: string, value: string, expected: string) =>
    problems.push(`URL parameter ${name}="${value}" ignored: ${expected}`);

  const { command, problems: refused } = commandFromText((field) => params.get(field));
  for (const { field, value, expected } of refused) reject(field, value, `use ${expected}`);
  Object.assign(state, command);
  for (const name of ['data', 'style'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    if (isHttpUrl(value, base)) state[name] = value;
    else reject(name, value, 'use an http or https URL');
  }
  return { state, problems };
}

/**
 * Writes the state as a query string (with the leading `?`, or empty), in a fixed order
 * so equal states give equal links.
 */
export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  // A window as its first and last day; links from before them say date, mode and window.
  for (const name of ['date', 'from', 'to'] as const) {
    const value = state[name];
    if (value) params.set(name, value);
  }
  if (state.view) params.set('view', formatView(state.view));
  if (state.select) params.set('select', state.select);
  if (state.mode) params.set('mode', state.mode);
  if (state.window !== undefined) params.set('window', String(state.window));
  if (state.profile) params.set('profile', state.profile);
  for (const field of LIST_FILTERS) {
    const list = state[field];
    if (list?.length) params.set(field, list.join(','));
  }
  if (state.q) params.set('q', state.q);
  if (state.lang) params.set('lang', state.lang);
  if (state.calendar) params.set('calendar', state.calendar);
  if (state.theme) params.set('theme', state.theme);
  if (state.data) params.set('data', state.data);
  if (state.style) params.set('style', state.style);
  const text = params.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}
