/**
 * Synthetic datasets in the Tension Map format, for benchmarks and scale tests.
 *
 * Conflict-event collections (ACLED, GDELT) run to millions of rows, far beyond any
 * hand-made file, so the benchmark needs data of that size that is valid, realistic enough to
 * load the map the way real data does (points clustered on land, most incidents on one day,
 * a few spanning weeks, stances changing a few times per pair), and identical on every
 * machine. Everything here is a pure function of its options: the same seed gives the same
 * bytes, with a tiny seeded generator (mulberry32) rather than `Math.random`.
 *
 * Incidents and relations draw from separate random streams, so two datasets that differ
 * only in their number of incidents have the same relations, and the other way round.
 */
import { countryByCode, countryCodes } from '../core/model/countries.ts';
import { dayFromIso, isoFromDay, type Day } from '../core/model/dates.ts';
import { CATEGORY_LABELS } from '../core/style/palette.ts';
import { BUILT_IN_CATEGORIES, PRECISIONS, STANCES, STATUSES } from '../core/model/schema.ts';

/**
 * Changes whenever the generator's output for given options changes, so files cached by
 * the benchmark under a name that includes it are never stale.
 */
export const SYNTHETIC_VERSION = 1;

/** First day of every synthetic dataset. */
export const SYNTHETIC_START = '2019-01-01';

/** What to generate. */
export interface SyntheticOptions {
  /** Number of incidents (Point features). */
  incidents: number;
  /** Number of distinct country pairs, each with 1–4 dated stance changes. */
  pairs: number;
  /** Any integer; the same seed gives the same dataset. */
  seed: number;
  /** Whole years covered from {@link SYNTHETIC_START}; 5 means 2019-01-01 to 2023-12-31. */
  years?: number;
}

/** A generated dataset, as `JSON.parse` would return it from the file. */
export interface SyntheticDataset {
  type: 'FeatureCollection';
  title: string;
  description: string;
  features: object[];
}

/**
 * mulberry32: a 32-bit seeded generator returning numbers in [0, 1). Small, fast and the
 * same on every JavaScript engine, which is all a benchmark input needs.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixed into the seed for the relations' stream, so it never coincides with the incidents'. */
const RELATION_STREAM = 0x9e3779b9;

/** Weighted choices: real collections are dominated by confirmed, exactly placed events. */
const PRECISION_WEIGHTS: Record<(typeof PRECISIONS)[number], number> = {
  exact: 70,
  city: 15,
  region: 10,
  country: 5,
};
const STATUS_WEIGHTS: Record<(typeof STATUSES)[number], number> = {
  confirmed: 60,
  reported: 25,
  claimed: 10,
  disputed: 5,
};

/** Share of incidents dated only to a month, and of those spanning several days. */
const MONTH_DATED = 0.06;
const MULTI_DAY = 0.03;
/** Share of incidents placed anywhere on land-ish latitudes rather than around a country. */
const SCATTERED = 0.1;
/** Degrees of jitter around a country's anchor: a few hundred kilometres. */
const JITTER = 3;
/** Latitudes beyond which there is little but ice and sea. */
const SOUTH = -56;
const NORTH = 72;

