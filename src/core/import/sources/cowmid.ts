/**
 * Correlates of War militarised interstate disputes, dyadic (the dyadic MID data: one row per
 * pair of states in a dispute, or per pair and year), to relation events.
 *
 * The rule, documented in geojson/FORMAT.md ("Standard sources"): one event per dispute and
 * pair, from its start date to its end date (a missing day, `-9`, leaves the month; a missing
 * month, the year), with the stance of the highest hostility level either side reached
 * (`hihost`, else `hostlev`): 4 (use of force) and 5 (war) are `hostility`; 1 (no militarised
 * action by one side), 2 (threat) and 3 (display of force) are `tension`. COW state numbers
 * become alpha-3 codes in the dispute's start year (365 is `SUN` in 1950, `RUS` in 2000).
 */
import { cowToIso3 } from '../codes/cow.ts';
import { Columns, dateFromParts, type Converted, type StandardSource } from './source.ts';
import { relationMapping, relationTable, type PairEvent } from './relations.ts';

const LEVELS: Record<number, string> = {
  1: 'no militarised action',
  2: 'threat to use force',
  3: 'display of force',
  4: 'use of force',
  5: 'war',
};

/** The stance of a MID hostility level (1–5), or `undefined` for another value. */
export function hostilityStance(level: number): 'hostility' | 'tension' | undefined {
  if (level === 4 || level === 5) return 'hostility';
  return level >= 1 && level <= 3 ? 'tension' : undefined;
}

const COLUMNS = {
  id: 'disno',
  from: 'statea',
  to: 'stateb',
  stance: 'hihost',
  date: 'strtyr',
  end: 'endyear',
};

/** Dyadic MID files, recognised by `disno`, `statea`, `stateb` and a hostility level. */
export const cowMid: StandardSource = {
  id: 'cow-mid',
  name: 'COW militarised interstate disputes (dyadic)',
  recognise(table) {
    const c = new Columns(table.headers);
    return c.hasAll('disno', 'statea', 'stateb') && c.hasAny('hihost', 'hostlev');
  },
  convert(table): Converted {
    const c = new Columns(table.headers);
    const byKey = new Map<string, PairEvent & { level: number }>();
    for (const row of table.rows) {
      const disno = c.get(row, 'disno');
      const a = c.get(row, 'statea');
      const b = c.get(row, 'stateb');
      const startYear = c.get(row, 'strtyr', 'styear');
      const year = Number(startYear) || undefined;
      const code = (n: string) => {
        const found = cowToIso3(n, year);
        return found.ok ? found.iso3 : n;
      };
      const level = Number(c.get(row, 'hihost', 'hostlev'));
      const [x, y] = [a, b].sort((p, q) => Number(p) - Number(q)) as [string, string];
      const key = `${disno}|${x}|${y}`;
      const known = byKey.get(key);
      if (known) {
        if (level > known.level) {
          known.level = level;
          known.stance = hostilityStance(level) ?? String(level);
        }
        continue;
      }
      const nameA = c.get(row, 'namea') || code(a);
      const nameB = c.get(row, 'nameb') || code(b);
      const date =
        dateFromParts(startYear, c.get(row, 'strtmnth', 'stmon'), c.get(row, 'strtday', 'stday')) ??
        startYear;
      const end = dateFromParts(
        c.get(row, 'endyear', 'endyr'),
        c.get(row, 'endmnth', 'endmon'),
        c.get(row, 'endday'),
      );
      const event: PairEvent & { level: number } = {
        line: row.line,
        level,
        id: `cow-mid-${disno}-${code(x)}-${code(y)}`,
        from: code(a),
        to: code(b),
        stance: hostilityStance(level) ?? c.get(row, 'hihost', 'hostlev'),
        date,
        title: `Militarised dispute ${disno}: ${nameA} – ${nameB}`,
        summary: '',
        publisher: 'Correlates of War Project',
        sourceTitle: `Militarized Interstate Disputes, dyadic data, dispute ${disno}`,
      };
      if (end !== undefined) event.endDate = end;
      byKey.set(key, event);
    }
    const events = [...byKey.values()].map((e) => ({
      ...e,
      summary: `Highest hostility level ${e.level} (${LEVELS[e.level] ?? 'unknown'}).`,
    }));
    return {
      rowsRead: table.rows.length,
      table: relationTable(table, events, COLUMNS),
      mapping: relationMapping(
        COLUMNS,
        'Correlates of War Project, Militarized Interstate Disputes (dyadic), correlatesofwar.org',
      ),
    };
  },
};
