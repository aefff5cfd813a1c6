/**
 * Reading a dataset from (Geo)Parquet with hyparquet, a pure-JavaScript reader: no
 * WebAssembly (so no CSP exception for it), about 40 KB gzipped, and loaded only when a
 * Parquet file arrives. Snappy, which DuckDB, GeoPandas (pyarrow) and Spark write by default,
 * is built into it; gzip, zstd and LZ4 come from hyparquet-compressors' JavaScript
 * decoders. The geometry column is found through GeoParquet's `geo` metadata and its WKB
 * decoded to GeoJSON; a WKB column without that metadata (DuckDB without its spatial
 * extension), WKT text (BigQuery) and `longitude`/`latitude` columns are read too.
 */
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { Compressors, FileMetaData } from 'hyparquet';
import { wkbToGeojson } from 'hyparquet/src/wkb.js';
import { decompressLz4, decompressLz4Raw, decompressZstd, gunzip } from 'hyparquet-compressors';
import type { ValidationResult } from '../validation/validate.ts';
import {
  READ_NUMBER,
  READ_POINT,
  readWkbPoint,
  validateColumns,
  type ColumnTable,
} from './columns.ts';
import { COMMON_COLUMNS, INCIDENT_COLUMNS, isLanguageColumn, RELATION_COLUMNS } from './rows.ts';

/**
 * The codecs beside Snappy, which hyparquet decodes itself. Brotli is left out: its decoder
 * carries a 120 KB dictionary, twice the rest of the reader, for a codec no common writer
 * uses by default; such a file's problem names the codec.
 */
const COMPRESSORS: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};

/** The geometry column GeoParquet's `geo` metadata names, if any and readable. */
function geoPrimaryColumn(metadata: FileMetaData): string | undefined {
  const geo = metadata.key_value_metadata?.find(({ key }) => key === 'geo')?.value;
  if (geo === undefined) return undefined;
  try {
    const primary = (JSON.parse(geo) as { primary_column?: unknown }).primary_column;
    return typeof primary === 'string' ? primary : undefined;
  } catch {
    return undefined;
  }
}

/** WKB bytes as GeoJSON; bytes that are not WKB stay as a description for the validator. */
function decodeWkb(value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  try {
    const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
    return wkbToGeojson({ view, offset: 0 });
  } catch {
    return 'bytes that are not WKB';
  }
}

const keepBytes = (bytes: Uint8Array) => bytes;

const utf8 = new TextDecoder();
/** For text inside a cell, where a byte-order mark is a character and not to be dropped. */
const utf8Inside = new TextDecoder('utf-8', { ignoreBOM: true });

/** `[{"url":"` and `"}]` as bytes: a list of one source given by its link alone. */
const ONE_LINK_HEAD = [...'[{"url":"'].map((c) => c.charCodeAt(0));
const ONE_LINK_TAIL = [...'"}]'].map((c) => c.charCodeAt(0));

/**
 * A JSON cell's value, as `JSON.parse` gives it (and throwing as it does). The form most
 * `sources` cells take, a list of one source with only a link, `[{"url":"https://…"}]`, is
 * read without `JSON.parse` when the link holds no quote, backslash or control character:
 * JSON then reads the link as exactly the text between its quotes.
 */
export function jsonFromBytes(bytes: Uint8Array): unknown {
  const head = ONE_LINK_HEAD.length;
  const end = bytes.length - ONE_LINK_TAIL.length;
  let oneLink = end >= head;
  for (let i = 0; oneLink && i < head; i++) oneLink = bytes[i] === ONE_LINK_HEAD[i];
  for (let i = 0; oneLink && i < ONE_LINK_TAIL.length; i++) {
    oneLink = bytes[end + i] === ONE_LINK_TAIL[i];
  }
  for (let i = head; oneLink && i < end; i++) {
    const byte = bytes[i]!;
    oneLink = byte >= 0x20 && byte !== 0x22 && byte !== 0x5c;
  }
  if (oneLink) return [{ url: utf8Inside.decode(bytes.subarray(head, end)) }];
  return JSON.parse(utf8.decode(bytes)) as unknown;
}

