/**
 * Every incident's folded title and summary (`searchText`) joined into a few long strings,
 * built once per dataset in the loading worker, so a text search over a million titles is a
 * handful of `indexOf` scans rather than a million `includes` calls.
 *
 * Incidents' texts follow each other in dataset order, each ended by a newline. A search word
 * never holds whitespace (`searchWords` splits on it), so a word found in a chunk lies within
 * one incident's text: the index answers exactly what `text.includes(word)` answers for each.
 */
import { searchText } from './filters.ts';
import type { Incident } from '../model/schema.ts';

/** Longest chunk, in UTF-16 units: well under V8's longest string (2^29), and quick to build. */
const MAX_CHUNK = 1 << 24;

/** The texts of consecutive incidents, from `first`, each ended by a newline. */
interface SearchChunk {
  text: string;
  first: number;
  /** Where each incident's text starts in `text`, one more entry than incidents: the end. */
  starts: Uint32Array;
}

/** The folded search texts of a dataset's incidents, in chunks (see the module comment). */
export interface SearchIndex {
  count: number;
  chunks: SearchChunk[];
}

/**
 * Folds and joins every incident's title and summary; once per dataset. `maxChunk` bounds a
 * chunk's length (an incident longer than it gets a chunk of its own).
 */
export function buildSearchIndex(
  incidents: readonly Incident[],
  maxChunk = MAX_CHUNK,
): SearchIndex {
  const chunks: SearchChunk[] = [];
  let parts: string[] = [];
  let starts: number[] = [0];
  let length = 0;
  let first = 0;
  const close = () => {
    chunks.push({ text: parts.join(''), first, starts: Uint32Array.from(starts) });
    first += parts.length;
    parts = [];
    starts = [0];
    length = 0;
  };
  for (const incident of incidents) {
    const text = `${searchText(incident)}\n`;
    if (length > 0 && length + text.length > maxChunk) close();
    parts.push(text);
    length += text.length;
    starts.push(length);
  }
  if (parts.length > 0) close();
  return { count: incidents.length, chunks };
}

/** Incidents sampled to estimate how many hold a word. */
const SAMPLES = 1_000;

/**
 * About how many incidents hold `word`, from a thousand spread evenly over the dataset: what
 * orders a search's words and the other filters, rarest first, and chooses how to search.
 */
export function estimateMatches(index: SearchIndex, word: string): number {
  if (index.count === 0) return 0;
  const samples = Math.min(SAMPLES, index.count);
  let found = 0;
  let c = 0;
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(((s + 0.5) * index.count) / samples);
    while (i >= index.chunks[c]!.first + index.chunks[c]!.starts.length - 1) c++;
    if (holds(index.chunks[c]!, i - index.chunks[c]!.first, word)) found++;
  }
  return Math.round((found / samples) * index.count);
}

/** Whether the `j`th incident of a chunk holds `word`. */
function holds({ text, starts }: SearchChunk, j: number, word: string): boolean {
  // Without the newline: a word holds no whitespace anyway, but the slice stays exact.
  return text.slice(starts[j]!, starts[j + 1]! - 1).includes(word);
}

/**
 * Clears `mask[i]` for each incident whose text lacks `word`, leaving the other bytes as
 * they are, and returns how many pass afterwards. `passing` is how many bytes of `mask` are
 * 1 and `expected` about how many incidents hold the word (`estimateMatches`): each passing
 * incident checked alone costs a call, one scan of the whole text costs about a call per
 * sixteen incidents plus one per incident found, so the cheaper of the two is taken.
 */
export function keepMatching(
  index: SearchIndex,
  word: string,
  mask: Uint8Array,
  passing: number,
  expected = index.count,
): number {
  let kept = 0;
  if (passing < expected + index.count / 16) {
    for (const chunk of index.chunks) {
      const { first, starts } = chunk;
      for (let j = 0; j < starts.length - 1; j++) {
        if (mask[first + j] !== 1) continue;
        if (holds(chunk, j, word)) kept++;
        else mask[first + j] = 0;
      }
    }
    return kept;
  }
  for (const { text, first, starts } of index.chunks) {
    const count = starts.length - 1;
    // Incidents before `j` are settled: held the word, or cleared.
    let j = 0;
    let at = text.indexOf(word);
    while (at !== -1) {
      while (starts[j + 1]! <= at) mask[first + j++] = 0;
      if (mask[first + j] === 1) kept++;
      j++;
      at = j < count ? text.indexOf(word, starts[j]) : -1;
    }
    for (; j < count; j++) mask[first + j] = 0;
  }
  return kept;
}