function pickWeighted<T extends string>(random: () => number, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

/** Rounds to 4 decimals (about 11 m): enough for a map, and keeps a 1M-row file smaller. */
function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The first and last day covered, inclusive. */
function dayRange(years: number): { first: Day; last: Day } {
  const first = dayFromIso(SYNTHETIC_START)!;
  const startYear = Number(SYNTHETIC_START.slice(0, 4));
  const last = dayFromIso(`${startYear + years}-01-01`)! - 1;
  return { first, last };
}

/** The dataset's title, which also tells the benchmark which file the app has loaded. */
export function syntheticTitle(options: SyntheticOptions): string {
  return `Synthetic: ${options.incidents} incidents, ${options.pairs} pairs, seed ${options.seed}`;
}

function header(options: SyntheticOptions): Omit<SyntheticDataset, 'features'> {
  const years = options.years ?? 5;
  const { first, last } = dayRange(years);
  return {
    type: 'FeatureCollection',
    title: syntheticTitle(options),
    description:
      `Generated for benchmarks (generator version ${SYNTHETIC_VERSION}): random incidents ` +
      `and relations from ${isoFromDay(first)} to ${isoFromDay(last)}. Nothing in it happened.`,
  };
}

function* incidentFeatures(options: SyntheticOptions): Generator<object> {
  const random = mulberry32(options.seed);
  const { first, last } = dayRange(options.years ?? 5);
  const span = last - first + 1;
  const codes = countryCodes();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < options.incidents; i++) {
    const country = pick(codes);
    let lon: number;
    let lat: number;
    if (random() < SCATTERED) {
      lon = random() * 360 - 180;
      lat = SOUTH + random() * (NORTH - SOUTH);
    } else {
      const [anchorLon, anchorLat] = countryByCode(country)!.anchor;
      // The sum of two uniforms peaks at the anchor, like incidents around a capital.
      lon = anchorLon + (random() + random() - 1) * JITTER;
      lat = anchorLat + (random() + random() - 1) * JITTER;
      lon = ((((lon + 180) % 360) + 360) % 360) - 180;
      lat = Math.min(NORTH, Math.max(SOUTH, lat));
    }
    const category = pick(BUILT_IN_CATEGORIES);
    const day = first + Math.floor(random() * span);
    const shape = random();
    const properties: Record<string, unknown> = {
      id: `inc-${i}`,
      title: `${CATEGORY_LABELS[category] ?? category} ${i}, ${countryByCode(country)!.name}`,
      date: shape < MONTH_DATED ? isoFromDay(day).slice(0, 7) : isoFromDay(day),
    };
    if (shape >= MONTH_DATED && shape < MONTH_DATED + MULTI_DAY) {
      properties.end_date = isoFromDay(Math.min(last, day + 1 + Math.floor(random() * 30)));
    }
    properties.category = category;
    properties.countries = random() < 0.25 ? [country, pick(codes)] : [country];
    properties.sources = [{ url: `https://example.org/synthetic/${i}` }];
    // Most incidents have no casualties; the rest a long tail, as in ACLED.
    if (random() < 0.45) properties.fatalities = Math.floor(-Math.log(1 - random()) * 4);
    if (random() < 0.2) properties.injured = Math.floor(-Math.log(1 - random()) * 6);
    properties.precision = pickWeighted(random, PRECISION_WEIGHTS);
    properties.status = pickWeighted(random, STATUS_WEIGHTS);
    yield {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round4(lon), round4(lat)] },
      properties,
    };
  }
}