/**
 * Reads the columns and key-value metadata of a Parquet file: only the columns of the layout,
 * its language columns (`title:fa`) included (other columns are never decoded), each as one
 * array of its cells in row order, with the geometry column found as GeoParquet says, else a
 * column named `geometry`: a WKB point kept as its two numbers (`READ_POINT`), any other
 * geometry left as WKB (`decodeGeometry` decodes a cell); numbers of `longitude` and
 * `latitude` kept in typed arrays (`READ_NUMBER`). No row object is made. Throws when
 * the bytes are not a readable Parquet file.
 */
export async function readParquetColumns(buffer: ArrayBuffer): Promise<ColumnTable> {
  const metadata = parquetMetadata(buffer);
  const names = new Set(parquetSchema(metadata).children.map((child) => child.element.name));
  const primary = geoPrimaryColumn(metadata);
  const geometry =
    primary !== undefined && names.has(primary)
      ? primary
      : names.has('geometry')
        ? 'geometry'
        : undefined;
  const wanted = [
    'kind',
    ...COMMON_COLUMNS,
    ...INCIDENT_COLUMNS,
    ...RELATION_COLUMNS,
    'longitude',
    'latitude',
    ...(geometry === undefined ? [] : [geometry]),
  ].filter((name) => names.has(name));
  wanted.push(...[...names].filter(isLanguageColumn));
  const rowCount = Number(metadata.num_rows);
  const columns = new Map<string, unknown[]>(wanted.map((name) => [name, new Array(rowCount)]));
  const points = geometry === undefined ? undefined : new Float64Array(2 * rowCount);
  const numbers = new Map(
    ['longitude', 'latitude']
      .filter((name) => names.has(name))
      .map((name) => [name, new Float64Array(rowCount)]),
  );
  const scratch = new DataView(new ArrayBuffer(16));
  if (wanted.length > 0) {
    await parquetRead({
      // Bytes stay bytes unless the column says it holds text: a WKB column without
      // GeoParquet metadata would otherwise arrive as a garbled string.
      utf8: false,
      file: buffer,
      metadata,
      columns: wanted,
      compressors: COMPRESSORS,
      // Geometry stays WKB: a point's two numbers are read off its bytes (`readWkbPoint`),
      // where decoding would make a GeoJSON object for every row.
      parsers: {
        geometryFromBytes: keepBytes,
        geographyFromBytes: keepBytes,
        jsonFromBytes: (bytes) => bytes && jsonFromBytes(bytes),
      },
      onChunk: ({ columnName, columnData, rowStart }) => {
        const cells = columns.get(columnName);
        if (!cells) return;
        if (columnName === geometry && points) {
          // Points are kept as numbers as they arrive, so their bytes can go.
          for (let i = 0; i < columnData.length; i++) {
            const row = rowStart + i;
            const cell = columnData[i];
            cells[row] = readWkbPoint(cell, scratch, points, row) ? READ_POINT : cell;
          }
          return;
        }
        const read = numbers.get(columnName);
        if (read) {
          for (let i = 0; i < columnData.length; i++) {
            const row = rowStart + i;
            const cell = columnData[i];
            if (typeof cell !== 'number') cells[row] = cell;
            else {
              read[row] = cell;
              cells[row] = READ_NUMBER;
            }
          }
          return;
        }
        for (let i = 0; i < columnData.length; i++) cells[rowStart + i] = columnData[i];
      },
    });
  }
  const keyValues = new Map<string, string>();
  for (const { key, value } of metadata.key_value_metadata ?? []) {
    if (value !== undefined) keyValues.set(key, value);
  }
  return {
    rowCount,
    columns,
    metadata: keyValues,
    geometry: {
      lonLat: names.has('longitude') || names.has('latitude'),
      ...(geometry === undefined ? {} : { geometry }),
    },
    decodeGeometry: decodeWkb,
    ...(points === undefined ? {} : { points }),
    numbers,
  };
}

/**
 * Validates a dataset given as a Parquet file, with the same rules as a GeoJSON file, column
 * by column (`validateColumns`); each problem names the row (from 0) and the column, or the
 * metadata key. Never throws: a file that is not readable Parquet is its one problem.
 */
export async function validateParquet(buffer: ArrayBuffer): Promise<ValidationResult> {
  let table: ColumnTable;
  try {
    table = await readParquetColumns(buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ message: `the file is not a readable Parquet file (${reason})` }],
    };
  }
  return validateColumns(table);
}
