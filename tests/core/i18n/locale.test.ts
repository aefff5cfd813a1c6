import { describe, expect, it } from 'vitest';
import { dayFromIso, parseCalendarDate } from '../../../src/core/model/dates.ts';
import {
  chooseLanguage,
  defaultCalendar,
  direction,
  formatDateIn,
  formatDayIn,
  formatNumberIn,
  LANGUAGES,
} from '../../../src/core/i18n/locale.ts';

const day = (iso: string) => dayFromIso(iso)!;
const date = (text: string) => parseCalendarDate(text)!;

describe('the reader’s language', () => {
  it('is the first candidate the interface speaks, by primary subtag, else English', () => {
    expect(chooseLanguage(['fa'])).toBe('fa');
    expect(chooseLanguage([null, 'de-DE', 'az-Latn-AZ', 'ru'])).toBe('az');
    expect(chooseLanguage(['FA_ir'])).toBe('fa');
    expect(chooseLanguage(['de', 'fr'])).toBe('en');
    expect(chooseLanguage([])).toBe('en');
  });

  it('is written right to left for Persian, Arabic and Hebrew only', () => {
    expect(LANGUAGES.filter((l) => direction(l) === 'rtl')).toEqual(['fa', 'ar', 'he']);
  });
});

describe('dates in the reader’s form', () => {
  it('gives 27 January 2023 as 7 Bahman 1401 in Persian, in Persian digits', () => {
    expect(defaultCalendar('fa')).toBe('persian');
    expect(formatDayIn(day('2023-01-27'), 'fa', 'persian')).toBe('۷ بهمن ۱۴۰۱');
    expect(formatDayIn(day('2023-01-27'), 'en', 'gregory')).toBe('27 Jan 2023');
    expect(formatDayIn(day('2023-01-27'), 'ar', 'gregory')).toMatch(/^٢٧ .+ ٢٠٢٣$/);
  });

  it('shows a month as the span of its days in another calendar, never as one month', () => {
    expect(formatDateIn(date('2022-10'), 'fa', 'persian')).toBe('۹ مهر تا ۹ آبان ۱۴۰۱');
    expect(formatDateIn(date('2022-10'), 'fa', 'gregory')).toBe('اکتبر ۲۰۲۲');
    expect(formatDateIn(date('2022-10'), 'en', 'gregory')).toBe('October 2022');
  });

  it('keeps a year a year', () => {
    expect(formatDateIn(date('2022'), 'fa', 'persian')).toBe('۲۰۲۲');
    expect(formatDateIn(date('1816'), 'ru', 'gregory')).toBe('1816');
  });

  it('works before 1900', () => {
    expect(formatDayIn(day('1816-01-01'), 'fa', 'persian')).toBe('۱۰ دی ۱۱۹۴');
    expect(formatDayIn(day('1870-09-19'), 'tr', 'gregory')).toBe('19 Eyl 1870');
  });

  it('writes numbers in the language’s digits', () => {
    expect(formatNumberIn(1234, 'fa')).toBe('۱٬۲۳۴');
    expect(formatNumberIn(1234, 'ar')).toBe('١٬٢٣٤');
    expect(formatNumberIn(1234, 'en')).toBe('1,234');
  });
});
