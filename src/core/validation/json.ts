/**
 * JSON text to a value, or its first syntax error in plain words with a line and column.
 *
 * Datasets are edited by hand, and `JSON.parse` alone says "Unexpected token" with, in V8,
 * sometimes no position at all. This module finds where the text breaks and names the
 * usual slips (a trailing comma, single quotes, a missing comma, an unquoted word), so the
 * person fixing the file knows which line to open and what to type.
 */

/** Why text is not JSON, and where. */
export interface JsonError {
  ok: false;
  /**
   * 1-based line and column of the first error. Absent only when the engine failed without
   * a syntax error or a position the scanner could confirm: an engine limit, not a typo.
   */
  line?: number;
  column?: number;
  message: string;
}

/** The outcome of parsing JSON text: the value, or why it is not JSON. */
export type JsonResult = { ok: true; value: unknown } | JsonError;

const POSITION_IN_MESSAGE = /at position (\d+)/;
const HEX_DIGIT = /^[0-9a-fA-F]$/;
const LETTER = /^[A-Za-z]$/;
const CHARACTER_NAMES: Record<string, string> = {
  '\n': 'the end of the line',
  '\r': 'the end of the line',
  ' ': 'a space',
  '\t': 'a tab',
};
/** The end of a complete value: a following quote means a comma is missing between them. */
const VALUE_END = /(?:[}\]"\d]|true|false|null)$/;

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Offset just past a string starting at `start` (a quote), or `-1 - offset` of its error. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -1 - i;
    if (code === 0x5c) {
      const escape = text[i + 1];
      if (escape === 'u') {
        for (let k = 2; k < 6; k++) {
          if (!HEX_DIGIT.test(text[i + k] ?? '')) return -1 - (i + k);
        }
        i += 6;
        continue;
      }
      if (escape === undefined || !'"\\/bfnrt'.includes(escape)) return -1 - (i + 1);
      i += 2;
      continue;
    }
    i++;
  }
  return -1 - text.length;
}

/** Offset just past a number starting at `start`, or `-1 - offset` of its error. */
function scanNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return -1 - i;
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1 - i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const exponent = text.charCodeAt(i);
  if (exponent === 0x65 || exponent === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return -1 - i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * The offset of the first JSON syntax error in `text`, or `undefined` when it is valid.
 * Only used when the engine's message has no position (V8's "Unexpected token" errors);
 * it keeps its own stack so deeply nested input cannot overflow the call stack.
 */
function findSyntaxError(text: string): number | undefined {
  const stack: ('[' | '{')[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  const n = text.length;
  for (;;) {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : undefined;
      if (i >= n) return n;
      const char = text[i];
      if (char === ',') {
        i++;
        state = top === '[' ? 'value' : 'key';
      } else if ((char === ']' && top === '[') || (char === '}' && top === '{')) {
        i++;
        stack.pop();
      } else {
        return i;
      }
      continue;
    }
    if (i >= n) return n;
    if (state === 'key') {
      if (text[i] !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -1 - end;
      i = end;
      while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    const char = text[i]!;
    if (char === '{' || char === '[') {
      stack.push(char);
      i++;
      while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
      if (text[i] === (char === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        state = 'after';
      } else {
        state = char === '{' ? 'key' : 'value';
      }
      continue;
    }
    let end: number;
    if (char === '"') end = scanString(text, i);
    else if (char === '-' || isDigit(char.charCodeAt(0))) end = scanNumber(text, i);
    else {
      const word = char === 't' ? 'true' : char === 'f' ? 'false' : char === 'n' ? 'null' : '';
      if (word === '') return i;
      let k = 0;
      while (k < word.length && text[i + k] === word[k]) k++;
      if (k < word.length) return i + k;
      end = i + word.length;
    }
    if (end < 0) return -1 - end;
    i = end;
    state = 'after';
  }
}

/** The engine's reason without its position or its copy of the input. */
function engineReason(message: string): string {
  return message
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/, ".*"\.\.\. is not valid JSON$/s, '');
}

/** The likely cause of a syntax error at `offset`, for the common hand-editing slips. */
function syntaxHint(text: string, offset: number, reason: string): string {
  const char = text[offset]!;
  let before = offset - 1;
  while (before >= 0 && isJsonSpace(text.charCodeAt(before))) before--;
  const previous = text[before] ?? '';
  if ((char === '}' || char === ']') && previous === ',') {
    return 'remove the comma before it (JSON allows no comma after the last item)';
  }
  if (reason.includes('control character')) {
    return 'a line break or tab inside text must be written as \\n or \\t';
  }
  if (reason.includes('escaped character'))
    return 'a backslash inside text must be written as \\\\';
  if (reason.includes('after JSON')) return 'the data has already ended here; remove what follows';
  if (char === "'") return 'JSON needs double quotes (") around text';
  if (reason.startsWith('Unexpected token') && (LETTER.test(char) || LETTER.test(previous))) {
    return 'text needs double quotes ("), and true, false and null are written in lower case';
  }
  if (char === '"' && VALUE_END.test(text.slice(Math.max(0, before - 4), before + 1))) {
    return 'a comma is probably missing before it';
  }
  return '';
}

/** A plain-words explanation of the syntax error at `offset`. */
function syntaxMessage(text: string, offset: number, reason: string): string {
  if (offset >= text.length) {
    return 'the file ends too early; a closing bracket, brace or quote is probably missing';
  }
  const char = text[offset]!;
  const shown = CHARACTER_NAMES[char] ?? (char === '"' ? `'"'` : JSON.stringify(char));
  const why = reason.startsWith('Unexpected token') ? '' : ` (${reason})`;
  const hint = syntaxHint(text, offset, reason);
  return `the JSON is broken at ${shown}${why}${hint === '' ? '' : `; ${hint}`}`;
}

/**
 * Parses JSON text. A leading byte-order mark, which some Windows editors write, is
 * ignored. On failure, returns the first syntax error with its 1-based line and column
 * (columns count UTF-16 code units) and a message that names the character found and,
 * for the common hand-editing slips, how to fix it. Never throws.
 */
export function parseJson(text: string): JsonResult {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    const message = error instanceof Error ? String(error.message) : '';
    if (!(error instanceof SyntaxError)) {
      return {
        ok: false,
        message: `the file could not be read as JSON (${message || 'unknown error'})`,
      };
    }
    const match = POSITION_IN_MESSAGE.exec(message);
    const offset = match ? Number(match[1]) : findSyntaxError(json);
    if (offset === undefined) {
      return {
        ok: false,
        message: `the file is not valid JSON, and the parser did not say where: ${message}`,
      };
    }
    return {
      ok: false,
      ...lineAndColumn(json, offset),
      message: syntaxMessage(json, offset, engineReason(message)),
    };
  }
}
