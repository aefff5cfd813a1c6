/**
 * Validating a table column by column: the way a million-row Parquet file becomes a dataset
 * without a GeoJSON feature, or even a row object, per row.
 *
 * Each column of incident rows is checked in one loop by the very check the GeoJSON
 * validator runs on that property (`checkDate` for `date`, `checkCountries` for
 * `countries`…), against a scratch context whose problems are thrown away: a cell it accepts
 * gives exactly the value `validateDataset` would, and a cell it refuses only marks its row.
 * The incidents are then built straight from the columns' values. The rows marked, and every
 * relation row (a few thousand at most), are read as `rowFeature` reads them and checked by
 * `checkFeature` itself, in row order and with the ids of every row before them, so their
 * problems and values are the GeoJSON validator's own, said with the row and the column.
 */
import type { Dataset, Incident, LonLat, Problem, RelationEvent } from '../model/schema.ts';
import { newContext, type Context } from '../validation/context.ts';
import { checkDatasetRecord } from '../validation/dataset.ts';
import { checkFeature } from '../validation/features.ts';
import {
  checkChoice,
  checkCount,
  checkDate,
  checkEndDate,
  checkText,
  choices,
  isAbsent,
} from '../validation/fields.ts';
import { checkPosition } from '../validation/geometry.ts';
import { checkLocalText } from '../validation/languages.ts';
import { checkCountries, checkCountry, checkSources } from '../validation/references.ts';
import type { ValidationResult } from '../validation/validate.ts';
import { PRECISIONS, STATUSES, type Precision, type Status } from '../model/schema.ts';
import { textFromColumns } from '../i18n/textcolumns.ts';
import {
  cellValue,
  isRelationRow,
  listValue,
  locateProblem,
  rowFeature,
  rowLayout,
  topLevel,
  type GeometryColumns,
  type RowLayout,
} from './rows.ts';

/** A table as columns: each column's cells in row order, as a Parquet reader decodes them. */
export interface ColumnTable {
  rowCount: number;
  /** The cells of each column read, by name; a column the file lacks is not there. */
  columns: ReadonlyMap<string, ArrayLike<unknown>>;
  metadata: ReadonlyMap<string, string>;
  geometry: GeometryColumns;
  /**
   * A geometry cell as the value `geometryValue` reads (WKB bytes decoded to GeoJSON); the
   * cell as it is when absent. Only rows read one by one use it.
   */
  decodeGeometry?: (cell: unknown) => unknown;
  /**
   * The two numbers of each geometry cell that is `READ_POINT`, row `r`'s at `2r` and
   * `2r + 1`: a reader that finds a cell to be a point keeps its numbers rather than the cell.
   */
  points?: Float64Array;
  /** The numbers of the cells that are `READ_NUMBER`, by column, at their row. */
  numbers?: ReadonlyMap<string, Float64Array>;
}

/**
 * A cell of a number column whose number is in `ColumnTable.numbers`: a number in a list of
 * cells is an object of its own, and a million of them living until validation is work for
 * the garbage collector.
 */
export const READ_NUMBER = Symbol('number read');

/**
 * A geometry cell that was a point, whose numbers are in `ColumnTable.points`: a million
 * cells of WKB bytes need not outlive the decoding of their page, nor a GeoJSON point be made
 * per row.
 */
export const READ_POINT = Symbol('point read');

/**
 * Reads a WKB point of two little-endian doubles (21 bytes, what GeoParquet writers give for
 * a point) into `points` at `2 * row`, through `scratch`, a 16-byte view reused for every
 * cell; false for anything else.
 */
export function readWkbPoint(
  cell: unknown,
  scratch: DataView,
  points: Float64Array,
  row: number,
): boolean {
  if (!(cell instanceof Uint8Array) || cell.byteLength !== 21) return false;
  if (cell[0] !== 1 || cell[1] !== 1 || cell[2] !== 0 || cell[3] !== 0 || cell[4] !== 0) {
    return false;
  }
  // Copied to be read rather than viewed where they lie: a DataView per cell would be a
  // million short-lived objects.
  for (let i = 0; i < 16; i++) scratch.setUint8(i, cell[5 + i]!);
  points[2 * row] = scratch.getFloat64(0, true);
  points[2 * row + 1] = scratch.getFloat64(8, true);
  return true;
}

const PRECISION_CHOICES = choices(PRECISIONS, 'precision');
const STATUS_CHOICES = choices(STATUSES, 'status');

/** One column's cells, or `undefined` for each row when the table has no such column. */
type Cells = (row: number) => unknown;

