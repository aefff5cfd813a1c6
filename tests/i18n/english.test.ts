/**
 * The English catalogue in two parts: the first view's sections bundled, the rest added when
 * a dialog or panel that shows them loads. A file of its own, so no other test has completed
 * the catalogue before this one looks at it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTranslate, ENGLISH, withTexts, type Catalogue } from '../../src/i18n/catalogues.ts';

const whole: Catalogue = JSON.parse(
  readFileSync(new URL('../../src/i18n/en.json', import.meta.url), 'utf8'),
);

/** Every key of a catalogue, nested keys joined with dots. */
function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keys(value, `${prefix}${key}.`),
  );
}

describe('the English catalogue', () => {
  it("starts with the first view's sections and has them all once a module loads with its texts", async () => {
    const en = createTranslate({ language: 'en', catalogue: ENGLISH, countries: {} });
    expect(en('slider.time')).toBe('Time');
    expect(Object.keys(ENGLISH)).not.toContain('export');
    expect(en('export.title')).toBe('export.title');
    expect(await withTexts(Promise.resolve('module'))).toBe('module');
    expect(keys(ENGLISH).sort()).toEqual(keys(whole).sort());
    expect(en('export.title')).toBe((whole.export as Catalogue).title);
  });
});
