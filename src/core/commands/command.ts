/**
 * The one command that moves a map: any subset of date, view, selection, mode, window (its
 * length, or its first and last day), filters and theme.
 *
 * Links, the step API's messages, the `<tension-map>` element's attributes and methods,
 * `window.tensionMap` and the snapshot CLI all produce a `MapCommand` through the field
 * checks here, and `MapState.apply` is the one place that applies it. A rule such as the
 * window's range is therefore written once, and every entry point refuses the same values
 * with the same words.
 */
import { FILTER_VALUES, LIST_FILTERS, type Filters } from '../filter/filters.ts';
import { CALENDARS, LANGUAGES, type Calendar, type Language } from '../i18n/locale.ts';
import { primarySubtag } from '../i18n/localtext.ts';
import { dayFromIso } from '../model/dates.ts';
import { THEMES, type Theme } from '../style/palette.ts';
import { PLAYBACK_MODES, type PlaybackMode } from '../time/timeline.ts';

/** A map view: centre and zoom. */
export interface View {
  lon: number;
  lat: number;
  zoom: number;
}

/**
 * A change of what a map shows. Absent members leave that part as it is; a filter given as
 * an empty list or text clears that filter.
 */
export interface MapCommand extends Filters {
  /** The slider's day, `YYYY-MM-DD`. */
  date?: string;
  view?: View;
  /** An incident or relation event id to select, or `null` to clear the selection. */
  select?: string | null;
  mode?: PlaybackMode;
  /** Window length in days, for window mode. */
  window?: number;
  /**
   * The window's first and last day, `YYYY-MM-DD`, given together: window mode over those
   * days, the slider on `to`. They stand for `mode`, `window` and `date` and win over them.
   */
  from?: string;
  to?: string;
  /** A country whose profile to open (ISO 3166-1 alpha-3), or `null` to close it. */
  profile?: string | null;
  /**
   * The reader's language, one of `LANGUAGES`: the interface's and what the dataset's own
   * text is shown in.
   */
  lang?: Language;
  /** The calendar dates are shown in (`persian` is Persian's own, `gregory` the others'). */
  calendar?: Calendar;
  /**
   * Light or dark map and interface. Absent, the reader's `prefers-color-scheme` decides
   * (and light where nothing says, as in the snapshot CLI).
   */
  theme?: Theme;
}

/** The fields a command may carry, in the order links write them. */
export const COMMAND_FIELDS = [
  'date',
  'view',
  'select',
  'mode',
  'window',
  'from',
  'to',
  'profile',
  ...LIST_FILTERS,
  'q',
  'lang',
  'calendar',
  'theme',
] as const;

/** One of `COMMAND_FIELDS`. */
export type CommandField = (typeof COMMAND_FIELDS)[number];

/** Longest window a command may ask for: about a century. */
export const MAX_WINDOW_DAYS = 36_525;

/** Longest id a command may select; longer ones are refused rather than searched for. */
const MAX_ID_LENGTH = 200;

/** Longest text search a command may carry. */
const MAX_SEARCH_LENGTH = 200;

