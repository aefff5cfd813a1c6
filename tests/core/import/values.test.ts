import { describe, expect, it } from 'vitest';
import {
  inferDateOrder,
  parseCountCell,
  parseCountry,
  parseDateCell,
  parseNumberCell,
} from '../../../src/core/import/values.ts';

describe('parseDateCell', () => {
  it.each([
    ['2023-01-27', '2023-01-27'],
    ['2023-1-7', '2023-01-07'],
    ['2023/01/27', '2023-01-27'],
    ['2023-01-27T22:10:00Z', '2023-01-27'],
    ['2023-01', '2023-01'],
    ['2023', '2023'],
    ['27 January 2023', '2023-01-27'],
    ['27 Jan 2023', '2023-01-27'],
    ['January 27, 2023', '2023-01-27'],
    ['Sept 2022', '2022-09'],
    ['27/01/2023', '2023-01-27'],
    ['01/27/2023', '2023-01-27'],
    ['27.01.2023', '2023-01-27'],
    ['05/05/2023', '2023-05-05'],
    ['1674813600000', '2023-01-27'],
  ])('reads %s as %s', (cell, date) => {
    expect(parseDateCell(cell)).toEqual({ date });
  });

  it('needs the day-month order only for ambiguous numeric dates', () => {
    expect(parseDateCell('03/04/2023')).toEqual({ error: 'order-unknown' });
    expect(parseDateCell('03/04/2023', 'dmy')).toEqual({ date: '2023-04-03' });
    expect(parseDateCell('03/04/2023', 'mdy')).toEqual({ date: '2023-03-04' });
  });

  it('refuses impossible and unreadable dates', () => {
    for (const cell of ['2023-02-30', '31/02/2023', 'yesterday', '', 'Foo 2023', '13/13/2023']) {
      expect(parseDateCell(cell, 'dmy')).toEqual({ error: 'not-a-date' });
    }
  });
});

describe('inferDateOrder', () => {
  it('infers the order only when some row decides it and none contradicts', () => {
    expect(inferDateOrder(['03/04/2023', '27/01/2023'])).toBe('dmy');
    expect(inferDateOrder(['03/04/2023', '01/27/2023'])).toBe('mdy');
    expect(inferDateOrder(['27/01/2023', '01/27/2023'])).toBe('mixed');
    expect(inferDateOrder(['03/04/2023', '2023-01-01'])).toBe('unknown');
    expect(inferDateOrder(['05/05/2023', '2023-01-01'])).toBe('none-needed');
  });
});

describe('numbers and countries', () => {
  it('reads decimal commas and thousands separators', () => {
    expect(parseNumberCell('48,8566')).toBe(48.8566);
    expect(parseNumberCell('-179.99')).toBe(-179.99);
    expect(parseNumberCell('1,2,3')).toBeUndefined();
    expect(parseNumberCell('')).toBeUndefined();
    expect(parseCountCell('1,234')).toBe(1234);
    expect(parseCountCell('12')).toBe(12);
    expect(parseCountCell('-1')).toBeUndefined();
    expect(parseCountCell('2.5')).toBeUndefined();
  });

  it('reads codes and English names, and suggests for near misses', () => {
    expect(parseCountry('irn')).toEqual({ code: 'IRN' });
    expect(parseCountry('IR')).toEqual({ code: 'IRN' });
    expect(parseCountry('Iran')).toEqual({ code: 'IRN' });
    expect(parseCountry('Russia')).toEqual({ code: 'RUS' });
    expect(parseCountry('Azerbaijan')).toEqual({ code: 'AZE' });
    expect(parseCountry('IRA')).toEqual({ suggestions: ['IRN', 'IRQ', 'IRL'] });
  });
});
