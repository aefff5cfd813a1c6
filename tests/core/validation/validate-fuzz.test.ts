import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  validateDataset,
  type ValidationResult,
} from '../../../src/core/validation/validate.ts';

const MINIMAL = readFileSync(
  new URL('../../fixtures/valid/minimal.geojson', import.meta.url),
  'utf8',
);
const RUNS = 400;

/** The contract every result keeps: a dataset and no problems, or problems that read well. */
function expectWellFormed(result: ValidationResult): void {
  if (result.ok) {
    expect(result.problems).toEqual([]);
    expect(result.dataset.title).toBeTypeOf('string');
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    const text = formatProblem(problem);
    expect(text).toBeTypeOf('string');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain('\n');
  }
}

type Key = string | number;

/** Every path to a value inside a JSON value, the root excluded. */
function pathsOf(value: unknown, prefix: Key[] = []): Key[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: Key[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const path = [...prefix, key];
    return [path, ...pathsOf((value as Record<Key, unknown>)[key], path)];
  });
}

/** The parent object or array of a path, and the key of the value in it. */
function parentOf(root: unknown, path: Key[]): [Record<Key, unknown>, Key] {
  let parent = root as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<Key, unknown>;
  return [parent, path[path.length - 1]!];
}

const minimalPaths = pathsOf(JSON.parse(MINIMAL));
const featureCount = (JSON.parse(MINIMAL) as { features: unknown[] }).features.length;

/** One change to the valid dataset: delete a value, or replace it with any JSON value. */
const mutation = fc.record({
  path: fc.constantFrom(...minimalPaths),
  replacement: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
});

function mutate(changes: { path: Key[]; replacement: unknown }[]): unknown {
  const dataset: unknown = JSON.parse(MINIMAL);
  for (const { path, replacement } of changes) {
    try {
      const [parent, key] = parentOf(dataset, path);
      if (replacement === undefined) delete parent[key];
      else parent[key] = replacement;
    } catch {
      // An earlier change removed or replaced this path's parent: nothing left to change.
    }
  }
  return dataset;
}

describe('validateDataset never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(validateDataset(value));
        expectWellFormed(validateDataset(JSON.stringify(value)));
      }),
      { numRuns: RUNS },
    );
  });

  it('on arbitrary values, including objects with odd keys and prototypes', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (value) => {
        expectWellFormed(validateDataset(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('on arbitrary strings, and says where any syntax error is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = validateDataset(text);
        expectWellFormed(result);
        const [first] = result.problems;
        if (first?.line !== undefined) {
          expect(first.line).toBeGreaterThanOrEqual(1);
          expect(first.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('on a valid file with characters cut out or inserted, always locating the error', () => {
    const edit = fc.record({
      at: fc.nat({ max: MINIMAL.length }),
      cut: fc.nat({ max: 5 }),
      insert: fc.constantFrom('', ',', '}', ']', '"', "'", ':', 'x', '\n', '{', '[', '\\'),
    });
    fc.assert(
      fc.property(edit, ({ at, cut, insert }) => {
        const text = MINIMAL.slice(0, at) + insert + MINIMAL.slice(at + cut);
        const result = validateDataset(text);
        expectWellFormed(result);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (!parses) {
          expect(result.problems).toHaveLength(1);
          const [problem] = result.problems;
          const lines = text.split('\n');
          expect(problem?.line).toBeGreaterThanOrEqual(1);
          expect(problem?.line).toBeLessThanOrEqual(lines.length);
          expect(problem?.column).toBeLessThanOrEqual((lines[problem!.line! - 1]?.length ?? 0) + 1);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('validateDataset on mutations of a valid dataset', () => {
  it('deleting or replacing properties gives a dataset or readable problems', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (changes) => {
        const input = mutate(changes);
        expectWellFormed(validateDataset(input));
        expectWellFormed(validateDataset(JSON.stringify(input)));
      }),
      { numRuns: RUNS },
    );
  });

  it('shuffling, dropping and duplicating features keeps the result consistent', () => {
    const order = fc.array(fc.nat({ max: featureCount - 1 }), { maxLength: 10 });
    fc.assert(
      fc.property(order, (indexes) => {
        const dataset = JSON.parse(MINIMAL) as { features: unknown[] };
        const features = dataset.features;
        dataset.features = indexes.map((i) => structuredClone(features[i]));
        const result = validateDataset(dataset);
        expectWellFormed(result);
        const duplicated = new Set(indexes).size < indexes.length;
        const reportsDuplicate = result.problems.some((p) => p.message.includes('is also the id'));
        expect(result.ok).toBe(!duplicated);
        expect(reportsDuplicate).toBe(duplicated);
        if (result.ok) {
          const count = result.dataset.incidents.length + result.dataset.relations.length;
          expect(count).toBe(indexes.length);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
