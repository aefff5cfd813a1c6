/**
 * The import dialog's one-line summary of what a mapping makes of a table, in the reader's
 * language.
 *
 * Each count is a phrase of its own (`import.summaryRows`, `import.summaryIncidents` …) with
 * its own plural form, then the phrases fill the sentence (`import.summary`): one message
 * with a single `count` can only agree with one of its numbers, and "1 incidents" is what
 * that gave.
 */
import type { Translate } from '../i18n/locale.ts';

/** The counts the summary says: the worker's check of a choice. */
export interface ImportCounts {
  /** Rows in the table. */
  rowsRead: number;
  /**
   * Rows the counts below cover: fewer than `rowsRead` when only the first rows were
   * checked (a large file while the user edits the mapping).
   */
  rowsChecked: number;
  incidents: number;
  relations: number;
  skipped: number;
}

/**
 * The summary sentence, "12 rows read: 1 incident and 3 relation events to import, 8 rows
 * skipped.", each number agreeing with its own noun by the language's plural rules; when
 * only the first rows were checked it says how many, and that the whole file is checked on
 * import.
 */
export function importSummary(t: Translate, counts: ImportCounts): string {
  const phrases = {
    rows: t('import.summaryRows', { count: counts.rowsRead }),
    incidents: t('import.summaryIncidents', { count: counts.incidents }),
    relations: t('import.summaryRelations', { count: counts.relations }),
    skipped: t('import.summarySkipped', { count: counts.skipped }),
  };
  if (counts.rowsChecked >= counts.rowsRead) return t('import.summary', phrases);
  return t('import.summarySample', {
    ...phrases,
    checked: t('import.summaryChecked', { count: counts.rowsChecked }),
  });
}
