/**
 * The build's shader minifier: it may drop comments and whitespace, never a token, and must
 * keep the preprocessor lines GLSL needs on lines of their own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minifyGlsl } from '../../src/cli/glsl.ts';
import { repoPath } from '../../src/cli/serve.ts';

/** GLSL tokens, comments left out: what the compiler reads, whatever the spacing. */
function tokens(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
  return (
    code.match(
      /#\s*\w+|[A-Za-z_]\w*|\d[\w.]*|\.\d[\w.]*|\+\+|--|&&|\|\||\^\^|<<=?|>>=?|[-+*/%<>=!&|^]=?|\S/g,
    ) ?? []
  );
}

const shaders = ['incidents', 'arcs'].flatMap((layer) => {
  const dir = repoPath('src', 'render', layer);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.glsl'))
    .map((name) => join(dir, name));
});

describe('minifyGlsl', () => {
  it.each(shaders)('keeps every token of %s, with #version first', (file) => {
    const source = readFileSync(file, 'utf8');
    const minified = minifyGlsl(source);
    expect(tokens(minified)).toEqual(tokens(source));
    expect(minified.split('\n')[0]).toBe('#version 300 es');
    expect(minified).not.toContain('//');
    expect(minified.length).toBeLessThan(source.length);
  });

  it('keeps directives on their own lines and spaces that separate tokens', () => {
    const source =
      '#version 300 es\n// note\nfloat  x = a - -b;  /* c */\n#define N 2\nint y = + +i;\n';
    expect(minifyGlsl(source)).toBe('#version 300 es\nfloat x=a- -b;\n#define N 2\nint y=+ +i;');
  });
});
