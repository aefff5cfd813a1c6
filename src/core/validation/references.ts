/**
 * Checks of values that point outside the dataset: ISO 3166-1 alpha-3 country codes, with
 * the likeliest valid code for a mistyped one, and cited sources, whose links must be web
 * addresses (http or https) because the app shows them as links; a source without a link
 * is a citation by title or publisher, shown as text.
 */
import { countryByCode, suggestCountryCodes } from '../model/countries.ts';
import type { Source } from '../model/schema.ts';
import { report, type Context } from './context.ts';
import { checkDate, checkList, checkOptionalText, isRecord } from './fields.ts';
import { alternatives, describe, quote } from './wording.ts';

const COUNTRY_CODE_HINT = 'a three-letter ISO 3166-1 alpha-3 code such as "IRN"';
/** Longer text is not a mistyped code or country name; don't spend time comparing it. */
const MAX_SUGGESTION_INPUT = 64;

/** The valid codes a mistyped one most likely meant, computed once per distinct input. */
function suggestionsFor(ctx: Context, code: string): string[] {
  if (code.length > MAX_SUGGESTION_INPUT) return [];
  let suggestions = ctx.suggestions.get(code);
  if (suggestions === undefined) {
    suggestions = suggestCountryCodes(code);
    ctx.suggestions.set(code, suggestions);
  }
  return suggestions;
}

/** The message for a string that is not a known alpha-3 code, with the likeliest valid ones. */
export function unknownCountryMessage(ctx: Context, code: string): string {
  const suggestions = suggestionsFor(ctx, code);
  const base = `${quote(code)} is not an ISO 3166-1 alpha-3 country code`;
  if (suggestions.length === 0) return `${base}; use ${COUNTRY_CODE_HINT}`;
  const [only] = suggestions;
  let why = '';
  if (suggestions.length === 1) {
    if (only === code.trim() && only !== code) why = ' (without spaces)';
    else if (only === code.toUpperCase()) why = ' (codes are upper case)';
  }
  return `${base}; did you mean ${alternatives(suggestions)}?${why}`;
}

/** A required ISO 3166-1 alpha-3 country code that the app knows. */
export function checkCountry(ctx: Context, path: string, value: unknown): string | undefined {
  if (value === undefined) {
    report(ctx, path, `is missing; use ${COUNTRY_CODE_HINT}`);
  } else if (typeof value !== 'string') {
    report(ctx, path, `must be ${COUNTRY_CODE_HINT}, not ${describe(value)}`);
  } else if (countryByCode(value)) {
    return value;
  } else {
    report(ctx, path, unknownCountryMessage(ctx, value));
  }
  return undefined;
}

/** An incident's `countries`: a non-empty list of country codes; the valid ones. */
export function checkCountries(ctx: Context, value: unknown): string[] | undefined {
  const wording = {
    missing: 'list the countries involved, such as ["IRN", "AZE"]',
    list: 'a list of country codes such as ["IRN"]',
    empty: 'list at least one country code',
  };
  return checkList(ctx, 'properties.countries', value, wording, (path, code) =>
    checkCountry(ctx, path, code),
  );
}

/** An absolute http(s) URL; anything else (`javascript:`, `ftp:`, relative paths) is refused. */
const WEB_URL = /^https?:\/\/[^\s/?#]+/i;

/**
 * The scheme and authority of a link (`https://user@example.org:8080`), when they end at a
 * `/`, `?` or `#` (or the end) and hold no backslash, space or control character. The WHATWG
 * URL parser reads such a beginning the same whether or not anything follows it, and never
 * refuses what follows (path, query and fragment are percent-encoded, not checked), so whether
 * the link parses is whether its beginning does. A backslash (read as a slash, or skipped
 * after `//`), or a space (trimmed only at the very end), would make the beginning read
 * differently on its own: such links are parsed whole.
 */
const ORIGIN = /^https?:\/\/[^/?#\\\s\x00-\x1f\x7f]+(?=[/?#]|$)/i;

function parsesAsWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Whether a link is an absolute http(s) address the browser can open. Parsing is decided once
 * per beginning (`ORIGIN`): a million links to one site cost one `new URL`.
 */
function isWebUrl(ctx: Context, text: string): boolean {
  // A text `ORIGIN` matches also matches `WEB_URL`, whose class of characters is wider.
  const origin = ORIGIN.exec(text)?.[0];
  if (origin === undefined) return WEB_URL.test(text) && parsesAsWebUrl(text);
  let verdict = ctx.webOrigins.get(origin);
  if (verdict === undefined) {
    verdict = parsesAsWebUrl(origin);
    ctx.webOrigins.set(origin, verdict);
  }
  return verdict;
}

function checkSource(ctx: Context, path: string, value: unknown): Source | undefined {
  if (!isRecord(value)) {
    const hint = typeof value === 'string' ? `; write { "url": ${quote(value)} }` : '';
    report(ctx, path, `must be an object with a "url", not ${describe(value)}${hint}`);
    return undefined;
  }
  const url = value.url;
  const title = checkOptionalText(ctx, `${path}.title`, value.title);
  const publisher = checkOptionalText(ctx, `${path}.publisher`, value.publisher);
  const published = checkDate(ctx, `${path}.published`, value.published, false);
  // A citation without a link (ACLED names outlets, UCDP cites headlines) is a source when it
  // names a title or publisher.
  const citation = Boolean(title?.trim() || publisher?.trim());
  if (url === undefined || (url === '' && citation)) {
    if (!citation) {
      report(
        ctx,
        `${path}.url`,
        'is missing; give the web address of the source, or its "title" or "publisher"',
      );
      return undefined;
    }
  } else if (typeof url !== 'string') {
    report(ctx, `${path}.url`, `must be a web address as text, not ${describe(url)}`);
    return undefined;
  } else if (!isWebUrl(ctx, url)) {
    report(
      ctx,
      `${path}.url`,
      `${quote(url)} is not a web address; use a full link starting with http:// or https://`,
    );
    return undefined;
  }
  const source: Source = {};
  if (typeof url === 'string' && url !== '') source.url = url;
  if (title !== undefined) source.title = title;
  if (publisher !== undefined) source.publisher = publisher;
  if (published !== undefined) source.published = published.text;
  return source;
}

/** A feature's `sources`: a non-empty list of cited sources; the valid ones. */
export function checkSources(ctx: Context, value: unknown): Source[] | undefined {
  const wording = {
    missing: 'cite at least one source as [{ "url": "https://…" }]',
    list: 'a list of sources such as [{ "url": "https://…" }]',
    empty: 'cite at least one source',
  };
  return checkList(ctx, 'properties.sources', value, wording, (path, source) =>
    checkSource(ctx, path, source),
  );
}
