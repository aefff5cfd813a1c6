/**
 * The web platform as the pure core sees it. Core runs in browsers, in the loading worker and
 * in Node (the CLIs and the unit tests), so it may use only what both Node and browsers offer,
 * and `src/core/tsconfig.json` compiles it against the ECMAScript library alone. This file
 * declares the few shared globals core does use, each reduced to the members it needs, so a
 * reach for anything else (`document`, `window`, `localStorage`, Node's `process`) fails to
 * compile. The app's own tsconfig leaves this file out: there the DOM library declares the
 * same globals in full.
 */

/** A parsed absolute URL (WHATWG URL Standard; Node's global `URL`). */
interface URL {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly pathname: string;
}
declare var URL: {
  prototype: URL;
  /** Throws a `TypeError` when `url` (resolved against `base`) is not a valid URL. */
  new (url: string, base?: string): URL;
};

/** A query string's parameters (WHATWG URL Standard). */
interface URLSearchParams {
  get(name: string): string | null;
  set(name: string, value: string): void;
  toString(): string;
}
declare var URLSearchParams: {
  prototype: URLSearchParams;
  new (init?: string | Record<string, string>): URLSearchParams;
};

/** A deep copy by the structured clone algorithm (HTML Standard; Node 17+). */
declare function structuredClone<T>(value: T): T;

/** The response to `fetch`, as far as core reads it (Fetch Standard). */
interface Response {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}

/** An HTTP request (Fetch Standard; Node 18+). */
declare function fetch(input: string): Promise<Response>;

/** Decodes bytes in a named encoding (Encoding Standard; Node 11+). */
interface TextDecoder {
  readonly encoding: string;
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  /** Throws a `RangeError` for an encoding the platform does not know. */
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
