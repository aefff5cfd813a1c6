/**
 * The Content-Security-Policy the built app ships with, as a `<meta>` tag in index.html so
 * it holds on any static host. Servers should also send it as a header, adding
 * `frame-ancestors` (which a meta tag cannot carry) to say which sites may embed the map.
 */

/**
 * The policy for the app. `dataHosts` are the origins `?data=` may load from besides the
 * app's own (set at build time with `TENSION_MAP_DATA_HOSTS`, space-separated).
 * - no inline script, no eval: every script is a file from the app's origin;
 * - styles from files only; components set styles through the CSSOM, which CSP allows;
 * - `img-src data:` for MapLibre's control icons, `blob:` for exports;
 * - `worker-src 'self' blob:`: MapLibre's worker is same-origin, and becomes a `blob:` URL
 *   only when the app is served from another origin than its script.
 */
export function contentSecurityPolicy(dataHosts: readonly string[] = []): string {
  const connect = ["'self'", ...dataHosts].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Reads the data hosts from the build environment, keeping only real origins. */
export function dataHostsFrom(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .filter((host) => {
      try {
        const url = new URL(host.replace('*.', 'wildcard.'));
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/';
      } catch {
        return false;
      }
    });
}
