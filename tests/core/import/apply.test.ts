import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMapping, mergeDatasets, PROGRESS_ROWS } from '../../../src/core/import/apply.ts';
import { isForeignGeoJson, tableFromGeoJson } from '../../../src/core/import/geojson.ts';
import { proposeMapping } from '../../../src/core/import/mapping.ts';
import { formatProblems } from '../../../src/core/import/problems.ts';
import { readTable } from '../../../src/core/import/table.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

/** Reads, maps by the proposal and applies, as the command line does without --mapping. */
function importText(input: string | Uint8Array, file = 'events.csv') {
  const { table } = readTable(input, { file });
  const mapping = proposeMapping(table);
  return { mapping, ...applyMapping(table, mapping) };
}

/** UTF-16 LE with a mark, as Excel's "Unicode text". */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

const EUROPEAN = [
  'Datum;Titel;Notizen;Kategorie;Breite;Länge;Land;Getötete;Link',
  '27/01/2023;Напад на посольство Азербайджана;"Ein Wachmann wurde getötet; der Täter rief ""Rache"".',
  'Zweite Zeile der Notiz.";attack;35,6892;51,389;"IRN;AZE";1;https://example.org/tehran',
  '14/03/2023;حمله پهپادی به پایگاه;;military;32,65;51,67;Iran;;https://example.org/isfahan',
  '01/02/2023;Storm of protest in Suva;;statement;-18,1416;178,4419;FJI;0;https://example.org/suva',
  '02/02/2023;Chukotka exercise;;military;64,73;-177,51;RUS;;https://example.org/anadyr',
].join('\r\n');

