/**
 * The step API's messages: what a host page may send to an embedded map, and what the map
 * sends back. Input comes from other windows, so it is checked field by field and anything
 * malformed is refused with a reason, never thrown.
 */
import { parseCommand, type MapCommand, type Parsed } from './command.ts';

/** Message types, prefixed so they never collide with other scripts' messages. */
export const SET = 'tension-map:set';
export const READY = 'tension-map:ready';
export const STATE = 'tension-map:state';
export const HEIGHT = 'tension-map:height';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a message sent to an embedded map. Messages of other types (other scripts on the
 * page talk through postMessage too) give `null`: they are not for us and not an error.
 */
export function parseSetMessage(data: unknown): Parsed<MapCommand> | null {
  if (!isRecord(data) || data.type !== SET) return null;
  return parseCommand(data, ['type']);
}

/**
 * Whether a message's origin may drive the map. An empty list allows any origin (the
 * default, as for any embed); otherwise the origin must be listed exactly.
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.includes(origin);
}

/** Reads a comma-separated list of origins (`https://a.example,https://b.example`). */
export function parseOrigins(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => {
      try {
        return new URL(part).origin === part;
      } catch {
        return false;
      }
    });
}
