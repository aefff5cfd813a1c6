/**
 * The built-in dataset, validated, for tests that check behaviour on real data.
 */
import { readFileSync } from 'node:fs';
import type { Dataset } from '../src/core/model/schema.ts';
import { validateDataset } from '../src/core/validation/validate.ts';

/** The built-in dataset's JSON text. */
export const builtInText = readFileSync(
  new URL('../geojson/caspian-2022-2023.geojson', import.meta.url),
  'utf8',
);

/** The built-in dataset, validated; throws if it is not valid. */
export function builtInDataset(): Dataset {
  const result = validateDataset(builtInText);
  if (!result.ok) throw new Error('built-in dataset is invalid');
  return result.dataset;
}
