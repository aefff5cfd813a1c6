import { describe, expect, it } from 'vitest';
import { embedSnippets, escapeAttribute } from '../../../src/core/commands/embedcode.ts';

const request = {
  appUrl: 'https://maps.example.org',
  id: 'tm-1',
  title: 'Azerbaijan, Iran and Israel',
  state: {
    date: '2023-01-27',
    view: { lon: 47, lat: 38, zoom: 4 },
    select: 'tehran-embassy-attack',
    data: 'https://data.example.org/d.geojson',
  },
};

describe('embedSnippets', () => {
  it('puts the whole state and the embed flag in the iframe URL', () => {
    const { iframe } = embedSnippets(request);
    const src = /src="([^"]+)"/.exec(iframe)![1]!.replaceAll('&amp;', '&');
    const url = new URL(src);
    expect(url.origin).toBe('https://maps.example.org');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      date: '2023-01-27',
      view: '47,38,4',
      select: 'tehran-embassy-attack',
      data: 'https://data.example.org/d.geojson',
      embed: '1',
      id: 'tm-1',
    });
    expect(iframe).toContain('id="tm-1"');
    expect(iframe).toContain('title="Azerbaijan, Iran and Israel"');
  });

  it('adds the datawrapper-height listener to the responsive variant', () => {
    const { responsive } = embedSnippets(request);
    expect(responsive).toContain("e.data['datawrapper-height']");
    expect(responsive).toContain('f.contentWindow === e.source');
  });

  it('gives the custom element the same state as attributes', () => {
    const { element } = embedSnippets(request);
    expect(element).toContain('src="https://maps.example.org/tension-map.js"');
    expect(element).toMatch(
      /<tension-map date="2023-01-27" view="47,38,4" select="tehran-embassy-attack" data="https:\/\/data\.example\.org\/d\.geojson"/,
    );
  });

  it('escapes a hostile title so the snippet stays one harmless element', () => {
    const { iframe } = embedSnippets({ ...request, title: '"><script>alert(1)</script>' });
    expect(iframe).not.toContain('<script>');
    expect(iframe).toContain('title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(escapeAttribute('a&b')).toBe('a&amp;b');
  });
});
