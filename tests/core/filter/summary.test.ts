import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { filterMask, shownOf, type Filters } from '../../../src/core/filter/filters.ts';
import {
  filterSummary,
  incidentColumns,
  inPlaceFilterer,
} from '../../../src/core/filter/summary.ts';
import { featuresInEffect } from '../../../src/core/export/exportdata.ts';
import { legendModel, legendShown } from '../../../src/core/style/legend.ts';
import { describeStep } from '../../../src/core/commands/announce.ts';
import { buildMapData, toPageData } from '../../../src/core/prepare/mapdata.ts';
import { IncidentTimeIndex } from '../../../src/core/time/incidentindex.ts';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import { bucketTotal } from '../../../src/core/time/histogram.ts';
import { drawingMask, isShown } from '../../../src/render/incidents/pick.ts';
import { isArcShown, withShownStretches } from '../../../src/render/arcs/buffers.ts';
import { builtInDataset } from '../../builtin.ts';
import { ENGLISH_MESSAGES } from '../../../src/i18n/catalogues.ts';
import { speakerFor } from '../../../src/i18n/speaker.ts';

const english = speakerFor(ENGLISH_MESSAGES);

const dataset = builtInDataset();
const data = toPageData(buildMapData(dataset));
const day = dayFromIso('2023-01-31')!;
const cumulative = { day, mode: 'cumulative' as const, windowDays: 30 };

describe('filterSummary', () => {
  const columns = incidentColumns(dataset.incidents);

  it('has no mask when nothing is filtered, and the folded texts give the mask a slow search gives', () => {
    expect(filterSummary(columns, {}, null)).toEqual({
      mask: null,
      histogram: null,
    });
    for (const filters of [{ q: 'TEHRAN embassy' }, { q: 'turkiye', category: ['statement'] }]) {
      const { mask } = filterSummary(columns, filters as Filters, null);
      expect(mask).toEqual(filterMask(dataset.incidents, filters as Filters));
      expect(mask!.some((b) => b === 1)).toBe(true);
    }
  });

  it('keeps nothing of the incidents it was read from, as the loading worker relies on', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const incidents = structuredClone(dataset.incidents);
    const refs = incidents.map((incident) => new WeakRef(incident));
    const kept = incidentColumns(incidents);
    incidents.length = 0;
    // Weak references hold their targets until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(filterSummary(kept, { q: 'tehran' }, null).mask).toEqual(
      filterMask(dataset.incidents, { q: 'tehran' }),
    );
  });

  it('counts in the histogram only what the mask passes', async () => {
    const range = data.range;
    const request = { range, size: 'month' as const, categories: ['attack', 'military'] };
    const summary = await inPlaceFilterer(dataset.incidents).summarize(
      { category: ['attack'] },
      request,
    );
    let total = 0;
    for (let b = 0; b < summary.histogram!.starts.length; b++)
      total += bucketTotal(summary.histogram!, b);
    expect(total).toBe(2);
  });
});

describe('what follows the mask', () => {
  const mask = filterMask(dataset.incidents, { category: ['attack'] });

  it('counts and lists only incidents that pass, and says "N of M"', () => {
    const all = new IncidentTimeIndex(dataset.incidents, data.timeOrder);
    const filtered = all.withMask(mask);
    expect(all.countShown(cumulative)).toBe(14);
    expect(filtered.countShown(cumulative)).toBe(2);
    expect(filtered.countShown({ ...cumulative, mode: 'window' })).toBe(1);
    expect(filtered.latestShown(cumulative, 10).map((i) => i.id)).toEqual([
      'tehran-embassy-attack',
      'london-embassy-attack',
    ]);
    expect(filtered.countStartedBetween(day - 10, day)).toBe(1);
    expect(shownOf(2, 10480, 'incidents', 'incident')).toBe('2 of 10,480 incidents');
    expect(shownOf(14, 14, 'incidents', 'incident')).toBe('14 incidents');
  });

  it('hides masked incidents from picking, in drawing order', () => {
    const drawn = drawingMask(data.incidents, mask);
    const time = { day, since: -1e9, fading: 0 };
    const shown = [...Array(data.incidents.count).keys()]
      .filter((p) => isShown(data.incidents, p, time, drawn))
      .map((p) => dataset.incidents[data.incidents.order[p]!]!.id)
      .sort();
    expect(shown).toEqual(['london-embassy-attack', 'tehran-embassy-attack']);
  });

  it('empties the arc stretches a filter hides, and no others', () => {
    const shown = Uint8Array.from(data.arcs, (arc) => (arc.stance === 'hostility' ? 1 : 0));
    const buffers = withShownStretches(data.arcLines, shown);
    expect(withShownStretches(data.arcLines, null)).toBe(data.arcLines);
    data.arcs.forEach((arc, i) => {
      const before = isArcShown(data.arcLines, i, day);
      expect(isArcShown(buffers, i, day)).toBe(before && arc.stance === 'hostility');
    });
    expect(
      data.arcs.some((arc, i) => arc.stance === 'hostility' && isArcShown(buffers, i, day)),
    ).toBe(true);
  });

  it('exports, legends and announcements follow the filters', () => {
    const filters: Filters = { category: ['attack'], stance: ['hostility'] };
    const inEffect = featuresInEffect(dataset, cumulative, data.dyads, { filters });
    expect(inEffect.incidents.map((i) => i.id)).toEqual([
      'london-embassy-attack',
      'tehran-embassy-attack',
    ]);
    expect(new Set(inEffect.relations.map((r) => r.stance))).toEqual(new Set(['hostility']));
    expect(featuresInEffect(dataset, cumulative, data.dyads, { filters, mask }).incidents).toEqual(
      inEffect.incidents,
    );
    const legend = legendModel(
      dataset.categories,
      legendShown(dataset.incidents, data.dyads, cumulative, filters),
      english,
    );
    expect(legend.find((s) => s.title === 'Incidents')!.items.map((i) => i.label)).toEqual([
      'Attack',
    ]);
    expect(legend.find((s) => s.title === 'Relations')!.items).toHaveLength(1);
    const index = new IncidentTimeIndex(dataset.incidents, data.timeOrder, mask);
    const from = dayFromIso('2023-01-26')!;
    const to = dayFromIso('2023-01-27')!;
    expect(describeStep(from, to, index, data.dyads, english, () => false)).toBe(
      '27 Jan 2023: 1 incident',
    );
  });
});
