/**
 * Relations derived from GDELT 2.0 events (`--from gdelt-relations`, or `--relations` beside
 * `--from gdelt`): machine-coded news events between two countries' actors, summed up per
 * pair and month into a stance, for analysts who have no coded relations dataset for their
 * countries and period.
 *
 * The rule, documented in geojson/FORMAT.md ("Relations derived from GDELT"): every row whose
 * two actors have different country codes (CAMEO, to alpha-3) counts for that pair in its
 * month, its Goldstein score (−10 to +10) weighted by its number of articles, so a story
 * told by fifty outlets outweighs one misread wire. A month with at least
 * `MIN_EVENTS_PER_MONTH` events sets the pair's stance by the thresholds in
 * `goldsteinStance`; a month with fewer says nothing. An event is written when a pair's
 * stance changes (and for its first month), dated to the month, so the map's arcs change
 * colour only when the news did. Each event cites GDELT and says how it was derived.
 */
import { cameoToIso3 } from '../codes/cameo.ts';
import type { Table } from '../table.ts';
import { gdelt, gdeltRows } from './gdelt.ts';
import { relationMapping, relationTable, type PairEvent } from './relations.ts';
import type { Converted, StandardSource } from './source.ts';

/** Fewer events than this in a month say nothing about a pair: one odd story is not a trend. */
export const MIN_EVENTS_PER_MONTH = 3;

/**
 * The stance of a mean Goldstein score: from +4 alliance, from +1.5 cooperation, above −1.5
 * neutral, above −4 tension, else hostility. The bands are as wide as the scale's own
 * steps (GDELT's codebook scores a formal agreement +4 to +8, a threat −4 to −7, military
 * force −9 and below), so a month of mostly threats or force reads as tension or hostility.
 */
export function goldsteinStance(mean: number): string {
  if (mean >= 4) return 'alliance';
  if (mean >= 1.5) return 'cooperation';
  if (mean > -1.5) return 'neutral';
  if (mean > -4) return 'tension';
  return 'hostility';
}

/** One pair's events in one month, summed. */
interface PairMonth {
  line: number;
  from: string;
  to: string;
  month: string;
  weighted: number;
  articles: number;
  events: number;
}

const COLUMNS = {
  id: 'GLOBALEVENTID',
  from: 'Actor1CountryCode',
  to: 'Actor2CountryCode',
  stance: 'GoldsteinScale',
  date: 'SQLDATE',
  end: 'end_date',
};

/** The pair-months of a GDELT table, in month order. */
function pairMonths(table: Table): PairMonth[] {
  const { rows, cell } = gdeltRows(table);
  const sums = new Map<string, PairMonth>();
  for (const row of rows) {
    const codes = [cell(row, 'Actor1CountryCode'), cell(row, 'Actor2CountryCode')].map((code) => {
      const found = code === '' ? undefined : cameoToIso3(code);
      return found?.ok ? found.iso3 : undefined;
    });
    const [a, b] = codes;
    const score = Number(cell(row, 'GoldsteinScale'));
    const day = /^(\d{4})(\d{2})\d{2}$/.exec(cell(row, 'SQLDATE'));
    if (!a || !b || a === b || !day || cell(row, 'GoldsteinScale') === '') continue;
    if (!Number.isFinite(score)) continue;
    const [from, to] = [a, b].sort() as [string, string];
    const month = `${day[1]}-${day[2]}`;
    const key = `${from}|${to}|${month}`;
    const articles = Math.max(1, Number(cell(row, 'NumArticles')) || 1);
    const sum = sums.get(key) ?? {
      line: row.line,
      from,
      to,
      month,
      weighted: 0,
      articles: 0,
      events: 0,
    };
    sum.weighted += score * articles;
    sum.articles += articles;
    sum.events += 1;
    sums.set(key, sum);
  }
  return [...sums.values()].sort((p, q) => (p.month < q.month ? -1 : p.month > q.month ? 1 : 0));
}

/** The relation events of a GDELT table: one per pair and change of stance. */
export function gdeltRelationEvents(table: Table): PairEvent[] {
  const last = new Map<string, string>();
  const events: PairEvent[] = [];
  for (const sum of pairMonths(table)) {
    if (sum.events < MIN_EVENTS_PER_MONTH) continue;
    const mean = sum.weighted / sum.articles;
    const stance = goldsteinStance(mean);
    const pair = `${sum.from}|${sum.to}`;
    if (last.get(pair) === stance) continue;
    last.set(pair, stance);
    const score = `${mean >= 0 ? '+' : '−'}${Math.abs(mean).toFixed(1)}`;
    events.push({
      line: sum.line,
      id: `gdelt-${sum.from}-${sum.to}-${sum.month}`,
      from: sum.from,
      to: sum.to,
      stance,
      date: sum.month,
      title: `${sum.from} – ${sum.to}: ${stance} in the news`,
      summary:
        `Derived from GDELT, not coded by hand: the mean Goldstein score of ${sum.events} events ` +
        `between the two countries' actors in ${sum.month}, weighted by ${sum.articles} articles, ` +
        `was ${score}, which the thresholds in geojson/FORMAT.md read as ${stance}.`,
      publisher: 'The GDELT Project',
      sourceTitle: `GDELT 2.0 events, ${sum.month}: mean Goldstein score ${score} over ${sum.events} events (derived)`,
    });
  }
  return events;
}

/** GDELT 2.0 events read as relations between states; chosen by name, never recognised. */
export const gdeltRelations: StandardSource = {
  id: 'gdelt-relations',
  name: 'relations derived from GDELT 2.0 events',
  recognise: (table) => gdelt.recognise(table),
  convert(table): Converted {
    const events = gdeltRelationEvents(table);
    const { rows } = gdeltRows(table);
    return {
      rowsRead: rows.length,
      table: relationTable(table, events, COLUMNS),
      mapping: relationMapping(
        COLUMNS,
        'The GDELT Project, GDELT 2.0 Event Database, gdeltproject.org (relations derived from Goldstein scores)',
      ),
    };
  },
};