/** A value read, or why it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A field refused while reading a command, for messages in each entry point's own words. */
export interface FieldProblem {
  field: CommandField;
  /** The value as given, as text. */
  value: string;
  /** What the field takes, to follow "use": `a calendar date YYYY-MM-DD`. */
  expected: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
 * Reads a list filter given as an array of strings or as comma-separated text; every value
 * must fit the field (a code, a known status…). An empty list clears the filter.
 */
function listRule<F extends (typeof LIST_FILTERS)[number]>(field: F) {
  const { pattern, allowed } = FILTER_VALUES[field];
  const fits = (value: unknown): value is string =>
    typeof value === 'string' && pattern.test(value) && (!allowed || allowed.includes(value));
  return {
    expected: allowed
      ? `a list of ${allowed.join(', ')}, separated by commas`
      : field === 'country'
        ? 'a list of ISO 3166-1 alpha-3 codes such as IRN,AZE'
        : 'a list of category ids such as attack,military',
    read: (value: unknown) => {
      const list = typeof value === 'string' ? (value === '' ? [] : value.split(',')) : value;
      return Array.isArray(list) && list.length <= 300 && list.every(fits)
        ? (list as NonNullable<MapCommand[F]>)
        : undefined;
    },
    fromText: (text: string) => text,
  };
}

/** The rule of a field holding a calendar date, `YYYY-MM-DD`. */
const DATE_RULE = {
  expected: 'a calendar date YYYY-MM-DD',
  read: (value: unknown) =>
    typeof value === 'string' && dayFromIso(value) !== null ? value : undefined,
  fromText: (text: string) => text,
};

/**
 * Each field's check: `read` takes the value as a script passes it, `fromText` the value as
 * a link, an attribute or a command line writes it (everything is text there).
 */
const FIELD_RULES: {
  [F in CommandField]: {
    expected: string;
    read: (value: unknown) => MapCommand[F] | undefined;
    fromText: (text: string) => unknown;
  };
} = {
  date: DATE_RULE,
  from: DATE_RULE,
  to: DATE_RULE,
  view: {
    expected: 'lon,lat,zoom with lon −180…180, lat −85…85, zoom 0…22',
    read: readView,
    fromText: (text) => text,
  },
  select: {
    expected: `an id of at most ${MAX_ID_LENGTH} characters, or null`,
    read: (value) =>
      value === null || (typeof value === 'string' && value.length <= MAX_ID_LENGTH)
        ? value
        : undefined,
    fromText: (text) => text,
  },
  mode: {
    expected: PLAYBACK_MODES.join(' or '),
    read: (value) =>
      (PLAYBACK_MODES as readonly unknown[]).includes(value) ? (value as PlaybackMode) : undefined,
    fromText: (text) => text,
  },
  window: {
    expected: `a whole number of days from 1 to ${MAX_WINDOW_DAYS}`,
    read: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_WINDOW_DAYS
        ? value
        : undefined,
    fromText: (text) => (/^\d+$/.test(text) ? Number(text) : text),
  },
  profile: {
    expected: 'an ISO 3166-1 alpha-3 code such as IRN, or null',
    read: (value) =>
      value === null || (typeof value === 'string' && /^[A-Z]{3}$/.test(value)) ? value : undefined,
    fromText: (text) => text,
  },
  category: listRule('category'),
  country: listRule('country'),
  status: listRule('status'),
  precision: listRule('precision'),
  stance: listRule('stance'),
  calendar: {
    expected: CALENDARS.join(' or '),
    read: (value) =>
      (CALENDARS as readonly unknown[]).includes(value) ? (value as Calendar) : undefined,
    fromText: (text) => text,
  },
  q: {
    expected: `words to search for, at most ${MAX_SEARCH_LENGTH} characters`,
    read: (value) =>
      typeof value === 'string' && value.length <= MAX_SEARCH_LENGTH ? value : undefined,
    fromText: (text) => text,
  },
  lang: {
    expected: `a language tag of ${LANGUAGES.join(', ')}`,
    // By primary subtag, as a browser's language list is read: `fa-IR` is Persian.
    read: (value) =>
      typeof value === 'string' && value.length <= 35
        ? LANGUAGES.find((language) => language === primarySubtag(value))
        : undefined,
    fromText: (text) => text,
  },
  theme: {
    expected: THEMES.join(' or '),
    read: (value) =>
      (THEMES as readonly unknown[]).includes(value) ? (value as Theme) : undefined,
    fromText: (text) => text,
  },
};

/** Checks one field of a command, as a script passes it. */
export function readField<F extends CommandField>(field: F, value: unknown): Parsed<MapCommand[F]> {
  const rule = FIELD_RULES[field];
  const read = rule.read(value);
  return read === undefined
    ? { ok: false, reason: `${field} must be ${rule.expected}` }
    : { ok: true, value: read as MapCommand[F] };
}

/**
 * Checks a command object from a message, a custom element's method or `window.tensionMap`.
 * Unknown fields are refused too, so a typo (`data` for `date`) is reported, not ignored;
 * `allowed` names extra fields the caller handles itself (a message's `type`).
 */
export function parseCommand(input: unknown, allowed: readonly string[] = []): Parsed<MapCommand> {
  if (!isRecord(input)) return { ok: false, reason: 'a command must be an object' };
  const known = new Set<string>([...COMMAND_FIELDS, ...allowed]);
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length)
    return { ok: false, reason: `unknown field ${unknown.map((k) => `"${k}"`).join(', ')}` };
  const command: Record<string, unknown> = {};
  for (const field of COMMAND_FIELDS) {
    if (input[field] === undefined) continue;
    const parsed = readField(field, input[field]);
    if (!parsed.ok) return parsed;
    command[field] = parsed.value;
  }
  if (!windowFits(command)) return { ok: false, reason: `from and to must be ${WINDOW_RANGE}` };
  return { ok: true, value: command as MapCommand };
}

/** What the window's range takes, for messages. */
/** What a window's range takes, for messages. */
const WINDOW_RANGE = `given together, in order, at most ${MAX_WINDOW_DAYS} days apart`;

/**
 * Whether a command's `from` and `to` (valid dates, or absent) can be used: both absent, or
 * both given, in order and at most `MAX_WINDOW_DAYS` days long.
 */
function windowFits({ from, to }: MapCommand): boolean {
  if (!from || !to) return !from && !to;
  const days = dayFromIso(to)! - dayFromIso(from)! + 1;
  return days >= 1 && days <= MAX_WINDOW_DAYS;
}

/**
 * Reads a command written as text: a link's parameters, an element's attributes or command
 * line options, given by `text(field)` (`null` or `''` when absent). Bad fields are left
 * out and listed, so the rest still applies.
 */
export function commandFromText(text: (field: CommandField) => string | null | undefined): {
  command: MapCommand;
  problems: FieldProblem[];
} {
  const command: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const field of COMMAND_FIELDS) {
    const value = text(field);
    if (value === null || value === undefined || value === '') continue;
    const rule = FIELD_RULES[field];
    const read = rule.read(rule.fromText(value));
    if (read === undefined || read === null)
      problems.push({ field, value, expected: rule.expected });
    else command[field] = read;
  }
  // A window's range is read whole or not at all.
  if (!windowFits(command)) {
    for (const field of ['from', 'to'] as const) {
      const value = command[field] as string | undefined;
      if (value) problems.push({ field, value, expected: WINDOW_RANGE });
      delete command[field];
    }
  }
  return { command: command as MapCommand, problems };
}
