/**
 * CAMEO actor country codes (GDELT's `Actor1CountryCode`, `Actor2CountryCode`) to ISO 3166-1
 * alpha-3 codes.
 *
 * CAMEO uses the UN's three-letter codes, which are ISO alpha-3, so most codes pass through.
 * Where the two differ is written here by hand from the CAMEO codebook (Schrodt, "CAMEO
 * Conflict and Mediation Event Observations Codebook", v1.1b3, 2012, sections 3.1.1 and
 * 3.1.9, public documentation): codes ISO has since changed (`ROM` Romania, now `ROU`; `TMP`
 * East Timor, now `TLS`; `ZAR` Zaire, now `COD`; `SCG` Serbia and Montenegro, drawn as `YUG`
 * like its COW and G–W numbers), and the international region codes of Table 3.3 (`AFR`
 * Africa, `EUR` Europe, `MEA` Middle East, …) and generic codes (`IGO`, `NGO`, `UIS`, …),
 * which name no state and so map to no country.
 */
import { countryByCode } from '../../model/countries.ts';
import { found, notFound, type CodeResult } from './result.ts';

/** Codes CAMEO uses for a state that ISO now codes otherwise. */
const OLD_CODES: ReadonlyMap<string, string> = new Map([
  ['ROM', 'ROU'],
  ['TMP', 'TLS'],
  ['ZAR', 'COD'],
  ['SCG', 'YUG'],
]);

/** CAMEO's international region codes (codebook Table 3.3). */
const REGIONS: ReadonlyMap<string, string> = new Map([
  ['AFR', 'Africa'],
  ['ASA', 'Asia'],
  ['BLK', 'the Balkans'],
  ['CRB', 'the Caribbean'],
  ['CAU', 'the Caucasus'],
  ['CFR', 'Central Africa'],
  ['CAS', 'Central Asia'],
  ['CEU', 'Central Europe'],
  ['EIN', 'the East Indies'],
  ['EAF', 'Eastern Africa'],
  ['EEU', 'Eastern Europe'],
  ['EUR', 'Europe'],
  ['LAM', 'Latin America'],
  ['MEA', 'the Middle East'],
  ['MDT', 'the Mediterranean'],
  ['NAF', 'North Africa'],
  ['NMR', 'North America'],
  ['PGS', 'the Persian Gulf'],
  ['SCN', 'Scandinavia'],
  ['SAM', 'South America'],
  ['SAS', 'South Asia'],
  ['SEA', 'Southeast Asia'],
  ['SAF', 'Southern Africa'],
  ['WAF', 'West Africa'],
  ['WST', '"the West"'],
]);

/** CAMEO's generic international actor codes (codebook Table 3.2). */
const INTERNATIONAL: ReadonlyMap<string, string> = new Map([
  ['IGO', 'an intergovernmental organisation'],
  ['IMG', 'an international militarised group'],
  ['INT', 'an international actor'],
  ['MNC', 'a multinational corporation'],
  ['NGM', 'a non-governmental movement'],
  ['NGO', 'a non-governmental organisation'],
  ['UIS', 'an unidentified state'],
]);

/**
 * The alpha-3 code of a CAMEO country code (`IRN` → `IRN`, `ROM` → `ROU`, `TMP` → `TLS`).
 * Case is ignored. A region (`AFR`, `MEA`), a generic international actor (`IGO`) or an
 * unknown code is a reason instead: GDELT rows with such an actor have no country for it.
 */
export function cameoToIso3(code: string): CodeResult {
  const text = code.trim().toUpperCase();
  const iso3 = OLD_CODES.get(text) ?? text;
  if (/^[A-Z]{3}$/.test(iso3) && countryByCode(iso3) !== undefined) return found(iso3);
  const region = REGIONS.get(text);
  if (region !== undefined) {
    return notFound(`"${text}" is CAMEO's code for ${region}, a region, not a state`);
  }
  const actor = INTERNATIONAL.get(text);
  if (actor !== undefined) return notFound(`"${text}" is CAMEO's code for ${actor}, not a state`);
  return notFound(`"${code}" is not a CAMEO country code`);
}

/** The CAMEO codes that differ from ISO, the regions and the generic codes, for tests. */
export function cameoSpecialCodes(): { old: string[]; regions: string[]; international: string[] } {
  return {
    old: [...OLD_CODES.keys()],
    regions: [...REGIONS.keys()],
    international: [...INTERNATIONAL.keys()],
  };
}
