/**
 * ISO 3166-1 numeric country codes (ACLED's `iso`, written without zero padding: `4` is
 * Afghanistan, `364` Iran) to alpha-3 codes.
 *
 * Today's codes come from the `i18n-iso-countries` package (MIT), which carries ISO 3166-1's
 * numeric codes. The former numeric codes that ISO 3166-3 lists for states the app knows are
 * added here by hand. Kosovo has no ISO numeric code; ACLED gives it one of its own, as it does
 * Akrotiri and Dhekelia, so those rows are better read by their country name.
 */
import countries from 'i18n-iso-countries';
import { countryByCode } from '../../model/countries.ts';
import { found, notFound, type CodeResult } from './result.ts';

/** Former ISO numeric codes (ISO 3166-3) and the alpha-3 code the app draws for each. */
const FORMER_NUMERIC: ReadonlyMap<number, string> = new Map([
  [810, 'SUN'], // USSR
  [890, 'YUG'], // Yugoslavia
  [891, 'YUG'], // Serbia and Montenegro, drawn as Yugoslavia like its COW and G–W numbers
  [200, 'CSK'], // Czechoslovakia
  [278, 'DDR'], // German Democratic Republic
  [280, 'DEU'], // Federal Republic of Germany before 1990
  [720, 'YMD'], // Yemen, Democratic
  [886, 'YEM'], // Yemen Arab Republic
  [230, 'ETH'], // Ethiopia before Eritrea's independence
  [736, 'SDN'], // Sudan before South Sudan's independence
]);

/**
 * The alpha-3 code of an ISO numeric code, with or without zero padding (`4`, `"004"` →
 * `AFG`; `364` → `IRN`; `810` → `SUN`). A number ISO does not assign, or one for a territory
 * the app has no country for, is a reason instead.
 */
export function isoNumericToIso3(code: string | number): CodeResult {
  const text = String(code).trim();
  if (!/^\d{1,3}$/.test(text)) return notFound(`"${text}" is not an ISO 3166-1 numeric code`);
  const number = Number(text);
  const iso3 = FORMER_NUMERIC.get(number) ?? countries.numericToAlpha3(number);
  if (iso3 === undefined || countryByCode(iso3) === undefined) {
    return notFound(`"${text}" is not an ISO 3166-1 numeric country code`);
  }
  return found(iso3);
}
