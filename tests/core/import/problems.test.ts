import { describe, expect, it } from 'vitest';
import {
  compressRanges,
  formatProblems,
  groupProblems,
  type ImportProblem,
} from '../../../src/core/import/problems.ts';

describe('compressRanges', () => {
  it('joins runs of consecutive numbers', () => {
    expect(compressRanges([2, 3, 4, 40, 45, 50, 51, 52])).toBe('2–4, 40, 45, 50–52');
    expect(compressRanges([])).toBe('');
    expect(compressRanges([1, 3, 5, 7], 2)).toBe('1, 3 and 2 more');
  });
});

describe('groupProblems', () => {
  it('groups problems that differ only by row, keeping first-seen order', () => {
    const problems: ImportProblem[] = [];
    for (let line = 2; line <= 2001; line++) {
      problems.push({ file: 'e.csv', line, column: 'date', message: 'is missing' });
    }
    problems.push({
      file: 'e.csv',
      line: 7,
      column: 'category',
      value: 'Battles',
      message: 'is not a category',
    });
    problems.push({
      file: 'e.csv',
      line: 9,
      column: 'category',
      value: 'Riots',
      message: 'is not a category',
    });
    const groups = groupProblems(problems);
    expect(groups).toHaveLength(3);
    expect(groups[0]?.lines).toHaveLength(2000);
    expect(formatProblems(problems)).toEqual([
      'e.csv: date is missing in 2,000 rows: lines 2–2001',
      'e.csv line 7: category "Battles" is not a category',
      'e.csv line 9: category "Riots" is not a category',
    ]);
  });

  it('counts features for GeoJSON input and keeps file-level problems', () => {
    expect(
      formatProblems([
        { file: 'q.geojson', line: 0, unit: 'feature', column: 'countries', message: 'is missing' },
        { file: 'q.geojson', line: 1, unit: 'feature', column: 'countries', message: 'is missing' },
        { file: 'q.geojson', message: 'the file has no header row (it is empty)' },
      ]),
    ).toEqual([
      'q.geojson: countries is missing in 2 features: features 0–1',
      'q.geojson: the file has no header row (it is empty)',
    ]);
  });
});
