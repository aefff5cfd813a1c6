import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/core/validation/json.ts';

/** The failure of text that must not parse, as `line L, column C: message`. */
function failure(text: string): string {
  const result = parseJson(text);
  if (result.ok) throw new Error(`expected a syntax error in ${JSON.stringify(text)}`);
  return `line ${result.line}, column ${result.column}: ${result.message}`;
}

describe('parseJson on valid text', () => {
  it('returns the value, ignoring a byte-order mark', () => {
    expect(parseJson('{"a": [1, true, null]}')).toEqual({
      ok: true,
      value: { a: [1, true, null] },
    });
    expect(parseJson('\uFEFF"x"')).toEqual({ ok: true, value: 'x' });
  });
});

describe('parseJson on syntax errors', () => {
  it('gives the line and column of the engine position', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "title": "x",\n  "features": [1,]\n}';
    expect(parseJson(text)).toMatchObject({ ok: false, line: 4, column: 18 });
    expect(failure(text)).toMatch(
      /^line 4, column 18: the JSON is broken at "\]".*remove the comma before it/,
    );
  });

  it('locates the error even when the engine gives no position ("Unexpected token")', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "title": tru\n}';
    expect(JSON.parse.bind(null, text)).toThrow(/Unexpected token/);
    expect(failure(text)).toBe(
      'line 3, column 15: the JSON is broken at the end of the line; text needs double quotes ("), and true, false and null are written in lower case',
    );
  });

  it('points at a missing comma and at single quotes', () => {
    expect(failure('{\n  "type": "FeatureCollection"\n  "title": "x"\n}')).toMatch(
      /^line 3, column 3: .*a comma is probably missing/,
    );
    expect(failure("{'type': 'FeatureCollection'}")).toMatch(
      /^line 1, column 2: .*JSON needs double quotes/,
    );
  });

  it('says when the text ends too early', () => {
    expect(failure('{\n  "type": "FeatureCollection",\n  "features": [')).toBe(
      'line 3, column 16: the file ends too early; a closing bracket, brace or quote is probably missing',
    );
  });

  it.each([
    ['{"a": 1} x', 'line 1, column 10', 'the data has already ended here; remove what follows'],
    ['{"a": "b\tc"}', 'line 1, column 9', 'must be written as \\n or \\t'],
    ['{"a": "b\\qc"}', 'line 1, column 10', 'a backslash inside text must be written as \\\\'],
    ['{"a": True}', 'line 1, column 7', 'true, false and null are written in lower case'],
  ])('explains %j', (text, where, hint) => {
    const message = failure(text);
    expect(message.startsWith(`${where}: the JSON is broken at `)).toBe(true);
    expect(message).toContain(hint);
  });

  it('counts columns after a byte-order mark from the first visible character', () => {
    expect(parseJson('\uFEFF[1,]')).toMatchObject({ ok: false, line: 1, column: 4 });
  });
});
