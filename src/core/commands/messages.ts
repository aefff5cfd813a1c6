/**
 * The step API's messages: what a host page may send to an embedded map, and what the map
 * sends back. Input comes from other windows, so it is checked field by field and anything
 * malformed is refused with a reason, never thrown.
 */
import { dayFromIso } from '../model/dates.ts';
import { PLAYBACK_MODES, type PlaybackMode } from '../time/timeline.ts';
import { MAX_WINDOW_DAYS, parseView, type View } from './urlstate.ts';

/** A command moving the map: any subset of date, view, selection, mode and window. */
export interface StepCommand {
  date?: string;
  view?: View;
  /** An id to select, or `null` to clear the selection. */
  select?: string | null;
  mode?: PlaybackMode;
  window?: number;
}

/** Message types, prefixed so they never collide with other scripts' messages. */
export const SET = 'tension-map:set';
export const READY = 'tension-map:ready';
export const STATE = 'tension-map:state';
export const HEIGHT = 'tension-map:height';

const FIELDS = new Set(['type', 'date', 'view', 'select', 'mode', 'window']);
const MAX_ID_LENGTH = 200;

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a view given as `"lon,lat,zoom"`, `[lon, lat, zoom]` or `{ lon, lat, zoom }`. */
function readView(value: unknown): View | undefined {
  if (typeof value === 'string') return parseView(value);
  if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'number')) {
    return parseView(value.join(','));
  }
  if (isRecord(value) && ['lon', 'lat', 'zoom'].every((k) => typeof value[k] === 'number')) {
    return parseView(`${String(value.lon)},${String(value.lat)},${String(value.zoom)}`);
  }
  return undefined;
}

/**
 * Checks the fields of a command, from a message or from a custom element's method call.
 * Unknown fields are refused too, so a typo (`data` for `date`) is reported, not ignored.
 */
export function parseCommand(input: unknown): Parsed<StepCommand> {
  if (!isRecord(input)) return { ok: false, reason: 'a command must be an object' };
  const unknown = Object.keys(input).filter((key) => !FIELDS.has(key));
  if (unknown.length)
    return { ok: false, reason: `unknown field ${unknown.map((k) => `"${k}"`).join(', ')}` };
  const command: StepCommand = {};
  const { date, view, select, mode, window } = input;
  if (date !== undefined) {
    if (typeof date !== 'string' || dayFromIso(date) === null) {
      return { ok: false, reason: 'date must be a YYYY-MM-DD string' };
    }
    command.date = date;
  }
  if (view !== undefined) {
    const parsed = readView(view);
    if (!parsed) return { ok: false, reason: 'view must be "lon,lat,zoom" within range' };
    command.view = parsed;
  }
  if (select !== undefined) {
    if (select !== null && (typeof select !== 'string' || select.length > MAX_ID_LENGTH)) {
      return { ok: false, reason: 'select must be an id string or null' };
    }
    command.select = select;
  }
  if (mode !== undefined) {
    if (!(PLAYBACK_MODES as readonly unknown[]).includes(mode)) {
      return { ok: false, reason: `mode must be ${PLAYBACK_MODES.join(' or ')}` };
    }
    command.mode = mode as PlaybackMode;
  }
  if (window !== undefined) {
    if (
      typeof window !== 'number' ||
      !Number.isInteger(window) ||
      window < 1 ||
      window > MAX_WINDOW_DAYS
    ) {
      return {
        ok: false,
        reason: `window must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}`,
      };
    }
    command.window = window;
  }
  return { ok: true, value: command };
}

/**
 * Reads a message sent to an embedded map. Messages of other types (other scripts on the
 * page talk through postMessage too) give `null`: they are not for us and not an error.
 */
export function parseSetMessage(data: unknown): Parsed<StepCommand> | null {
  if (!isRecord(data) || data.type !== SET) return null;
  return parseCommand(data);
}

/**
 * Whether a message's origin may drive the map. An empty list allows any origin (the
 * default, as for any embed); otherwise the origin must be listed exactly.
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.includes(origin);
}

/** Reads a comma-separated list of origins (`https://a.example,https://b.example`). */
export function parseOrigins(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => {
      try {
        return new URL(part).origin === part;
      } catch {
        return false;
      }
    });
}
