/**
 * GeoJSON that is not in our format (an earthquake feed, a city's open data) read as a
 * table, so it goes through the same mapping as a spreadsheet instead of failing the
 * validator once per missing property.
 */
import { TableBuilder, type Table } from './table.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Properties only our format's features have; a file with none of them is someone else's. */
const OUR_PROPERTIES = ['from', 'to', 'stance', 'category', 'countries', 'sources'] as const;

/**
 * Whether a parsed value is a GeoJSON FeatureCollection with features, none of which has
 * a property of our format (`from`, `to`, `stance`, `category`, `countries`, `sources`):
 * GeoJSON from elsewhere, to import through a mapping rather than to validate. A file in
 * our format with mistakes keeps going to the validator, which says what to fix.
 */
export function isForeignGeoJson(value: unknown): boolean {
  if (!isRecord(value) || value.type !== 'FeatureCollection') return false;
  const features = value.features;
  if (!Array.isArray(features) || features.length === 0) return false;
  return features.every((feature) => {
    const properties = isRecord(feature) ? feature.properties : undefined;
    return !isRecord(properties) || OUR_PROPERTIES.every((key) => !(key in properties));
  });
}

/** A property value as a cell: text as is, numbers and booleans written out, objects as JSON. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** A name not yet among the headers: `latitude`, else `geometry latitude`. */
function freeName(name: string, headers: readonly string[]): string {
  return headers.includes(name) ? `geometry ${name}` : name;
}

/**
 * A FeatureCollection as a table: one row per feature (its `line` is the feature number,
 * from 0), the properties as columns in order of first appearance, the feature's own `id`
 * as an `id` column when the properties have none, and a Point's coordinates as `latitude`
 * and `longitude` columns. A feature that is not a Point is a problem and its row is
 * skipped. Never throws.
 */
export function tableFromGeoJson(value: unknown, file?: string): Table {
  const features: unknown[] =
    isRecord(value) && Array.isArray(value.features) ? value.features : [];
  const keys = new Map<string, number>();
  let hasFeatureId = false;
  for (const feature of features) {
    if (!isRecord(feature)) continue;
    if (feature.id !== undefined && feature.id !== null) hasFeatureId = true;
    if (isRecord(feature.properties)) {
      for (const key of Object.keys(feature.properties))
        if (!keys.has(key)) keys.set(key, keys.size);
    }
  }
  const headers = [...keys.keys()];
  const idColumn = hasFeatureId && !keys.has('id') ? headers.push('id') - 1 : -1;
  const latColumn = headers.push(freeName('latitude', headers)) - 1;
  const lonColumn = headers.push(freeName('longitude', headers)) - 1;

  const builder = new TableBuilder(file, 'feature');
  builder.addRow(headers);
  const table = builder.finish();
  features.forEach((feature, index) => {
    const cells = headers.map(() => '');
    if (isRecord(feature)) {
      if (isRecord(feature.properties)) {
        for (const [key, v] of Object.entries(feature.properties))
          cells[keys.get(key)!] = cellOf(v);
      }
      if (idColumn !== -1) cells[idColumn] = cellOf(feature.id);
      const geometry = feature.geometry;
      const coordinates = isRecord(geometry) ? geometry.coordinates : undefined;
      if (isRecord(geometry) && geometry.type === 'Point' && Array.isArray(coordinates)) {
        cells[lonColumn] = cellOf(coordinates[0]);
        cells[latColumn] = cellOf(coordinates[1]);
      } else {
        const type = isRecord(geometry) ? cellOf(geometry.type) : 'missing';
        const problem = {
          line: index,
          unit: 'feature' as const,
          column: 'geometry',
          message: `is ${type || 'missing'}, not a Point: only points can be imported as incidents`,
          ...(file !== undefined ? { file } : {}),
        };
        table.problems.push(problem);
      }
    }
    table.rows.push({ line: index, cells });
  });
  return table;
}

/**
 * What an input file holds, from its first characters: JSON (an object or list: GeoJSON
 * to validate or import) or a table (anything else: CSV, TSV, pasted cells).
 */
export function sniffInput(text: string): 'json' | 'table' {
  const first = /\S/.exec(text.startsWith('\uFEFF') ? text.slice(1) : text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'table';
}
