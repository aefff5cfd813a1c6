/**
 * Incidents per day, week, month or year, by category: the timeline above the slider that
 * shows where the events are.
 *
 * Computed in the loading worker, once per dataset and once per filter change: one pass over
 * the incidents in time order, each counted in the bucket of its first day.
 */
import { addMonths, type Day } from '../model/dates.ts';
import type { DateRange } from './timeline.ts';

/** How long one bar of the timeline is. */
export type BucketSize = 'day' | 'week' | 'month' | 'year';

/** The bucket sizes from finest to coarsest. */
export const BUCKET_SIZES: readonly BucketSize[] = ['day', 'week', 'month', 'year'];

/** The narrowest a bar may be, in CSS pixels, for it to be seen and hovered. */
export const MIN_BAR_WIDTH = 3;

/** The timeline: bucket starts and, per bucket, the incidents of each category. */
export interface Histogram {
  size: BucketSize;
  /** First day of each bucket, ascending; the last bucket ends at `end`. */
  starts: Float64Array;
  /** Last day covered, inclusive. */
  end: Day;
  /** The categories counted, in the order of `counts`' columns. */
  categories: string[];
  /** `counts[bucket * categories.length + category]`. */
  counts: Uint32Array;
}

/** 1 January 1970 was a Thursday; weeks start on Monday, four days later. */
const MONDAY_OFFSET = 4;

/** The first day of the bucket of `size` that holds `day`. */
export function bucketStart(day: Day, size: BucketSize): Day {
  if (size === 'day') return day;
  if (size === 'week') return day - ((((day - MONDAY_OFFSET) % 7) + 7) % 7);
  const date = new Date(day * 86_400_000);
  const month = size === 'month' ? date.getUTCMonth() : 0;
  return Math.round(Date.UTC(date.getUTCFullYear(), month, 1) / 86_400_000);
}

/** The first day of the bucket after the one starting on `start`. */
export function nextBucket(start: Day, size: BucketSize): Day {
  if (size === 'day') return start + 1;
  if (size === 'week') return start + 7;
  return addMonths(start, size === 'month' ? 1 : 12);
}

/** The finest bucket size whose bars are at least `MIN_BAR_WIDTH` wide across `width` pixels. */
export function chooseBucketSize(range: DateRange, width: number): BucketSize {
  const days = range.end - range.start + 1;
  const approximate: Record<BucketSize, number> = { day: 1, week: 7, month: 30.44, year: 365.25 };
  return BUCKET_SIZES.find((size) => (width / days) * approximate[size] >= MIN_BAR_WIDTH) ?? 'year';
}

/** The first day of each bucket of `size` covering the range. */
export function bucketStarts(range: DateRange, size: BucketSize): Float64Array {
  const starts: number[] = [];
  for (let day = bucketStart(range.start, size); day <= range.end; day = nextBucket(day, size)) {
    starts.push(day);
  }
  return Float64Array.from(starts);
}

/**
 * The incidents a histogram counts: their first days and categories, and which pass the
 * filters. Categories come as ids, or as small numbers naming `categoryIds[code]` when the
 * caller has them: a million incidents are then counted without a string lookup each, and
 * the loading worker keeps no string per incident.
 */
export type HistogramInput = {
  starts: ArrayLike<number>;
  /** 1 where the incident passes the filters; absent counts every incident. */
  mask?: ArrayLike<number>;
} & (
  | { categories: ArrayLike<string> }
  | { categoryCodes: ArrayLike<number>; categoryIds: readonly string[] }
);

/** Longest range, in days, whose day-to-bucket table is built (16 MB); longer ones search. */
const MAX_TABLE_DAYS = 1 << 22;

/**
 * Counts incidents per bucket of `size` and category over `range`. Incidents starting
 * outside the range are left out; `categories` fixes the columns (the dataset's, so colours
 * and order stay put when a filter empties one).
 */
export function histogram(
  input: HistogramInput,
  range: DateRange,
  size: BucketSize,
  categories: readonly string[],
): Histogram {
  const starts = bucketStarts(range, size);
  const column = new Map(categories.map((id, i) => [id, i]));
  const width = categories.length;
  const counts = new Uint32Array(starts.length * width);
  const mask = input.mask;
  const codes = 'categoryCodes' in input ? input.categoryCodes : null;
  const ids = 'categoryCodes' in input ? input.categoryIds : [];
  const names = 'categoryCodes' in input ? null : input.categories;
  const columnOfCode = Int32Array.from(ids, (id) => column.get(id) ?? -1);
  // Each incident's bucket read from a table of the range's days rather than searched for:
  // at a million incidents this is most of the cost.
  const table = range.end - range.start < MAX_TABLE_DAYS ? bucketTable(starts, range) : null;
  for (let i = 0; i < input.starts.length; i++) {
    if (mask && mask[i] !== 1) continue;
    const day = input.starts[i]!;
    if (day < range.start || day > range.end) continue;
    const category = codes ? columnOfCode[codes[i]!]! : (column.get(names![i]!) ?? -1);
    if (category < 0) continue;
    const bucket = table ? table[day - range.start]! : bucketIndex(starts, day);
    counts[bucket * width + category]!++;
  }
  return { size, starts, end: range.end, categories: [...categories], counts };
}

/** The bucket of each day of the range, indexed by the day's distance from its start. */
function bucketTable(starts: Float64Array, range: DateRange): Int32Array {
  const table = new Int32Array(range.end - range.start + 1);
  for (let b = 0; b < starts.length; b++) {
    const from = Math.max(starts[b]!, range.start) - range.start;
    const to = (b + 1 < starts.length ? starts[b + 1]! : range.end + 1) - range.start;
    table.fill(b, from, to);
  }
  return table;
}

/** The bucket holding `day`: the last start on or before it. */
function bucketIndex(starts: Float64Array, day: Day): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= day) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The bucket of a histogram holding `day`; days before its first bucket give the first. */
export function bucketAt(histogram: Histogram, day: Day): number {
  return bucketIndex(histogram.starts, day);
}

/** The incidents in one bucket, all categories together. */
export function bucketTotal(histogram: Histogram, bucket: number): number {
  const width = histogram.categories.length;
  let total = 0;
  for (let c = 0; c < width; c++) total += histogram.counts[bucket * width + c]!;
  return total;
}

/** The first and last day of a bucket, inclusive, within the histogram's range. */
export function bucketSpan(histogram: Histogram, bucket: number): DateRange {
  const start = histogram.starts[bucket]!;
  const next = histogram.starts[bucket + 1];
  return { start, end: next === undefined ? histogram.end : next - 1 };
}
