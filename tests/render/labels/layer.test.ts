import { featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelTimes, NO_LABEL_LEFT, NO_LABEL_YET } from '../../../src/render/labels/times.ts';
import { labelText, labelTimeFilter, overlayLayers } from '../../../src/render/labels/layer.ts';
import { isIncidentShown, type TimeFilter } from '../../../src/core/time/timeline.ts';

const filterArbitrary: fc.Arbitrary<TimeFilter> = fc.record({
  day: fc.integer({ min: 18000, max: 20000 }),
  mode: fc.constantFrom('cumulative' as const, 'window' as const),
  windowDays: fc.integer({ min: 1, max: 400 }),
});
const spanArbitrary = fc
  .tuple(fc.integer({ min: 17800, max: 20200 }), fc.integer({ min: 0, max: 400 }))
  .map(([start, length]) => ({ start, end: start + length }));

function feature(properties: Record<string, unknown>) {
  return { type: 1 as const, properties, geometry: [] };
}

// The style expressions are what the map draws; timeline.ts is what the list, counts and
// tests use. These properties require the two to agree on every input.
describe('the label filter agrees with timeline.ts', () => {
  it('shows exactly the labels isIncidentShown shows, with the rounded global state', () => {
    const globalState: Record<string, unknown> = {};
    const compiled = featureFilter(labelTimeFilter, 'filter', globalState);
    fc.assert(
      fc.property(
        filterArbitrary,
        fc.array(spanArbitrary, { minLength: 0, maxLength: 30 }),
        (filter, spans) => {
          Object.assign(globalState, new LabelTimes(spans).state(filter));
          for (const span of spans) {
            const drawn = compiled.filter({ zoom: 3 }, feature(span));
            expect(drawn).toBe(isIncidentShown(filter, span.start, span.end));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('changes the global state only on days a label appears or goes', () => {
    const spans = [
      { start: 19000, end: 19000 },
      { start: 19010, end: 19040 },
    ];
    const times = new LabelTimes(spans);
    const at = (day: number, mode: TimeFilter['mode'] = 'cumulative') =>
      times.state({ day, mode, windowDays: 7 });
    expect(at(18990)).toEqual({ labelDay: NO_LABEL_YET, labelSince: 19000 });
    expect(at(19005)).toEqual(at(19000));
    expect(at(19009)).toEqual(at(19001));
    expect(at(19010).labelDay).toBe(19010);
    // A 7-day window from 19045 starts at 19039: the second label's end, 19040, is the next.
    expect(at(19045, 'window')).toEqual({ labelDay: 19010, labelSince: 19040 });
    expect(at(19047, 'window')).toEqual({ labelDay: 19010, labelSince: NO_LABEL_LEFT });
  });
});

describe('overlayLayers', () => {
  it('is a valid MapLibre style', () => {
    const style = {
      version: 8 as const,
      sources: {
        'tm-labels': {
          type: 'geojson' as const,
          data: { type: 'FeatureCollection' as const, features: [] },
        },
      },
      layers: overlayLayers(['Test Sans']),
    };
    expect(validateStyleMin(style)).toEqual([]);
  });

  it("writes each label's text with the label expression in both themes, not a colour", () => {
    for (const theme of ['light', 'dark'] as const) {
      const [layer] = overlayLayers(['Test Sans'], theme);
      expect(layer!.type === 'symbol' && layer!.layout?.['text-field']).toEqual(labelText);
    }
  });
});

describe('the label text', () => {
  it("is the label in the reader's language when the title has one, else the default", async () => {
    const { createExpression } = await import('@maplibre/maplibre-gl-style-spec');
    const { labelFeature } = await import('../../../src/core/prepare/mapdata.ts');
    const globalState: Record<string, unknown> = {};
    const spec = {
      type: 'string',
      'property-type': 'data-driven',
      expression: { interpolated: false, parameters: ['zoom', 'feature'] },
    };
    const parsed = createExpression(labelText, 'text-field', spec as never, globalState);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    const incident = {
      kind: 'incident',
      index: 0,
      id: 'a',
      title: { en: 'Embassy attack', fa: 'حمله به سفارت', 'az-Latn': 'Səfirliyə hücum' },
      date: { text: '2023-01-27', start: 19384, end: 19384, precision: 'day' },
      first: 19384,
      last: 19384,
      category: 'attack',
      countries: ['AZE'],
      sources: [],
      precision: 'city',
      status: 'confirmed',
      coordinates: [51.4, 35.7],
    } as never;
    const { properties } = labelFeature(incident, () => '#000000', 'en');
    const textIn = (language: string | undefined) => {
      globalState.language = language;
      return parsed.value.evaluate({ zoom: 3 }, feature({ ...properties }) as never);
    };
    expect(textIn(undefined)).toBe('Embassy attack');
    expect(textIn('en')).toBe('Embassy attack');
    expect(textIn('fa')).toBe('حمله به سفارت');
    expect(textIn('az')).toBe('Səfirliyə hücum');
    expect(textIn('ru')).toBe('Embassy attack');
    expect(properties.label_en).toBeUndefined();
  });
});
