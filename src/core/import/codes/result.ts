/**
 * What every country-code lookup answers: the ISO 3166-1 alpha-3 code the app draws, or why
 * there is none, worded to be shown to the person importing the file.
 */

/** A code found (`iso3` is known to `countryByCode`), or the reason it maps to no country. */
export type CodeResult = { ok: true; iso3: string } | { ok: false; reason: string };

/** A found code. */
export function found(iso3: string): CodeResult {
  return { ok: true, iso3 };
}

/** A code that maps to no country, with the reason as a sentence fragment. */
export function notFound(reason: string): CodeResult {
  return { ok: false, reason };
}