function* relationFeatures(options: SyntheticOptions): Generator<object> {
  const random = mulberry32((options.seed ^ RELATION_STREAM) >>> 0);
  const { first, last } = dayRange(options.years ?? 5);
  const span = last - first + 1;
  const codes = countryCodes();
  const possible = (codes.length * (codes.length - 1)) / 2;
  if (options.pairs > possible) {
    throw new RangeError(`${options.pairs} pairs asked for; only ${possible} exist`);
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const seen = new Set<string>();
  for (let p = 0; p < options.pairs; p++) {
    let from: string;
    let to: string;
    let key: string;
    do {
      from = pick(codes);
      to = pick(codes);
      key = from < to ? `${from}-${to}` : `${to}-${from}`;
    } while (from === to || seen.has(key));
    seen.add(key);
    const changes = 1 + Math.floor(random() * 4);
    const days = new Set<Day>();
    while (days.size < changes) days.add(first + Math.floor(random() * span));
    let stance: string | undefined;
    for (const [j, day] of [...days].sort((a, b) => a - b).entries()) {
      // Each event changes the stance; repeating the current one would not be a change.
      const next = STANCES.filter((s) => s !== stance);
      stance = pick(next);
      yield {
        type: 'Feature',
        geometry: null,
        properties: {
          id: `rel-${p}-${j}`,
          title: `${from}–${to}: ${stance}`,
          date: isoFromDay(day),
          from,
          to,
          stance,
          sources: [{ url: `https://example.org/synthetic/relation/${p}/${j}` }],
        },
      };
    }
  }
}

/** Every feature of a synthetic dataset in file order: incidents, then relation events. */
export function* syntheticFeatures(options: SyntheticOptions): Generator<object> {
  yield* incidentFeatures(options);
  yield* relationFeatures(options);
}

/**
 * A synthetic dataset as one object: `incidents` incidents spread over `years` years from
 * 2019-01-01 and over the world's land (most around a random country's anchor, a tenth
 * anywhere between 56° S and 72° N), with random built-in categories, statuses, precisions
 * and casualties; and `pairs` distinct pairs of real country codes, each with 1–4 dated
 * stance changes. It validates with no problems. For a million incidents, prefer
 * {@link syntheticDatasetChunks}, which never holds the whole text.
 */
export function syntheticDataset(options: SyntheticOptions): SyntheticDataset {
  return { ...header(options), features: [...syntheticFeatures(options)] };
}

/**
 * The JSON text of {@link syntheticDataset} in pieces of about `featuresPerChunk` features,
 * for writing a file of hundreds of megabytes without building it as one string. Joined,
 * the pieces are exactly `JSON.stringify(syntheticDataset(options))`.
 */
export function* syntheticDatasetChunks(
  options: SyntheticOptions,
  featuresPerChunk = 2000,
): Generator<string> {
  const head = JSON.stringify(header(options));
  yield `${head.slice(0, -1)},"features":[`;
  let pieces: string[] = [];
  let count = 0;
  for (const feature of syntheticFeatures(options)) {
    pieces.push(`${count === 0 ? '' : ','}${JSON.stringify(feature)}`);
    count++;
    if (pieces.length >= featuresPerChunk) {
      yield pieces.join('');
      pieces = [];
    }
  }
  yield `${pieces.join('')}]}`;
}

/** What `syntheticCsv` reads of a generated incident. */
interface SyntheticFeature {
  geometry: { coordinates: [number, number] };
  properties: Record<string, unknown>;
}

/** A CSV cell, quoted when it holds a quote, a comma or a line break. */
const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A CSV of synthetic incidents of about `bytes` bytes (UTF-16 code units, which are bytes here:
 * the text is ASCII), and its row count: `syntheticFeatures` (seed 7) under headers that are
 * not ours (`event_date`, `lat`, `lng`, `headline` …) with a notes column of an ACLED note's
 * length, so an import has a mapping to propose: about 3,900 rows a megabyte, a little more
 * than an ACLED export's 3,000. The import benchmarks write it (`import.ts`,
 * `import-browser.ts`).
 */
export function syntheticCsv(bytes: number): { text: string; rows: number } {
  const lines = ['event_id,event_date,lat,lng,headline,event_type,country_code,link,notes,deaths'];
  let size = lines[0]!.length;
  let rows = 0;
  const notes =
    'Synthetic notes standing in for an ACLED row: who, where, what happened, "quoted", and the sources named in words, as long as a real note.';
  for (const f of syntheticFeatures({
    incidents: 10_000_000,
    pairs: 0,
    seed: 7,
  }) as Iterable<SyntheticFeature>) {
    const p = f.properties;
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const line = [
      String(p.id),
      String(p.date),
      String(lat),
      String(lon),
      String(p.title),
      String(p.category),
      (p.countries as string[]).join(';'),
      (p.sources as { url: string }[])[0]!.url,
      notes,
      p.fatalities === undefined ? '' : String(p.fatalities),
    ]
      .map(quote)
      .join(',');
    lines.push(line);
    size += line.length + 1;
    rows++;
    if (size >= bytes) break;
  }
  return { text: `${lines.join('\n')}\n`, rows };
}
