/**
 * FIPS 10-4 country codes (GDELT's `ActionGeo_CountryCode`, `Actor1Geo_CountryCode`) to
 * ISO 3166-1 alpha-3 codes. FIPS looks like ISO alpha-2 and is not: `NI` is Nigeria in FIPS
 * and Nicaragua in ISO, `AU` Austria (ISO `AT`), `AS` Australia (ISO `AU`), `AJ` Azerbaijan,
 * `IS` Israel, `TU` Turkey, `IR` Iran.
 *
 * The table, `fips.json`, is FIPS PUB 10-4 (US government work, public domain) as matched to
 * ISO codes by the `countrycode` R package (GPL-3; the codes are facts), with the codes it lacks
 * added by hand: `KV` Kosovo, `OD` South Sudan, `UC` Curaçao, `NN` Sint Maarten, `RN` Saint Martin.
 */
import table from './fips.json';
import { found, notFound, type CodeResult } from './result.ts';

const byFips = new Map(table.codes as [string, string][]);

/**
 * The alpha-3 code of a FIPS 10-4 country code (`NI` → `NGA`, `AU` → `AUT`, `AJ` → `AZE`).
 * Case is ignored. A code FIPS does not assign, or one for a place without a country in the
 * app (oceans, Netherlands Antilles), is a reason instead.
 */
export function fipsToIso3(code: string): CodeResult {
  const text = code.trim().toUpperCase();
  const iso3 = byFips.get(text);
  return iso3 === undefined ? notFound(`"${code}" is not a FIPS 10-4 country code`) : found(iso3);
}

/** Every FIPS code in the table with its alpha-3 code, for tests and documentation. */
export function fipsCodes(): [string, string][] {
  return [...byFips];
}
