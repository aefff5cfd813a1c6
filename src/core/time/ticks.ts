/**
 * The dates written under the timeline: a few ticks at the starts of years, months or days of
 * the reader's calendar (Solar Hijri years begin at Nowruz, not in January), the finest that
 * leaves every label room, so labels never overlap whatever the range, width and language.
 */
import { formatter, localeTag, type Calendar, type Language } from '../i18n/locale.ts';
import type { Day } from '../model/dates.ts';
import type { DateRange } from './timeline.ts';

const MS_PER_DAY = 86_400_000;

const PARTS_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
};

/** A day's year, month (1–12) and day of the month in a calendar. */
export interface CalendarParts {
  year: number;
  month: number;
  day: number;
}

/**
 * A day's place in `calendar`: Gregorian, or Solar Hijri (`persian`), whose years begin at
 * Nowruz around 21 March and whose months do not follow the Gregorian ones.
 */
export function calendarParts(day: Day, calendar: Calendar): CalendarParts {
  const parts = formatter(`en-u-ca-${calendar}`, PARTS_OPTIONS).formatToParts(day * MS_PER_DAY);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** How much of a date a timeline's axis label shows. */
type TickLabel = 'year' | 'month-year' | 'month' | 'day';

const TICK_OPTIONS: Record<TickLabel, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric' },
  'month-year': { month: 'short', year: 'numeric' },
  month: { month: 'short' },
  day: { day: 'numeric', month: 'short' },
};

/** A short label of a day for a time axis, in a language and calendar: `2023`, `Jan`, `۷ بهمن`. */
export function formatTickIn(
  day: Day,
  label: TickLabel,
  language: Language,
  calendar: Calendar,
): string {
  const text = formatter(localeTag(language, calendar), TICK_OPTIONS[label]).format(
    day * MS_PER_DAY,
  );
  return language === 'en' ? text.replace('Sept', 'Sep') : text;
}

/** One label of the axis. */
export interface AxisTick {
  day: Day;
  label: string;
  /** The tick's distance from the axis's start edge, in CSS pixels; the label starts there. */
  offset: number;
}

/** What the labels are measured with and how far apart they must be. */
export interface AxisOptions {
  language: Language;
  calendar: Calendar;
  /** A label's width in CSS pixels, as the page draws it. */
  measure: (label: string) => number;
  /** Least distance between two ticks, so the axis stays a few labels; 72 px unless given. */
  minSpacing?: number;
}

/** Room left after each label before the next one starts. */
const GAP = 12;

type Unit = 'day' | 'month' | 'year';

/** The ticks tried, finest first: every Nth day, month or year of the calendar. */
const LEVELS: readonly { unit: Unit; step: number; days: number }[] = [
  ...[1, 2, 7, 14].map((step) => ({ unit: 'day' as const, step, days: step })),
  ...[1, 2, 3, 6].map((step) => ({ unit: 'month' as const, step, days: step * 30.44 })),
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 500].map((step) => ({
    unit: 'year' as const,
    step,
    days: step * 365.25,
  })),
];

/**
 * The labelled ticks of an axis `width` CSS pixels wide showing `range` (inclusive, one
 * equal share of the width per day): the finest level whose labels each end at least `GAP`
 * before the next starts and `minSpacing` apart. A label that would run past the end is left
 * out; an axis too narrow for any gets none.
 */
export function axisTicks(range: DateRange, width: number, options: AxisOptions): AxisTick[] {
  const days = range.end - range.start + 1;
  if (width <= 0 || days <= 0) return [];
  const minSpacing = options.minSpacing ?? 72;
  const { language, calendar, measure } = options;
  const offset = (day: Day) => ((day - range.start) / days) * width;
  const starts = new Map<Unit, { day: Day; parts: CalendarParts }[]>();
  for (const level of LEVELS) {
    // Levels that cannot leave `minSpacing` between ticks are not even listed.
    if ((level.days / days) * width < minSpacing) continue;
    if (!starts.has(level.unit)) starts.set(level.unit, unitStarts(range, level.unit, calendar));
    const chosen = starts.get(level.unit)!.filter(({ parts }) => {
      if (level.unit === 'year') return parts.year % level.step === 0;
      if (level.unit === 'month') return (parts.month - 1) % level.step === 0;
      // Days whose next tick is `step` days on, or the next month's first.
      return (parts.day - 1) % level.step === 0 && parts.day + level.step - 1 <= 28;
    });
    const ticks = chosen.map(({ day, parts }, k) => {
      const label: TickLabel =
        level.unit === 'year'
          ? 'year'
          : level.unit === 'day'
            ? 'day'
            : k === 0 || parts.month === 1
              ? 'month-year'
              : 'month';
      return { day, label: formatTickIn(day, label, language, calendar), offset: offset(day) };
    });
    const fits = ticks.every((tick, k) => {
      const next = ticks[k + 1];
      if (!next) return true;
      const room = next.offset - tick.offset;
      return room >= minSpacing && room >= measure(tick.label) + GAP;
    });
    if (!fits) continue;
    return ticks.filter((tick) => tick.offset + measure(tick.label) <= width);
  }
  return [];
}

/** The first days of the calendar's years, months or days within the range. */
function unitStarts(
  range: DateRange,
  unit: Unit,
  calendar: Calendar,
): { day: Day; parts: CalendarParts }[] {
  const out: { day: Day; parts: CalendarParts }[] = [];
  const at = (day: Day) => ({ day, parts: calendarParts(day, calendar) });
  if (unit === 'day') {
    for (let day = range.start; day <= range.end; day++) out.push(at(day));
    return out;
  }
  let start = monthStartOf(range.start, calendar);
  if (unit === 'year') {
    // Back to the year's first month, then forward a year at a time.
    for (let p = calendarParts(start, calendar); p.month !== 1;) {
      start = monthStartOf(start - 1, calendar);
      p = calendarParts(start, calendar);
    }
    for (let day = start; day <= range.end; day = nextYearStart(day, calendar)) {
      if (day >= range.start) out.push(at(day));
    }
    return out;
  }
  // Any month is at most 31 days long, so 32 days on is within the next one.
  for (let day = start; day <= range.end; day = monthStartOf(day + 32, calendar)) {
    if (day >= range.start) out.push(at(day));
  }
  return out;
}

/** The first day of the calendar month holding `day`. */
function monthStartOf(day: Day, calendar: Calendar): Day {
  return day - (calendarParts(day, calendar).day - 1);
}

/** The first day of the calendar year after the one starting on `start`. */
function nextYearStart(start: Day, calendar: Calendar): Day {
  // About two weeks into the next year's first month, whatever the leap days.
  let day = monthStartOf(start + 380, calendar);
  for (let month = calendarParts(day, calendar).month; month !== 1;) {
    day = month > 6 ? monthStartOf(day + 32, calendar) : monthStartOf(day - 1, calendar);
    month = calendarParts(day, calendar).month;
  }
  return day;
}
