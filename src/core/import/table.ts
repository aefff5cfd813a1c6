/**
 * Tables: the rows of a CSV, TSV or pasted spreadsheet, each with the line it starts on.
 *
 * Parsing is papaparse's (quoted cells with delimiters, doubled quotes and line breaks);
 * this module adds what an import needs around it: the delimiter guessed from the header
 * line, the header row, line numbers that stay right when a quoted line break makes a row
 * span lines, and reading problems said as import problems. `TableBuilder` takes rows one
 * at a time, so a file read in chunks (the command line, a worker) builds the same table as
 * `readTable` does from a whole string.
 */
import Papa from 'papaparse';
import { decodeText, type TextEncodingName } from './text.ts';
import type { ImportProblem } from './problems.ts';

/** One row of a table: its cells, and the 1-based line it starts on in the file. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A table read from a file: the header row's names, then the data rows. */
export interface Table {
  /** The file's name, for problems. */
  file?: string;
  /** Column names from the header row, trimmed; repeated names get " (2)", " (3)" … */
  headers: string[];
  rows: TableRow[];
  /** What `TableRow.line` counts: lines of a text file, or features of a GeoJSON file. */
  unit: 'line' | 'feature';
  /** Problems met while reading (an unclosed quote, a row with too many cells). */
  problems: ImportProblem[];
}

/** The delimiters a table may use. */
export type Delimiter = ',' | ';' | '\t';

/** Options for reading a table. */
export interface ReadTableOptions {
  /** The file's name, for problems. */
  file?: string;
  /** The delimiter; guessed from the header line when absent. */
  delimiter?: Delimiter;
}

/** A table and how its text was read. */
export interface ReadTableResult {
  table: Table;
  delimiter: Delimiter;
  encoding: TextEncodingName;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The delimiter of a table, from its first line: the one of tab, `;` and `,` found most
 * often outside quotes, tab first on a tie (text pasted from a spreadsheet is
 * tab-separated, and its cells may hold commas). A line with none of them is a
 * one-column table, read as comma-separated.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === '\t' || c === ';' || c === ',')) counts[c]++;
  }
  let best: Delimiter = ',';
  for (const d of ['\t', ';', ','] as const) {
    if (counts[d] > counts[best] || (counts[d] === counts[best] && counts[d] > 0 && d === '\t')) {
      best = d;
    }
  }
  return best;
}

/** Header names made unique: a repeated name gets " (2)", " (3)" … after it. */
function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell) => {
    const name = cell.trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/** A papaparse error as an import problem, in words. */
function parseErrorMessage(code: string): string {
  if (code === 'MissingQuotes') return 'has a quoted cell that is never closed (a " is missing)';
  if (code === 'InvalidQuotes') return 'has a quote inside a cell that is not doubled ("")';
  return 'could not be read';
}

/**
 * Builds a table from rows given one at a time, in file order: counts lines (a cell's own
 * line breaks included), takes the first non-blank row as the header and skips blank rows.
 */
export class TableBuilder {
  #table: Table;
  #nextLine = 1;
  #hasHeader = false;

  /** A builder for the table of `file` (named in problems). */
  constructor(file?: string, unit: 'line' | 'feature' = 'line') {
    this.#table = { headers: [], rows: [], unit, problems: [] };
    if (file !== undefined) this.#table.file = file;
  }

  /** Adds the next row as parsed, with the parser's error codes for it, if any. */
  addRow(cells: readonly unknown[], errorCodes: readonly string[] = []): void {
    const line = this.#nextLine;
    const strings = cells.map((c) => (typeof c === 'string' ? c : c == null ? '' : String(c)));
    let breaks = 0;
    for (const cell of strings) breaks += cell.match(LINE_BREAK)?.length ?? 0;
    this.#nextLine += 1 + breaks;
    for (const code of errorCodes) this.#problem(line, parseErrorMessage(code));
    if (strings.every((cell) => cell.trim() === '')) return;
    if (!this.#hasHeader) {
      this.#hasHeader = true;
      this.#table.headers = uniqueHeaders(strings);
      return;
    }
    const width = this.#table.headers.length;
    if (strings.length > width && strings.slice(width).some((cell) => cell.trim() !== '')) {
      this.#problem(
        line,
        `has ${strings.length} cells but the header has ${width}: a cell with the delimiter in it needs quotes`,
      );
    }
    this.#table.rows.push({ line, cells: strings.slice(0, width) });
  }

  #problem(line: number, message: string): void {
    const problem: ImportProblem = { line, unit: this.#table.unit, message: `row ${message}` };
    if (this.#table.file !== undefined) problem.file = this.#table.file;
    this.#table.problems.push(problem);
  }

  /** The table built so far; a file without a header row is a problem. */
  finish(): Table {
    if (!this.#hasHeader) {
      const problem: ImportProblem = { message: 'the file has no header row (it is empty)' };
      if (this.#table.file !== undefined) problem.file = this.#table.file;
      this.#table.problems.push(problem);
    }
    return this.#table;
  }
}

/** Papaparse's settings for our tables: every cell a string, blank lines kept for counting. */
export function papaConfig(delimiter: Delimiter): Papa.ParseConfig {
  return { delimiter, header: false, dynamicTyping: false, skipEmptyLines: false, quoteChar: '"' };
}

/**
 * Reads a whole CSV, TSV or pasted table, given as bytes (any encoding `decodeText`
 * reads) or as text. Never throws: what cannot be read is in `table.problems`.
 */
export function readTable(
  input: Uint8Array | string,
  options: ReadTableOptions = {},
): ReadTableResult {
  const { text, encoding } = decodeText(input);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const builder = new TableBuilder(options.file);
  try {
    Papa.parse<string[]>(text, {
      ...papaConfig(delimiter),
      step: (results) => {
        builder.addRow(
          results.data,
          results.errors.map((e) => e.code),
        );
      },
    });
  } catch {
    // Papaparse does not throw on text; this keeps the promise if a version ever does.
  }
  return { table: builder.finish(), delimiter, encoding };
}
