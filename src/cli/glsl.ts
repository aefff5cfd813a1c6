/**
 * Shrinks the GLSL shaders at build time (`vite.config.ts` applies it to `*.glsl?raw`
 * imports): the sources keep their comments for readers, and the page downloads none of
 * them. Only comments and whitespace go; every token stays, in order, so the shader the GPU
 * compiles is the one in the file.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Characters that make up identifiers and numbers: a space between two of them must stay. */
const WORD = /[\w.]/;

/**
 * Whether the space between `before` and `after` can go: not between two word characters
 * (`float x`), nor between two `+` or two `-`, which would otherwise merge into `++`/`--`.
 */
function spaceRemovable(before: string, after: string): boolean {
  if (WORD.test(before) && WORD.test(after)) return false;
  return !(before === after && (before === '+' || before === '-'));
}

/** Collapses the whitespace of one run of code (no directives, no comments). */
function squeeze(code: string): string {
  const words = code.split(/\s+/).filter((part) => part !== '');
  let out = words[0] ?? '';
  for (const word of words.slice(1)) {
    out += spaceRemovable(out.at(-1)!, word[0]!) ? word : ` ${word}`;
  }
  return out;
}

/**
 * A GLSL source without comments and with no more whitespace than the language needs.
 * Preprocessor lines (`#version`, `#define`) stay on lines of their own, since a directive
 * ends at its newline; `#version` stays first, as GLSL ES requires.
 */
export function minifyGlsl(source: string): string {
  const lines = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter((line) => line !== '');
  const out: string[] = [];
  let code: string[] = [];
  const flush = () => {
    if (code.length > 0) out.push(squeeze(code.join(' ')));
    code = [];
  };
  for (const line of lines) {
    if (line.startsWith('#')) {
      flush();
      out.push(line.replace(/\s+/g, ' '));
    } else code.push(line);
  }
  flush();
  return out.join('\n');
}

/** The Vite plugin: `import source from './x.glsl?raw'` gives the minified source. */
export function glslMinify(): Plugin {
  return {
    name: 'tension-map-glsl',
    enforce: 'pre',
    apply: 'build',
    load(id) {
      const match = /^(.*\.glsl)\?raw$/.exec(id);
      if (!match) return null;
      this.addWatchFile(match[1]!);
      return `export default ${JSON.stringify(minifyGlsl(readFileSync(match[1]!, 'utf8')))};`;
    },
  };
}
