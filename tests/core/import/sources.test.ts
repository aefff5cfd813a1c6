import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../../src/core/import/problems.ts';
import { importSource, recogniseSource } from '../../../src/core/import/sources/index.ts';
import { readTable } from '../../../src/core/import/table.ts';
import { GDELT_COLUMNS } from '../../../src/core/import/sources/gdelt.ts';
import {
  gdeltRelationEvents,
  gdeltRelations,
  goldsteinStance,
} from '../../../src/core/import/sources/goldstein.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

/** Reads a fixture of tests/fixtures/in/sources, recognises its source and imports it. */
function importFixture(name: string) {
  const bytes = new Uint8Array(readFileSync(`tests/fixtures/in/sources/${name}`));
  const { table } = readTable(bytes, { file: name });
  const source = recogniseSource(table);
  if (!source) throw new Error(`${name} is not recognised`);
  const result = importSource(source, table);
  const byId = new Map(result.dataset.features.map((f) => [f.properties.id, f]));
  return { source, result, byId };
}

describe('ACLED', () => {
  it('imports the current layout: categories, precisions, ISO numeric codes, outlets as citations, a multi-line note', () => {
    const { source, result, byId } = importFixture('acled-current.csv');
    expect(source.id).toBe('acled');
    expect(formatProblems(result.problems)).toEqual([]);
    expect(validateDataset(result.dataset).ok).toBe(true);
    expect(result.dataset.attribution).toMatch(/ACLED/);
    const tehran = byId.get('TMX1001')!;
    expect(tehran.geometry?.coordinates).toEqual([51.389, 35.6892]);
    expect(tehran.properties).toMatchObject({
      title: 'Attack in Tehran',
      date: '2023-01-27',
      category: 'attack',
      precision: 'exact',
      countries: ['IRN'],
      fatalities: 1,
      status: 'reported',
      sources: [{ publisher: 'Wire Service A' }, { publisher: 'Daily Paper B' }],
    });
    expect(tehran.properties.summary).toContain('\nA second line, "quoted"');
    expect(byId.get('TMX1002')?.properties).toMatchObject({
      title: 'Peaceful protest in اصفهان',
      date: '2023-03',
      category: 'security',
      precision: 'city',
    });
    expect(byId.get('TMX1003')?.properties).toMatchObject({
      date: '2022',
      category: 'diplomatic',
      precision: 'region',
      countries: ['FJI'],
    });
    expect(byId.get('TMX1003')?.properties.fatalities).toBeUndefined();
    expect(byId.get('TMX1004')?.geometry?.coordinates).toEqual([177.5089, 64.7337]);
  });

  it('imports the pre-2019 upper-case layout with Gleditsch–Ward numbers and day-first dates', () => {
    const { source, result, byId } = importFixture('acled-old.csv');
    expect(source.id).toBe('acled');
    expect(formatProblems(result.problems)).toEqual([]);
    expect(byId.get('NIG900')?.properties).toMatchObject({
      date: '2015-03-12',
      category: 'attack',
      countries: ['NGA'],
      fatalities: 4,
    });
    expect(byId.get('NIG901')?.properties).toMatchObject({
      category: 'security',
      precision: 'city',
    });
  });

  it('names the ACLED column of a bad cell', () => {
    const text = readFileSync('tests/fixtures/in/sources/acled-old.csv', 'utf8').replace(
      '11.8464',
      'north',
    );
    const { table } = readTable(text, { file: 'acled.csv' });
    const result = importSource(recogniseSource(table)!, table);
    expect(formatProblems(result.problems)).toEqual([
      'acled.csv line 2: latitude "north" is not a number',
    ]);
    expect(result.incidents).toBe(1);
  });
});

describe('UCDP GED', () => {
  it('imports dates by date_prec, where_prec, best deaths, G–W codes in their year, articles as citations', () => {
    const { source, result, byId } = importFixture('ucdp-ged.csv');
    expect(source.id).toBe('ucdp');
    expect(formatProblems(result.problems)).toEqual([]);
    expect(validateDataset(result.dataset).ok).toBe(true);
    expect(byId.get('ucdp-900001')?.properties).toMatchObject({
      title: 'Government of Afghanistan - Taleban',
      date: '2019-01-01',
      category: 'attack',
      precision: 'exact',
      countries: ['AFG'],
      fatalities: 8,
      sources: [
        { title: 'Clash reported in Kunduz', publisher: 'Wire A', published: '2019-01-02' },
        { title: 'Fighting in the north', publisher: 'Wire B', published: '2019-01-03' },
      ],
    });
    expect(byId.get('ucdp-900001')?.properties.end_date).toBeUndefined();
    expect(byId.get('ucdp-900002')?.properties).toMatchObject({
      date: '2017-05',
      precision: 'region',
    });
    expect(byId.get('ucdp-900003')?.properties).toMatchObject({
      date: '1989',
      precision: 'country',
      countries: ['SUN'],
    });
  });
});

