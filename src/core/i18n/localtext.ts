/**
 * A dataset's text in its readers' languages: a title, summary, description or category
 * label is either plain text (in the dataset's default language) or an object of BCP 47
 * tags to text, `{ "en": "…", "fa": "…" }`.
 *
 * The loaded model keeps these values as the file gives them (keys canonicalised by the
 * validator); display code resolves them with `localText` at the moment it shows them, so
 * a change of language needs no reload and exports can still write every language.
 */

/** Text in one language, or in several keyed by canonical BCP 47 tag. */
export type LocalText = string | Readonly<Record<string, string>>;

/**
 * The tag and its shorter forms, most specific first: `az-Latn-AZ` → `az-latn-az`,
 * `az-latn`, `az` (lower case, as tags compare case-insensitively). A singleton subtag
 * (`-u-`, `-x-`) is never left dangling at the end.
 */
function fallbackChain(tag: string): string[] {
  const parts = tag.trim().toLowerCase().replaceAll('_', '-').split('-');
  const chain: string[] = [];
  for (let n = parts.length; n > 0; n--) {
    if (parts[n - 1]!.length === 1) continue;
    chain.push(parts.slice(0, n).join('-'));
  }
  return chain;
}

/** The primary language subtag of a tag, lower case: `az-Latn` → `az`. */
export function primarySubtag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The text a value has in `language` without falling back to another language: the exact
 * tag (`az-Latn`), then its shorter forms (`az`), then any tag of the same primary language
 * (`az-Latn` for a reader of `az`). Plain text has no language of its own and is returned
 * only when `plainLanguage`, the language plain text is written in, matches the same way.
 */
export function textIn(
  value: LocalText,
  language: string,
  plainLanguage?: string,
): string | undefined {
  if (typeof value === 'string') {
    if (plainLanguage === undefined) return undefined;
    return textIn({ [plainLanguage]: value }, language);
  }
  const keys = Object.keys(value);
  const lower = keys.map((key) => key.toLowerCase());
  for (const form of fallbackChain(language)) {
    const at = lower.indexOf(form);
    if (at >= 0) return value[keys[at]!];
  }
  const primary = primarySubtag(language);
  const at = lower.findIndex((key) => primarySubtag(key) === primary);
  return at >= 0 ? value[keys[at]!] : undefined;
}

/**
 * The text to show a reader of `language` (any BCP 47 tag: `fa`, `az-Latn`): the value itself
 * when it is plain text; else its text in the reader's language (exact tag, then the
 * primary subtag, see `textIn`), else in the dataset's default language `datasetDefault`,
 * else its first text. An absent value stays absent, so optional fields resolve in one call.
 */
export function localText(value: LocalText, language: string, datasetDefault?: string): string;
export function localText(
  value: LocalText | undefined,
  language: string,
  datasetDefault?: string,
): string | undefined;
export function localText(
  value: LocalText | undefined,
  language: string,
  datasetDefault?: string,
): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return (
    textIn(value, language) ??
    (datasetDefault === undefined ? undefined : textIn(value, datasetDefault)) ??
    Object.values(value)[0] ??
    ''
  );
}

/** Every text of a value, in every language, for searching: `[value]` for plain text. */
export function allTexts(value: LocalText | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : Object.values(value);
}

/** The tags a value gives text in; none for plain text. */
export function textLanguages(value: LocalText | undefined): string[] {
  return value === undefined || typeof value === 'string' ? [] : Object.keys(value);
}