function cellsOf(table: ColumnTable, name: string): Cells {
  const column = table.columns.get(name);
  const numbers = table.numbers?.get(name);
  if (column && numbers) {
    return (row) => {
      const cell = column[row];
      return cell === READ_NUMBER ? numbers[row] : cell;
    };
  }
  return column ? (row) => column[row] : () => undefined;
}

/** What `oncePerText` remembers of a text its check refused. */
const REFUSED = Symbol('refused');

/**
 * Runs one column's check over the rows marked `incident` and not yet `irregular`, keeping
 * each accepted value and marking the rows whose cell the check refuses (or `oncePerText`
 * remembers as refused).
 */
function checkColumn<T>(
  probe: Context,
  rows: Uint8Array,
  check: (row: number) => T | undefined | typeof REFUSED,
  required: boolean,
): (T | undefined)[] {
  const values = new Array<T | undefined>(rows.length);
  for (let row = 0; row < rows.length; row++) {
    if (rows[row] !== INCIDENT) continue;
    const value = check(row);
    if (value === REFUSED || probe.problems.length > 0 || (required && value === undefined)) {
      probe.problems.length = 0;
      rows[row] = IRREGULAR;
    } else values[row] = value;
  }
  return values;
}

/**
 * A column's check run once per distinct text: dictionary-encoded columns (`category`,
 * `date`, `precision`, `status`) repeat a few texts a million times, and the check's verdict
 * on a text depends on the text alone. A cell that is not text is checked each time.
 */
function oncePerText<T>(
  probe: Context,
  cells: Cells,
  check: (cell: unknown) => T | undefined,
): (row: number) => T | undefined | typeof REFUSED {
  const verdicts = new Map<string, T | undefined | typeof REFUSED>();
  return (row) => {
    const cell = cells(row);
    if (typeof cell !== 'string') return check(cell);
    const known = verdicts.get(cell);
    if (known !== undefined || verdicts.has(cell)) return known;
    const value = check(cell);
    // The problems stay for `checkColumn`, which marks the row and clears them.
    const verdict = probe.problems.length > 0 ? REFUSED : value;
    verdicts.set(cell, verdict);
    return verdict;
  };
}

/**
 * The `countries` cells checked by `checkCountries`, except that a list whose every item is a
 * code `checkCountry` already accepted is taken as it is, since `checkCountries` would return
 * a copy of it: each distinct code is checked once, and no list is made per row.
 */
function countriesOf(probe: Context, cells: Cells): (row: number) => string[] | undefined {
  const known = new Map<unknown, boolean>();
  const isKnown = (code: unknown): boolean => {
    let verdict = known.get(code);
    if (verdict === undefined) {
      verdict =
        typeof code === 'string' && checkCountry(probe, 'properties.countries', code) !== undefined;
      probe.problems.length = 0;
      known.set(code, verdict);
    }
    return verdict;
  };
  return (row) => {
    const cell = cells(row);
    if (Array.isArray(cell) && cell.length > 0) {
      let regular = true;
      for (let i = 0; i < cell.length && regular; i++) regular = isKnown(cell[i]);
      if (regular) return cell as string[];
    }
    return checkCountries(probe, cell);
  };
}

/** What the first pass makes of each row. */
const INCIDENT = 1;
const RELATION = 2;
const IRREGULAR = 3;

/**
 * Each incident row's position from `longitude`/`latitude` and the geometry column, when
 * they are plain numbers and agree (or only one of them is given); `undefined` for a row
 * whose position needs `rowFeature`'s reading (text, other geometry, a disagreement). The
 * geometry is read when it is a point (`READ_POINT`, or WKB bytes `readWkbPoint` reads);
 * anything else is left to `decodeGeometry`. The pair returned is the same array each time,
 * overwritten by the next row: `checkPosition` copies it.
 */
function positionOf(table: ColumnTable): (row: number) => [unknown, unknown] | undefined {
  const lon = cellsOf(table, 'longitude');
  const lat = cellsOf(table, 'latitude');
  const geometry =
    table.geometry.geometry === undefined ? undefined : cellsOf(table, table.geometry.geometry);
  const lonLat = table.geometry.lonLat;
  const read = table.points;
  const scratch = new DataView(new ArrayBuffer(16));
  const one = new Float64Array(2);
  const pair: [unknown, unknown] = [0, 0];
  return (row) => {
    const x = lonLat ? (lon(row) ?? null) : null;
    const y = lonLat ? (lat(row) ?? null) : null;
    const given = x !== null || y !== null;
    if (given && (typeof x !== 'number' || typeof y !== 'number')) return undefined;
    const cell = geometry ? (geometry(row) ?? null) : null;
    if (cell === null) {
      if (!given) return undefined;
      pair[0] = x;
      pair[1] = y;
      return pair;
    }
    let px: number;
    let py: number;
    if (cell === READ_POINT && read) {
      px = read[2 * row]!;
      py = read[2 * row + 1]!;
    } else if (readWkbPoint(cell, scratch, one, 0)) {
      px = one[0]!;
      py = one[1]!;
    } else return undefined;
    if (given && (px !== x || py !== y)) return undefined;
    pair[0] = px;
    pair[1] = py;
    return pair;
  };
}

