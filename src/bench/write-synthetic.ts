/**
 * Writing synthetic datasets to disk for the benchmark.
 *
 * The generator itself is pure (`synthetic.ts`); this is the Node side, kept in a module
 * of its own so the generator stays free of `node:fs`. A million incidents make a
 * file of about 280 MB, so it is streamed piece by piece, never held as one string.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syntheticDatasetChunks, type SyntheticOptions } from './synthetic.ts';
import { datasetToParquet } from '../core/columnar/writeparquet.ts';
import { formatProblem, validateDataset } from '../core/validation/validate.ts';

/**
 * Writes the dataset `syntheticDataset(options)` describes to `path` as JSON, byte for byte
 * what `JSON.stringify` would give, and resolves with its size in bytes. The file appears
 * only when complete (written beside it, then renamed), so an interrupted run never
 * leaves a truncated file behind for a cache to trust.
 */
export async function writeSyntheticDataset(
  path: string,
  options: SyntheticOptions,
): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let bytes = 0;
  try {
    for (const chunk of syntheticDatasetChunks(options)) {
      bytes += Buffer.byteLength(chunk);
      // Respect back-pressure, or the whole file would queue up in memory anyway.
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, path);
  return bytes;
}

/**
 * Writes the GeoParquet twin of a synthetic GeoJSON file, as `npm run convert` would (the
 * GeoJSON validated, then written in the layout of `geojson/FORMAT.md`), and resolves with
 * its size in bytes. Like the GeoJSON, it appears only when complete.
 */
export async function writeSyntheticParquet(geojsonPath: string, path: string): Promise<number> {
  const result = validateDataset(readFileSync(geojsonPath, 'utf8'));
  if (!result.ok) throw new Error(`${geojsonPath}: ${formatProblem(result.problems[0]!)}`);
  const bytes = new Uint8Array(datasetToParquet(result.dataset));
  const partial = `${path}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path);
  return bytes.byteLength;
}
