/**
 * Fetching datasets from URLs and files, with failures said in plain words.
 */

/** Largest dataset accepted, so a wrong link cannot exhaust the tab's memory. */
export const MAX_DATASET_BYTES = 500 * 1024 * 1024;

/** The outcome of fetching a dataset: its bytes, or a one-line reason it could not be read. */
export type FetchResult = { ok: true; bytes: ArrayBuffer } | { ok: false; error: string };

/**
 * Fetches a dataset's bytes: GeoJSON text or a Parquet file, told apart by the reader.
 * Network errors, CORS refusals, HTTP errors and oversized responses come back as readable
 * errors, never as exceptions.
 */
export async function fetchDataset(
  url: string,
  fetchFn: typeof fetch = fetch,
): Promise<FetchResult> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch {
    return {
      ok: false,
      error: `Could not reach ${url}: the network failed or the server does not allow this site to read it (CORS).`,
    };
  }
  if (!response.ok) {
    return { ok: false, error: `${url} answered ${response.status} ${response.statusText}`.trim() };
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_DATASET_BYTES) {
    return {
      ok: false,
      error: `${url} is ${Math.round(length / 1e6)} MB; the limit is ${MAX_DATASET_BYTES / 1024 / 1024} MB.`,
    };
  }
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_DATASET_BYTES) {
    return {
      ok: false,
      error: `${url} is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit.`,
    };
  }
  return { ok: true, bytes };
}

/** Why a dropped or picked file is refused before reading it, or `undefined` when it is fine. */
export function checkFileSize(file: File): string | undefined {
  if (file.size <= MAX_DATASET_BYTES) return undefined;
  return `${file.name} is ${Math.round(file.size / 1e6)} MB; the limit is ${MAX_DATASET_BYTES / 1024 / 1024} MB.`;
}
