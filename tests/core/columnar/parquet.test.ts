import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geojsonToWkb, parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { geometryValue } from '../../../src/core/columnar/rows.ts';
import { datasetToGeoJson } from '../../../src/core/columnar/rows.ts';
import { jsonFromBytes, validateParquet } from '../../../src/core/columnar/parquet.ts';
import { datasetToParquet } from '../../../src/core/columnar/writeparquet.ts';
import type { Dataset } from '../../../src/core/model/schema.ts';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCES = '[{"url":"https://example.org/a"}]';

function validGeoJson(path: string): Dataset {
  const result = validateDataset(readFileSync(join(REPO, path), 'utf8'));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.dataset;
}

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function problemsOf(buffer: ArrayBuffer): Promise<string[]> {
  const result = await validateParquet(buffer);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('GeoParquet round trip', () => {
  for (const path of [
    'tests/fixtures/valid/minimal.geojson',
    'geojson/caspian-2022-2023.geojson',
  ]) {
    it(`${path}: validate → Parquet → read → validate gives the same dataset`, async () => {
      const dataset = validGeoJson(path);
      const result = await validateParquet(datasetToParquet(dataset));
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
      expect(result.ok && result.dataset).toEqual(dataset);
    });

    it(`${path}: and back to GeoJSON gives the same dataset too`, () => {
      const dataset = validGeoJson(path);
      const again = validateDataset(JSON.stringify(datasetToGeoJson(dataset)));
      expect(again.ok && again.dataset).toEqual(dataset);
    });
  }

  it('keeps relation geometry lines and the order of a pair’s same-day events', async () => {
    const dataset = validGeoJson('tests/fixtures/valid/minimal.geojson');
    const line = dataset.relations.find((r) => r.geometry !== null);
    expect(line).toBeDefined();
    const result = await validateParquet(datasetToParquet(dataset));
    expect(result.ok && result.dataset.relations.map((r) => [r.index, r.geometry])).toEqual(
      dataset.relations.map((r) => [r.index, r.geometry]),
    );
  });

  it('reads the committed fixture written by npm run convert', async () => {
    const bytes = readFileSync(join(REPO, 'tests/fixtures/valid/minimal.parquet'));
    const result = await validateParquet(bufferOf(bytes));
    expect(result.ok && result.dataset).toEqual(
      validGeoJson('tests/fixtures/valid/minimal.geojson'),
    );
  });
});

describe('GeoParquet problems name the row and the column', () => {
  it('says the row, the id and the column of each problem, and the metadata key', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'kind', data: ['incident', 'incident', 'event'], type: 'STRING' },
        { name: 'id', data: ['a', 'b', 'c'], type: 'STRING' },
        { name: 'title', data: ['A', 'B', 'C'], type: 'STRING' },
        { name: 'date', data: ['2023-01-27', '2023-02-30', '2023'], type: 'STRING' },
        { name: 'category', data: ['attack', 'attack', 'attack'], type: 'STRING' },
        { name: 'countries', data: ['["IRA"]', '["IRN"]', '["IRN"]'], type: 'STRING' },
        { name: 'sources', data: [SOURCES, SOURCES, SOURCES], type: 'STRING' },
        { name: 'longitude', data: [51.4, 200, 51.4], type: 'DOUBLE' },
        { name: 'latitude', data: [35.7, 35.7, 35.7], type: 'DOUBLE' },
      ],
    });
    expect(await problemsOf(buffer)).toEqual([
      'dataset: metadata title is missing',
      'row 0 (id "a"): column countries[0] "IRA" is not an ISO 3166-1 alpha-3 country code; did you mean "IRN", "IRQ" or "IRL"?',
      'row 1 (id "b"): column longitude (longitude) 200 is outside -180 to 180',
      'row 1 (id "b"): column date "2023-02-30" is not a calendar date; use YYYY, YYYY-MM or YYYY-MM-DD',
      'row 2 (id "c"): column kind must be "incident" or "relation" (or empty), not "event"',
    ]);
  });

  it('names a missing required cell, a relation without its pair and metadata that is not JSON', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'kind', data: ['relation', null], type: 'STRING' },
        { name: 'id', data: ['r', 'i'], type: 'STRING' },
        { name: 'title', data: ['R', null], type: 'STRING' },
        { name: 'date', data: ['2023', '2023'], type: 'STRING' },
        { name: 'from', data: ['AZE', null], type: 'STRING' },
        { name: 'to', data: [null, null], type: 'STRING' },
        { name: 'stance', data: ['tension', null], type: 'STRING' },
        { name: 'category', data: [null, 'other'], type: 'STRING' },
        { name: 'countries', data: [null, '["IRN"]'], type: 'STRING' },
        { name: 'sources', data: [SOURCES, SOURCES], type: 'STRING' },
        { name: 'longitude', data: [null, 51.4], type: 'DOUBLE' },
        { name: 'latitude', data: [null, 35.7], type: 'DOUBLE' },
      ],
      kvMetadata: [
        { key: 'title', value: 'Broken' },
        { key: 'anchors', value: '{AZE: [1, 2]}' },
      ],
    });
    const problems = await problemsOf(buffer);
    expect(problems[0]).toBe(
      'dataset: metadata anchors is not JSON text; write it as a JSON object, as in a GeoJSON dataset',
    );
    expect(problems.some((p) => p.startsWith('row 0 (id "r"): column to '))).toBe(true);
    expect(problems.some((p) => p.startsWith('row 1 (id "i"): column title '))).toBe(true);
  });

  it('refuses a geometry that contradicts longitude and latitude', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: ['a'], type: 'STRING' },
        { name: 'title', data: ['A'], type: 'STRING' },
        { name: 'date', data: ['2023'], type: 'STRING' },
        { name: 'category', data: ['attack'], type: 'STRING' },
        { name: 'countries', data: ['["IRN"]'], type: 'STRING' },
        { name: 'sources', data: [SOURCES], type: 'STRING' },
        { name: 'longitude', data: [10], type: 'DOUBLE' },
        { name: 'latitude', data: [20], type: 'DOUBLE' },
        {
          name: 'geometry',
          data: [geojsonToWkb({ type: 'Point', coordinates: [51.4, 35.7] })],
          type: 'BYTE_ARRAY',
        },
      ],
      kvMetadata: [{ key: 'title', value: 'T' }],
    });
    expect(await problemsOf(buffer)).toEqual([
      'row 0 (id "a"): column geometry and columns longitude, latitude give different positions; keep one or make them agree',
    ]);
  });

  it('says a file that is not Parquet is not readable', async () => {
    const bytes = new TextEncoder().encode('PAR1 and then nothing of a Parquet file');
    const problems = await problemsOf(bufferOf(bytes));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^dataset: the file is not a readable Parquet file/);
  });
});

