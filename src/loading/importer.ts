/**
 * Importing a table in the loading worker: a CSV, TSV, pasted cells or GeoJSON from
 * elsewhere is read into a table, shown to the page as a preview with a proposed mapping,
 * and turned into a dataset by the mapping the user confirms.
 *
 * The worker loads this module only when a file is not a dataset in our format, so papaparse
 * and the import rules stay out of the first view. Every answer the page gets is small (a
 * few preview rows, problems grouped and capped), so no message holds the page, whatever the
 * file's size; the table itself never leaves the worker.
 */
import {
  applyMapping,
  NO_GAZETTEER,
  type ApplyOptions,
  type ImportResult,
} from '../core/import/apply.ts';
import { isForeignGeoJson, tableFromGeoJson } from '../core/import/geojson.ts';
import { FIELDS, proposeMapping, type ColumnMapping, type Field } from '../core/import/mapping.ts';
import { formatProblems } from '../core/import/problems.ts';
import { importSource, recogniseSource, type SourceId } from '../core/import/sources/index.ts';
import { detectDelimiter, papaConfig, TableBuilder, type Table } from '../core/import/table.ts';
import { decodeText } from '../core/import/text.ts';
import Papa from 'papaparse';
import type { Dataset } from '../core/model/schema.ts';
import { validateDataset, type ValidationResult } from '../core/validation/validate.ts';
import type { ImportRequest, Post } from './worker.ts';

/** Rows of the file the dialog previews. */
export const PREVIEW_ROWS = 5;
/** Problem lines sent to the page at most; the count says how many there were. */
export const MAX_PROBLEM_LINES = 100;
/**
 * Rows the dialog's checks cover at most: each change of the mapping is checked on the first
 * rows only, so it is answered in about a second whatever the file's size (the whole of a
 * 100 MB CSV took 79 s), and the import itself reads every row.
 */
export const CHECK_ROWS = 10_000;

/** What the page learns of a table before the user maps it. */
export interface ImportPreview {
  /** The file's name; absent for pasted text. */
  file?: string;
  /** Whether rows are lines of a text file or features of a GeoJSON file. */
  unit: 'line' | 'feature';
  headers: string[];
  /** The first rows' cells, in header order. */
  rows: string[][];
  rowCount: number;
  /** Every field a column can feed (`FIELDS`), so the page need not load the import rules. */
  fields: readonly Field[];
  /** The mapping `proposeMapping` guesses from the headers and the first rows. */
  proposed: ColumnMapping;
  /** The standard source recognised from the headers, if any. */
  source?: { id: SourceId; name: string };
}

/** How the user chose to import the table. */
export interface ImportChoice {
  mapping: ColumnMapping;
  /** Read by the recognised source's documented rule instead of `mapping`. */
  asSource: boolean;
}

/** What a choice makes of the table: counts, and the problems grouped into lines. */
export interface ImportCheck {
  /** Rows in the table. */
  rowsRead: number;
  /** Rows the counts and problems cover: the first `CHECK_ROWS` of a larger table. */
  rowsChecked: number;
  incidents: number;
  relations: number;
  skipped: number;
  /** Grouped problem lines ("date is missing in 20 rows: lines 2–21"), at most `MAX_PROBLEM_LINES`. */
  problems: string[];
  /** How many grouped lines there were in all. */
  problemLines: number;
}

/**
 * Reads a table's text or bytes (any encoding `decodeText` reads) row by row, calling
 * `onProgress` with the share of the text read every few thousand rows. Never throws.
 */
export function readTableInput(
  input: ArrayBuffer | string,
  file: string | undefined,
  onProgress: (share: number) => void = () => {},
): Table {
  const { text } = decodeText(typeof input === 'string' ? input : new Uint8Array(input));
  const builder = new TableBuilder(file);
  let rows = 0;
  Papa.parse<string[]>(text, {
    ...papaConfig(detectDelimiter(text)),
    step: (results) => {
      builder.addRow(
        results.data,
        results.errors.map((e) => e.code),
      );
      if (++rows % 20_000 === 0) onProgress(results.meta.cursor / text.length);
    },
  });
  return builder.finish();
}

/**
 * The table of a GeoJSON file that is not in our format (point features with other property
 * names), or `undefined` when the text is not such a file. Never throws.
 */
export function foreignGeoJsonTable(
  input: ArrayBuffer | string,
  file: string | undefined,
): Table | undefined {
  const { text } = decodeText(typeof input === 'string' ? input : new Uint8Array(input));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isForeignGeoJson(value) ? tableFromGeoJson(value, file) : undefined;
}

/**
 * The first `rows` rows of a table, with the reading problems of those rows and of the file
 * as a whole; the table itself when it has no more.
 */
export function firstRows(table: Table, rows: number): Table {
  if (table.rows.length <= rows) return table;
  const kept = table.rows.slice(0, rows);
  const last = kept.at(-1)?.line ?? 0;
  const problems = table.problems.filter((p) => p.line === undefined || p.line <= last);
  return { ...table, rows: kept, problems };
}

/**
 * One table being imported: its preview, and the results of the choices the page asks
 * about, the last one kept so that confirming what was just checked costs nothing. The
 * page's checks cover the first `CHECK_ROWS` rows; the import, every row.
 */
