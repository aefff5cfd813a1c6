/**
 * How place names are compared: without case, accents or the marks some scripts add, so that
 * "Şuşa", "Susa" and "SUSA" are one key, and "Tehrān" finds "Tehran".
 */

/**
 * A place name folded for comparison: decomposed, marks removed (accents, Arabic vowel
 * signs), lower case, apostrophe-like characters and runs of spaces and dashes made one
 * space. "Şuşa" and "susa" fold alike; "Ba'qubah" and "Ba’qubah" too.
 */
export function foldPlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf`´]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[\s\-‐‑–—_.]+/g, ' ')
    .trim();
}

/** Levenshtein distance between two strings, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost);
      next.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    row = next;
  }
  return row[b.length]!;
}
