/**
 * The URL is the state: parsing and writing the query string.
 *
 * Parsing never throws: a value that makes no sense is dropped and reported in words, so a
 * hand-edited or truncated link still opens the map.
 */
import { dayFromIso } from '../model/dates.ts';
import { PLAYBACK_MODES, type PlaybackMode } from '../time/timeline.ts';

/** A map view: centre and zoom. */
export interface View {
  lon: number;
  lat: number;
  zoom: number;
}

/** Everything a link can carry. Absent members mean "the default". */
export interface UrlState {
  /** `YYYY-MM-DD`. */
  date?: string;
  view?: View;
  /** An incident or relation event id. */
  select?: string;
  mode?: PlaybackMode;
  /** Window length in days, for window mode. */
  window?: number;
  /** URL of a dataset to load instead of the built-in one. */
  data?: string;
  /** URL of a MapLibre style to use instead of the built-in basemap. */
  style?: string;
}

/** Longest window a link may ask for: about a century. */
export const MAX_WINDOW_DAYS = 36_525;

/** Parses `lon,lat,zoom`; returns `undefined` unless all three are finite and in range. */
export function parseView(text: string): View | undefined {
  const parts = text.split(',');
  if (parts.length !== 3 || parts.some((p) => p.trim() === '')) return undefined;
  const [lon, lat, zoom] = parts.map(Number) as [number, number, number];
  if (![lon, lat, zoom].every(Number.isFinite)) return undefined;
  if (lon < -180 || lon > 180 || lat < -85.06 || lat > 85.06 || zoom < 0 || zoom > 22) {
    return undefined;
  }
  return { lon, lat, zoom };
}

/** `lon,lat,zoom` with enough decimals for the zoom level and no more. */
export function formatView(view: View): string {
  const digits = Math.min(6, Math.max(2, Math.ceil(view.zoom / 3) + 1));
  const lon = Number(view.lon.toFixed(digits));
  const lat = Number(view.lat.toFixed(digits));
  return `${lon},${lat},${Number(view.zoom.toFixed(2))}`;
}

function isHttpUrl(text: string, base: string): boolean {
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads the state from a query string such as `?date=2023-01-27&view=47,38,4`.
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

  const date = params.get('date');
  if (date !== null) {
    if (dayFromIso(date) !== null) state.date = date;
    else reject('date', date, 'use a calendar date YYYY-MM-DD');
  }
  const view = params.get('view');
  if (view !== null) {
    const parsed = parseView(view);
    if (parsed) state.view = parsed;
    else reject('view', view, 'use lon,lat,zoom with lon −180…180, lat −85…85, zoom 0…22');
  }
  const select = params.get('select');
  if (select !== null && select !== '') state.select = select;
  const mode = params.get('mode');
  if (mode !== null) {
    if ((PLAYBACK_MODES as readonly string[]).includes(mode)) state.mode = mode as PlaybackMode;
    else reject('mode', mode, `use ${PLAYBACK_MODES.join(' or ')}`);
  }
  const windowDays = params.get('window');
  if (windowDays !== null) {
    const n = Number(windowDays);
    if (/^\d+$/.test(windowDays) && n >= 1 && n <= MAX_WINDOW_DAYS) state.window = n;
    else reject('window', windowDays, `use a whole number of days from 1 to ${MAX_WINDOW_DAYS}`);
  }
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
  if (state.date) params.set('date', state.date);
  if (state.view) params.set('view', formatView(state.view));
  if (state.select) params.set('select', state.select);
  if (state.mode) params.set('mode', state.mode);
  if (state.window !== undefined) params.set('window', String(state.window));
  if (state.data) params.set('data', state.data);
  if (state.style) params.set('style', state.style);
  const text = params.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}
