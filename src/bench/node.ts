/**
 * One size of the Node benchmark, run by `src/bench/bench.ts` in a fresh process per dataset
 * so each peak-memory figure belongs to that dataset alone:
 *
 *   node --import tsx --expose-gc src/bench/node.ts <file.geojson|file.parquet> <runs>
 *
 * Times what the app does with a dataset's text before the map sees it (`JSON.parse`,
 * `validateDataset`, `buildMapData` and `toPageData`, which packs the arcs for the GPU), and
 * apart from it the grouping of the crowded places (`groupPlaces`), which the loading worker
 * does after sending the dataset, after a warm-up on a small generated dataset so the
 * JIT has compiled the code paths. For a Parquet file, "parse" is reading the table
 * (decompressing and decoding the columns into rows) and "validate" turning the rows into
 * features and validating them, as `validateParquet` does. Prints one line of JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildMapData, toPageData, type PageData } from '../core/prepare/mapdata.ts';
import { groupPlaces, type PlaceGroups } from '../core/prepare/places.ts';
import { syntheticDataset } from './synthetic.ts';
import { validateDataset, type ValidationResult } from '../core/validation/validate.ts';
import { readParquetColumns, validateParquet } from '../core/columnar/parquet.ts';
import { validateColumns } from '../core/columnar/columns.ts';
import { datasetToParquet } from '../core/columnar/writeparquet.ts';

/** What one size measured; times are medians over the runs, in milliseconds. */
export interface NodeFigures {
  file: string;
  megabytes: number;
  runs: number;
  parseMs: number;
  validateMs: number;
  prepareMs: number;
  /** `groupPlaces`, after the map data: not on the way to the first frame. */
  placesMs: number;
  /** `validateDataset(text)` (parsing included, as the app calls it) plus preparing the map data. */
  totalMs: number;
  /** Highest resident set size of the process, text and results included. */
  peakRssMb: number;
  /** Heap still held once garbage is collected: the text, the dataset and the map data, as in the app. */
  retainedHeapMb: number;
  incidents: number;
  arcs: number;
  /** Straight segments of the arcs' lines at each level of detail, coarsest first. */
  arcSegments: number[];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

function validOrThrow(input: unknown) {
  return checked(validateDataset(input));
}

function checked(result: ValidationResult) {
  if (!result.ok) throw new Error(`invalid dataset: ${result.problems[0]?.message}`);
  return result.dataset;
}

/**
 * The same code paths on a small dataset, so the first timed run is not the one that pays
 * for compilation. A function of its own so its garbage is gone before memory is measured.
 */
async function warmUp(): Promise<void> {
  const text = JSON.stringify(syntheticDataset({ incidents: 5000, pairs: 200, seed: 99 }));
  const parquet = datasetToParquet(validOrThrow(text));
  for (let i = 0; i < 3; i++) {
    for (const dataset of [
      validOrThrow(JSON.parse(text)),
      checked(await validateParquet(parquet)),
    ]) {
      groupPlaces(dataset.incidents, toPageData(buildMapData(dataset)).timeOrder);
    }
  }
}

async function timeAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** The file as the app receives it: text for GeoJSON, bytes for Parquet. */
type Input = { text: string } | { parquet: ArrayBuffer };

/** The steps' times, in milliseconds. */
interface StepTimes {
  parseMs: number;
  validateMs: number;
  prepareMs: number;
  placesMs: number;
}

/** As `timeSteps`, for a Parquet file. */
async function timeParquetSteps(buffer: ArrayBuffer): Promise<StepTimes> {
  const [table, parseMs] = await timeAsync(() => readParquetColumns(buffer));
  const [dataset, validateMs] = time(() => checked(validateColumns(table)));
  const [data, prepareMs] = time(() => toPageData(buildMapData(dataset)));
  const [, placesMs] = time(() => groupPlaces(dataset.incidents, data.timeOrder));
  return { parseMs, validateMs, prepareMs, placesMs };
}

/** Parse, validate, prepare and group timed apart; nothing is kept, so the next run starts clean. */
function timeSteps(text: string): StepTimes {
  const [parsed, parseMs] = time(() => JSON.parse(text) as unknown);
  const [dataset, validateMs] = time(() => validOrThrow(parsed));
  const [data, prepareMs] = time(() => toPageData(buildMapData(dataset)));
  const [, placesMs] = time(() => groupPlaces(dataset.incidents, data.timeOrder));
  return { parseMs, validateMs, prepareMs, placesMs };
}

async function main(): Promise<void> {
  const [file, runsArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: node.ts <file.geojson|file.parquet> [runs]');
  const runs = Math.max(1, Number(runsArg ?? 3));

  await warmUp();
  gc();
  gc();
  const baseHeap = process.memoryUsage().heapUsed;

  const input: Input = file.endsWith('.parquet')
    ? { parquet: new Uint8Array(readFileSync(file)).buffer }
    : { text: readFileSync(file, 'utf8') };
  const parse: number[] = [];
  const validate: number[] = [];
  const prepare: number[] = [];
  const places: number[] = [];
  const total: number[] = [];
  let kept: { data: PageData; places: PlaceGroups; incidents: number } | undefined;
  for (let run = 0; run < runs; run++) {
    kept = undefined;
    gc();
    const steps = 'text' in input ? timeSteps(input.text) : await timeParquetSteps(input.parquet);
    parse.push(steps.parseMs);
    validate.push(steps.validateMs);
    prepare.push(steps.prepareMs);
    places.push(steps.placesMs);
    gc();
    // As the app does it: the text (or bytes) straight to the validator, then the map data.
    const [dataset, validateTextMs] = await timeAsync(async () =>
      'text' in input ? validOrThrow(input.text) : checked(await validateParquet(input.parquet)),
    );
    const [data, prepareMs] = time(() => toPageData(buildMapData(dataset)));
    total.push(validateTextMs + prepareMs);
    // The places too, as the page keeps them once they arrive.
    kept = {
      data,
      places: groupPlaces(dataset.incidents, data.timeOrder),
      incidents: dataset.incidents.length,
    };
  }
  gc();
  const retained = process.memoryUsage().heapUsed - baseHeap;
  const figures: NodeFigures = {
    file,
    megabytes: ('text' in input ? Buffer.byteLength(input.text) : input.parquet.byteLength) / 1e6,
    runs,
    parseMs: median(parse),
    validateMs: median(validate),
    prepareMs: median(prepare),
    placesMs: median(places),
    totalMs: median(total),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    retainedHeapMb: retained / 1e6,
    incidents: kept!.incidents,
    arcs: kept!.data.arcs.length,
    arcSegments: kept!.data.arcLines.levels.map((level) =>
      level.groups.reduce((sum, group) => sum + group.count, 0),
    ),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await main();
