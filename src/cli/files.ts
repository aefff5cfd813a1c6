/**
 * Reading input files for the command-line tools.
 */
import { readFileSync } from 'node:fs';
import { isParquet } from '../core/columnar/sniff.ts';
import { validateDataset, type ValidationResult } from '../core/validation/validate.ts';

/** Why a file could not be read, in words rather than an errno code. */
export function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (error instanceof TypeError) return 'is not UTF-8 text';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Validates a dataset file: (Geo)Parquet when its first bytes say so, else GeoJSON read as
 * strict UTF-8, so a wrongly encoded file is refused rather than garbled. Throws when the
 * file cannot be read or is not UTF-8 text; `readError` words why.
 */
export async function validateFile(file: string): Promise<ValidationResult> {
  const bytes = readFileSync(file);
  if (isParquet(bytes)) {
    const { validateParquet } = await import('../core/columnar/parquet.ts');
    return validateParquet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  return validateDataset(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}
