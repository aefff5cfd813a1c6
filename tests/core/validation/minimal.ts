/**
 * The valid minimal dataset (`tests/fixtures/valid/minimal.geojson`) for validation tests that
 * change it by one-line mutations. Its features are: 0 incident "tehran-embassy-attack",
 * 1 incident "baku-protest" (custom category "protest"), 2 relation "aze-irn-tension" (null
 * geometry), 3 relation "aze-isr-embassy" (LineString).
 */
import { readFileSync } from 'node:fs';

/** The fixture's text, for tests that cut or parse it themselves. */
export const MINIMAL = readFileSync(
  new URL('../../fixtures/valid/minimal.geojson', import.meta.url),
  'utf8',
);

/** Typing every level of the fixture would bury the one change each test is about. */
export type Editable = any;

/** A fresh copy of the minimal dataset, changed by `edit`. */
export function minimalWith(edit: (dataset: Editable) => void): unknown {
  const dataset = JSON.parse(MINIMAL) as Editable;
  edit(dataset);
  return dataset;
}
