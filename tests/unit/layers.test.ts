import {
  createPropertyExpression,
  featureFilter,
  latest,
  validateStyleMin,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  incidentOpacityExpression,
  incidentTimeFilter,
  overlayLayers,
  timeState,
} from '../../src/lib/layers.ts';
import { incidentOpacity, isIncidentShown, type TimeFilter } from '../../src/lib/timeline.ts';

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
describe('time expressions agree with timeline.ts', () => {
  it('incident filter', () => {
    const globalState: Record<string, unknown> = {};
    const compiled = featureFilter(incidentTimeFilter, 'filter', globalState);
    fc.assert(
      fc.property(filterArbitrary, spanArbitrary, (filter, span) => {
        Object.assign(globalState, timeState(filter));
        const drawn = compiled.filter({ zoom: 3 }, feature(span));
        expect(drawn).toBe(isIncidentShown(filter, span.start, span.end));
      }),
      { numRuns: 2000 },
    );
  });

  it('incident opacity', () => {
    const globalState: Record<string, unknown> = {};
    const spec = latest.paint_circle['circle-opacity'] as StylePropertySpecification;
    const result = createPropertyExpression(incidentOpacityExpression, 'paint', spec, globalState);
    if (result.result !== 'success') throw new Error(JSON.stringify(result.value));
    const expression = result.value;
    fc.assert(
      fc.property(filterArbitrary, spanArbitrary, (filter, span) => {
        Object.assign(globalState, timeState(filter));
        const drawn = expression.evaluate({ zoom: 3 }, feature(span));
        expect(drawn).toBeCloseTo(incidentOpacity(filter, span.end), 9);
      }),
      { numRuns: 2000 },
    );
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
        'tm-arcs': {
          type: 'geojson' as const,
          data: { type: 'FeatureCollection' as const, features: [] },
        },
      },
      layers: overlayLayers(['Test Sans']),
    };
    expect(validateStyleMin(style)).toEqual([]);
  });
});