describe('GDELT 2.0', () => {
  it('recognises 61 headerless columns; CAMEO roots, CAMEO and FIPS codes, ActionGeo_Type', () => {
    const { source, result, byId } = importFixture('gdelt.export.CSV');
    expect(source.id).toBe('gdelt');
    expect(formatProblems(result.problems)).toEqual([]);
    expect(result.relations).toBe(0);
    expect(byId.get('gdelt-1100000001')?.properties).toMatchObject({
      title: 'Fight: IRAN – AZERBAIJAN',
      date: '2023-01-27',
      category: 'attack',
      precision: 'city',
      countries: ['IRN', 'AZE'],
      sources: [{ url: 'https://example.org/news/tehran' }],
    });
    // ROM is CAMEO's Romania, AFR a region (no country), NI FIPS's Nigeria.
    expect(byId.get('gdelt-1100000002')?.properties).toMatchObject({
      category: 'diplomatic',
      precision: 'country',
      countries: ['ROU', 'NGA'],
    });
  });
});

describe('relations between states', () => {
  it('turns dyadic MIDs into one event per dispute and pair, stance by hostility level, COW numbers by year', () => {
    const { source, result, byId } = importFixture('mid-dyadic.csv');
    expect(source.id).toBe('cow-mid');
    expect(formatProblems(result.problems)).toEqual([]);
    expect(result.relations).toBe(3);
    expect(byId.get('cow-mid-9001-USA-SUN')?.properties).toMatchObject({
      from: 'USA',
      to: 'SUN',
      stance: 'tension',
      date: '1962-10-14',
      end_date: '1962-11-20',
    });
    expect(byId.get('cow-mid-9002-FRA-DEU')?.properties).toMatchObject({
      stance: 'hostility',
      date: '1914-08',
    });
    expect(byId.get('cow-mid-9003-SAU-YEM')?.properties).toMatchObject({ stance: 'hostility' });
    expect(byId.get('cow-mid-9003-SAU-YEM')?.properties.end_date).toBeUndefined();
  });

  it('gives an ATOP pair the strongest obligation either way, one event per run of years', () => {
    const { source, result, byId } = importFixture('atop-ddyr.csv');
    expect(source.id).toBe('atop');
    expect(formatProblems(result.problems)).toEqual([]);
    // The US owes Japan consultation, Japan owes the US defence: the pair is an alliance.
    expect(byId.get('atop-JPN-USA-1951')?.properties).toMatchObject({
      stance: 'alliance',
      date: '1951',
    });
    expect(byId.get('atop-JPN-USA-1951')?.properties.end_date).toBeUndefined();
    expect(byId.get('atop-SUN-USA-1952')?.properties).toMatchObject({ stance: 'cooperation' });
    expect(result.dataset.attribution).toMatch(/ATOP/);
  });

  it('turns COW alliances into events from start to end, defence as alliance, neutrality as cooperation', () => {
    const { source, result, byId } = importFixture('cow-alliance.csv');
    expect(source.id).toBe('cow-alliance');
    expect(formatProblems(result.problems)).toEqual([]);
    expect(result.relations).toBe(2);
    expect(byId.get('cow-alliance-9100-GBR-USA')?.properties).toMatchObject({
      stance: 'alliance',
      date: '1949-04-04',
    });
    expect(byId.get('cow-alliance-9101-DEU-SUN')?.properties).toMatchObject({
      stance: 'cooperation',
      date: '1939-08-23',
      end_date: '1941-06-22',
    });
    expect(result.dataset.attribution).toMatch(/v4\.1/);
  });
});

describe('sources without a link', () => {
  it('the validator takes a citation by title or publisher, and refuses one with neither', () => {
    const feature = (sources: unknown) => ({
      type: 'FeatureCollection',
      title: 't',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [51, 35] },
          properties: {
            id: 'a',
            title: 'A',
            date: '2023',
            category: 'attack',
            countries: ['IRN'],
            sources,
          },
        },
      ],
    });
    expect(validateDataset(feature([{ publisher: 'Wire A' }])).ok).toBe(true);
    expect(validateDataset(feature([{ url: '', title: 'Headline' }])).ok).toBe(true);
    const bad = validateDataset(feature([{ published: '2023-01-01' }]));
    expect(bad.ok).toBe(false);
  });
});

