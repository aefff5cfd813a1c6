/**
 * `npm run import -- [--from acled|ucdp|gdelt|gdelt-relations|cow-mid|atop|cow-alliance|csv|geojson]
 * [--relations] [--mapping FILE] [--write-mapping FILE] INPUT... --out OUT.geojson`: turns spreadsheets
 * (CSV, TSV), the standard sources (ACLED, UCDP GED, GDELT, COW and ATOP) and GeoJSON from
 * elsewhere into one dataset in our format.
 *
 * A table whose headers (or, for GDELT, its 61 columns) are a standard source's is imported by
 * that source's documented rule; `--from` names the source instead of recognising it.
 * Without `--mapping`, each input's columns are guessed (`proposeMapping`) and the mapping
 * used is printed, so it can be saved (`--write-mapping`) and given back to repeat the
 * import in a pipeline. Tables are read in chunks through a streaming decoder and
 * papaparse, so a file is never held whole as bytes or text; only its cells are kept.
 * Exits 0 when every row was imported into a dataset `validateDataset` accepts, 1 when any
 * input has problems (rows with problems are skipped; the rest are still written), 2 for
 * bad arguments.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import {
  applyMapping,
  mergeDatasets,
  NO_GAZETTEER,
  type ApplyOptions,
  type ImportResult,
} from '../core/import/apply.ts';
import { loadGazetteer, placeLocator, type Gazetteer } from '../core/import/places/gazetteer.ts';
import { isForeignGeoJson, sniffInput, tableFromGeoJson } from '../core/import/geojson.ts';
import { parseMapping, proposeMapping, type ColumnMapping } from '../core/import/mapping.ts';
import { formatProblems, type ImportProblem } from '../core/import/problems.ts';
import {
  importSource,
  recogniseSource,
  sourceById,
  STANDARD_SOURCES,
  type StandardSource,
} from '../core/import/sources/index.ts';
import { detectDelimiter, papaConfig, TableBuilder, type Table } from '../core/import/table.ts';
import { ChunkDecoder, decodeText } from '../core/import/text.ts';
import { formatProblem, validateDataset } from '../core/validation/validate.ts';
import { readError } from './files.ts';

const FROM = ['csv', 'geojson', ...STANDARD_SOURCES.map((s) => s.id)];
const USAGE = `usage: npm run import -- [--from ${FROM.join('|')}] [--relations] [--mapping FILE] [--write-mapping FILE] INPUT... --out OUT.geojson

  --relations   with GDELT event files, also derive relations between countries from the
                monthly mean Goldstein score (geojson/FORMAT.md, "Relations derived from GDELT")`;

/** The command line, read. */
interface Args {
  /** `csv`, `geojson` or a standard source's id. */
  from?: string;
  mapping?: string;
  writeMapping?: string;
  /** With GDELT inputs, also derive relations from their Goldstein scores. */
  relations?: boolean;
  out: string;
  inputs: string[];
}

/** Reads the arguments, or says what is wrong with them. */
function parseArgs(args: string[]): Args | string {
  const inputs: string[] = [];
  let out: string | undefined;
  const parsed: Partial<Args> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') continue;
    if (arg === '--relations') {
      parsed.relations = true;
      continue;
    }
    if (arg === '--out' || arg === '--mapping' || arg === '--write-mapping' || arg === '--from') {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === '--out') out = value;
      else if (arg === '--mapping') parsed.mapping = value;
      else if (arg === '--write-mapping') parsed.writeMapping = value;
      else if (FROM.includes(value)) parsed.from = value;
      else return `--from ${value}: use one of ${FROM.join(', ')}`;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else inputs.push(arg);
  }
  if (inputs.length === 0) return 'no input file given';
  if (out === undefined) return '--out OUT.geojson is required';
  return { ...parsed, out, inputs };
}

