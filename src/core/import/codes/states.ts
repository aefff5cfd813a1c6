/**
 * Shared reading of the two numbered state lists, Correlates of War and Gleditsch–Ward: one
 * row per state number, and the few numbers whose ISO code depends on the year because one
 * number spans a state and its successor (Russia and the Soviet Union under 365, North Vietnam
 * and Vietnam under 816, Serbia and Yugoslavia under COW's 345).
 */
import { found, notFound, type CodeResult } from './result.ts';

/** One row of `cow.json` or `gleditschward.json`: number, abbreviation, name, years, ISO code. */
export type StateRow = [number, string, string, number, number, string | null];

/** A state of a numbered list, read from its row. */
export interface ListedState {
  code: number;
  abbreviation: string;
  name: string;
  firstYear: number;
  lastYear: number;
  /** Its alpha-3 code, or `null` when it never had one (Bavaria, Tibet, …). */
  iso3: string | null;
}

/** The alpha-3 code a number has in a given year, where that differs from its usual one. */
type Era = (year: number) => string | undefined;

/**
 * The Soviet Union existed from 30 December 1922 to 26 December 1991; COW and G–W number it
 * 365 like Russia before and after. Vietnam under 816 is North Vietnam until reunification on
 * 2 July 1976; the year 1976 counts as Vietnam's.
 */
const SHARED_ERAS: ReadonlyMap<number, Era> = new Map<number, Era>([
  [365, (year: number) => (year >= 1922 && year <= 1991 ? 'SUN' : undefined)],
  [816, (year: number) => (year <= 1975 ? 'VDR' : undefined)],
]);

/** Reads a list's rows into a lookup by number. */
export function readStates(rows: readonly StateRow[]): Map<number, ListedState> {
  return new Map(
    rows.map(([code, abbreviation, name, firstYear, lastYear, iso3]) => [
      code,
      { code, abbreviation, name, firstYear, lastYear, iso3 },
    ]),
  );
}

/**
 * The alpha-3 code of a listed state, in `year` when given. `list` names the list in the
 * reason when there is no code; `eras` adds the list's own year-dependent numbers to the
 * shared ones.
 */
export function isoOfState(
  state: ListedState | undefined,
  input: string,
  list: string,
  year?: number,
  eras: ReadonlyMap<number, Era> = new Map(),
): CodeResult {
  if (state === undefined) return notFound(`"${input}" is not a ${list} state number`);
  if (year !== undefined) {
    const era = eras.get(state.code) ?? SHARED_ERAS.get(state.code);
    const iso3 = era?.(year);
    if (iso3 !== undefined) return found(iso3);
  }
  if (state.iso3 === null) {
    return notFound(
      `"${input}" is ${state.name} (${list}, ${state.firstYear}–${state.lastYear}), a former state with no ISO country code`,
    );
  }
  return found(state.iso3);
}

/** A state number from a cell: digits only, leading zeros allowed (`"002"` is 2). */
export function stateNumber(code: string | number): number | undefined {
  const text = String(code).trim();
  return /^\d{1,4}$/.test(text) ? Number(text) : undefined;
}
