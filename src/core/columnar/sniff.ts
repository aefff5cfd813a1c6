/**
 * Telling a Parquet file from text by its first bytes, without loading the Parquet reader:
 * the loading worker checks every file, and reads Parquet only when one arrives.
 */

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** Whether bytes are a Parquet file: every Parquet file starts with `PAR1`, which no JSON text does. */
export function isParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((byte, i) => bytes[i] === byte);
}
