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
