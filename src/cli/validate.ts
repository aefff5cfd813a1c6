/**
 * `npm run validate -- FILE...`: checks dataset files (GeoJSON or GeoParquet) and lists every
 * problem in them.
 *
 * Prints `FILE: valid` and a summary (with the texts that lack a language the dataset
 * declares), or `FILE: N problems` and one line per problem.
 * Exits 0 when every file is valid, 1 when any is not (or cannot be read), 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { formatSummary, summarizeDataset } from '../core/validation/summary.ts';
import { formatMissingTranslation, missingTranslations } from '../core/validation/languages.ts';
import { formatProblem, type ValidationResult } from '../core/validation/validate.ts';
import { isParquet } from '../core/columnar/sniff.ts';
import { isForeignGeoJson, sniffInput } from '../core/import/geojson.ts';
import { decodeText } from '../core/import/text.ts';
import { readError, validateFile } from './files.ts';

const USAGE = 'usage: npm run validate -- FILE.geojson|FILE.parquet [FILE ...]';

/**
 * Why a file is not a dataset to validate but input to import: a table (CSV, TSV, also in
 * UTF-16), or GeoJSON whose features have none of our properties. `undefined` otherwise.
 */
function importHint(file: string): string | undefined {
  let text: string;
  try {
    const bytes = new Uint8Array(readFileSync(file));
    if (isParquet(bytes)) return undefined;
    text = decodeText(bytes).text;
  } catch {
    return undefined;
  }
  if (text.trim() === '') return undefined;
  const out = `${file.replace(/\.[^./\\]*$/, '')}.geojson`;
  const command = `npm run import -- ${file} --out ${out}`;
  if (sniffInput(text) === 'table') {
    return `${file}: this is a CSV or other table, not GeoJSON: import it with ${command}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isForeignGeoJson(value)) return undefined;
  return `${file}: this is GeoJSON, but no feature has the properties of our format (category, countries, sources, from, to, stance): import it with ${command}`;
}

/** Validates one file, GeoJSON or (Geo)Parquet, and prints the verdict; returns whether it is valid. */
async function checkFile(file: string): Promise<boolean> {
  const hint = importHint(file);
  if (hint !== undefined) {
    console.log(hint);
    return false;
  }
  let result: ValidationResult;
  try {
    result = await validateFile(file);
  } catch (error) {
    console.error(`${file}: cannot read file: ${readError(error)}`);
    return false;
  }
  if (result.ok) {
    console.log(`${file}: valid`);
    console.log(formatSummary(summarizeDataset(result.dataset)));
    // Missing translations fall back to the default language: said, but not a failure.
    const missing = missingTranslations(result.dataset);
    if (missing.length > 0) {
      console.log(`  missing translations (shown in ${result.dataset.language} instead):`);
      for (const group of missing) console.log(`    ${formatMissingTranslation(group)}`);
    }
    return true;
  }
  const count = result.problems.length;
  console.log(`${file}: ${count} problem${count === 1 ? '' : 's'}`);
  for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
  return false;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const files = args.filter((arg) => arg !== '--');
  if (files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let allValid = true;
  for (const file of files) allValid = (await checkFile(file)) && allValid;
  return allValid ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
