/**
 * Alliances between states, to relation events: ATOP's directed dyad-year file (`stateA`,
 * `stateB`, `year`, `defense`, `offense`, `neutral`, `nonagg`, `consul`) and the COW Formal
 * Alliances dyadic files (`version4id`, `ccode1`, `ccode2`, start and end dates, `defense`,
 * `neutrality`, `nonaggression`, `entente`).
 *
 * The rule, documented in geojson/FORMAT.md ("Standard sources"): a defence (or, in ATOP,
 * offence) obligation is `alliance`; neutrality, non-aggression, consultation or entente is
 * `cooperation`. Obligations are coded per member (the United States owes Japan defence, not
 * the reverse), so a pair's stance is the strongest obligation either way. ATOP's years
 * become one event per run of years with the same stance, ending with the run's last year
 * (open while it runs to the file's last year); a COW alliance is one event from its start to
 * its end date. COW state numbers become alpha-3 codes in the year they apply to.
 */
import { cowToIso3 } from '../codes/cow.ts';
import type { TableRow } from '../table.ts';
import { Columns, dateFromParts, isSet, type Converted, type StandardSource } from './source.ts';
import { relationMapping, relationTable, type PairEvent } from './relations.ts';

/** A stance's strength, so the strongest obligation either way wins. */
const RANK = { cooperation: 1, alliance: 2 } as const;
type AllianceStance = keyof typeof RANK;

function code(n: string, year: number | undefined): string {
  const found = cowToIso3(n, year);
  return found.ok ? found.iso3 : n;
}

/** The strongest obligation of one row and its words, or `undefined` without any. */
function obligation(
  c: Columns,
  row: TableRow,
  flags: readonly [string, AllianceStance, string][],
): { stance: AllianceStance; words: string } | undefined {
  const set = flags.filter(([name]) => isSet(c.get(row, name)));
  if (set.length === 0) return undefined;
  const best = set.reduce((p, q) => (RANK[q[1]] > RANK[p[1]] ? q : p));
  return { stance: best[1], words: set.map(([, , words]) => words).join(', ') };
}

const ATOP_FLAGS: readonly [string, AllianceStance, string][] = [
  ['defense', 'alliance', 'defence'],
  ['offense', 'alliance', 'offence'],
  ['neutral', 'cooperation', 'neutrality'],
  ['nonagg', 'cooperation', 'non-aggression'],
  ['consul', 'cooperation', 'consultation'],
];

const COW_FLAGS: readonly [string, AllianceStance, string][] = [
  ['defense', 'alliance', 'defence pact'],
  ['neutrality', 'cooperation', 'neutrality pact'],
  ['nonaggression', 'cooperation', 'non-aggression pact'],
  ['entente', 'cooperation', 'entente'],
];

const ATOP_COLUMNS = {
  id: 'ddyad',
  from: 'stateA',
  to: 'stateB',
  stance: 'defense',
  date: 'year',
  end: 'last year',
};

/** ATOP directed dyad-year files (`atop5_1ddyr.csv`), recognised by `stateA`, `stateB`, `year`, `defense`. */
export const atop: StandardSource = {
  id: 'atop',
  name: 'ATOP alliances (dyad-year)',
  recognise(table) {
    return new Columns(table.headers).hasAll('statea', 'stateb', 'year', 'defense', 'nonagg');
  },
  convert(table): Converted {
    const c = new Columns(table.headers);
    /** Per pair of alpha-3 codes, per year: the strongest stance, its words and first line. */
    const pairs = new Map<
      string,
      Map<number, { stance: AllianceStance; words: string; line: number }>
    >();
    let lastYear = -Infinity;
    for (const row of table.rows) {
      const year = Number(c.get(row, 'year'));
      if (!Number.isInteger(year)) continue;
      lastYear = Math.max(lastYear, year);
      const found = obligation(c, row, ATOP_FLAGS);
      if (!found) continue;
      const [a, b] = [
        code(c.get(row, 'statea'), year),
        code(c.get(row, 'stateb'), year),
      ].sort() as [string, string];
      const key = `${a}|${b}`;
      let years = pairs.get(key);
      if (!years) pairs.set(key, (years = new Map()));
      const known = years.get(year);
      if (!known || RANK[found.stance] > RANK[known.stance]) {
        years.set(year, { ...found, line: known?.line ?? row.line });
      }
    }
    const events: PairEvent[] = [];
    for (const [key, years] of pairs) {
      const [a, b] = key.split('|') as [string, string];
      const sorted = [...years].sort((p, q) => p[0] - q[0]);
      let i = 0;
      while (i < sorted.length) {
        let j = i;
        while (
          j + 1 < sorted.length &&
          sorted[j + 1]![0] === sorted[j]![0] + 1 &&
          sorted[j + 1]![1].stance === sorted[i]![1].stance
        ) {
          j++;
        }
        const [first, info] = sorted[i]!;
        const last = sorted[j]![0];
        const event: PairEvent = {
          line: info.line,
          id: `atop-${a}-${b}-${first}`,
          from: a,
          to: b,
          stance: info.stance,
          date: String(first),
          title: `${info.stance === 'alliance' ? 'Alliance' : 'Pact'}: ${a} – ${b} (${info.words})`,
          summary: `ATOP codes ${info.words} obligations between ${a} and ${b}, ${first}–${last === lastYear ? 'on' : last}.`,
          publisher: 'Alliance Treaty Obligations and Provisions (ATOP)',
          sourceTitle: 'ATOP directed dyad-year data',
        };
        if (last !== lastYear) event.endDate = String(last);
        events.push(event);
        i = j + 1;
      }
    }
    return {
      rowsRead: table.rows.length,
      table: relationTable(table, events, ATOP_COLUMNS),
      mapping: relationMapping(
        ATOP_COLUMNS,
        'Alliance Treaty Obligations and Provisions (ATOP), Leeds et al. 2002, atopdata.org',
      ),
    };
  },
};

