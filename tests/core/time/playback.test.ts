import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import {
  keyboardSteps,
  LONGEST_PLAY_SECONDS,
  playbackSpeeds,
  playbackTick,
  speedFor,
} from '../../../src/core/time/playback.ts';
import { stepDay } from '../../../src/core/time/timeline.ts';

const day = (iso: string) => dayFromIso(iso)!;
const range = (from: string, to: string) => ({ start: day(from), end: day(to) });
const story = range('2022-07-29', '2023-01-31');
const cow = range('1816-01-01', '2014-12-31');

describe('playbackSpeeds', () => {
  it('keeps week, month and three-month speeds for a short story', () => {
    expect(playbackSpeeds(story).map((s) => s.label)).toEqual([
      '1 week/s',
      '1 month/s',
      '3 months/s',
    ]);
  });

  it('plays any range whole within the longest play at its fastest speed', () => {
    for (const r of [
      story,
      cow,
      range('1914-01-01', '2014-01-01'),
      range('2000-01-01', '2010-01-01'),
    ]) {
      const fastest = playbackSpeeds(r).at(-1)!;
      expect((r.end - r.start) / fastest.days).toBeLessThanOrEqual(LONGEST_PLAY_SECONDS);
    }
  });

  it('plays a century in under a minute', () => {
    const century = range('1914-01-01', '2014-01-01');
    const fastest = playbackSpeeds(century).at(-1)!;
    expect((century.end - century.start) / fastest.days).toBeLessThan(60);
  });

  it('keeps a speed the range offers and otherwise takes the middle one', () => {
    expect(speedFor(story, 7)).toBe(7);
    expect(speedFor(cow, 7)).toBe(playbackSpeeds(cow)[1]!.days);
  });
});

describe('playbackTick', () => {
  it('never ticks more than ten times a second, and keeps the speed', () => {
    for (const days of [1, 7, 30, 91, 365, 1826, 3652, 9131]) {
      const tick = playbackTick(days);
      expect(tick.interval).toBeGreaterThanOrEqual(100 - 1e-9);
      const size = { day: 1, month: 30.44, year: 365.25 }[tick.unit];
      expect((tick.count * size * 1000) / tick.interval).toBeCloseTo(days, 6);
    }
  });

  it('steps days for stories, calendar months for decades and years for centuries', () => {
    expect(playbackTick(30)).toEqual({ unit: 'day', count: 3, interval: 100 });
    expect(playbackTick(1826).unit).toBe('month');
    expect(playbackTick(3652).unit).toBe('year');
  });
});

describe('keyboardSteps', () => {
  it('moves a day and a month in a short story, a year and ten years over two centuries', () => {
    expect(keyboardSteps(story)).toEqual({
      arrow: { unit: 'day', count: 1 },
      page: { unit: 'month', count: 1 },
    });
    expect(keyboardSteps(cow)).toEqual({
      arrow: { unit: 'year', count: 1 },
      page: { unit: 'year', count: 10 },
    });
  });

  it('steps calendar years before 1900 and before 1970', () => {
    expect(stepDay(day('1850-03-15'), 'year', 10, cow)).toBe(day('1860-03-15'));
    expect(stepDay(day('1969-12-31'), 'year', 1, cow)).toBe(day('1970-12-31'));
    expect(stepDay(day('1817-01-01'), 'year', -5, cow)).toBe(cow.start);
  });
});
