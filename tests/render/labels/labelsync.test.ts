import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LabelTime } from '../../../src/render/labels/labelsync.ts';
import { buildMapData } from '../../../src/core/prepare/mapdata.ts';
import { incidentOpacity, type TimeFilter } from '../../../src/core/time/timeline.ts';
import { builtInDataset } from '../../builtin.ts';

/** The two calls `LabelTime` makes, recorded. */
function recordingMap() {
  const globalState: Record<string, unknown> = {};
  const opacity = new Map<string, number>();
  let stateChanges = 0;
  let featureStateCalls = 0;
  const map = {
    setGlobalStateProperty(key: string, value: unknown) {
      if (globalState[key] !== value) stateChanges++;
      globalState[key] = value;
    },
    setFeatureState(target: { id: string }, state: { opacity: number }) {
      featureStateCalls++;
      opacity.set(target.id, state.opacity);
    },
  };
  return {
    map: map as unknown as MapLibreMap,
    opacity,
    counts: () => ({ stateChanges, featureStateCalls }),
  };
}

describe('LabelTime', () => {
  const data = buildMapData(builtInDataset());
  const at = (day: number): TimeFilter => ({ day, mode: 'cumulative', windowDays: 30 });

  it('gives every label the opacity timeline.ts gives its incident', () => {
    const { map, opacity } = recordingMap();
    const filter = at(data.range.end);
    new LabelTime(data.labels).update(map, filter);
    for (const { properties } of data.labels.features) {
      expect(opacity.get(properties.id)).toBeCloseTo(incidentOpacity(filter, properties.end), 9);
    }
  });

  it('changes the filter state only on days a label appears, and sets only changed opacities', () => {
    const { map, counts } = recordingMap();
    const labels = new LabelTime(data.labels);
    const starts = new Set(data.labels.features.map((f) => f.properties.start));
    labels.update(map, at(data.range.start));
    let previous = counts();
    for (let day = data.range.start + 1; day <= data.range.end; day++) {
      labels.update(map, at(day));
      const now = counts();
      if (!starts.has(day)) expect(now.stateChanges).toBe(previous.stateChanges);
      const changed = data.labels.features.filter(
        ({ properties: p }) =>
          incidentOpacity(at(day), p.end) !== incidentOpacity(at(day - 1), p.end),
      ).length;
      expect(now.featureStateCalls - previous.featureStateCalls).toBe(changed);
      previous = now;
    }
    expect(counts().stateChanges).toBeLessThanOrEqual(starts.size + 2);
  });
});
