import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, dataHostsFrom } from '../../../src/core/security/csp.ts';

describe('contentSecurityPolicy', () => {
  it('allows no inline script or eval, and connects only to the origin and data hosts', () => {
    const policy = contentSecurityPolicy(['https://data.example.org']);
    const directives = Object.fromEntries(
      policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(directives['connect-src']).toEqual(["'self'", 'https://data.example.org']);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['object-src']).toEqual(["'none'"]);
  });

  it('reads data hosts from the environment and drops anything that is not an origin', () => {
    expect(
      dataHostsFrom(
        'https://a.example  https://*.b.example http://c.example/path javascript:x nonsense',
      ),
    ).toEqual(['https://a.example', 'https://*.b.example']);
    expect(dataHostsFrom(undefined)).toEqual([]);
  });
});
