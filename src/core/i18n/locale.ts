/**
 * The reader's language: which one, which way it is written, and dates and numbers in its
 * own form and calendar.
 *
 * Seven languages: English, Persian, Arabic, Hebrew, Azerbaijani (Latin script), Turkish and
 * Russian. Persian dates are in the Solar Hijri calendar unless the reader asks for the
 * Gregorian one. A date is never shown more precisely than the data knows it: a month that
 * spans two months of another calendar is shown as the span of days, and a year stays a
 * year (of the calendar it was given in).
 */
import type { CalendarDate, DatePrecision, Day } from '../model/dates.ts';

/** The languages the interface speaks. */
export const LANGUAGES = ['en', 'fa', 'ar', 'he', 'az', 'tr', 'ru'] as const;

/** One of `LANGUAGES`. */
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fa: 'فارسی',
  ar: 'العربية',
  he: 'עברית',
  az: 'Azərbaycanca',
  tr: 'Türkçe',
  ru: 'Русский',
};

/** Calendars dates can be shown in. */
export const CALENDARS = ['gregory', 'persian'] as const;

/** One of `CALENDARS`. */
export type Calendar = (typeof CALENDARS)[number];

/** The languages written right to left. */
const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(['fa', 'ar', 'he']);

/** Which way a language is written: the `dir` of the map's root. */
export function direction(language: Language): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/**
 * The first of `candidates` (a link's `lang`, the element's attribute, the browser's
 * languages, in that order) the interface speaks, by primary subtag (`fa-IR` is Persian);
 * English when none is.
 */
export function chooseLanguage(candidates: readonly (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const primary = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const found = LANGUAGES.find((language) => language === primary);
    if (found) return found;
  }
  return 'en';
}

/** The calendar a language shows dates in unless the reader chose: Solar Hijri for Persian. */
export function defaultCalendar(language: Language): Calendar {
  return language === 'fa' ? 'persian' : 'gregory';
}

/**
 * The BCP 47 tag `Intl` formats with: the language's digits (Persian and Arabic-Indic for
 * Persian and Arabic; Latin elsewhere) and the calendar.
 */
export function localeTag(language: Language, calendar: Calendar): string {
  const base = { en: 'en-GB', fa: 'fa', ar: 'ar', he: 'he', az: 'az-Latn', tr: 'tr', ru: 'ru' }[
    language
  ];
  const digits = language === 'fa' ? '-nu-arabext' : language === 'ar' ? '-nu-arab' : '';
  return `${base}-u-ca-${calendar}${digits}`;
}

/**
 * A message catalogue's lookup: the text of `key` in the reader's language with `values`
 * put in (numbers in the language's digits; `count` also picks the plural form).
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * What code that builds sentences (announcements, the legend, exported images) needs to
 * speak the reader's language, so it can stay pure and take the language as a value.
 */
export interface Speaker {
  language: Language;
  calendar: Calendar;
  t: Translate;
  /** A country's name in the language, from its ISO 3166-1 alpha-3 code. */
  country(iso3: string): string;
  /** A dataset date at its precision, with an optional end: `Oct 2022 – 3 Jan 2023`. */
  date(date: CalendarDate, endDate?: CalendarDate): string;
  /** A day: `27 Jan 2023`, `۷ بهمن ۱۴۰۱`. */
  day(day: Day): string;
  /** A number in the language's digits. */
  number(value: number): string;
}

const MS_PER_DAY = 86_400_000;

/** Formatters are costly to create and dates are formatted by the hundred: keep them. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC date formatter for a locale tag and options, made once and kept. */
export function formatter(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
    formatters.set(key, found);
  }
  return found;
}

const DAY_OPTIONS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/** A day in a language and calendar: `27 Jan 2023`, `۷ بهمن ۱۴۰۱`. */
export function formatDayIn(day: Day, language: Language, calendar: Calendar): string {
  const text = formatter(localeTag(language, calendar), DAY_OPTIONS).format(day * MS_PER_DAY);
  // British English abbreviates September as "Sept"; the app has always written "Sep".
  return language === 'en' ? text.replace('Sept', 'Sep') : text;
}

/**
 * A dataset's date at its own precision, in a language and calendar. Dates are Gregorian in
 * the data: a month is one month in the Gregorian calendar (`اکتبر ۲۰۲۲`, `Oct 2022` in
 * English, whose interface abbreviates months everywhere) and the span of
 * its days in another (`۹ مهر تا ۹ آبان ۱۴۰۱`), and a year is the Gregorian year in the
 * language's digits.
 */
export function formatDateIn(date: CalendarDate, language: Language, calendar: Calendar): string {
  return formatPrecise(date.start, date.end, date.precision, language, calendar);
}

function formatPrecise(
  start: Day,
  end: Day,
  precision: DatePrecision,
  language: Language,
  calendar: Calendar,
): string {
  if (precision === 'day') return formatDayIn(start, language, calendar);
  const gregorian = localeTag(language, 'gregory');
  if (precision === 'year')
    return formatter(gregorian, { year: 'numeric' }).format(start * MS_PER_DAY);
  if (calendar === 'gregory') {
    const month = language === 'en' ? 'short' : 'long';
    return formatter(gregorian, { month, year: 'numeric' }).format(start * MS_PER_DAY);
  }
  return formatter(localeTag(language, calendar), DAY_OPTIONS).formatRange(
    start * MS_PER_DAY,
    end * MS_PER_DAY,
  );
}

/**
 * A date with an optional end date as a range (`Oct 2022 – 3 Jan 2023`), each at its own
 * precision. The dash is isolated from the dates' direction by the caller's markup.
 */
export function formatSpanIn(
  date: CalendarDate,
  endDate: CalendarDate | undefined,
  language: Language,
  calendar: Calendar,
): string {
  const from = formatDateIn(date, language, calendar);
  return endDate ? `${from} – ${formatDateIn(endDate, language, calendar)}` : from;
}

/** A number in the language's digits and grouping: `1,234`, `۱٬۲۳۴`, `١٬٢٣٤`. */
export function formatNumberIn(value: number, language: Language): string {
  let found = numberFormats.get(language);
  if (!found) {
    found = new Intl.NumberFormat(localeTag(language, 'gregory'));
    numberFormats.set(language, found);
  }
  return found.format(value);
}

const numberFormats = new Map<Language, Intl.NumberFormat>();
