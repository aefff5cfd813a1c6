/**
 * How fast and in what steps the slider moves, chosen from the dataset's range.
 *
 * A six-month story plays in weeks and moves a day per arrow key; the Correlates of War's
 * two centuries play in years and move a month or a year per key. A century plays in under a
 * minute at the fastest speed offered, and playback never ticks more than ten times a second
 * (each tick is a repaint), taking bigger steps instead.
 */
import type { DateRange, StepUnit } from './timeline.ts';

/** A playback speed: the days one second of playback covers, and its name. */
export interface Speed {
  days: number;
  label: string;
}

/** Every speed the slider can offer, slowest first. */
export const SPEED_LADDER: readonly Speed[] = [
  { days: 1, label: '1 day/s' },
  { days: 7, label: '1 week/s' },
  { days: 30, label: '1 month/s' },
  { days: 91, label: '3 months/s' },
  { days: 365, label: '1 year/s' },
  { days: 1826, label: '5 years/s' },
  { days: 3652, label: '10 years/s' },
  { days: 9131, label: '25 years/s' },
];

/** Longest a play through the whole range may take at the fastest speed offered. */
export const LONGEST_PLAY_SECONDS = 20;

/** How many speeds the slider offers. */
const OFFERED = 3;

/** The lowest fastest speed: short stories keep week, month and three-month speeds. */
const MIN_FASTEST = 3;

/**
 * The speeds offered for a range, slowest first: three neighbours on `SPEED_LADDER` whose
 * fastest plays the whole range in at most `LONGEST_PLAY_SECONDS`, and never slower than
 * 1 week/s, 1 month/s and 3 months/s.
 */
export function playbackSpeeds(range: DateRange): Speed[] {
  const days = Math.max(range.end - range.start, 1);
  let fastest = SPEED_LADDER.findIndex((speed) => days / speed.days <= LONGEST_PLAY_SECONDS);
  if (fastest < 0) fastest = SPEED_LADDER.length - 1;
  fastest = Math.max(fastest, MIN_FASTEST);
  return SPEED_LADDER.slice(fastest - OFFERED + 1, fastest + 1);
}

/** The speed offered for a range that plays at `days` per second, else its middle speed. */
export function speedFor(range: DateRange, days: number): number {
  const speeds = playbackSpeeds(range);
  return (speeds.find((speed) => speed.days === days) ?? speeds[1]!).days;
}

/** One tick of playback: a step of `count` units every `interval` milliseconds. */
export interface PlaybackTick {
  unit: StepUnit;
  count: number;
  interval: number;
}

/** Most ticks per second: each one is a repaint. */
const MAX_TICKS_PER_SECOND = 10;

/** Average days in a calendar month and year, to turn a speed into calendar steps. */
const DAYS_PER_MONTH = 30.44;
const DAYS_PER_YEAR = 365.25;

/**
 * The ticks that play at `days` per second: days below a year a second, calendar months up
 * to ten years a second, calendar years beyond, so a long step lands on the same day of the
 * month or year as it started.
 */
export function playbackTick(days: number): PlaybackTick {
  const [unit, size]: [StepUnit, number] =
    days < 365 ? ['day', 1] : days < 3652 ? ['month', DAYS_PER_MONTH] : ['year', DAYS_PER_YEAR];
  const unitsPerSecond = days / size;
  const count = Math.max(1, Math.ceil(unitsPerSecond / MAX_TICKS_PER_SECOND - 1e-9));
  return { unit, count, interval: (1000 * count) / unitsPerSecond };
}

/** What the keyboard moves the slider by: arrow keys, and Page Up / Page Down. */
export interface KeyboardSteps {
  arrow: { unit: StepUnit; count: number };
  page: { unit: StepUnit; count: number };
}

/**
 * Keyboard steps for a range: a day and a month within about three years, a month and a
 * year within about sixty, a year and ten years beyond, so every key press visibly moves a
 * thumb that has tens of thousands of positions.
 */
export function keyboardSteps(range: DateRange): KeyboardSteps {
  const years = (range.end - range.start) / DAYS_PER_YEAR;
  if (years <= 3) return { arrow: { unit: 'day', count: 1 }, page: { unit: 'month', count: 1 } };
  if (years <= 60) return { arrow: { unit: 'month', count: 1 }, page: { unit: 'year', count: 1 } };
  return { arrow: { unit: 'year', count: 1 }, page: { unit: 'year', count: 10 } };
}
