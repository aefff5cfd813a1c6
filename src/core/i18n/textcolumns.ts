/**
 * Texts in several languages as tables hold them (CSV imports, GeoParquet): a plain column
 * `title` beside a column per language, `title:fa`, `title:az`. Kept apart from
 * `localtext.ts`, which the first view loads, since only imports and conversions need it.
 */
import { localText, type LocalText } from './localtext.ts';

/**
 * A column or metadata key that holds one language of a text, `title:fa` → `title` and `fa`;
 * `undefined` for any other name.
 */
export function splitTextColumn(name: string): { field: string; tag: string } | undefined {
  const at = name.indexOf(':');
  if (at <= 0 || at === name.length - 1) return undefined;
  return { field: name.slice(0, at), tag: name.slice(at + 1) };
}

const given = (cell: unknown) => cell !== null && cell !== undefined && cell !== '';

/**
 * A text a table gives in columns, `title` and `title:fa`, `title:az`…, as the dataset format
 * holds it: the plain cell alone when no language cell is filled, else an object of the
 * filled language cells, with the plain cell added in `defaultLanguage` when that language
 * has no cell of its own and the plain text is not a copy of one (as written by
 * `textColumns`). Cells are returned as they are, for the validator to check.
 */
export function textFromColumns(
  plain: unknown,
  byTag: readonly (readonly [string, unknown])[],
  defaultLanguage = 'en',
): unknown {
  const filled = byTag.filter(([, cell]) => given(cell));
  if (filled.length === 0) return plain;
  const value: Record<string, unknown> = Object.fromEntries(filled);
  const copy = filled.some(([, cell]) => cell === plain);
  const known = filled.some(([tag]) => tag.toLowerCase() === defaultLanguage.toLowerCase());
  return given(plain) && !copy && !known ? { [defaultLanguage]: plain, ...value } : value;
}

/**
 * A text as a table writes it: the plain cell (the text itself, or its text in the dataset's
 * default language) and, for a text in several languages, every language's cell by tag.
 * `textFromColumns` reads them back to the same value.
 */
export function textColumns(
  value: LocalText,
  datasetDefault?: string,
): { plain: string; byTag: Readonly<Record<string, string>> } {
  if (typeof value === 'string') return { plain: value, byTag: {} };
  return { plain: localText(value, datasetDefault ?? 'en', datasetDefault), byTag: value };
}
