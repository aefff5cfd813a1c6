/**
 * `npm run convert -- IN OUT`: converts a dataset between GeoJSON and GeoParquet, both ways.
 *
 * The input (GeoJSON or Parquet, told apart by its first bytes) is validated first and only
 * a valid dataset is written, so a converted file always opens in the map. The output's
 * extension says the format: `.parquet` or `.geoparquet` for GeoParquet, `.geojson` or
 * `.json` for GeoJSON. The conversion is lossless: converting back gives the same dataset.
 * Exits 0 on success, 1 when the input is invalid or unreadable, 2 on usage errors.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetToGeoJson } from '../core/columnar/rows.ts';
import { datasetToParquet } from '../core/columnar/writeparquet.ts';
import { formatProblem, type ValidationResult } from '../core/validation/validate.ts';
import { readError, validateFile } from './files.ts';

const USAGE =
  'usage: npm run convert -- IN.geojson OUT.parquet  |  npm run convert -- IN.parquet OUT.geojson';

/** The format an output file name asks for, or `undefined` for an extension we do not write. */
export function outputFormat(file: string): 'parquet' | 'geojson' | undefined {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (extension === 'parquet' || extension === 'geoparquet') return 'parquet';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  return undefined;
}

/** Runs the command on its arguments, printing as it goes; resolves with the exit status. */
export async function convert(args: string[]): Promise<number> {
  const files = args.filter((arg) => arg !== '--');
  if (files.includes('-h') || files.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const [input, output] = files;
  if (files.length !== 2 || input === undefined || output === undefined) {
    console.error(USAGE);
    return 2;
  }
  const format = outputFormat(output);
  if (!format) {
    console.error(`${output}: end the name with .parquet or .geojson to say the format\n${USAGE}`);
    return 2;
  }
  let result: ValidationResult;
  try {
    result = await validateFile(input);
  } catch (error) {
    console.error(`${input}: cannot read file: ${readError(error)}`);
    return 1;
  }
  if (!result.ok) {
    const count = result.problems.length;
    console.log(`${input}: ${count} problem${count === 1 ? '' : 's'}; nothing written`);
    for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
    return 1;
  }
  const { dataset } = result;
  const bytes =
    format === 'parquet'
      ? new Uint8Array(datasetToParquet(dataset))
      : `${JSON.stringify(datasetToGeoJson(dataset), null, 2)}\n`;
  writeFileSync(output, bytes);
  const features = dataset.incidents.length + dataset.relations.length;
  console.log(
    `${output}: ${features} features written as ${format === 'parquet' ? 'GeoParquet' : 'GeoJSON'}`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await convert(process.argv.slice(2));
}
