/**
 * Validating a dataset's bytes, whatever the format: a Parquet file is read by the Parquet
 * reader, loaded on demand so that GeoJSON users never download it; anything else is
 * decoded as UTF-8 text and validated as GeoJSON.
 */
import { isParquet } from '../core/columnar/sniff.ts';
import { validateDataset, type ValidationResult } from '../core/validation/validate.ts';

/** Validates a dataset file's bytes, GeoJSON or (Geo)Parquet; never throws. */
export async function validateBytes(bytes: ArrayBuffer): Promise<ValidationResult> {
  if (isParquet(new Uint8Array(bytes, 0, Math.min(8, bytes.byteLength)))) {
    const { validateParquet } = await import('../core/columnar/parquet.ts');
    return validateParquet(bytes);
  }
  return validateDataset(new TextDecoder().decode(bytes));
}

/**
 * Whether a file's first bytes are a table (CSV, TSV, Excel's UTF-16 "Unicode text") rather
 * than JSON: a UTF-16 byte-order mark, or a first visible character that cannot open JSON.
 * Checked before the JSON validator runs, so a spreadsheet never gets "the JSON is broken".
 * A `name` ending in `.json`, `.geojson` or `.parquet` (a file's or a URL's) is never a table.
 */
export function looksLikeTable(head: Uint8Array, name?: string): boolean {
  // A file that says it is JSON or Parquet is read as one, so its problems are JSON's
  // ("line 1, column 1"), not a table's; Parquet's bytes start with `PAR1`.
  if (name !== undefined && /\.(geo)?json$|\.parquet$/i.test(new URL(name, 'file:///').pathname))
    return false;
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (let i = start; i < head.length; i++) {
    const c = head[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c !== 0x7b && c !== 0x5b; // `{` and `[`
  }
  return false;
}
