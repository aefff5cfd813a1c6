/**
 * The column-wise reading of a Parquet file gives what the GeoJSON path gives: the same
 * prepared map data for the same dataset, the same problems as reading each row as a
 * GeoJSON feature, and no feature read one by one for a regular incident row.
 */
import { readFileSync } from 'node:fs';
import { geojsonToWkb, parquetWriteBuffer } from 'hyparquet-writer';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../../src/cli/serve.ts';
import { syntheticDataset } from '../../../src/bench/synthetic.ts';
import { validateParquet } from '../../../src/core/columnar/parquet.ts';
import { locateProblem, tableToCollection } from '../../../src/core/columnar/rows.ts';
import { datasetToParquet } from '../../../src/core/columnar/writeparquet.ts';
import type { Dataset, Problem } from '../../../src/core/model/schema.ts';
import { buildMapData, toPageData } from '../../../src/core/prepare/mapdata.ts';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';

const featureChecks = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../../src/core/validation/features.ts', async (original) => {
  const real = await original<typeof import('../../../src/core/validation/features.ts')>();
  return {
    ...real,
    checkFeature: (...args: Parameters<typeof real.checkFeature>) => {
      featureChecks.count++;
      return real.checkFeature(...args);
    },
  };
});

function validOrThrow(input: unknown): Dataset {
  const result = validateDataset(input);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.dataset;
}

/** What a Parquet file's rows say, read the way the reader did before it went column-wise. */
async function rowWiseProblems(buffer: ArrayBuffer): Promise<string[]> {
  const metadata = parquetMetadata(buffer);
  const rows = await parquetReadObjects({ file: buffer, metadata, utf8: false });
  const names = new Set(Object.keys(rows[0] ?? {}));
  const columns = {
    lonLat: names.has('longitude') || names.has('latitude'),
    ...(names.has('geometry') ? { geometry: 'geometry' } : {}),
  };
  const keyValues = new Map(
    (metadata.key_value_metadata ?? []).map(({ key, value }) => [key, value ?? '']),
  );
  const { value, problems } = tableToCollection({ rows, metadata: keyValues, columns });
  const result = validateDataset(value);
  const all: Problem[] = [
    ...problems,
    ...(result.ok ? [] : result.problems.map((p) => locateProblem(p, columns))),
  ];
  all.sort((a, b) => (a.row ?? -1) - (b.row ?? -1));
  return all.map(formatProblem);
}

/** A WKB point, as GeoParquet writers give one. */
const point = (lon: number, lat: number) =>
  geojsonToWkb({ type: 'Point', coordinates: [lon, lat] });

/**
 * A Parquet file of incident rows, each a regular row changed by its own cells, with both
 * a WKB geometry and longitude/latitude columns, every column as text but the numbers.
 */
function rowsFile(rows: Record<string, unknown>[]): ArrayBuffer {
  const SOURCES = '[{"url":"https://example.org/a"}]';
  const base = {
    kind: 'incident',
    title: 'T',
    date: '2023-01-27',
    end_date: null,
    category: 'attack',
    countries: '["IRN"]',
    sources: SOURCES,
    precision: null,
    status: null,
    fatalities: null,
    injured: null,
    from: null,
    to: null,
    stance: null,
    summary: null,
    'title:fa': null,
    'summary:fa': null,
    longitude: 51.4,
    latitude: 35.7,
  };
  const full: Record<string, unknown>[] = rows.map((row) => ({
    ...base,
    geometry: point(51.4, 35.7),
    ...row,
  }));
  const text = (name: string) => ({
    name,
    data: full.map((r) => r[name] as string | null),
    type: 'STRING' as const,
  });
  const buffer = parquetWriteBuffer({
    columnData: [
      ...[
        'kind',
        'id',
        'title',
        'date',
        'end_date',
        'category',
        'countries',
        'sources',
        'precision',
        'status',
        'from',
        'to',
        'stance',
        'summary',
        'title:fa',
        'summary:fa',
      ].map(text),
      { name: 'fatalities', data: full.map((r) => r.fatalities as number | null), type: 'INT32' },
      { name: 'injured', data: full.map((r) => r.injured as number | null), type: 'INT32' },
      { name: 'longitude', data: full.map((r) => r.longitude as number | null), type: 'DOUBLE' },
      { name: 'latitude', data: full.map((r) => r.latitude as number | null), type: 'DOUBLE' },
      {
        name: 'geometry',
        data: full.map((r) => r.geometry as Uint8Array | null),
        type: 'BYTE_ARRAY',
      },
    ],
    kvMetadata: [
      { key: 'title', value: 'Broken rows' },
      {
        key: 'geo',
        value: JSON.stringify({
          version: '1.1.0',
          primary_column: 'geometry',
          columns: { geometry: { encoding: 'WKB', geometry_types: ['Point'] } },
        }),
      },
    ],
  });
  return buffer;
}

