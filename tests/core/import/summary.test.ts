/**
 * The import dialog's summary: each count agrees with its own noun in every language, which
 * one message pluralised on the row count alone could not do ("1 row read: 1 incidents").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/core/i18n/locale.ts';
import { importSummary, type ImportCounts } from '../../../src/core/import/summary.ts';
import { createTranslate, type Catalogue } from '../../../src/i18n/catalogues.ts';

/** A translate function reading a whole catalogue of `src/i18n/`, as the dialog's page does. */
const speak = (language: Language) =>
  createTranslate({
    language,
    catalogue: JSON.parse(
      readFileSync(new URL(`../../../src/i18n/${language}.json`, import.meta.url), 'utf8'),
    ) as Catalogue,
    countries: {},
  });

const counts = (rowsRead: number, incidents: number, relations: number, skipped: number) =>
  ({ rowsRead, rowsChecked: rowsRead, incidents, relations, skipped }) satisfies ImportCounts;

describe('importSummary', () => {
  it('makes each English count singular or plural on its own', () => {
    const en = speak('en');
    expect(importSummary(en, counts(1, 1, 0, 0))).toBe(
      '1 row read: 1 incident and 0 relation events to import, 0 rows skipped.',
    );
    expect(importSummary(en, counts(12, 2, 1, 9))).toBe(
      '12 rows read: 2 incidents and 1 relation event to import, 9 rows skipped.',
    );
    expect(importSummary(en, counts(2, 0, 1, 1))).toBe(
      '2 rows read: 0 incidents and 1 relation event to import, 1 row skipped.',
    );
  });

  it('follows each language’s plural categories for each count', () => {
    // Russian: one, few and many in one sentence.
    expect(importSummary(speak('ru'), counts(21, 3, 11, 5))).toBe(
      'Прочитана 21 строка; к импорту: 3 инцидента и 11 событий отношений; пропущено 5 строк.',
    );
    // Arabic: two, one and zero, in Arabic digits where a number is written.
    const ar = importSummary(speak('ar'), counts(3, 2, 1, 0));
    expect(ar).toContain('قُرئت ٣ صفوف');
    expect(ar).toContain('حادثتان');
    expect(ar).toContain('حدث علاقات واحد');
    expect(ar).toContain('لم يُترك أي صف');
    // Hebrew: one for the rows, two for the incidents.
    const he = importSummary(speak('he'), counts(1, 2, 0, 1));
    expect(he).toContain('נקראה שורה אחת');
    expect(he).toContain('2 אירועים');
    expect(he).toContain('שורה אחת דולגה');
  });

  it('says when only the first rows were checked, and that the whole file is checked on import', () => {
    const sample = {
      rowsRead: 391_937,
      rowsChecked: 10_000,
      incidents: 9_999,
      relations: 0,
      skipped: 1,
    };
    expect(importSummary(speak('en'), sample)).toBe(
      '391,937 rows read, the first 10,000 checked: 9,999 incidents and 0 relation events to import, 1 row skipped. The whole file is checked when you import it.',
    );
  });

  it.each(['en', 'fa', 'ar', 'he', 'az', 'tr', 'ru'] as const)(
    '%s fills every phrase of the sentence',
    (language) => {
      const t = speak(language);
      for (const n of [0, 1, 2, 3, 5, 11, 21, 101, 1_000_000]) {
        const text = importSummary(t, { ...counts(n, n, n, n), rowsChecked: Math.min(n, 3) });
        expect(text).not.toMatch(/\{\{|import\./);
      }
    },
  );
});
