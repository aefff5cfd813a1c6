/**
 * `npm run validate -- FILE...`: checks dataset files and lists every problem in them.
 *
 * Prints `FILE: valid` and a summary, or `FILE: N problems` and one line per problem.
 * Exits 0 when every file is valid, 1 when any is not (or cannot be read), 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { formatSummary, summarizeDataset } from '../core/validation/summary.ts';
import { formatProblem, validateDataset } from '../core/validation/validate.ts';
import { isForeignGeoJson, sniffInput } from '../core/import/geojson.ts';
import { decodeText } from '../core/import/text.ts';
import { readError } from './files.ts';

const USAGE = 'usage: npm run validate -- FILE.geojson [FILE.geojson ...]';

/** Reads a file as strict UTF-8, so a wrongly encoded file is refused rather than garbled. */
function readText(file: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
}

/** Validates one file and prints the verdict; returns whether it is valid. */
/**
 * Why a file is not a dataset to validate but input to import: a table (CSV, TSV, also in
 * UTF-16), or GeoJSON whose features have none of our properties. `undefined` otherwise.
 */
function importHint(file: string): string | undefined {
  let text: string;
  try {
    text = decodeText(new Uint8Array(readFileSync(file))).text;
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

function checkFile(file: string): boolean {
  const hint = importHint(file);
  if (hint !== undefined) {
    console.log(hint);
    return false;
  }
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    console.error(`${file}: cannot read file: ${readError(error)}`);
    return false;
  }
  const result = validateDataset(text);
  if (result.ok) {
    console.log(`${file}: valid`);
    console.log(formatSummary(summarizeDataset(result.dataset)));
    return true;
  }
  const count = result.problems.length;
  console.log(`${file}: ${count} problem${count === 1 ? '' : 's'}`);
  for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
  return false;
}

function main(args: string[]): number {
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
  for (const file of files) allValid = checkFile(file) && allValid;
  return allValid ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
