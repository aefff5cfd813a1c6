/**
 * How problems are phrased: values quoted and described for messages, and a problem said as
 * one line of text. Messages are read by journalists, so they name what was found in words
 * ("the number 3", "empty text") rather than JavaScript types.
 */
import type { Problem } from '../model/schema.ts';

const MAX_QUOTED = 60;

/** A value quoted for a message: JSON escaping keeps it on one line, long text is cut. */
export function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text);
}

/** What a wrong value is, for "must be X, not Y" messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'empty text' : `the text ${quote(value)}`;
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** A value as written when it is text (`"Tension"`), else what it is (`the number 3`). */
export function show(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describe(value);
}

/** A count with its noun, plural unless the count is 1: `1 number`, `3 positions`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `"A"`, `"A" or "B"`, `"A", "B" or "C"`. */
export function alternatives(codes: readonly string[]): string {
  const quoted = codes.map((code) => `"${code}"`);
  const last = quoted.pop();
  return quoted.length === 0 ? `${last}` : `${quoted.join(', ')} or ${last}`;
}

/**
 * One problem as a line of text: where, then what. Features are numbered from 0, as in
 * `features[12]`, e.g. `feature 12 (id "tehran-attack"): properties.date "2023-02-30" is not
 * a calendar date; use YYYY, YYYY-MM or YYYY-MM-DD`; syntax errors start with
 * `line 4, column 17:` and top-level problems with `dataset:`. A table's problems name the
 * row instead of the feature: `row 12 (id "tehran-attack"): column date …`.
 */
export function formatProblem(problem: Problem): string {
  let where: string;
  if (problem.line !== undefined) {
    where = `line ${problem.line}, column ${problem.column ?? 1}`;
  } else if (problem.featureIndex !== undefined || problem.row !== undefined) {
    const id = problem.featureId !== undefined ? ` (id ${quote(problem.featureId)})` : '';
    where =
      problem.row !== undefined
        ? `row ${problem.row}${id}`
        : `feature ${problem.featureIndex}${id}`;
  } else {
    where = 'dataset';
  }
  const path = problem.path !== undefined ? `${problem.path} ` : '';
  return `${where}: ${path}${problem.message}`;
}