/** Reads a table file in chunks: bytes → text (streaming decoder) → rows (papaparse). */
async function readTableFile(file: string): Promise<Table> {
  const decoder = new ChunkDecoder();
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      const part = decoder.decode(chunk as Buffer);
      if (part !== '') yield part;
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  }
  const chunks = text();
  const first = await chunks.next();
  const builder = new TableBuilder(file);
  if (first.done) return builder.finish();
  const delimiter = detectDelimiter(first.value);
  const stream = Readable.from(
    (async function* () {
      yield first.value;
      yield* chunks;
    })(),
  );
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    Papa.parse<string[]>(stream as unknown as File, {
      ...papaConfig(delimiter),
      step: (results) =>
        builder.addRow(
          results.data,
          results.errors.map((e) => e.code),
        ),
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  return builder.finish();
}

/** The first bytes of a file, to tell JSON from a table. */
async function head(file: string): Promise<string> {
  for await (const chunk of createReadStream(file, { start: 0, end: 4095 })) {
    return decodeText(new Uint8Array(chunk as Buffer)).text;
  }
  return '';
}

/** Reads one input as a table, or returns the problems that stop it being read at all. */
async function readInput(file: string, from: Args['from']): Promise<Table | ImportProblem[]> {
  const kind =
    from === 'geojson' ? 'json' : from !== undefined ? 'table' : sniffInput(await head(file));
  if (kind === 'table') return readTableFile(file);
  const result = validateDataset(decodeText(new Uint8Array(readFileSync(file))).text);
  if (result.ok)
    return [
      { file, message: 'is already a dataset in our format: validate it with npm run validate' },
    ];
  let value: unknown;
  try {
    value = JSON.parse(decodeText(new Uint8Array(readFileSync(file))).text);
  } catch {
    return result.problems.map((p) => ({ file, message: formatProblem(p) }));
  }
  if (isForeignGeoJson(value)) return tableFromGeoJson(value, file);
  return [
    {
      file,
      message: 'is GeoJSON in our format but has problems: fix them (npm run validate lists them)',
    },
    ...result.problems.map((p) => ({ file, message: formatProblem(p) })),
  ];
}

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

let gazetteer: Promise<Gazetteer> | undefined;

/**
 * Runs an import, and again with the gazetteer when rows named places without coordinates:
 * the gazetteer (megabytes of GeoNames data) loads only for files that need it.
 */
async function withPlaces(run: (options: ApplyOptions) => ImportResult): Promise<ImportResult> {
  const first = run({});
  if (!first.problems.some((problem) => problem.message.includes(NO_GAZETTEER))) return first;
  gazetteer ??= loadGazetteer();
  return run({ locatePlace: placeLocator(await gazetteer) });
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  let given: ColumnMapping | undefined;
  if (args.mapping !== undefined) {
    let parsed: ReturnType<typeof parseMapping>;
    try {
      parsed = parseMapping(JSON.parse(readFileSync(args.mapping, 'utf8')));
    } catch (error) {
      console.error(`${args.mapping}: cannot read the mapping: ${readError(error)}`);
      return 2;
    }
    if ('problems' in parsed) {
      for (const p of parsed.problems) console.error(`${args.mapping}: ${p}`);
      return 2;
    }
    given = parsed.mapping;
  }

  const results: ImportResult[] = [];
  const problems: ImportProblem[] = [];
  for (const file of args.inputs) {
    let input: Table | ImportProblem[];
    try {
      input = await readInput(file, args.from);
    } catch (error) {
      problems.push({ file, message: `cannot be read: ${readError(error)}` });
      continue;
    }
    if (Array.isArray(input)) {
      problems.push(...input);
      continue;
    }
    const source: StandardSource | undefined =
      args.from === 'csv' || args.from === 'geojson' || given
        ? undefined
        : args.from !== undefined
          ? sourceById(args.from)
          : recogniseSource(input);
    if (source && args.from !== undefined && !source.recognise(input)) {
      problems.push({
        file,
        message: `is not read as ${source.name}: its columns are not that source's (see "Standard sources" in geojson/FORMAT.md)`,
      });
      continue;
    }
    if (source) {
      const result = await withPlaces((options) => importSource(source, input, options));
      console.log(`${file}: read as ${source.name} (see "Standard sources" in geojson/FORMAT.md)`);
      console.log(
        `${file}: ${plural(result.rowsRead, 'row')} read, ${plural(result.incidents, 'incident')} and ${plural(result.relations, 'relation event')} written, ${plural(result.skipped.length, 'row')} skipped`,
      );
      results.push(result);
      problems.push(...result.problems);
      if (args.relations && source === sourceById('gdelt')) {
        const derived = importSource(sourceById('gdelt-relations')!, input);
        console.log(
          `${file}: ${plural(derived.relations, 'relation event')} derived from Goldstein scores (see "Relations derived from GDELT" in geojson/FORMAT.md)`,
        );
        results.push(derived);
        problems.push(...derived.problems);
      }
      continue;
    }
    const mapping = given ?? proposeMapping(input);
    if (!given) {
      console.log(
        `${file}: mapping used (save it with --write-mapping FILE, give it back with --mapping FILE):`,
      );
      console.log(JSON.stringify(mapping, null, 2));
      if (args.writeMapping !== undefined)
        writeFileSync(args.writeMapping, `${JSON.stringify(mapping, null, 2)}\n`);
    }
    const result = await withPlaces((options) => applyMapping(input, mapping, options));
    const unit = input.unit === 'feature' ? 'feature' : 'row';
    console.log(
      `${file}: ${plural(result.rowsRead, unit)} read, ${plural(result.incidents, 'incident')} and ${plural(result.relations, 'relation event')} written, ${plural(result.skipped.length, unit)} skipped`,
    );
    results.push(result);
    problems.push(...result.problems);
  }

  const dataset = mergeDatasets(
    results.map((r) => r.dataset),
    given?.title,
  );
  const check = validateDataset(dataset);
  if (results.length > 0 && check.ok) {
    writeFileSync(args.out, `${JSON.stringify(dataset, null, 2)}\n`);
    console.log(`${args.out}: wrote ${plural(dataset.features.length, 'feature')}`);
  } else if (!check.ok) {
    for (const p of check.problems) problems.push({ file: args.out, message: formatProblem(p) });
  }
  if (problems.length === 0) return 0;
  console.log(`${plural(problems.length, 'problem')}:`);
  for (const line of formatProblems(problems)) console.log(`  ${line}`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
