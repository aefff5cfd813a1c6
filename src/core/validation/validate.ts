/**
 * Validation of Tension Map datasets: from untrusted text or JSON to a `Dataset`.
 *
 * Datasets are written by hand and by scripts, so the validator lists every problem it can
 * find in one pass (not just the first), never throws, and says each problem in words a
 * journalist can act on: where (a feature, a property path, or a line and column of JSON)
 * and what is wrong, with the nearest valid value when there is one.
 *
 * Feature numbers in problems are 0-based positions in the `features` array: "feature 12"
 * means `features[12]`, the thirteenth feature, which is what `jq '.features[12]'` shows.
 *
 * Optional properties may be `null`, which means the same as leaving them out: scripts
 * (pandas, spreadsheets) write `null` for empty cells.
 *
 * Each check reports its problems and returns its best reading of the value (the valid
 * items of a list, say). A dataset is only returned when no problem at all was found, so a
 * partial reading never reaches the app.
 *
 * The format itself is described for authors in `geojson/FORMAT.md`. This module is the
 * folder's entry point; the checks live beside it: `dataset.ts` (the top level), `features.ts`
 * (incidents and relation events), `geometry.ts`, `references.ts` (country codes, sources),
 * `fields.ts` (typed values), `languages.ts` (texts in several languages), with `context.ts` collecting problems and `wording.ts` phrasing
 * them. JSON syntax errors are located by `json.ts`; `summary.ts` counts what a valid dataset
 * holds.
 */
import type { Dataset, Problem } from '../model/schema.ts';
import { newContext, report, type Context } from './context.ts';
import { checkDatasetRecord } from './dataset.ts';
import { choices } from './fields.ts';
import { parseJson } from './json.ts';

export { formatProblem } from './wording.ts';

/** The outcome of validating a dataset: the dataset, or every problem found. */
export type ValidationResult =
  { ok: true; dataset: Dataset; problems: [] } | { ok: false; problems: Problem[] };

/** Parses the text, or reports why it is not JSON as its one problem. */
function readJson(ctx: Context, text: string): { value: unknown } | undefined {
  // An empty file is a failed save or a wrong path rather than a typo: say so, not where.
  if (text.trim() === '') {
    ctx.problems.push({
      line: 1,
      column: 1,
      message: 'the file is empty; a dataset is a GeoJSON FeatureCollection',
    });
    return undefined;
  }
  const parsed = parseJson(text);
  if (parsed.ok) return parsed;
  const { line, column, message } = parsed;
  ctx.problems.push(line === undefined ? { message } : { line, column, message });
  return undefined;
}

/**
 * Validates a dataset given as JSON text (parsed first; a leading byte-order mark is
 * ignored) or as an already-parsed value. Returns the validated `Dataset`, or every problem
 * found: a syntax error stops at that one problem, any other input is checked in full.
 * Never throws, whatever the input.
 */
export function validateDataset(input: string | unknown): ValidationResult {
  const ctx: Context = newContext(choices([], 'category'));
  let dataset: Dataset | undefined;
  try {
    let value: unknown = input;
    if (typeof input === 'string') {
      const parsed = readJson(ctx, input);
      if (!parsed) return { ok: false, problems: ctx.problems };
      value = parsed.value;
    }
    dataset = checkDatasetRecord(ctx, value);
  } catch (error) {
    // Only reachable with hostile non-JSON values (throwing getters, proxies).
    let reason = 'unknown error';
    try {
      if (error instanceof Error) reason = String(error.message);
    } catch {
      // The thrown value's own message throws; keep the generic reason.
    }
    report(ctx, undefined, `the dataset could not be read (${reason})`);
  }
  if (ctx.problems.length > 0 || !dataset) {
    if (ctx.problems.length === 0) report(ctx, undefined, 'the dataset could not be read');
    return { ok: false, problems: ctx.problems };
  }
  return { ok: true, dataset, problems: [] };
}
