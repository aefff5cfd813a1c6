import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';

// The format's public description must not drift from the validator: every JSON example in
// it is parsed, and every complete dataset or single feature in it must validate.
const DOC = readFileSync(new URL('../../../geojson/FORMAT.md', import.meta.url), 'utf8');
const BLOCKS = [...DOC.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);

/** A block's parsed value, with the line it starts on for failure messages. */
const EXAMPLES = BLOCKS.map((text) => ({
  line: DOC.slice(0, DOC.indexOf(text)).split('\n').length,
  value: JSON.parse(text) as unknown,
}));

function typeOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { type?: unknown }).type
    : undefined;
}

const collections = EXAMPLES.filter((example) => typeOf(example.value) === 'FeatureCollection');
const features = EXAMPLES.filter((example) => typeOf(example.value) === 'Feature');

describe('geojson/FORMAT.md', () => {
  it('holds a complete example with incidents and relation events', () => {
    const sizes = collections.map(({ value }) => {
      const result = validateDataset(value);
      return result.ok ? [result.dataset.incidents.length, result.dataset.relations.length] : [];
    });
    expect(sizes).toContainEqual([2, 2]);
  });

  // An empty `it.each` list would pass silently, hence the check above.
  it.each(collections)('validates the dataset on line $line with no problems', ({ value }) => {
    expect(validateDataset(value).problems.map(formatProblem)).toEqual([]);
  });

  it.each(features)('validates the feature on line $line with no problems', ({ value }) => {
    const dataset = { type: 'FeatureCollection', title: 'FORMAT.md', features: [value] };
    expect(validateDataset(dataset).problems.map(formatProblem)).toEqual([]);
  });
});
