import { describe, expect, it } from 'vitest';
import { detectDelimiter, readTable } from '../../../src/core/import/table.ts';

describe('readTable', () => {
  it('keeps quoted commas, doubled quotes and line breaks, and the line each row starts on', () => {
    const csv =
      'id,title,summary\r\n' +
      'a,"Strike, then retreat","He said ""no"".\r\nThen\nleft."\r\n' +
      '\r\n' +
      'b,Second,plain\r\n';
    const { table, delimiter } = readTable(csv, { file: 'e.csv' });
    expect(delimiter).toBe(',');
    expect(table.headers).toEqual(['id', 'title', 'summary']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['a', 'Strike, then retreat', 'He said "no".\r\nThen\nleft.'] },
      { line: 6, cells: ['b', 'Second', 'plain'] },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('detects ; and tab delimiters (Excel in Europe, text pasted from a spreadsheet)', () => {
    expect(detectDelimiter('id;title;lat\n1;a, b;48,8')).toBe(';');
    expect(detectDelimiter('id\ttitle, with comma\tlat')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    const { table } = readTable('title\tdate\nНапад\t2023-01-27\n');
    expect(table.rows).toEqual([{ line: 2, cells: ['Напад', '2023-01-27'] }]);
  });

  it('reports an unclosed quote and a row with too many cells by line', () => {
    const { table } = readTable('a,b\n1,2,3\n4,"5\n', { file: 'x.csv' });
    expect(table.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(table.problems[0]?.message).toContain('row has 3 cells but the header has 2');
    expect(table.problems[1]?.message).toContain('quoted cell that is never closed');
  });

  it('names repeated headers apart, and says an empty file has no header', () => {
    expect(readTable('url,url,url\n').table.headers).toEqual(['url', 'url (2)', 'url (3)']);
    expect(readTable('').table.problems[0]?.message).toContain('no header row');
  });
});
