/**
 * Times the validator on a large generated dataset: `npx tsx src/cli/bench-validate.ts`.
 *
 * 100,000 incidents and 5,000 relation events, generated from a fixed seed so every run
 * measures the same input. Each timing is the median of 5 runs after one warm-up, for JSON
 * text (parsing included) and for the already-parsed object.
 */
import { performance } from 'node:perf_hooks';
import { countryCodes } from '../lib/countries.ts';
import { BUILT_IN_CATEGORIES, STANCES, STATUSES, PRECISIONS } from '../lib/schema.ts';
import { validateDataset } from '../lib/validate.ts';

const INCIDENTS = 100_000;
const RELATIONS = 5_000;
const RUNS = 5;

/** mulberry32: a tiny seeded PRNG, so the benchmark input is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateDataset(seed: number): unknown {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const codes = countryCodes();
  const date = (): string => {
    const year = 1990 + Math.floor(random() * 35);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const source = (i: number) => ({
    url: `https://news.example.org/story/${i}`,
    title: `Story ${i}`,
    publisher: 'Example News',
    published: date(),
  });
  const features: unknown[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    features.push({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [random() * 360 - 180, random() * 180 - 90],
      },
      properties: {
        id: `incident-${i}`,
        title: `Incident number ${i}`,
        date: date(),
        category: pick(BUILT_IN_CATEGORIES),
        countries: [pick(codes), pick(codes)],
        sources: [source(i)],
        fatalities: Math.floor(random() * 10),
        precision: pick(PRECISIONS),
        status: pick(STATUSES),
        summary: 'A generated incident for timing the validator.',
      },
    });
  }
  for (let i = 0; i < RELATIONS; i++) {
    const from = pick(codes);
    let to = pick(codes);
    while (to === from) to = pick(codes);
    features.push({
      type: 'Feature',
      geometry: null,
      properties: {
        id: `relation-${i}`,
        title: `Relation event ${i}`,
        date: date(),
        from,
        to,
        stance: pick(STANCES),
        sources: [source(INCIDENTS + i)],
      },
    });
  }
  return { type: 'FeatureCollection', title: 'Benchmark', features };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of `RUNS` validations after one warm-up; fails loudly if invalid. */
function time(input: unknown): number {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    const result = validateDataset(input);
    const elapsed = performance.now() - start;
    if (!result.ok) throw new Error(`benchmark dataset is invalid: ${result.problems[0]?.message}`);
    if (run > 0) times.push(elapsed);
  }
  return median(times);
}

const text = JSON.stringify(generateDataset(20230127));
const megabytes = Buffer.byteLength(text) / 1e6;
// Validate what JSON.parse returns, as the app does: the generated objects hold strings
// built by concatenation, which are slower to compare than parsed ones and would skew it.
const parsed: unknown = JSON.parse(text);
const parseOnly = median(
  Array.from({ length: RUNS }, () => {
    const start = performance.now();
    JSON.parse(text);
    return performance.now() - start;
  }),
);

console.log(
  `${INCIDENTS} incidents + ${RELATIONS} relation events, ${megabytes.toFixed(1)} MB of JSON`,
);
console.log(`validate JSON text (parse included): ${time(text).toFixed(0)} ms`);
console.log(`validate parsed object:              ${time(parsed).toFixed(0)} ms`);
console.log(`JSON.parse alone, for reference:     ${parseOnly.toFixed(0)} ms`);