describe('Parquet as other tools write it', () => {
  it('reads a GeoPandas-style file: WKB geometry named by GeoParquet metadata, INT64 counts, an index column', async () => {
    const geo = {
      primary_column: 'geom',
      columns: {
        geom: {
          encoding: 'WKB',
          geometry_types: ['Point'],
          crs: { id: { authority: 'EPSG', code: 4326 } },
          bbox: [51.389, 35.6892, 51.389, 35.6892],
        },
      },
      version: '1.0.0',
      creator: { library: 'geopandas', version: '0.14.4' },
    };
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: ['tehran'], type: 'STRING' },
        { name: 'title', data: ['Embassy attack'], type: 'STRING' },
        { name: 'date', data: ['2023-01-27'], type: 'STRING' },
        { name: 'category', data: ['attack'], type: 'STRING' },
        { name: 'countries', data: ['["IRN", "AZE"]'], type: 'STRING' },
        { name: 'fatalities', data: [1n], type: 'INT64' },
        { name: 'sources', data: [SOURCES], type: 'STRING' },
        { name: 'my_notes', data: ['ignored'], type: 'STRING' },
        {
          name: 'geom',
          data: [geojsonToWkb({ type: 'Point', coordinates: [51.389, 35.6892] })],
          type: 'BYTE_ARRAY',
        },
        { name: '__index_level_0__', data: [0n], type: 'INT64' },
      ],
      kvMetadata: [
        { key: 'geo', value: JSON.stringify(geo) },
        { key: 'pandas', value: '{"index_columns": ["__index_level_0__"]}' },
        { key: 'title', value: 'From GeoPandas' },
      ],
    });
    const result = await validateParquet(buffer);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    const incident = result.ok ? result.dataset.incidents[0] : undefined;
    expect(incident?.coordinates).toEqual([51.389, 35.6892]);
    expect(incident?.fatalities).toBe(1);
    expect(incident?.countries).toEqual(['IRN', 'AZE']);
  });

  it('reads WKT text (BigQuery) and GeoJSON text geometry cells', () => {
    expect(geometryValue('POINT(51.4 35.7)')).toEqual({ type: 'Point', coordinates: [51.4, 35.7] });
    expect(geometryValue('LINESTRING (1 2, 3 4)')).toEqual({
      type: 'LineString',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(geometryValue('MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))')).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    });
    expect(geometryValue('{"type":"Point","coordinates":[1,2]}')).toEqual({
      type: 'Point',
      coordinates: [1, 2],
    });
  });

  describe('a file DuckDB writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tension-parquet-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('loads: DATE dates, BIGINT counts, VARCHAR[] countries, STRUCT[] sources, zstd', async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const out = join(dir, 'duckdb.parquet');
      await connection.run(`
        COPY (
          SELECT * FROM (VALUES
            ('incident', 'tehran', 'Embassy attack', DATE '2023-01-27', 'attack', ['IRN', 'AZE'],
             1::BIGINT, [{'url': 'https://example.org/a', 'title': NULL}], 51.389, 35.6892,
             NULL, NULL, NULL),
            ('relation', 'aze-irn', 'Hostility', DATE '2023-01-27', NULL, NULL,
             NULL, [{'url': 'https://example.org/b', 'title': 'B'}], NULL, NULL,
             'AZE', 'IRN', 'hostility')
          ) AS t(kind, id, title, date, category, countries, fatalities, sources, longitude,
                 latitude, "from", "to", stance)
        ) TO '${out}' (FORMAT parquet, COMPRESSION zstd, KV_METADATA {title: 'From DuckDB'})`);
      connection.closeSync();
      const result = await validateParquet(bufferOf(readFileSync(out)));
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
      if (!result.ok) return;
      expect(result.dataset.title).toBe('From DuckDB');
      expect(result.dataset.incidents[0]?.date.text).toBe('2023-01-27');
      expect(result.dataset.incidents[0]?.sources).toEqual([{ url: 'https://example.org/a' }]);
      expect(result.dataset.relations[0]?.stance).toBe('hostility');
    });

    it('reads our files: the geometry column, list countries and JSON sources', async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const path = join(REPO, 'tests/fixtures/valid/minimal.parquet');
      const reader = await connection.runAndReadAll(
        `SELECT id, countries, sources->>'$[0].url' AS url, longitude FROM '${path}' WHERE kind = 'incident' ORDER BY id`,
      );
      connection.closeSync();
      expect(reader.getRowsJson()).toEqual([
        ['baku-protest', ['AZE'], 'https://example.org/baku-protest', 49.8671],
        ['tehran-embassy-attack', ['IRN', 'AZE'], 'https://example.org/tehran-embassy', 51.389],
      ]);
    });
  });
});

describe('JSON cells', () => {
  it('read as JSON.parse reads them, a one-link list included', () => {
    const cells = [
      '[{"url":"https://example.org/synthetic/1"}]',
      '[{"url":""}]',
      '[{"url":"https://example.org/é"}]',
      '[{"url":"\ufeffhttps://example.org/"}]',
      '[{"url":"https://example.org/\\u0041"}]',
      '[{"url":"https://example.org/a\\"b"}]',
      '[{"url":"https://example.org/a"},{"url":"https://example.org/b"}]',
      '[{"url": "https://example.org/a"}]',
      '[{"url":"https://example.org/a","title":"A"}]',
      '{"url":"https://example.org/a"}',
      '[]',
    ];
    const encode = (text: string) => new TextEncoder().encode(text);
    for (const cell of cells) expect(jsonFromBytes(encode(cell))).toEqual(JSON.parse(cell));
    // A tab inside the quotes is not JSON: the cell is refused as JSON.parse refuses it.
    expect(() => jsonFromBytes(encode('[{"url":"https://example.org/\ta"}]'))).toThrow();
    expect(() => jsonFromBytes(encode('[{"url":"https://example.org/a"'))).toThrow();
  });
});