const COW_COLUMNS = {
  id: 'version4id',
  from: 'ccode1',
  to: 'ccode2',
  stance: 'defense',
  date: 'dyad_st_year',
  end: 'dyad_end_year',
};

/** COW Formal Alliances dyadic files, recognised by `version4id`, `ccode1`, `ccode2`, `defense`. */
export const cowAlliance: StandardSource = {
  id: 'cow-alliance',
  name: 'COW formal alliances (dyadic)',
  recognise(table) {
    return new Columns(table.headers).hasAll('version4id', 'ccode1', 'ccode2', 'defense');
  },
  convert(table): Converted {
    const c = new Columns(table.headers);
    const byKey = new Map<string, PairEvent & { rank: number }>();
    let version = '';
    for (const row of table.rows) {
      version ||= c.get(row, 'version');
      const id = c.get(row, 'version4id');
      const startYear = c.get(row, 'dyad_st_year');
      const year = Number(startYear) || undefined;
      const a = code(c.get(row, 'ccode1'), year);
      const b = code(c.get(row, 'ccode2'), year);
      const [x, y] = [a, b].sort() as [string, string];
      const key = `${id}|${x}|${y}`;
      const found = obligation(c, row, COW_FLAGS);
      const rank = found ? RANK[found.stance] : 0;
      const known = byKey.get(key);
      if (known) {
        if (found && rank > known.rank) {
          known.rank = rank;
          known.stance = found.stance;
          known.title = `${found.words[0]!.toUpperCase()}${found.words.slice(1)}: ${x} – ${y} (COW alliance ${id})`;
        }
        continue;
      }
      const censored = c.get(row, 'right_censor') === '1';
      const end = censored
        ? undefined
        : dateFromParts(
            c.get(row, 'dyad_end_year'),
            c.get(row, 'dyad_end_month'),
            c.get(row, 'dyad_end_day'),
          );
      const words = found?.words ?? 'alliance without a coded obligation';
      const event: PairEvent & { rank: number } = {
        line: row.line,
        rank,
        id: `cow-alliance-${id}-${x}-${y}`,
        from: x,
        to: y,
        stance: found?.stance ?? '',
        date:
          dateFromParts(startYear, c.get(row, 'dyad_st_month'), c.get(row, 'dyad_st_day')) ??
          startYear,
        title: `${words[0]!.toUpperCase()}${words.slice(1)}: ${x} – ${y} (COW alliance ${id})`,
        summary: `Correlates of War formal alliance ${id}.`,
        publisher: 'Correlates of War Project',
        sourceTitle: `Formal Alliances, dyadic data, alliance ${id}`,
      };
      if (end !== undefined) event.endDate = end;
      byKey.set(key, event);
    }
    const v = version ? ` v${version}` : '';
    return {
      rowsRead: table.rows.length,
      table: relationTable(table, [...byKey.values()], COW_COLUMNS),
      mapping: relationMapping(
        COW_COLUMNS,
        `Correlates of War Project, Formal Alliances${v} (Gibler 2009), correlatesofwar.org`,
      ),
    };
  },
};
