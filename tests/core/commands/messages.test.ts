import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/commands/command.ts';
import {
  isAllowedOrigin,
  parseOrigins,
  parseSetMessage,
} from '../../../src/core/commands/messages.ts';

describe('parseSetMessage', () => {
  it('accepts a well-formed command in any of the view forms', () => {
    for (const view of ['47,38,4', [47, 38, 4], { lon: 47, lat: 38, zoom: 4 }]) {
      expect(
        parseSetMessage({ type: 'tension-map:set', date: '2023-01-27', view, select: null }),
      ).toEqual({
        ok: true,
        value: { date: '2023-01-27', view: { lon: 47, lat: 38, zoom: 4 }, select: null },
      });
    }
  });

  it('ignores other scripts’ messages without complaint', () => {
    expect(parseSetMessage({ 'datawrapper-height': { a: 3 } })).toBeNull();
    expect(parseSetMessage('hello')).toBeNull();
    expect(parseSetMessage(null)).toBeNull();
  });

  it('refuses malformed commands with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'tension-map:set', date: '2023-02-30' }, /date/],
      [{ type: 'tension-map:set', view: '200,0,2' }, /view/],
      [{ type: 'tension-map:set', mode: 'fast' }, /mode/],
      [{ type: 'tension-map:set', window: 1.5 }, /window/],
      [{ type: 'tension-map:set', select: 42 }, /select/],
      [{ type: 'tension-map:set', data: '2023-01-27' }, /unknown field "data"/],
    ];
    for (const [message, reason] of cases) {
      const parsed = parseSetMessage(message);
      expect(parsed?.ok, JSON.stringify(message)).toBe(false);
      expect(parsed && !parsed.ok && parsed.reason).toMatch(reason);
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        parseSetMessage(value);
        parseSetMessage({
          type: 'tension-map:set',
          ...(typeof value === 'object' ? value : { date: value }),
        });
        parseCommand(value);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('origins', () => {
  it('reads a list of origins and checks against it', () => {
    expect(
      parseOrigins('https://a.example, https://b.example:8443,not a url,https://c.example/path'),
    ).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(isAllowedOrigin('https://a.example', [])).toBe(true);
    expect(isAllowedOrigin('https://a.example', ['https://a.example'])).toBe(true);
    expect(isAllowedOrigin('https://evil.example', ['https://a.example'])).toBe(false);
  });
});
