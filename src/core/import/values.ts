/**
 * Cell values to dataset values: dates written the ways spreadsheets write them, numbers
 * with a decimal comma, country names and codes, links.
 *
 * Every parser returns `undefined` for a value it cannot read rather than guessing; the
 * caller says which cell it was.
 */
import countriesLib from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import { countryByCode, countryName, suggestCountryCodes } from '../model/countries.ts';
import { parseCalendarDate } from '../model/dates.ts';

countriesLib.registerLocale(english);

/** How a date written `01/02/2023` is read: day first (1 February) or month first (2 January). */
export type DateOrder = 'dmy' | 'mdy';

/** Lower case, no accents, only letters and digits: how headers and words are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The month (1–12) an English month name or its abbreviation (`Jan`, `Sept`) names. */
function monthFromName(word: string): number | undefined {
  const w = fold(word);
  if (w.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return index === -1 ? undefined : index + 1;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Our date text for a year, month and day, or `undefined` when the day does not exist. */
function isoDate(year: number, month?: number, day?: number): string | undefined {
  if (year < 1 || year > 9999) return undefined;
  let text = pad(year, 4);
  if (month !== undefined) text += `-${pad(month)}`;
  if (day !== undefined) text += `-${pad(day)}`;
  return parseCalendarDate(text) ? text : undefined;
}

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * The two leading numbers of a date written `27/01/2023` (also with `.` or `-`), which
 * decide its day-month order; `undefined` for other forms.
 */
export function numericDateParts(text: string): [number, number] | undefined {
  const m = NUMERIC_DATE.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * The day-month order of a column of numeric dates: day first when any first number is
 * over 12 (`27/01/2023`), month first when any second number is (`01/27/2023`). `'mixed'`
 * when both occur, `'unknown'` when no date decides it and some could be read either way
 * (`03/04/2023`), `'none-needed'` when no date is ambiguous (no numeric dates, or only
 * ones such as `05/05/2023`).
 */
export function inferDateOrder(
  values: Iterable<string>,
): DateOrder | 'mixed' | 'unknown' | 'none-needed' {
  let dayFirst = false;
  let monthFirst = false;
  let ambiguous = false;
  for (const value of values) {
    const parts = numericDateParts(value);
    if (!parts) continue;
    const [a, b] = parts;
    if (a > 12) dayFirst = true;
    else if (b > 12) monthFirst = true;
    else if (a !== b) ambiguous = true;
  }
  if (dayFirst && monthFirst) return 'mixed';
  if (dayFirst) return 'dmy';
  if (monthFirst) return 'mdy';
  return ambiguous ? 'unknown' : 'none-needed';
}

/** A date cell as our date text, or why it cannot be read. */
export type DateReading = { date: string } | { error: 'not-a-date' | 'order-unknown' };

/**
 * Reads a date cell as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping its precision: ISO dates
 * (`2023-01-27`, `2023-1-27`, `2023/01/27`, and the date part of `2023-01-27T10:00:00Z`),
 * `2023-01` and `2023`, written-out dates (`27 January 2023`, `January 27, 2023`,
 * `27 Jan 2023`, `January 2023`), numeric dates (`27/01/2023`, `27.01.2023`) in the given
 * day-month order (needed only when both numbers are 12 or less and differ), and times in
 * milliseconds since 1970 (`1674813600000`, as GeoJSON feeds write them), taken in UTC.
 */
export function parseDateCell(cell: string, order?: DateOrder): DateReading {
  const text = cell.trim();
  const fail = { error: 'not-a-date' } as const;
  if (text === '') return fail;
  let m = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?$/.exec(text);
  if (m) {
    const date = isoDate(
      Number(m[1]),
      m[2] === undefined ? undefined : Number(m[2]),
      m[3] === undefined ? undefined : Number(m[3]),
    );
    return date ? { date } : fail;
  }
  const parts = numericDateParts(text);
  if (parts) {
    const [a, b] = parts;
    const year = Number(NUMERIC_DATE.exec(text)![3]);
    let dayFirst: boolean;
    if (a > 12) dayFirst = true;
    else if (b > 12) dayFirst = false;
    else if (a === b) dayFirst = true;
    else if (order) dayFirst = order === 'dmy';
    else return { error: 'order-unknown' };
    const date = dayFirst ? isoDate(year, b, a) : isoDate(year, a, b);
    return date ? { date } : fail;
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([\p{L}.]+),?\s+(\d{4})$/u.exec(text);
  if (m) {
    const month = monthFromName(m[2]!);
    const date = month ? isoDate(Number(m[3]), month, Number(m[1])) : undefined;
    return date ? { date } : fail;
  }
  m = /^([\p{L}.]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u.exec(text);
  if (m) {
    const month = monthFromName(m[1]!);
    const date = month ? isoDate(Number(m[3]), month, Number(m[2])) : undefined;
    return date ? { date } : fail;
  }
  m = /^([\p{L}.]+),?\s+(\d{4})$/u.exec(text);
  if (m) {
    const month = monthFromName(m[1]!);
    const date = month ? isoDate(Number(m[2]), month) : undefined;
    return date ? { date } : fail;
  }
  if (/^-?\d{11,13}(\.\d+)?$/.test(text)) {
    const time = new Date(Number(text));
    if (Number.isNaN(time.getTime())) return fail;
    const date = isoDate(time.getUTCFullYear(), time.getUTCMonth() + 1, time.getUTCDate());
    return date ? { date } : fail;
  }
  return fail;
}

/**
 * A number cell: `48.85`, `-0.5`, `1e3`, and with a decimal comma (`48,85`, as Excel
 * writes in much of Europe) when the cell has no point. `undefined` for anything else.
 */
export function parseNumberCell(cell: string): number | undefined {
  let text = cell.trim().replace(/^\+/, '');
  if (/^-?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A count cell (fatalities, injured): a whole number of 0 or more, with thousands
 * separators allowed (`1,234`, `1 234`). `undefined` for anything else.
 */
export function parseCountCell(cell: string): number | undefined {
  const text = cell.trim().replace(/(?<=\d)[, \u00a0\u202f](?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.0+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A country cell's reading: the ISO alpha-3 code, or the codes it may have meant. */
export type CountryReading = { code: string } | { suggestions: string[] };

/**
 * Reads one country: an ISO alpha-3 code in any case, an alpha-2 code, or an English name
 * (official or common, as i18n-iso-countries knows them: "Iran", "Iran, Islamic Republic
 * of", "Russia"). Otherwise the codes it may have meant, for the problem.
 */
export function parseCountry(cell: string): CountryReading {
  const text = cell.trim();
  const upper = text.toUpperCase();
  if (countryByCode(upper)) return { code: upper };
  if (/^[A-Z]{2}$/.test(upper)) {
    const code = countriesLib.alpha2ToAlpha3(upper);
    if (code && countryByCode(code)) return { code };
  }
  const named =
    countriesLib.getAlpha3Code(text, 'en') ?? countriesLib.getSimpleAlpha3Code(text, 'en');
  if (named && countryByCode(named)) return { code: named };
  const suggestions = suggestCountryCodes(text);
  // The app's own name for a country ("Türkiye") is as good as a code; a near miss is not.
  const only = suggestions.length === 1 ? suggestions[0]! : undefined;
  if (only !== undefined && fold(countryName(only)) === fold(text)) return { code: only };
  return { suggestions };
}

/** The countries in a cell, separated by `;` (also `,` or `|`). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;|,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whether a cell is a web address we accept as a source. */
export function isWebAddress(cell: string): boolean {
  return /^https?:\/\/\S+$/i.test(cell.trim());
}

/** The web addresses in a cell: one, or several separated by spaces or `;`. */
export function splitUrls(cell: string): string[] {
  return cell
    .split(/[\s;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
