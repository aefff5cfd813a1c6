/**
 * `import('./file.json?all')`: the whole JSON file as a module apart from `./file.json`.
 * The first view imports sections of the English catalogue by name, so only those are
 * bundled with it; importing the same module on demand for the rest would put the whole file
 * back in the first view's chunk, since a module lives in one chunk. The query gives it a
 * module of its own (see `completeEnglish` in `src/i18n/catalogues.ts`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const QUERY = '?all';
const PREFIX = '\0whole-json:';
/** Ends the module's id, so Vite's own JSON plugin, which claims ids ending in `.json`, leaves it. */
const SUFFIX = '.js';

/** The Vite plugin, for the build and for the tests alike. */
export function wholeJson(): Plugin {
  return {
    name: 'tension-map-whole-json',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.endsWith(`.json${QUERY}`) || !importer) return null;
      return PREFIX + resolve(dirname(importer), source.slice(0, -QUERY.length)) + SUFFIX;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      this.addWatchFile(file);
      // JSON is a JavaScript expression; parsed here first, so a broken file fails the build.
      return `export default ${JSON.stringify(JSON.parse(readFileSync(file, 'utf8')))};`;
    },
  };
}
