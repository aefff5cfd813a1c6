import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import {
  CSV_COLUMNS,
  csvCell,
  exportCsv,
  exportGeoJson,
  featuresInEffect,
} from '../../../src/core/export/exportdata.ts';
import type { Dataset } from '../../../src/core/model/schema.ts';
import type { TimeFilter } from '../../../src/core/time/timeline.ts';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';

function load(path: string): Dataset {
  const result = validateDataset(readFileSync(new URL(path, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(`${path} is invalid`);
  return result.dataset;
}

const builtIn = load('../../../geojson/caspian-2022-2023.geojson');
const minimal = load('../../fixtures/valid/minimal.geojson');

const at = (
  date: string,
  mode: TimeFilter['mode'] = 'cumulative',
  windowDays = 30,
): TimeFilter => ({
  day: dayFromIso(date)!,
  mode,
  windowDays,
});

/** The ids and stances a dataset has in effect: what a map of it would draw. */
function summary(dataset: Dataset, filter: TimeFilter) {
  const { incidents, relations } = featuresInEffect(dataset, filter);
  return {
    incidents: incidents.map((i) => i.id),
    relations: relations.map((r) => `${r.id}:${r.stance}`),
  };
}

describe('featuresInEffect', () => {
  it('holds the Tehran attack on 27 Jan 2023, not on 1 Dec 2022', () => {
    expect(summary(builtIn, at('2023-01-27')).incidents).toContain('tehran-embassy-attack');
    expect(summary(builtIn, at('2022-12-01')).incidents).not.toContain('tehran-embassy-attack');
  });

  it('gives each pair the event that sets its stance on the day', () => {
    expect(summary(builtIn, at('2022-11-17')).relations).toContain('aze-isr-2022:cooperation');
    const after = summary(builtIn, at('2022-11-18')).relations;
    expect(after.some((r) => r.startsWith('aze-isr-2022-11-18:'))).toBe(true);
    expect(after.some((r) => r.startsWith('aze-isr-2022:'))).toBe(false);
  });

  it('drops incidents older than the window in window mode', () => {
    const shown = summary(builtIn, at('2023-01-27', 'window', 30)).incidents;
    expect(shown).toContain('tehran-embassy-attack');
    expect(shown).not.toContain('london-embassy-attack');
  });
});

describe('exportGeoJson', () => {
  const filters = [
    at('2022-08-05'),
    at('2022-11-18'),
    at('2023-01-27'),
    at('2023-01-27', 'window', 30),
    at('2022-07-01'),
  ];

  it.each(filters)('validates with zero problems and shows the same map (%o)', (filter) => {
    const exported = exportGeoJson(builtIn, filter);
    const result = validateDataset(JSON.stringify(exported));
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(summary(result.dataset, filter)).toEqual(summary(builtIn, filter));
    // Every language of the texts is kept, with the languages the dataset declares.
    expect(result.dataset.title).toEqual(builtIn.title);
    expect(result.dataset.description).toEqual(builtIn.description);
    expect(result.dataset.languages).toEqual(['en', 'fa', 'az']);
    expect(result.dataset.incidents.map((i) => i.title)).toEqual(
      featuresInEffect(builtIn, filter).incidents.map((i) => i.title),
    );
    expect(result.dataset.attribution).toBe(builtIn.attribution);
  });

  it('keeps declared categories, anchors and every optional field', () => {
    const filter = at('2023-02-01');
    const exported = exportGeoJson(minimal, filter);
    expect(exported.categories).toEqual({ protest: { label: 'Protest', color: '#aa3377' } });
    expect(exported.anchors).toEqual({ AZE: [47.5, 40.3] });
    expect(exported.as_of).toEqual({ date: '2023-02-01', mode: 'cumulative' });
    const tehran = exported.features.find((f) => f.properties?.id === 'tehran-embassy-attack')!;
    expect(tehran.properties).toMatchObject({
      date: '2023-01-27',
      fatalities: 1,
      injured: 2,
      precision: 'city',
    });
    const protest = exported.features.find((f) => f.properties?.id === 'baku-protest')!;
    expect(protest.properties).toMatchObject({
      date: '2023-01',
      end_date: '2023-02-03',
      status: 'reported',
    });
    const result = validateDataset(exported);
    expect(result.problems).toEqual([]);
  });

  it('exports relation events with a null geometry unless the dataset drew the line', () => {
    const exported = exportGeoJson(builtIn, at('2023-01-27'));
    const relations = exported.features.filter((f) => f.properties?.from);
    expect(relations.length).toBeGreaterThan(0);
    for (const r of relations) expect(r.geometry).toBeNull();
  });
});

/** Parses RFC 4180 CSV: enough to check what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('exportCsv', () => {
  it("writes titles in the reader's language, else the dataset's default", () => {
    const filter = at('2023-01-27');
    const title = (language?: string) =>
      parseCsv(exportCsv(builtIn, filter, undefined, language)).find(
        (r) => r[1] === 'tehran-embassy-attack',
      )![2];
    expect(title()).toBe('Gunman attacks the Azerbaijani Embassy in Tehran');
    expect(title('fa')).toBe('حمله فرد مسلح به سفارت جمهوری آذربایجان در تهران');
    expect(title('az')).toBe('Silahlı şəxs Azərbaycanın Tehrandakı səfirliyinə hücum etdi');
    expect(title('ru')).toBe('Gunman attacks the Azerbaijani Embassy in Tehran');
  });

  it('has a header and one row per feature in effect, with CRLF line ends', () => {
    const filter = at('2023-01-27');
    const csv = exportCsv(builtIn, filter);
    const { incidents, relations } = featuresInEffect(builtIn, filter);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/\n(?!")/);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + incidents.length + relations.length);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const tehran = rows.find((r) => r[1] === 'tehran-embassy-attack')!;
    expect(tehran).toEqual([
      'incident',
      'tehran-embassy-attack',
      'Gunman attacks the Azerbaijani Embassy in Tehran',
      '2023-01-27',
      '',
      'attack',
      'AZE;IRN',
      '51.389',
      '35.6892',
      'confirmed',
      'city',
      '1',
      '',
      expect.stringMatching(/^https:\/\/www\.caspianpolicy\.org\//),
    ]);
    const pair = rows.find((r) => r[0] === 'relation')!;
    expect(pair[6]).toMatch(/^[A-Z]{3}\/[A-Z]{3}$/);
    expect(pair[7]).toBe('');
  });

  it('keeps a negative longitude a number', () => {
    const rows = parseCsv(exportCsv(builtIn, at('2023-01-27')));
    expect(rows.find((r) => r[1] === 'london-embassy-attack')![7]).toBe('-0.1276');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-12.5)).toBe('-12.5');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('round-trips hostile titles through a CSV reader', () => {
    const hostile: Dataset = structuredClone(minimal);
    hostile.incidents[0]!.title = '=cmd|" /C calc"!A0, "quoted"\r\nnext line';
    const rows = parseCsv(exportCsv(hostile, at('2023-02-01')));
    expect(rows.find((r) => r[1] === 'tehran-embassy-attack')![2]).toBe(
      `'=cmd|" /C calc"!A0, "quoted"\r\nnext line`,
    );
  });
});