describe('relations derived from GDELT', () => {
  /** A GDELT table with BigQuery's header: one row per event, the columns the rule reads. */
  function gdeltTable(rows: [string, string, string, string, string][]) {
    const header = [...GDELT_COLUMNS].join('\t');
    const lines = rows.map(([date, actor1, actor2, goldstein, articles], i) => {
      const cells = new Map<string, string>([
        ['GLOBALEVENTID', String(1000 + i)],
        ['SQLDATE', date],
        ['Actor1CountryCode', actor1],
        ['Actor2CountryCode', actor2],
        ['EventRootCode', '04'],
        ['GoldsteinScale', goldstein],
        ['NumArticles', articles],
        ['ActionGeo_Type', '1'],
        ['ActionGeo_Lat', '35.7'],
        ['ActionGeo_Long', '51.4'],
        ['SOURCEURL', 'https://example.org/a'],
      ]);
      return GDELT_COLUMNS.map((name) => cells.get(name) ?? '').join('\t');
    });
    return readTable(new TextEncoder().encode([header, ...lines].join('\n')), { file: 'g.tsv' })
      .table;
  }

  it('maps mean Goldstein scores to stances at the documented thresholds', () => {
    expect([6, 4, 3.9, 1.5, 1.4, -1.4, -1.5, -3.9, -4, -10].map(goldsteinStance)).toEqual([
      'alliance',
      'alliance',
      'cooperation',
      'cooperation',
      'neutral',
      'neutral',
      'tension',
      'tension',
      'hostility',
      'hostility',
    ]);
  });

  it('writes a month’s stance per pair when it changes, weighting by articles and skipping thin months', () => {
    const table = gdeltTable([
      // December: cooperative talks, in either actor order.
      ['20221203', 'IRN', 'AZE', '3.0', '2'],
      ['20221210', 'AZE', 'IRN', '3.4', '1'],
      ['20221220', 'IRN', 'AZE', '1.9', '1'],
      // January: one widely told attack outweighs two small cooperative stories.
      ['20230127', 'AZE', 'IRN', '-10', '40'],
      ['20230128', 'IRN', 'AZE', '2.8', '1'],
      ['20230129', 'AZE', 'IRN', '1.0', '1'],
      // February: hostile again, so no new event; March: two events only, too few to say.
      ['20230201', 'AZE', 'IRN', '-9', '3'],
      ['20230202', 'AZE', 'IRN', '-9', '3'],
      ['20230203', 'AZE', 'IRN', '-9', '3'],
      ['20230301', 'AZE', 'IRN', '7', '3'],
      ['20230302', 'AZE', 'IRN', '7', '3'],
      // Not a pair of countries: one country, a region code, no second actor.
      ['20221205', 'IRN', 'IRN', '-10', '9'],
      ['20221205', 'IRN', 'AFR', '-10', '9'],
      ['20221205', 'IRN', '', '-10', '9'],
    ]);
    const events = gdeltRelationEvents(table);
    expect(events.map((e) => [e.from, e.to, e.date, e.stance])).toEqual([
      ['AZE', 'IRN', '2022-12', 'cooperation'],
      ['AZE', 'IRN', '2023-01', 'hostility'],
    ]);
    expect(events[0]!.summary).toContain('3 events');
    expect(events[0]!.summary).toContain('weighted by 4 articles');
    expect(events[0]!.summary).toContain('+2.8');

    const result = importSource(gdeltRelations, table);
    expect(formatProblems(result.problems)).toEqual([]);
    expect(result.relations).toBe(2);
    expect(result.incidents).toBe(0);
    const check = validateDataset(result.dataset);
    expect(check.ok && check.dataset.relations.length).toBe(2);
    const january = result.dataset.features.find(
      (f) => f.properties.id === 'gdelt-AZE-IRN-2023-01',
    );
    expect(january?.properties.sources).toEqual([
      {
        publisher: 'The GDELT Project',
        title: expect.stringMatching(
          /2023-01: mean Goldstein score −9\.\d over 3 events \(derived\)/,
        ),
      },
    ]);
  });

  it('is never taken for a GDELT file on its own: events are recognised first', () => {
    const table = gdeltTable([['20230127', 'AZE', 'IRN', '-10', '40']]);
    expect(recogniseSource(table)?.id).toBe('gdelt');
  });
});
