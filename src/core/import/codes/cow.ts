/**
 * Correlates of War state numbers (`ccode`, as in the MID, alliance and state system data)
 * and COW's three-letter abbreviations (`GMY`, `GFR`, `RVN`) to ISO 3166-1 alpha-3 codes.
 *
 * The table, `cow.json`, is COW's State System Membership list v2016 as tabulated by the
 * `countrycode` R package (GPL-3; the codes are facts from COW, free to use with citation:
 * Correlates of War Project, "State System Membership List, v2016"). Former states carry their
 * former ISO codes (`SUN`, `YUG`, `CSK`, `DDR`, `YMD`, `RVN`; see `formercountries.ts`); North
 * Yemen (678, `YAR`) has `YEM`, the code ISO gave it and unified Yemen (679) kept. States that
 * never had an ISO code (Bavaria, Two Sicilies, …) map to no country. COW numbers differ from
 * Gleditsch–Ward's in places: Germany is 255 (G–W 260), Serbia 345 (G–W 340), Yemen 679 (G–W
 * 678).
 */
import table from './cow.json';
import { notFound, type CodeResult } from './result.ts';
import { isoOfState, readStates, stateNumber, type ListedState, type StateRow } from './states.ts';

const states = readStates(table.states as StateRow[]);
const byAbbreviation = new Map<string, ListedState>(
  [...states.values()].map((state) => [state.abbreviation, state]),
);

/**
 * COW's 345 is Serbia until Yugoslavia forms in 1918 and again after Montenegro leaves in 2006;
 * in between it is Yugoslavia, drawn as `YUG` also in 1992–2006 (FR Yugoslavia, then Serbia
 * and Montenegro, which ISO coded `YUG` until 2003).
 */
const COW_ERAS = new Map<number, (year: number) => string | undefined>([
  [345, (year: number) => (year < 1918 || year >= 2006 ? 'SRB' : undefined)],
]);

/**
 * The ISO alpha-3 code of a COW state number (`2` → `USA`, `255` → `DEU`, `265` → `DDR`), in
 * `year` when given: 365 is `SUN` in 1922–1991 and `RUS` otherwise, 816 `VDR` until 1975,
 * 345 `SRB` before 1918 and from 2006. Without a year, each number's usual code (`RUS`, `VNM`,
 * `YUG`). A number that is no COW state, or a state without an ISO code, is a reason instead.
 */
export function cowToIso3(code: string | number, year?: number): CodeResult {
  const number = stateNumber(code);
  return isoOfState(
    number === undefined ? undefined : states.get(number),
    String(code).trim(),
    'Correlates of War',
    year,
    COW_ERAS,
  );
}

/**
 * The ISO alpha-3 code of a COW state abbreviation (`GMY` → `DEU`, `UKG` → `GBR`, `RVN` →
 * `RVN`), in `year` when given, with the same rules as {@link cowToIso3}. Case is ignored.
 */
export function cowAbbreviationToIso3(abbreviation: string, year?: number): CodeResult {
  const text = abbreviation.trim().toUpperCase();
  const state = byAbbreviation.get(text);
  if (state === undefined)
    return notFound(`"${abbreviation}" is not a Correlates of War state abbreviation`);
  return isoOfState(state, text, 'Correlates of War', year, COW_ERAS);
}

/** Every COW state in the table, for tests and documentation. */
export function cowStates(): ListedState[] {
  return [...states.values()];
}
