/**
 * The English catalogue in two parts: the first view's sections bundled, the rest added when
 * a dialog or panel that shows them loads. A file of its own, so no other test has completed
 * the catalogue before this one looks at it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslate, ENGLISH, withTexts, type Catalogue } from '../../src/i18n/catalogues.ts';
import { repoPath } from '../../src/cli/serve.ts';

/** The sections bundled, read before any test completes the catalogue. */
const firstView = new Set(Object.keys(ENGLISH));

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

/** The app's source files the page runs (the CLI and benchmark left out). */
function sources(dir = repoPath('src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['cli', 'bench'].includes(entry.name) ? [] : sources(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

describe("the first view's English", () => {
  it('holds every section a file uses, unless the file loads with the rest of the texts', () => {
    const files = sources();
    // Components loaded through `withTexts` or `Lazy.svelte`, which await the rest (unless
    // told not to with `texts={false}`).
    const withRest = new Set(
      files.flatMap((file) =>
        [
          ...readFileSync(file, 'utf8').matchAll(
            /(?:withTexts\(|<Lazy load=\{\(\) => )import\('([^']+)'\)(?!\}[^>]*texts=\{false\})/g,
          ),
        ].map((match) => resolve(dirname(file), match[1]!)),
      ),
    );
    expect(withRest.size).toBeGreaterThan(5);
    // A module only such components import (the import dialog's summary) loads with them.
    const importers = new Map<string, string[]>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const imported = resolve(dirname(file), match[1]!);
        importers.set(imported, [...(importers.get(imported) ?? []), file]);
      }
    }
    for (let grew = true; grew;) {
      grew = false;
      for (const [file, by] of importers) {
        if (!withRest.has(file) && by.every((importer) => withRest.has(importer))) {
          withRest.add(file);
          grew = true;
        }
      }
    }
    const missing = files
      .filter((file) => !withRest.has(file))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/(?<![\w$])(?:t|\.t)\(\s*['`"](\w+)\./g)]
          .map((match) => match[1]!)
          // Sections of the interface's catalogue only: `validation.` keys are the problem
          // list's own catalogue, which loads with it.
          .filter((section) => section in whole && !firstView.has(section))
          .map((section) => `${file}: ${section}`),
      );
    expect(missing).toEqual([]);
  });
});