export class ImportJob {
  readonly #table: Table;
  readonly #checked: Table;
  #last: { key: string; result: ImportResult } | undefined;
  #gazetteer: Promise<ApplyOptions['locatePlace']> | undefined;

  constructor(table: Table, checkRows = CHECK_ROWS) {
    this.#table = table;
    this.#checked = firstRows(table, checkRows);
  }

  /** The headers, the first rows, the proposed mapping and the recognised source. */
  preview(): ImportPreview {
    const table = this.#table;
    const preview: ImportPreview = {
      unit: table.unit,
      headers: table.headers,
      rows: table.rows.slice(0, PREVIEW_ROWS).map((row) => row.cells),
      rowCount: table.rows.length,
      fields: FIELDS,
      proposed: proposeMapping(table),
    };
    if (table.file !== undefined) preview.file = table.file;
    const source = recogniseSource(table);
    if (source) preview.source = { id: source.id, name: source.name };
    return preview;
  }

  /**
   * The import a choice makes of every row (`whole`) or of the rows a check covers, run
   * again with the gazetteer when rows name places without coordinates: its data
   * (megabytes) loads only for files that need it.
   */
  async result(
    choice: ImportChoice,
    whole = true,
    onProgress?: ApplyOptions['onProgress'],
  ): Promise<ImportResult> {
    const table = whole ? this.#table : this.#checked;
    // A table no larger than a check has one key for both, so importing reuses the check.
    const key = JSON.stringify([choice, table === this.#table]);
    if (this.#last?.key === key) return this.#last.result;
    const source = choice.asSource ? recogniseSource(this.#table) : undefined;
    const run = (given: ApplyOptions) => {
      const options = onProgress ? { ...given, onProgress } : given;
      return source
        ? importSource(source, table, options)
        : applyMapping(table, choice.mapping, options);
    };
    let result = run({});
    if (result.problems.some((p) => p.message.includes(NO_GAZETTEER))) {
      this.#gazetteer ??= import('../core/import/places/gazetteer.ts').then(
        async ({ loadGazetteer, placeLocator }) => placeLocator(await loadGazetteer()),
      );
      result = run({ locatePlace: await this.#gazetteer });
    }
    this.#last = { key, result };
    return result;
  }

  /**
   * Answers the page: a `check` with the counts and problems of a choice; an `import` by
   * handing the dataset to `show`, or by a `failed` message with the grouped problems when
   * no row could be imported.
   */
  async answer(request: ImportRequest, post: Post, show: (dataset: Dataset) => void) {
    if (request.type === 'check') {
      const check = await this.check(request.choice, false);
      return post({ type: 'checked', id: request.id, check });
    }
    post({ type: 'progress', progress: { stage: 'checking' } });
    const result = await this.result(request.choice, true, (done, total) =>
      post({ type: 'progress', progress: { stage: 'checking', done, total } }),
    );
    const check = await this.check(request.choice);
    // The mapping validated the dataset already; only rows dropped in its last pass leave
    // a dataset it never saw whole, checked here.
    const validated: ValidationResult = result.validated
      ? { ok: true, dataset: result.validated, problems: [] }
      : validateDataset(result.dataset);
    if (result.dataset.features.length === 0 || !validated.ok) {
      const problems = validated.ok ? [] : validated.problems;
      return post({ type: 'failed', problems: [...check.problems, ...problems] });
    }
    if (check.skipped > 0) {
      const name = this.#table.file?.replace(/^.*[\\/]/, '') ?? 'The pasted table';
      const notice = `${name}: ${check.skipped.toLocaleString('en-GB')} of ${check.rowsRead.toLocaleString('en-GB')} rows were skipped.`;
      post({ type: 'imported', notices: [notice, ...check.problems] });
    }
    show(validated.dataset);
  }

  /**
   * The counts and grouped problems of a choice, of every row (`whole`) or of the rows a
   * check covers; small enough to send to the page.
   */
  async check(choice: ImportChoice, whole = true): Promise<ImportCheck> {
    const result = await this.result(choice, whole);
    const lines = formatProblems(result.problems);
    return {
      rowsRead: this.#table.rows.length,
      rowsChecked: result.rowsRead,
      incidents: result.incidents,
      relations: result.relations,
      skipped: result.skipped.length,
      problems: lines.slice(0, MAX_PROBLEM_LINES),
      problemLines: lines.length,
    };
  }
}

/**
 * Reads a table (or, when `json`, GeoJSON from elsewhere) and posts its preview with the
 * reading's progress; returns the job that answers the page's next requests, or `undefined`
 * (and posts nothing) when JSON input is not GeoJSON that can be imported.
 */
export function startImport(
  input: ArrayBuffer | string,
  file: string | undefined,
  json: boolean,
  post: Post,
): ImportJob | undefined {
  const table = json
    ? foreignGeoJsonTable(input, file)
    : readTableInput(input, file, (share) =>
        post({
          type: 'progress',
          progress: { stage: 'reading', done: Math.round(share * 100), total: 100 },
        }),
      );
  if (!table) return undefined;
  const job = new ImportJob(table);
  post({ type: 'table', preview: job.preview() });
  return job;
}
