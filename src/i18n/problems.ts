/**
 * Validation problems in the reader's language. The validator says each problem in English
 * (what the CLI prints); this module reads such a line as a key of the validation catalogue
 * and its values, by matching it against the English catalogue's own templates, and says it
 * again through the reader's catalogue.
 *
 * Why the words are recovered here rather than attached by the validator: the validator runs
 * in the loading worker, which is part of every first view, and carrying a key and values
 * beside each message cost it half a kilobyte gzipped, past the first view's budget. This
 * module is loaded with the problem list, only when a dataset is refused. The English
 * catalogue is the single source of the English words, and a unit test checks that each
 * problem the catalogue words comes back from it exactly as the CLI printed it.
 */
import type { Language, Translate } from '../core/i18n/locale.ts';
import type { Problem } from '../core/model/schema.ts';
import { quote } from '../core/validation/wording.ts';
import type { Catalogue } from './catalogues.ts';
import english from './validation/en.json';

/** A problem's words: a key under `validation.` and the values put into it. */
export interface ProblemText {
  key: string;
  params?: Record<string, string | ProblemText | { or: string[] }>;
}

const WORDS = (english as { validation: Catalogue }).validation;

/** The catalogue's templates in one group (`value`, `noun`…), or its top-level messages. */
function templates(group?: string): [string, string][] {
  const node = group ? (WORDS[group] as Catalogue) : WORDS;
  return Object.entries(node)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, text]) => [group ? `${group}.${key}` : key, text]);
}

/** A template as a pattern whose named groups are its placeholders. */
function pattern(template: string): RegExp {
  const source = template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      return name ? `(?<${name}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'su');
}

/** Templates tried longest first, so a fixed sentence wins over one made of values. */
function compiled(entries: [string, string][]): [string, RegExp][] {
  const literal = (text: string) => text.replace(/\{\{\w+\}\}/g, '').length;
  return [...entries]
    .sort((a, b) => literal(b[1]) - literal(a[1]))
    .map(([key, text]) => [key, pattern(text)]);
}

const MESSAGES = compiled(
  templates().filter(([key]) => !['useOneOf', 'useCategory'].includes(key)),
);
const VALUES = compiled(templates('value'));
const ADVICE = compiled(templates().filter(([key]) => ['useOneOf', 'useCategory'].includes(key)));
const NOUNS = templates('noun');
const AXES = templates('axis');

/** `"A", "B" or "C"` as its codes. */
function codes(text: string): string[] | undefined {
  const parts = text.split(/, | or /);
  return parts.every((part) => /^"[^"]*"$/.test(part)) ? parts : undefined;
}

/** The words of one value of a message, or `undefined` when they are not the catalogue's. */
function valueWords(
  name: string,
  text: string,
): string | ProblemText | { or: string[] } | undefined {
  switch (name) {
    case 'value':
      return match(text, VALUES) ?? undefined;
    case 'advice':
      return match(text, ADVICE) ?? undefined;
    case 'noun':
    case 'axis': {
      const found = (name === 'noun' ? NOUNS : AXES).find(([, word]) => word === text);
      return found ? { key: found[0] } : undefined;
    }
    case 'options': {
      const or = codes(text);
      return or ? { or } : undefined;
    }
    default:
      return text;
  }
}

/** The first template `text` is, with its values read, else `undefined`. */
function match(text: string, candidates: [string, RegExp][]): ProblemText | undefined {
  for (const [key, regex] of candidates) {
    const found = regex.exec(text);
    if (!found) continue;
    const params: NonNullable<ProblemText['params']> = {};
    let ok = true;
    for (const [name, raw] of Object.entries(found.groups ?? {})) {
      const words = valueWords(name, raw);
      if (words === undefined) ok = false;
      else params[name] = words;
    }
    if (ok) return Object.keys(params).length ? { key, params } : { key };
  }
  return undefined;
}

/**
 * A problem's message as a key of the validation catalogue and its values; `undefined` when
 * the catalogue does not word it (yet), so the English is kept.
 */
export function problemWords(problem: Problem): ProblemText | undefined {
  return match(problem.message, MESSAGES);
}

/** Words of a problem in the catalogue `t` reads, its values put in first. */
function say(text: ProblemText, t: Translate, language: Language): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    if (typeof value === 'string') values[name] = value;
    else if ('or' in value) {
      const list = new Intl.ListFormat(language === 'en' ? 'en-GB' : language, {
        type: 'disjunction',
      });
      values[name] = list.format(value.or);
    } else values[name] = say(value, t, language);
  }
  return t(`validation.${text.key}`, values);
}

/**
 * `formatProblem` in the reader's language: where (line and column, feature, row or
 * the dataset) and what through the validation catalogue `t`, numbers in the language's
 * digits. The file's own values and property paths stay as written, since they are what the
 * reader searches the file for; a message the catalogue does not word keeps its English.
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
  const words = problemWords(problem);
  return `${where}: ${path}${words ? say(words, t, language) : problem.message}`;
}
