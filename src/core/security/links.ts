/**
 * Links built from data. Sources are validated as http(s) at load, and this check runs
 * again where a link is drawn, so no other scheme (`javascript:`, `data:`) can reach an
 * `href` even if a dataset bypassed validation.
 */

/** The URL when it is an absolute http or https URL, otherwise `undefined` (also when absent). */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
