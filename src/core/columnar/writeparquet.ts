/**
 * Writing a dataset as GeoParquet with hyparquet-writer, the pure-JavaScript companion of
 * the reader: no native or WebAssembly build to download, so it runs wherever Node 20 does.
 *
 * The file follows the layout of `rows.ts`: one row per feature in file order, `countries`
 * as a list of strings, `sources` as a JSON column (text), the position both as WKB in `geometry`
 * (GeoParquet 1.1 `geo` metadata, CRS84) and as `longitude`/`latitude` doubles, so engines
 * without a geometry type (DuckDB without its spatial extension, a spreadsheet) read
 * positions as plain numbers.
 */
import { geojsonToWkb, parquetWriteBuffer } from 'hyparquet-writer';
import type { Dataset } from '../model/schema.ts';
import { datasetMetadata, datasetRows, type DatasetRow } from './rows.ts';

/** A schema element as the writer takes it (it bundles its own version of hyparquet's types). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

type Column = Exclude<keyof DatasetRow, 'countries' | 'geometry'>;

const TEXT: Column[] = ['kind', 'id', 'title', 'date', 'end_date', 'summary', 'category'];
const TEXT_TAIL: Column[] = ['precision', 'status'];
const COUNTS: Column[] = ['fatalities', 'injured'];
const RELATION: Column[] = ['from', 'to', 'stance'];

const text = (name: string, required = false): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: required ? 'REQUIRED' : 'OPTIONAL',
});

/**
 * The dataset as the bytes of a GeoParquet file (Snappy-compressed, row groups of up to
 * 100,000 rows), with title, description, attribution, anchors and own categories in the
 * key-value metadata. Reading it back with `validateParquet` gives the same dataset.
 */
export function datasetToParquet(dataset: Dataset): ArrayBuffer {
  const rows = datasetRows(dataset);
  const column = <K extends keyof DatasetRow>(name: K) => rows.map((row) => row[name]);
  const geometryTypes = new Set<string>();
  const geometry = rows.map((row) => {
    if (!row.geometry) return null;
    geometryTypes.add(row.geometry.type);
    return geojsonToWkb(row.geometry);
  });
  // Texts in several languages add a column per field and language, `title:fa`.
  const languageColumns = [...new Set(rows.flatMap((row) => Object.keys(row.texts)))];
  const names = [
    ...TEXT,
    'countries',
    ...TEXT_TAIL,
    ...COUNTS,
    ...RELATION,
    'sources',
    ...languageColumns,
  ];
  const schema: SchemaElement[] = [
    { name: 'root', num_children: names.length + 3 },
    ...TEXT.map((name) =>
      text(name, name === 'kind' || name === 'id' || name === 'title' || name === 'date'),
    ),
    { name: 'countries', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { ...text('element', true) },
    ...TEXT_TAIL.map((name) => text(name)),
    ...COUNTS.map((name): SchemaElement => ({ name, type: 'INT32', repetition_type: 'OPTIONAL' })),
    ...RELATION.map((name) => text(name)),
    { name: 'sources', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'REQUIRED' },
    { name: 'longitude', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: 'latitude', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: 'geometry', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
    ...languageColumns.map((name) => text(name)),
  ];
  const geo = {
    version: '1.1.0',
    primary_column: 'geometry',
    columns: { geometry: { encoding: 'WKB', geometry_types: [...geometryTypes].sort() } },
  };
  return parquetWriteBuffer({
    schema,
    columnData: [
      ...TEXT.map((name) => ({ name, data: column(name) })),
      { name: 'countries', data: column('countries') },
      ...TEXT_TAIL.map((name) => ({ name, data: column(name) })),
      ...COUNTS.map((name) => ({ name, data: column(name) })),
      ...RELATION.map((name) => ({ name, data: column(name) })),
      // Objects: the writer turns them into the column's JSON text itself.
      { name: 'sources', data: column('sources') },
      { name: 'longitude', data: column('longitude') },
      { name: 'latitude', data: column('latitude') },
      { name: 'geometry', data: geometry },
      ...languageColumns.map((name) => ({
        name,
        data: rows.map((row) => row.texts[name] ?? null),
      })),
    ],
    rowGroupSize: 100_000,
    kvMetadata: [...datasetMetadata(dataset), { key: 'geo', value: JSON.stringify(geo) }],
    createdBy: 'tension-map',
  });
}
