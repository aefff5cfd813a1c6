/**
 * The time filter as a plain value, and the rules for what it shows.
 *
 * The map applies these same rules in the incident layer's shader
 * (`src/render/incidents/incident.vert.glsl`) and CPU picking (`src/render/incidents/pick.ts`),
 * and in the labels' filter expression (`src/render/labels/layer.ts`); the functions here are
 * the reference those are tested against, and what the event list and counts use.
 */
import { addMonths, type Day } from '../model/dates.ts';

/** Cumulative: everything up to the date, older incidents fading. Window: the last N days. */
export type PlaybackMode = 'cumulative' | 'window';

/** The two playback modes, for pickers and URL parsing. */
export const PLAYBACK_MODES: readonly PlaybackMode[] = ['cumulative', 'window'];

/** The slider's position and mode. */
export interface TimeFilter {
  day: Day;
  mode: PlaybackMode;
  /** Length of the window in days, including the slider's day. */
  windowDays: number;
}

/** First and last day of a dataset, inclusive. */
export interface DateRange {
  start: Day;
  end: Day;
}

/** Days over which an incident fades in cumulative mode, after it ends. */
export const FADE_DAYS = 90;

/** Opacity an old incident fades to, so it stays visible as context. */
export const FADED_OPACITY = 0.35;

/**
 * Whether an incident spanning `start`..`end` (inclusive day numbers) is shown.
 * Cumulative mode shows it from its first day on; window mode while it overlaps the last
 * `windowDays` days up to the slider's day.
 */
export function isIncidentShown(filter: TimeFilter, start: Day, end: Day): boolean {
  if (start > filter.day) return false;
  return filter.mode === 'cumulative' || end > filter.day - filter.windowDays;
}

/**
 * Opacity of a shown incident: full while it is current, then fading linearly over
 * `FADE_DAYS` to `FADED_OPACITY` in cumulative mode. Window mode never fades.
 */
export function incidentOpacity(filter: TimeFilter, end: Day): number {
  if (filter.mode === 'window') return 1;
  const age = Math.min(Math.max(filter.day - end, 0), FADE_DAYS);
  return 1 - (1 - FADED_OPACITY) * (age / FADE_DAYS);
}

/** Clamps a day into a range. */
export function clampDay(day: Day, range: DateRange): Day {
  return Math.min(Math.max(day, range.start), range.end);
}

/** A slider step: days, calendar months or calendar years (see `playback.ts`). */
export type StepUnit = 'day' | 'month' | 'year';

/** The day `delta` steps of `unit` away from `day`, kept within the range. */
export function stepDay(day: Day, unit: StepUnit, delta: number, range: DateRange): Day {
  const next = unit === 'day' ? day + delta : addMonths(day, unit === 'month' ? delta : 12 * delta);
  return clampDay(next, range);
}

/**
 * The slider's range for a dataset spanning `first`..`last`: it starts a few days early, so
 * the first position shows the map before anything happened, and ends on the last day.
 */
export function sliderRange(first: Day, last: Day, lead = 7): DateRange {
  return { start: first - lead, end: last };
}