describe('applyMapping on realistic rows', () => {
  it('imports a ;-separated European export with a decimal comma, a quoted note across lines, Persian and Russian titles, longitudes near ±180', () => {
    const result = importText(EUROPEAN);
    expect(result.mapping.columns).toMatchObject({
      date: 'Datum',
      title: 'Titel',
      summary: 'Notizen',
      latitude: 'Breite',
      longitude: 'Länge',
      countries: 'Land',
      category: 'Kategorie',
      source_url: ['Link'],
    });
    expect(result.mapping.dateOrder).toBe('dmy');
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.featureLines).toEqual([2, 4, 5, 6]);
    const [tehran, isfahan, suva, anadyr] = result.dataset.features;
    expect(tehran?.properties).toMatchObject({
      id: 'events-2',
      title: 'Напад на посольство Азербайджана',
      date: '2023-01-27',
      countries: ['IRN', 'AZE'],
      fatalities: 1,
      summary: 'Ein Wachmann wurde getötet; der Täter rief "Rache".\r\nZweite Zeile der Notiz.',
    });
    expect(tehran?.geometry?.coordinates).toEqual([51.389, 35.6892]);
    expect(isfahan?.properties.title).toBe('حمله پهپادی به پایگاه');
    expect(isfahan?.properties).not.toHaveProperty('fatalities');
    expect(suva?.properties.fatalities).toBe(0);
    expect(suva?.geometry?.coordinates).toEqual([178.4419, -18.1416]);
    expect(anadyr?.geometry?.coordinates).toEqual([-177.51, 64.73]);
    expect(validateDataset(result.dataset).ok).toBe(true);
  });

  it('reads the same export saved as UTF-16 "Unicode text" with tabs', () => {
    const tsv = EUROPEAN.replaceAll(';', '\t')
      .replace('getötet\t der', 'getötet; der')
      .replace('"IRN\tAZE"', 'IRN;AZE');
    const result = importText(utf16le(tsv), 'events.txt');
    expect(result.problems).toEqual([]);
    expect(result.dataset.features.map((f) => f.properties.title)).toContain(
      'حمله پهپادی به پایگاه',
    );
  });

  it('skips rows with problems, naming file, line and column, and keeps the rest', () => {
    const csv = [
      'id,date,title,category,lat,lon,countries,source_url',
      'a,2023-01-27,Fine,attack,35.7,51.4,IRN,https://example.org/a',
      'b,2023-02-30,Bad date,attack,35.7,51.4,IRN,https://example.org/b',
      'c,2023-01-28,Swapped,attack,151.4,35.7,IRN,https://example.org/c',
      'a,2023-01-29,Repeated id,attack,35.7,51.4,IRN,javascript:alert(1)',
      'd,2023-01-30,Repeated id two,attack,35.7,51.4,IRA,https://example.org/d',
      'a,2023-01-31,Repeated id three,attack,35.7,51.4,IRN,https://example.org/e',
    ].join('\n');
    const result = importText(csv);
    expect(result.dataset.features.map((f) => f.properties.id)).toEqual(['a']);
    expect(result.skipped).toEqual([3, 4, 5, 6, 7]);
    const lines = formatProblems(result.problems);
    expect(lines).toContain(
      'events.csv line 3: date "2023-02-30" is not a date; use 2023-01-27, 27 January 2023, 27/01/2023, 2023-01 or 2023',
    );
    expect(
      lines.some((l) =>
        l.startsWith(
          'events.csv line 4: lat "151.4" is over 90: latitude and longitude look swapped',
        ),
      ),
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.startsWith('events.csv line 5: source_url "javascript:alert(1)" is not a web address'),
      ),
    ).toBe(true);
    expect(lines).toContain(
      'events.csv line 6: countries "IRA" is not a country; did you mean "IRN", "IRQ", "IRL"?',
    );
    // The repeated id is caught by the validator and traced back to its row and column.
    expect(lines.some((l) => l.startsWith('events.csv line 7: id ') && l.includes('"a"'))).toBe(
      true,
    );
    expect(validateDataset(result.dataset).ok).toBe(true);
  });

  it('groups a missing column into one problem, and asks for the day-month order when no row decides it', () => {
    const rows = ['title,lat,lon,countries,url'];
    for (let i = 0; i < 2000; i++) rows.push(`Row ${i},1,2,IRN,https://example.org/${i}`);
    expect(formatProblems(importText(rows.join('\n')).problems)).toEqual([
      'events.csv: date is missing in 2,000 rows: lines 2–2001',
    ]);
    const ambiguous = importText(
      'title,date,lat,lon,countries,url\nA,03/04/2023,1,2,IRN,https://e.org\n',
    );
    expect(formatProblems(ambiguous.problems)[0]).toContain(
      'date "03/04/2023" could be day-month or month-day',
    );
    const declared = applyMapping(
      readTable('title,date,lat,lon,countries,url\nA,03/04/2023,1,2,IRN,https://e.org\n').table,
      {
        ...ambiguous.mapping,
        dateOrder: 'mdy',
      },
    );
    expect(declared.dataset.features[0]?.properties.date).toBe('2023-03-04');
  });

  it('turns rows with from, to and stance into relation events, and a country alone into its anchor', () => {
    const csv = [
      'kind,date,title,from,to,stance,countries,category,source_url,source_url_2',
      'relation,2023-01,Tension,IRN,AZE,tension,,,https://e.org/1,https://e.org/2',
      'incident,2023,Statement in Baku,,,,AZE,statement,https://e.org/3,',
    ].join('\n');
    const result = importText(csv);
    expect(result.problems).toEqual([]);
    expect(result.relations).toBe(1);
    expect(result.dataset.features[0]).toMatchObject({
      geometry: null,
      properties: {
        from: 'IRN',
        to: 'AZE',
        stance: 'tension',
        sources: [{ url: 'https://e.org/1' }, { url: 'https://e.org/2' }],
      },
    });
    expect(result.dataset.features[1]?.properties.precision).toBe('country');
  });
});

describe('texts in several languages', () => {
  const CSV = [
    'date,title,title:fa,title:AZ,summary,summary:fa,category,latitude,longitude,countries,source_url',
    '2023-01-27,Embassy attack,حمله به سفارت,Səfirliyə hücum,A gunman attacked.,,attack,35.6892,51.389,IRN,https://example.org/a',
    '2023-01-28,Statement,,,,بیانیه,statement,40.4,49.87,AZE,https://example.org/b',
  ].join('\n');

  it('reads title:fa and summary:fa columns beside the plain ones, the plain text in English', () => {
    const result = importText(CSV);
    expect(result.problems).toEqual([]);
    expect(result.mapping.columns.title).toBe('title');
    expect(Object.values(result.mapping.columns)).not.toContain('title:fa');
    const [first, second] = result.dataset.features.map((f) => f.properties);
    expect(first!.title).toEqual({
      en: 'Embassy attack',
      fa: 'حمله به سفارت',
      AZ: 'Səfirliyə hücum',
    });
    expect(first!.summary).toBe('A gunman attacked.');
    expect(second!.title).toBe('Statement');
    expect(second!.summary).toEqual({ fa: 'بیانیه' });
    const validated = validateDataset(result.dataset);
    expect(validated.ok && validated.dataset.incidents[0]!.title).toEqual({
      en: 'Embassy attack',
      fa: 'حمله به سفارت',
      az: 'Səfirliyə hücum',
    });
  });

  it("reads the plain columns in the mapping's language", () => {
    const { table } = readTable(CSV, { file: 'events.csv' });
    const mapping = { ...proposeMapping(table), language: 'tr' };
    const result = applyMapping(table, mapping);
    expect(result.dataset.language).toBe('tr');
    expect(result.dataset.features[0]!.properties.title).toMatchObject({ tr: 'Embassy attack' });
  });
});

