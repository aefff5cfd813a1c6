/**
 * Source links are parsed once per beginning (`https://example.org`) within a run: the cache
 * must give every link the verdict parsing the whole link gives, whatever came before it.
 */
import { describe, expect, it } from 'vitest';
import { newContext } from '../../../src/core/validation/context.ts';
import { choices } from '../../../src/core/validation/fields.ts';
import { checkSources } from '../../../src/core/validation/references.ts';

/** The rule without the cache: an http(s) beginning, and the whole link parsed. */
function parsesWhole(url: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(url)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Links whose beginning alone reads differently from the whole link, beside plain ones. */
const LINKS = [
  'https://example.org',
  'https://example.org/a',
  'https://example.org /a',
  'https://example.org\\a',
  'https://\\/example.org',
  'https://\\',
  'https://example.org:99999/a',
  'https://example.org:99999',
  'https://example.org:8080?q=1',
  'https://user@/x',
  'https://user@example.org#f',
  'https://1.2.3.256/a',
  'https://exa mple.org/a',
  'https://example.org\t/a',
  'https://ex\tample.org/a',
  'https://[::1]/a',
  'https://[::1/a',
  'HTTPS://EXAMPLE.ORG/%zz',
  'https://xn--a/b',
  'https://example.org/ not encoded ',
];

/** The links a run accepts, checked in the order given, one context for all. */
function accepted(links: readonly string[]): boolean[] {
  const ctx = newContext(choices([], 'category'));
  return links.map((url) => {
    ctx.problems = [];
    const sources = checkSources(ctx, [{ url }]);
    return ctx.problems.length === 0 && sources?.length === 1;
  });
}

describe('source links parsed once per beginning', () => {
  it('give each link the verdict of parsing it whole, in either order', () => {
    const expected = LINKS.map(parsesWhole);
    // The list holds both kinds, so a cache that ignored them would be caught.
    expect(expected).toContain(true);
    expect(expected).toContain(false);
    expect(accepted(LINKS)).toEqual(expected);
    expect(accepted([...LINKS].reverse())).toEqual([...expected].reverse());
  });

  it('parse a beginning once for the links that share it', () => {
    const ctx = newContext(choices([], 'category'));
    const sources = Array.from({ length: 50 }, (_, i) => ({ url: `https://example.org/${i}` }));
    expect(checkSources(ctx, sources)).toHaveLength(50);
    expect([...ctx.webOrigins]).toEqual([['https://example.org', true]]);
  });
});
