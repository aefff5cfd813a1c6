/**
 * How problems are phrased: values quoted and described for messages, and a problem said as
 * one line of text. Messages are read by journalists, so they name what was found in words
 * ("the number 3", "empty text") rather than JavaScript types.
 */
import type { Language, Translate } from '../i18n/locale.ts';
import type { Problem, ProblemText } from '../model/schema.ts';

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

/**
 * {@link describe} for the catalogues: the same words as `validation.value.*` keys. Numbers
 * stay text, so a wrong coordinate is quoted to its last digit in any language.
 */
export function describeText(value: unknown): ProblemText {
  if (value === null) return { key: 'value.null' };
  if (Array.isArray(value)) return { key: 'value.list' };
  switch (typeof value) {
    case 'string':
      return value === ''
        ? { key: 'value.emptyText' }
        : { key: 'value.text', params: { text: quote(value) } };
    case 'number':
      return { key: 'value.number', params: { number: String(value) } };
    case 'boolean':
      return { key: value ? 'value.true' : 'value.false' };
    case 'object':
      return { key: 'value.object' };
    default:
      return { key: 'value.other', params: { type: typeof value } };
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

/** Words of a problem in the catalogue `t` reads, its values put in first. */
function sayIn(text: ProblemText, t: Translate, language: Language): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    if (typeof value !== 'object') values[name] = value;
    else if ('or' in value) {
      const list = new Intl.ListFormat(language === 'en' ? 'en-GB' : language, {
        type: 'disjunction',
      });
      values[name] = list.format(value.or);
    } else values[name] = sayIn(value, t, language);
  }
  return t(`validation.${text.key}`, values);
}

/**
 * {@link formatProblem} in the reader's language: where and what through the catalogues
 * (`validation.*` keys), numbers in the language's digits. A problem whose words have no key
 * yet (`text` absent) keeps its English message after the translated place. Property paths
 * stay as written in the file, since they are what the reader searches for.
 */
export function formatProblemIn(problem: Problem, t: Translate, language: Language): string {
  let where: string;
  if (problem.line !== undefined) {
    where = t('validation.where.line', { line: problem.line, column: problem.column ?? 1 });
  } else if (problem.featureIndex !== undefined || problem.row !== undefined) {
    const row = problem.row !== undefined;
    const index = problem.row ?? problem.featureIndex!;
    where =
      problem.featureId !== undefined
        ? t(row ? 'validation.where.rowWithId' : 'validation.where.featureWithId', {
            index,
            id: quote(problem.featureId),
          })
        : t(row ? 'validation.where.row' : 'validation.where.feature', { index });
  } else {
    where = t('validation.where.dataset');
  }
  const path = problem.path !== undefined ? `${problem.path} ` : '';
  const message = problem.text ? sayIn(problem.text, t, language) : problem.message;
  return `${where}: ${path}${message}`;
}