describe('the template', () => {
  it('static/template.csv imports into a valid dataset with incidents and relation events', () => {
    const result = importText(new Uint8Array(readFileSync('static/template.csv')), 'template.csv');
    expect(result.problems).toEqual([]);
    expect(result.incidents).toBeGreaterThan(0);
    expect(result.relations).toBeGreaterThan(0);
    expect(validateDataset(result.dataset).ok).toBe(true);
  });
});

describe('GeoJSON that is not ours', () => {
  const quakes = {
    type: 'FeatureCollection',
    features: Array.from({ length: 3 }, (_, i) => ({
      type: 'Feature',
      id: `us7000${i}`,
      geometry: { type: 'Point', coordinates: [179.9 - i, -17.5, 10] },
      properties: {
        mag: 4.5 + i,
        place: '100 km E of Suva, Fiji',
        time: 1674813600000 + i * 86400000,
        url: `https://example.org/q/${i}`,
        title: `M ${4.5 + i} - Fiji`,
        type: 'earthquake',
      },
    })),
  };

  it('is told apart from a dataset in our format', () => {
    expect(isForeignGeoJson(quakes)).toBe(true);
    const ours = JSON.parse(readFileSync('geojson/caspian-2022-2023.geojson', 'utf8'));
    expect(isForeignGeoJson(ours)).toBe(false);
    expect(isForeignGeoJson({ type: 'FeatureCollection', features: [] })).toBe(false);
  });

  it('goes through the mapping: properties as columns, the point as latitude and longitude', () => {
    const table = tableFromGeoJson(quakes, 'quakes.geojson');
    const mapping = proposeMapping(table);
    expect(mapping.columns).toMatchObject({
      id: 'id',
      date: 'time',
      title: 'title',
      latitude: 'latitude',
      longitude: 'longitude',
      source_url: ['url'],
    });
    expect(mapping.columns.kind).toBeUndefined();
    const missing = applyMapping(table, mapping);
    expect(formatProblems(missing.problems)).toEqual([
      'quakes.geojson: countries is missing: name at least one country (codes separated by ";") in 3 features: features 0–2',
    ]);
    const result = applyMapping(table, {
      ...mapping,
      defaults: { category: 'other', countries: ['FJI'] },
    });
    expect(result.problems).toEqual([]);
    expect(result.dataset.features[0]).toMatchObject({
      geometry: { coordinates: [179.9, -17.5] },
      properties: { id: 'us70000', date: '2023-01-27', category: 'other', countries: ['FJI'] },
    });
  });
});

describe('mergeDatasets', () => {
  it('keeps ids unique across inputs', () => {
    const one = importText('id,title,date,lat,lon,countries,url\nx,A,2023,1,2,IRN,https://e.org\n');
    const two = importText('id,title,date,lat,lon,countries,url\nx,B,2023,1,2,IRN,https://e.org\n');
    const merged = mergeDatasets([one.dataset, two.dataset]);
    expect(merged.features.map((f) => f.properties.id)).toEqual(['x', 'x-2']);
    expect(validateDataset(merged).ok).toBe(true);
  });
});

describe('applyMapping’s progress', () => {
  it('tells how many rows it has read, of how many, every PROGRESS_ROWS rows', () => {
    const rows = 2 * PROGRESS_ROWS + 7;
    const lines = ['date,latitude,longitude,title,category,countries,source_url'];
    for (let i = 0; i < rows; i++)
      lines.push(`2023-01-02,1,2,Row ${i},attack,FRA,https://e.org/${i}`);
    const { table } = readTable(lines.join('\n'), { file: 'many.csv' });
    const told: [number, number][] = [];
    const result = applyMapping(table, proposeMapping(table), {
      onProgress: (done, total) => told.push([done, total]),
    });
    expect(result.incidents).toBe(rows);
    expect(told).toEqual([
      [PROGRESS_ROWS, rows],
      [2 * PROGRESS_ROWS, rows],
    ]);
  });
});
