/**
 * Calendar dates without time zones.
 *
 * Dates in a dataset are calendar dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) that mean the same
 * day for every reader, wherever they are. They become whole day numbers (days since
 * 1970-01-01) once, at load; everything after that compares numbers. All arithmetic goes
 * through UTC so the reader's time zone never shifts a date.
 */

/** How precisely a date is known. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A day number: whole days since 1970-01-01. */
export type Day = number;

/** A parsed calendar date: the first and last day it covers, and how precise it is. */
export interface CalendarDate {
  /** The text as written in the dataset. */
  text: string;
  precision: DatePrecision;
  /** First day covered (for `2022-10`, 1 October 2022). */
  start: Day;
  /** Last day covered, inclusive (for `2022-10`, 31 October 2022). */
  end: Day;
}

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The day number of a year, month (1–12) and day; handles years below 100 correctly. */
function dayOf(year: number, month: number, day: number): Day {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return dayOf(year, month + 1, 1) - dayOf(year, month, 1);
}

/**
 * Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the span of days it covers.
 * Returns `null` for any other text and for impossible dates such as `2023-02-30`.
 */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { text, precision: 'year', start: dayOf(year, 1, 1), end: dayOf(year + 1, 1, 1) - 1 };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) {
    const start = dayOf(year, month, 1);
    return { text, precision: 'month', start, end: start + daysInMonth(year, month) - 1 };
  }
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const start = dayOf(year, month, day);
  return { text, precision: 'day', start, end: start };
}

/** Parses a full `YYYY-MM-DD` date into its day number, or `null` when it is not one. */
export function dayFromIso(text: string): Day | null {
  const date = parseCalendarDate(text);
  return date && date.precision === 'day' ? date.start : null;
}

/** The `YYYY-MM-DD` text of a day number. */
export function isoFromDay(day: Day): string {
  const d = new Date(day * MS_PER_DAY);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const date = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${date}`;
}

const formatters = {
  day: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }),
  month: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' }),
  year: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric' }),
};

/**
 * Formats a day at a given precision for people: `27 Jan 2023`, `Oct 2022`, `2022`.
 * A month-precision date is never shown as a made-up exact day.
 */
export function formatDay(day: Day, precision: DatePrecision = 'day'): string {
  return formatters[precision].format(new Date(day * MS_PER_DAY)).replace('Sept', 'Sep');
}

/** Formats a calendar date as precisely as it is known, e.g. `Oct 2022`. */
export function formatCalendarDate(date: CalendarDate): string {
  return formatDay(date.start, date.precision);
}

/** Formats a date with an optional end date as a range: `Oct 2022 – 3 Jan 2023`. */
export function formatSpan(date: CalendarDate, endDate?: CalendarDate): string {
  const from = formatCalendarDate(date);
  return endDate ? `${from} – ${formatCalendarDate(endDate)}` : from;
}

/**
 * Moves a day by whole calendar months, keeping the day of the month where it exists
 * (31 Jan + 1 month is 28 or 29 Feb).
 */
export function addMonths(day: Day, months: number): Day {
  const d = new Date(day * MS_PER_DAY);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1 + months;
  const targetYear = year + Math.floor((month - 1) / 12);
  const targetMonth = ((((month - 1) % 12) + 12) % 12) + 1;
  const date = Math.min(d.getUTCDate(), daysInMonth(targetYear, targetMonth));
  return dayOf(targetYear, targetMonth, date);
}
