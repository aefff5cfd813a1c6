/**
 * What every standard source (ACLED, UCDP, GDELT, the dyadic COW and ATOP files) shares: it
 * is recognised from a table's headers, and it rewrites the table into a table in our own
 * layout with a fixed mapping, so the rows go through `applyMapping` like a spreadsheet's and
 * every problem still names the file, the line and the source's own column.
 */
import type { ColumnMapping } from '../mapping.ts';
import type { Table, TableRow } from '../table.ts';
import { parseDateCell } from '../values.ts';

/** The standard sources `npm run import -- --from …` names. */
export type SourceId =
  'acled' | 'ucdp' | 'gdelt' | 'gdelt-relations' | 'cow-mid' | 'atop' | 'cow-alliance';

/** A source cited without (or with) a link, as the dataset file writes it. */
export interface Citation {
  url?: string;
  title?: string;
  publisher?: string;
  published?: string;
}

/** A source table rewritten into our layout, with the mapping that reads it. */
export interface Converted {
  table: Table;
  mapping: ColumnMapping;
  /** Every source of the row on a line, when a row cites more than the first column holds. */
  citations?: Map<number, Citation[]>;
  /** Rows of the source read, when they are not one per row of `table` (pairs, dyad-years). */
  rowsRead?: number;
}

/** A standard source: how it is recognised and how its table becomes ours. */
export interface StandardSource {
  id: SourceId;
  /** The dataset's name, as said to the user ("ACLED"). */
  name: string;
  /** Whether a table is this source's, from its headers (and, for GDELT, its shape). */
  recognise(table: Table): boolean;
  /** The table in our layout; rows it cannot read keep their cells for the problems. */
  convert(table: Table): Converted;
}

/** A table's columns by lower-cased header, for sources whose exports vary in case. */
export class Columns {
  readonly #index = new Map<string, number>();
  constructor(headers: readonly string[]) {
    headers.forEach((h, i) => {
      const key = h.trim().toLowerCase();
      if (!this.#index.has(key)) this.#index.set(key, i);
    });
  }

  /** Whether every name is a column. */
  hasAll(...names: string[]): boolean {
    return names.every((n) => this.#index.has(n));
  }

  /** Whether any name is a column. */
  hasAny(...names: string[]): boolean {
    return names.some((n) => this.#index.has(n));
  }

  /** The trimmed cell of the first of `names` that is a column; '' when none is. */
  get(row: TableRow, ...names: string[]): string {
    for (const name of names) {
      const i = this.#index.get(name);
      if (i !== undefined) return (row.cells[i] ?? '').trim();
    }
    return '';
  }
}

/**
 * A new table of `headers` for `source`'s file, keeping its reading problems; its headers are
 * named after the source's columns so problems point at them.
 */
export function derivedTable(source: Table, headers: readonly string[]): Table {
  const table: Table = {
    headers: [...headers],
    rows: [],
    unit: source.unit,
    problems: [...source.problems],
  };
  if (source.file !== undefined) table.file = source.file;
  return table;
}

/** A row for `table` from cells by header; missing cells are empty. */
export function pushRow(table: Table, line: number, cells: Record<string, string>): void {
  table.rows.push({ line, cells: table.headers.map((h) => cells[h] ?? '') });
}

/** A date cell as our full date (`2023-01-27`), or `undefined` when it is not one. */
export function fullDate(text: string): string | undefined {
  const iso = /^(\d{4}-\d{2}-\d{2})[ T]/.exec(text.trim());
  const reading = parseDateCell(iso ? iso[1]! : text, 'dmy');
  return 'date' in reading && reading.date.length === 10 ? reading.date : undefined;
}

/**
 * A date from year, month and day cells as COW writes them (`-9` or empty for unknown): a
 * day, a month or a year; `undefined` without a year.
 */
export function dateFromParts(year: string, month: string, day: string): string | undefined {
  const y = Number(year);
  if (!/^\d{3,4}$/.test(year.trim()) || y < 1) return undefined;
  const m = Number(month);
  const d = Number(day);
  const pad = (n: number) => String(n).padStart(2, '0');
  const yyyy = String(y).padStart(4, '0');
  if (!(m >= 1 && m <= 12)) return yyyy;
  if (!(d >= 1 && d <= 31)) return `${yyyy}-${pad(m)}`;
  return `${yyyy}-${pad(m)}-${pad(d)}`;
}

/** Whether a cell holds a whole number ≥ 1 (a flag such as `defense` set to 1). */
export function isSet(cell: string): boolean {
  return /^\d+$/.test(cell) && Number(cell) >= 1;
}
