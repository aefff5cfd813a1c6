import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeStep } from '../../../src/core/commands/announce.ts';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import { IncidentTimeIndex } from '../../../src/core/time/incidentindex.ts';
import { buildDyads } from '../../../src/core/model/relations.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';
import { ENGLISH_MESSAGES } from '../../../src/i18n/catalogues.ts';
import { speakerFor } from '../../../src/i18n/speaker.ts';

const english = speakerFor(ENGLISH_MESSAGES);

const result = validateDataset(
  readFileSync(new URL('../../../geojson/caspian-2022-2023.geojson', import.meta.url), 'utf8'),
);
if (!result.ok) throw new Error('built-in dataset invalid');
const { relations } = result.dataset;
const incidents = new IncidentTimeIndex(result.dataset.incidents);
const dyads = buildDyads(relations);
const day = (iso: string) => dayFromIso(iso)!;

describe('describeStep', () => {
  it('names the date, the incidents that began and the stances that changed', () => {
    expect(describeStep(day('2022-11-17'), day('2022-11-18'), incidents, dyads, english)).toBe(
      '18 Nov 2022: 1 incident, Azerbaijan–Israel: alliance',
    );
    expect(describeStep(day('2022-08-04'), day('2022-08-05'), incidents, dyads, english)).toBe(
      '5 Aug 2022: 1 incident, Azerbaijan–Iran: tension',
    );
  });

  it('says only the date when nothing changed', () => {
    expect(describeStep(day('2022-09-01'), day('2022-09-02'), incidents, dyads, english)).toBe(
      '2 Sep 2022',
    );
  });

  it('reports a pair going back to no relationship when moving before its first event', () => {
    expect(describeStep(day('2022-08-05'), day('2022-08-04'), incidents, dyads, english)).toBe(
      '4 Aug 2022: Azerbaijan–Iran: no relationship',
    );
  });
});
