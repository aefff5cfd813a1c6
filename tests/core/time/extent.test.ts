import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import type { Dataset } from '../../../src/core/model/schema.ts';
import { datasetDays } from '../../../src/core/time/extent.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

const MINIMAL = readFileSync(
  new URL('../../fixtures/valid/minimal.geojson', import.meta.url),
  'utf8',
);

const day = (iso: string) => dayFromIso(iso)!;

/**
 * The minimal dataset, validated after `edit`. Its features: 0 incident on 2023-01-27,
 * 1 incident in 2023-01 ending 2023-02-03, 2 relation on 2023-01-28, 3 relation on 2023-03-29.
 */
function minimalWith(edit: (features: { properties: Record<string, unknown> }[]) => void): Dataset {
  const value = JSON.parse(MINIMAL) as { features: { properties: Record<string, unknown> }[] };
  edit(value.features);
  const result = validateDataset(value);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.dataset;
}

describe('first and last days set at validation', () => {
  it('spans a date, widened by its precision and by an end date', () => {
    const dataset = minimalWith(() => {});
    const [attack, protest] = dataset.incidents;
    const [tension] = dataset.relations;
    expect([attack!.first, attack!.last]).toEqual([day('2023-01-27'), day('2023-01-27')]);
    expect([protest!.first, protest!.last]).toEqual([day('2023-01-01'), day('2023-02-03')]);
    expect([tension!.first, tension!.last]).toEqual([day('2023-01-28'), day('2023-01-28')]);
  });

  it("gives a relation event its end date's last day", () => {
    const dataset = minimalWith((features) => {
      features[2]!.properties.end_date = '2023-05';
    });
    expect(dataset.relations[0]!.last).toBe(day('2023-05-31'));
  });
});

describe('datasetDays', () => {
  it('runs from the first start to the last end of every feature', () => {
    expect(datasetDays(minimalWith(() => {}))).toEqual({
      first: day('2023-01-01'),
      last: day('2023-03-29'),
    });
  });

  it("counts relation events' end dates and year-precision dates to their last day", () => {
    const dataset = minimalWith((features) => {
      features[2]!.properties.date = '2022';
      features[3]!.properties.end_date = '2024';
    });
    expect(datasetDays(dataset)).toEqual({ first: day('2022-01-01'), last: day('2024-12-31') });
  });

  it('reads incidents alone and relation events alone', () => {
    const incidents = minimalWith((features) => features.splice(2, 2));
    expect(datasetDays(incidents)).toEqual({ first: day('2023-01-01'), last: day('2023-02-03') });
    const relations = minimalWith((features) => features.splice(0, 2));
    expect(datasetDays(relations)).toEqual({ first: day('2023-01-28'), last: day('2023-03-29') });
  });

  it('is null for a dataset without features', () => {
    expect(datasetDays(minimalWith((features) => features.splice(0)))).toBeNull();
  });
});