/** A text's cell read with its language columns (`title:fa`), as `rowFeature` reads it. */
function localCells(table: ColumnTable, layout: RowLayout, field: string): Cells {
  const plain = cellsOf(table, field);
  const read = table.columns.has(field)
    ? (row: number) => cellValue(plain(row) ?? null)
    : () => undefined;
  const tagged = layout.tagged
    .filter(([, f]) => f === field)
    .map(([name, , tag]) => [tag, cellsOf(table, name)] as const);
  if (tagged.length === 0) return read;
  return (row) =>
    textFromColumns(
      read(row),
      tagged.map(([tag, cells]) => [tag, cellValue(cells(row) ?? null)] as const),
      layout.language,
    );
}

/** A column's cell as `rowFeature` copies it: `undefined` without the column, else its value. */
function propertyCells(table: ColumnTable, name: string, read = cellValue): Cells {
  const cells = cellsOf(table, name);
  return table.columns.has(name) ? (row) => read(cells(row) ?? null) : () => undefined;
}

/** The row as an object of its cells, as a row reader gives it, geometry decoded. */
function rowObject(table: ColumnTable, row: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const name of table.columns.keys()) object[name] = cellsOf(table, name)(row);
  const geometry = table.geometry.geometry;
  if (geometry !== undefined && object[geometry] === READ_POINT && table.points) {
    // What decoding the WKB point would have given.
    const coordinates = [table.points[2 * row], table.points[2 * row + 1]];
    object[geometry] = { type: 'Point', coordinates };
  } else if (geometry !== undefined && table.decodeGeometry && geometry in object) {
    object[geometry] = table.decodeGeometry(object[geometry]);
  }
  return object;
}

/**
 * Validates a table of the columnar layout (`rows.ts`) with the GeoJSON validator's rules,
 * column by column, and builds the dataset straight from the columns: the same dataset, and
 * the same problems (row and column named, in row order), as `validateDataset` gives for
 * the table's GeoJSON-shaped value. Never throws.
 */