describe('column-wise Parquet reading', () => {
  beforeEach(() => {
    featureChecks.count = 0;
  });

  const datasets: [string, () => Dataset][] = [
    [
      'a synthetic dataset',
      () => validOrThrow(syntheticDataset({ incidents: 1000, pairs: 30, seed: 7 })),
    ],
    [
      'the built-in dataset (texts in several languages)',
      () => validOrThrow(readFileSync(repoPath('geojson', 'caspian-2022-2023.geojson'), 'utf8')),
    ],
  ];
  for (const [name, load] of datasets) {
    it(`${name}: prepares the same map data from Parquet as from GeoJSON`, async () => {
      const fromGeoJson = load();
      const parquet = datasetToParquet(fromGeoJson);
      featureChecks.count = 0;
      const result = await validateParquet(parquet);
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
      if (!result.ok) return;
      // Only the relation rows are read as features; every incident comes from the columns.
      expect(featureChecks.count).toBe(fromGeoJson.relations.length);
      expect(result.dataset).toEqual(fromGeoJson);
      expect(toPageData(buildMapData(result.dataset))).toEqual(
        toPageData(buildMapData(fromGeoJson)),
      );
    });
  }

  it('says every problem as reading each row as a GeoJSON feature does, in row order', async () => {
    const rows: Record<string, unknown>[] = [
      { id: 'ok' },
      { id: 'bad-date', date: '2023-02-30' },
      { id: 'ends-early', end_date: '2022-12-31' },
      { id: 'unknown-category', category: 'riot' },
      { id: 'bad-country', countries: '["IRA", "AZE"]' },
      { id: 'no-countries', countries: '[]' },
      { id: 'bad-source', sources: '[{"url":"javascript:alert(1)"}]' },
      { id: 'bad-count', fatalities: -1 },
      { id: 'bad-precision', precision: 'Exact' },
      { id: 'bad-status', status: 'rumour' },
      { id: 'ok' },
      { id: 'no-title', title: '  ' },
      { id: 'bad-kind', kind: 'event' },
      { id: 'half-pair', from: 'AZE' },
      { id: 'far-east', longitude: 200, geometry: point(200, 35.7) },
      { id: 'elsewhere', geometry: point(10, 20) },
      { id: 'no-position', longitude: null, latitude: null, geometry: null },
      { id: 'bad-kind' },
      { id: 'pair', kind: 'relation', from: 'AZE', to: 'AZE', stance: 'tension' },
      { id: '', title: 'No id' },
      { id: 'title-fa', 'title:fa': '' },
      { id: 'fine-too', summary: 'A summary', 'summary:fa': 'خلاصه', injured: 2 },
    ];
    const buffer = rowsFile(rows);
    const result = await validateParquet(buffer);
    const problems = result.ok ? [] : result.problems.map(formatProblem);
    expect(problems).toEqual(await rowWiseProblems(buffer));
    // Each broken row is named, with its column; the two regular rows are not.
    expect(problems.length).toBeGreaterThan(18);
    expect(problems.some((p) => p.startsWith('row 0 '))).toBe(false);
    expect(problems).toContain(
      'row 10 (id "ok"): column id "ok" is also the id of feature 0; ids must be unique',
    );
    expect(problems).toContain(
      'row 14 (id "far-east"): column geometry (longitude) 200 is outside -180 to 180',
    );
  });

  it('checks a repeated text once and still refuses every row that repeats a refused one', async () => {
    // A point written big-endian, which the fast reading leaves to the WKB decoder.
    const bigEndian = new Uint8Array(21);
    const view = new DataView(bigEndian.buffer);
    view.setUint8(0, 0);
    view.setUint32(1, 1, false);
    view.setFloat64(5, 51.4, false);
    view.setFloat64(13, 35.7, false);
    const rows: Record<string, unknown>[] = [
      { id: 'a', category: 'riot' },
      { id: 'b' },
      { id: 'c', category: 'riot' },
      { id: 'd', date: '2023-02-30' },
      { id: 'e', date: '2023-02-30', precision: 'Exact' },
      { id: 'f', precision: 'city' },
      { id: 'g', precision: 'Exact', status: 'rumour' },
      { id: 'h', status: 'rumour', category: 'riot' },
      { id: 'i', longitude: 51.5 },
      { id: 'j' },
      { id: 'k', geometry: bigEndian },
      {
        id: 'l',
        geometry: geojsonToWkb({
          type: 'LineString',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        }),
      },
      { id: 'm', latitude: 35.8, geometry: null },
    ];
    const buffer = rowsFile(rows);
    const result = await validateParquet(buffer);
    const problems = result.ok ? [] : result.problems.map(formatProblem);
    expect(problems).toEqual(await rowWiseProblems(buffer));
    const rowsNamed = (text: string) =>
      problems.filter((p) => p.includes(text)).map((p) => p.slice(0, p.indexOf(' (')));
    expect(rowsNamed('"riot" is not a category')).toEqual(['row 0', 'row 2', 'row 7']);
    expect(rowsNamed('"2023-02-30" is not a calendar date')).toEqual(['row 3', 'row 4']);
    expect(rowsNamed('"Exact" is not a precision')).toEqual(['row 4', 'row 6']);
    expect(rowsNamed('"rumour" is not a status')).toEqual(['row 6', 'row 7']);
    expect(rowsNamed('give different positions')).toEqual(['row 8', 'row 11']);
    // The big-endian point is read, and the row after a disagreeing one is not blamed.
    expect(problems.some((p) => /^row (1|5|9|10) /.test(p))).toBe(false);
    expect(problems.some((p) => p.startsWith('row 11 '))).toBe(true);
  });

  it('takes a countries list as it is only when each code is known', async () => {
    const dataset = validOrThrow(syntheticDataset({ incidents: 40, pairs: 3, seed: 5 }));
    const changed: [number, string[]][] = [
      [3, ['IRN', 'XXX']],
      [4, []],
      [5, ['IRN', 'irn']],
      [6, ['XXX', 'IRN']],
      [7, ['AZE', 'IRN']],
    ];
    for (const [index, countries] of changed) {
      dataset.incidents.find((incident) => incident.index === index)!.countries = countries;
    }
    const buffer = datasetToParquet(dataset);
    const result = await validateParquet(buffer);
    const problems = result.ok ? [] : result.problems.map(formatProblem);
    expect(problems).toEqual(await rowWiseProblems(buffer));
    expect(problems.map((p) => p.slice(0, p.indexOf(' (')))).toEqual([
      'row 3',
      'row 4',
      'row 5',
      'row 6',
    ]);
  });
});
