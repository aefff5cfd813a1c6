/**
 * Checks of single typed values: text, dates, counts, choices from a fixed list, and lists
 * of items. Each reports what is wrong through the run's context and returns the value when
 * it is valid, `undefined` when not.
 */
import { parseCalendarDate, type CalendarDate } from '../model/dates.ts';
import { report, type Choices, type Context } from './context.ts';
import { describe, quote, show } from './wording.ts';

/** A JSON object as parsed: its members are not checked yet. */
export type Json = Record<string, unknown>;

/** Whether a value is a JSON object (not `null`, not a list). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent or `null`: both mean "not given" for an optional property. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** Whether a value is a number other than NaN and ±Infinity (which a parsed value may hold). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks every item of a list at `path[i]` and keeps the valid ones, in order. */
export function checkItems<T>(
  path: string,
  items: readonly unknown[],
  check: (path: string, item: unknown) => T | undefined,
): T[] {
  const valid: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = check(`${path}[${i}]`, items[i]);
    if (item !== undefined) valid.push(item);
  }
  return valid;
}

/** How to ask for a required, non-empty list: what to write when it is missing or empty. */
export interface ListWording {
  missing: string;
  /** The list described with an example, as in `must be a list of sources such as […]`. */
  list: string;
  empty: string;
}

/** A required list with at least one item; the valid items, or `undefined` without a list. */
export function checkList<T>(
  ctx: Context,
  path: string,
  value: unknown,
  wording: ListWording,
  check: (path: string, item: unknown) => T | undefined,
): T[] | undefined {
  if (value === undefined) {
    report(ctx, path, `is missing; ${wording.missing}`);
  } else if (!Array.isArray(value)) {
    report(ctx, path, `must be ${wording.list}, not ${describe(value)}`);
  } else if (value.length === 0) {
    report(ctx, path, `is empty; ${wording.empty}`);
  } else {
    return checkItems(path, value, check);
  }
  return undefined;
}

/** A GeoJSON `type` member, which must be exactly `expected`; `missing` says what to write. */
export function checkType(ctx: Context, value: unknown, expected: string, missing: string): void {
  if (value === undefined) report(ctx, 'type', `is missing; ${missing}`);
  else if (value !== expected) report(ctx, 'type', `${show(value)} must be "${expected}"`);
}

/** A required, non-blank string. */
export function checkText(ctx: Context, path: string, value: unknown): string | undefined {
  if (value === undefined) {
    report(ctx, path, 'is missing');
  } else if (typeof value !== 'string') {
    report(ctx, path, `must be text, not ${describe(value)}`);
  } else if (value.trim() === '') {
    report(ctx, path, 'is empty');
  } else {
    return value;
  }
  return undefined;
}

/** An optional string; `undefined` when absent or wrong. */
export function checkOptionalText(ctx: Context, path: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  report(ctx, path, `must be text, not ${describe(value)}`);
  return undefined;
}

const DATE_FORMS = 'use YYYY, YYYY-MM or YYYY-MM-DD';
const DATE_WITH_TIME = /^\d{4}-\d{2}-\d{2}[T ]/;

/** A required date (`required`) or an optional one, parsed to its day span. */
export function checkDate(
  ctx: Context,
  path: string,
  value: unknown,
  required: boolean,
): CalendarDate | undefined {
  if (isAbsent(value)) {
    if (required) report(ctx, path, `is missing; ${DATE_FORMS}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    report(
      ctx,
      path,
      `must be a date written as text such as "2023-02-14", not ${describe(value)}`,
    );
    return undefined;
  }
  let date = ctx.dates.get(value);
  if (date === undefined) {
    date = parseCalendarDate(value);
    ctx.dates.set(value, date);
  }
  if (!date) {
    const hint = DATE_WITH_TIME.test(value)
      ? 'use YYYY-MM-DD without a time or time zone'
      : DATE_FORMS;
    report(ctx, path, `${quote(value)} is not a calendar date; ${hint}`);
  }
  return date ?? undefined;
}

/** An end date that must not end before the start date begins. */
export function checkEndDate(
  ctx: Context,
  value: unknown,
  date: CalendarDate | undefined,
): CalendarDate | undefined {
  const endDate = checkDate(ctx, 'properties.end_date', value, false);
  if (endDate && date && endDate.end < date.start) {
    report(ctx, 'properties.end_date', `${endDate.text} is before properties.date ${date.text}`);
  }
  return endDate;
}

/** Integer counts such as fatalities: whole numbers of zero or more. */
export function checkCount(ctx: Context, path: string, value: unknown): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  report(ctx, path, `must be a whole number of 0 or more, not ${describe(value)}`);
  return undefined;
}

/** The allowed values of a fixed list; `advice` defaults to naming them all. */
export function choices(values: Iterable<string>, noun: string, advice?: string): Choices {
  const allowed = new Set(values);
  return { allowed, noun, advice: advice ?? `use one of ${[...allowed].join(', ')}` };
}

/** One value of a fixed list (stance, precision, status, category). */
export function checkChoice<T extends string>(
  ctx: Context,
  path: string,
  value: unknown,
  { allowed, noun, advice }: Choices,
): T | undefined {
  if (typeof value === 'string' && allowed.has(value)) return value as T;
  if (value === undefined) {
    report(ctx, path, `is missing; ${advice}`);
  } else if (typeof value !== 'string') {
    report(ctx, path, `must be text, not ${describe(value)}; ${advice}`);
  } else {
    const lower = value.trim().toLowerCase();
    const hint = lower !== value && allowed.has(lower) ? `did you mean "${lower}"?` : advice;
    report(ctx, path, `${quote(value)} is not a ${noun}; ${hint}`);
  }
  return undefined;
}