export function validateColumns(table: ColumnTable): ValidationResult {
  const layoutProblems: Problem[] = [];
  const top = topLevel(table.metadata, layoutProblems);
  const ctx: Context = newContext(choices([], 'category'));
  const head = checkDatasetRecord(ctx, { ...top, features: [] });
  const topProblems = ctx.problems.map((p) => locateProblem(p, table.geometry));
  ctx.problems = [];
  const layout = rowLayout(table.columns.keys(), table.geometry, top);
  // The scratch context: the run's caches (dates, tags, suggestions), problems thrown away.
  const probe: Context = { ...ctx, problems: [] };
  const n = table.rowCount;

  // What each row is: an incident whose cells may all be regular, or read one by one.
  const rows = new Uint8Array(n);
  const kinds = propertyCells(table, 'kind');
  const from = cellsOf(table, 'from');
  const to = cellsOf(table, 'to');
  for (let row = 0; row < n; row++) {
    const kind = kinds(row) ?? null;
    if (kind !== null && kind !== 'incident' && kind !== 'relation') rows[row] = IRREGULAR;
    else if (isRelationRow(kind, from(row), to(row))) rows[row] = RELATION;
    // An incident with a `from` or a `to` may be read as a relation missing the other.
    else rows[row] = isAbsent(from(row)) && isAbsent(to(row)) ? INCIDENT : IRREGULAR;
  }

  // Ids, in row order over every row, as `checkId` registers them; a repeat is read alone.
  const ids = propertyCells(table, 'id');
  const idOf = new Array<string | undefined>(n);
  for (let row = 0; row < n; row++) {
    const id = ids(row);
    if (typeof id !== 'string' || id.trim() === '') {
      if (rows[row] === INCIDENT) rows[row] = IRREGULAR;
      continue;
    }
    idOf[row] = id;
    if (ctx.seenIds.has(id)) {
      if (rows[row] === INCIDENT) rows[row] = IRREGULAR;
    } else ctx.seenIds.set(id, row);
  }

  const position = positionOf(table);
  const coordinates = checkColumn<LonLat>(
    probe,
    rows,
    (row) => {
      const point = position(row);
      return point && checkPosition(probe, 'geometry.coordinates', point);
    },
    true,
  );
  const titleCells = localCells(table, layout, 'title');
  const titles = checkColumn(
    probe,
    rows,
    (row) => checkLocalText(probe, 'properties.title', titleCells(row), true),
    true,
  );
  const dates = checkColumn(
    probe,
    rows,
    oncePerText(probe, propertyCells(table, 'date'), (cell) =>
      checkDate(probe, 'properties.date', cell, true),
    ),
    true,
  );
  const endCells = propertyCells(table, 'end_date');
  const endDates = checkColumn(
    probe,
    rows,
    (row) => checkEndDate(probe, endCells(row), dates[row]),
    false,
  );
  const categories = checkColumn<string>(
    probe,
    rows,
    oncePerText(probe, propertyCells(table, 'category'), (cell) =>
      checkChoice(probe, 'properties.category', cell, ctx.categories),
    ),
    true,
  );
  const countries = checkColumn(
    probe,
    rows,
    countriesOf(probe, propertyCells(table, 'countries', listValue)),
    true,
  );
  const sourceCells = propertyCells(table, 'sources', listValue);
  const sources = checkColumn(probe, rows, (row) => checkSources(probe, sourceCells(row)), true);
  const summaryCells = localCells(table, layout, 'summary');
  const summaries = checkColumn(
    probe,
    rows,
    (row) => checkLocalText(probe, 'properties.summary', summaryCells(row), false),
    false,
  );
  const fatalityCells = propertyCells(table, 'fatalities');
  const fatalities = checkColumn(
    probe,
    rows,
    (row) => checkCount(probe, 'properties.fatalities', fatalityCells(row)),
    false,
  );
  const injuredCells = propertyCells(table, 'injured');
  const injured = checkColumn(
    probe,
    rows,
    (row) => checkCount(probe, 'properties.injured', injuredCells(row)),
    false,
  );
  const precisions = checkColumn<Precision>(
    probe,
    rows,
    oncePerText(probe, propertyCells(table, 'precision'), (cell) =>
      isAbsent(cell)
        ? 'exact'
        : checkChoice(probe, 'properties.precision', cell, PRECISION_CHOICES),
    ),
    true,
  );
  const statuses = checkColumn<Status>(
    probe,
    rows,
    oncePerText(probe, propertyCells(table, 'status'), (cell) =>
      isAbsent(cell) ? 'confirmed' : checkChoice(probe, 'properties.status', cell, STATUS_CHOICES),
    ),
    true,
  );

  const incidents: Incident[] = [];
  const relations: RelationEvent[] = [];
  const rowProblems: Problem[] = [];
  for (let row = 0; row < n; row++) {
    if (rows[row] === INCIDENT) {
      const date = dates[row]!;
      const endDate = endDates[row];
      // The keys and their order of `checkIncident`'s incidents: one object shape.
      incidents.push({
        kind: 'incident',
        index: row,
        id: idOf[row]!,
        title: titles[row]!,
        date,
        first: date.start,
        last: (endDate ?? date).end,
        category: categories[row]!,
        countries: countries[row]!,
        sources: sources[row]!,
        precision: precisions[row]!,
        status: statuses[row]!,
        coordinates: coordinates[row]!,
        endDate,
        summary: summaries[row],
        fatalities: fatalities[row],
        injured: injured[row],
      });
      continue;
    }
    // Read as a GeoJSON feature and checked as one; its own id, registered above, first
    // forgotten so that only an earlier row's is a repeat.
    const id = idOf[row];
    if (id !== undefined && ctx.seenIds.get(id) === row) ctx.seenIds.delete(id);
    const problems: Problem[] = [];
    const feature = rowFeature(rowObject(table, row), row, layout, problems);
    const checked = checkFeature(ctx, feature, row);
    problems.push(...ctx.problems.map((p) => locateProblem(p, table.geometry)));
    ctx.problems = [];
    rowProblems.push(...problems);
    if (problems.length > 0) continue;
    if (checked?.kind === 'incident') incidents.push(checked);
    else if (checked) relations.push(checked);
  }
  const problems = [...layoutProblems, ...topProblems, ...rowProblems];
  if (problems.length > 0 || !head) {
    if (problems.length === 0) problems.push({ message: 'the dataset could not be read' });
    return { ok: false, problems };
  }
  const dataset: Dataset = { ...head, incidents, relations };
  return { ok: true, dataset, problems: [] };
}
