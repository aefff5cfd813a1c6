/**
 * Gleditsch–Ward state numbers (UCDP's `country_id`, `gwno_a`, `gwno_b`) to ISO 3166-1
 * alpha-3 codes.
 *
 * The table, `gleditschward.json`, is the Gleditsch–Ward list of independent states (to 2017)
 * as tabulated by the `countrycode` R package (GPL-3; the codes are facts from Gleditsch &
 * Ward, "Interstate System Membership: A Revised List of the Independent States since 1816",
 * International Interactions 25, 1999, free for research use with citation), with the
 * microstates of Gleditsch's 2004 list, which use the COW numbers. Former states carry their
 * former ISO codes (`SUN`, `YUG`, `CSK`, `DDR`, `YMD`, `RVN`); 678, Yemen (Arab Republic)
 * since 1918 and unified Yemen since 1990, is `YEM`. Numbers that differ from COW's: Germany
 * 260 (COW 255), Serbia 340 (COW 345), Yemen 678 (COW 679).
 */
import table from './gleditschward.json';
import type { CodeResult } from './result.ts';
import { isoOfState, readStates, stateNumber, type ListedState, type StateRow } from './states.ts';

const states = readStates(table.states as StateRow[]);

/**
 * The ISO alpha-3 code of a Gleditsch–Ward number (`630` → `IRN`, `260` → `DEU`, `340` →
 * `SRB`), in `year` when given: 365 is `SUN` in 1922–1991 and `RUS` otherwise, 816 `VDR`
 * until 1975. Without a year, each number's usual code. A number that is no G–W state, or a
 * state without an ISO code (Tibet, Transvaal, …), is a reason instead.
 */
export function gleditschWardToIso3(code: string | number, year?: number): CodeResult {
  const number = stateNumber(code);
  return isoOfState(
    number === undefined ? undefined : states.get(number),
    String(code).trim(),
    'Gleditsch–Ward',
    year,
  );
}

/** Every Gleditsch–Ward state in the table, for tests and documentation. */
export function gleditschWardStates(): ListedState[] {
  return [...states.values()];
}
