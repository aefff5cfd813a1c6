import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMapping } from '../../../src/core/import/apply.ts';
import { tableFromGeoJson } from '../../../src/core/import/geojson.ts';
import { FIELDS, proposeMapping, type ColumnMapping } from '../../../src/core/import/mapping.ts';
import { formatProblems } from '../../../src/core/import/problems.ts';
import { readTable } from '../../../src/core/import/table.ts';

/** Cells drawn from what breaks parsers: delimiters, quotes, line breaks, dates, numbers. */
const cell = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '"',
    '""',
    ';',
    ',',
    '\t',
    '\r\n',
    '03/04/2023',
    '27/01/2023',
    '2023-02-30',
    '-180.0',
    '91',
    'IRN;AZE',
    'https://e.org',
    'relation',
    'incident',
  ),
);

describe('nothing throws on any input', { timeout: 60_000 }, () => {
  it('random text and random bytes: reading, proposing and applying', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array()), (input) => {
        const { table } = readTable(input);
        const result = applyMapping(table, proposeMapping(table));
        expect(result.rowsRead).toBe(table.rows.length);
        formatProblems(result.problems);
      }),
      { numRuns: 150 },
    );
  });

  it('random tables with random mappings', () => {
    const header = fc.constantFrom(...FIELDS, 'lat', 'lon', 'x', 'Datum', '');
    fc.assert(
      fc.property(
        fc.array(header, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
        fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(header, fc.string())),
        (headers, rows, columns) => {
          const text = [headers, ...rows]
            .map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
            .join('\n');
          const { table } = readTable(text);
          const mapping = { columns, dateOrder: 'dmy' } as unknown as ColumnMapping;
          const result = applyMapping(table, mapping);
          expect(result.incidents + result.relations + result.skipped.length).toBe(result.rowsRead);
          applyMapping(table, proposeMapping(table));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('random JSON as GeoJSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 5 }), (value, features) => {
        for (const input of [value, { type: 'FeatureCollection', features }]) {
          const table = tableFromGeoJson(input);
          applyMapping(table, proposeMapping(table));
        }
      }),
      { numRuns: 100 },
    );
  });
});
