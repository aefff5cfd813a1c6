/**
 * Import problems: where in the input file (file, line, column) and what is wrong, grouped
 * when the same thing is wrong in many rows.
 *
 * A spreadsheet with a column the mapping missed gets the same problem in every row; one
 * line per row would bury the one thing to fix. Problems that differ only in their row are
 * shown once, with the rows as compressed ranges: "date is missing in 2,000 rows: lines
 * 2–2001".
 */

/** One thing wrong with one row (or with the file, when `line` is absent). */
export interface ImportProblem {
  /** The input file's name, when known. */
  file?: string;
  /** 1-based line of the row in the file; for GeoJSON input, the 0-based feature number. */
  line?: number;
  /** Whether `line` counts lines of a table or features of a GeoJSON file. */
  unit?: 'line' | 'feature';
  /** The column as the file names it (its header), or the field name when none fed it. */
  column?: string;
  /** The offending cell value, when there is one. */
  value?: string;
  /** What is wrong, in words that follow the column name: "is missing", "is not a date". */
  message: string;
}

/** Problems that differ only in their row, and those rows. */
export interface ProblemGroup {
  file?: string;
  unit: 'line' | 'feature';
  column?: string;
  value?: string;
  message: string;
  /** The rows, ascending, without repeats. */
  lines: number[];
}

/** At most this many ranges are listed per group; the rest are counted. */
const MAX_RANGES = 20;

/**
 * Groups problems that have the same file, column, value and message, in the order each
 * group first appears; a group's rows are sorted. Problems without a line form groups too.
 */
export function groupProblems(problems: readonly ImportProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    const key = JSON.stringify([p.file, p.unit ?? 'line', p.column, p.value, p.message]);
    let group = groups.get(key);
    if (!group) {
      group = { unit: p.unit ?? 'line', message: p.message, lines: [] };
      if (p.file !== undefined) group.file = p.file;
      if (p.column !== undefined) group.column = p.column;
      if (p.value !== undefined) group.value = p.value;
      groups.set(key, group);
    }
    if (p.line !== undefined) group.lines.push(p.line);
  }
  for (const group of groups.values()) {
    group.lines = [...new Set(group.lines)].sort((a, b) => a - b);
  }
  return [...groups.values()];
}

/**
 * Sorted whole numbers as ranges: `[2, 3, 4, 7, 9, 10]` → `"2–4, 7, 9–10"`. Past `maxRanges`
 * ranges the rest are counted ("… and 12 more").
 */
export function compressRanges(numbers: readonly number[], maxRanges = MAX_RANGES): string {
  const ranges: string[] = [];
  let shown = 0;
  let i = 0;
  while (i < numbers.length && ranges.length < maxRanges) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    ranges.push(i === j ? `${numbers[i]}` : `${numbers[i]}–${numbers[j]}`);
    shown = j + 1;
    i = j + 1;
  }
  const rest = numbers.length - shown;
  return rest > 0
    ? `${ranges.join(', ')} and ${rest.toLocaleString('en-US')} more`
    : ranges.join(', ');
}

/** A value for a problem line: quoted as JSON does, shortened when long. */
function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(short);
}

/**
 * A group as one line of text: the file, where, then what. One row: `events.csv line 5:
 * date "32/01/2023" is not a date`; several: `events.csv: date is missing in 2,000 rows:
 * lines 2–2001`. GeoJSON input counts features instead of lines.
 */
export function formatProblemGroup(group: ProblemGroup): string {
  const subject = [
    group.column !== undefined ? group.column : '',
    group.value !== undefined ? quote(group.value) : '',
    group.message,
  ]
    .filter((part) => part !== '')
    .join(' ');
  const file = group.file ?? '';
  const count = group.lines.length;
  const unit = group.unit === 'feature' ? 'feature' : 'line';
  if (count === 0) return file ? `${file}: ${subject}` : subject;
  if (count === 1) {
    const where = `${unit} ${group.lines[0]}`;
    return file ? `${file} ${where}: ${subject}` : `${where}: ${subject}`;
  }
  const noun = group.unit === 'feature' ? 'features' : 'rows';
  const text = `${subject} in ${count.toLocaleString('en-US')} ${noun}: ${unit}s ${compressRanges(group.lines)}`;
  return file ? `${file}: ${text}` : text;
}

/** Every problem, grouped, one line each (see `formatProblemGroup`). */
export function formatProblems(problems: readonly ImportProblem[]): string[] {
  return groupProblems(problems).map(formatProblemGroup);
}
