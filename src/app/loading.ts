/**
 * Fetching datasets from URLs and files, with failures said in plain words.
 */
import builtInUrl from '../../geojson/caspian-2022-2023.geojson?url';
import type { MapState } from './state.svelte.ts';

/** Largest dataset accepted, so a wrong link cannot exhaust the tab's memory. */
export const MAX_DATASET_BYTES = 100 * 1024 * 1024;

/** The outcome of fetching a dataset: its text, or a one-line reason it could not be read. */
export type FetchResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Fetches a dataset's text. Network errors, CORS refusals, HTTP errors and oversized
 * responses come back as readable errors, never as exceptions.
 */
export async function fetchDatasetText(url: string, fetchFn: typeof fetch = fetch): Promise<FetchResult> {
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
    return { ok: false, error: `${url} is ${Math.round(length / 1e6)} MB; the limit is ${MAX_DATASET_BYTES / 1024 / 1024} MB.` };
  }
  const text = await response.text();
  if (text.length > MAX_DATASET_BYTES) {
    return { ok: false, error: `${url} is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit.` };
  }
  return { ok: true, text };
}

/** Reads a dropped or picked file as text, refusing files over the size limit. */
export async function readDatasetFile(file: File): Promise<FetchResult> {
  if (file.size > MAX_DATASET_BYTES) {
    return { ok: false, error: `${file.name} is ${Math.round(file.size / 1e6)} MB; the limit is ${MAX_DATASET_BYTES / 1024 / 1024} MB.` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch {
    return { ok: false, error: `${file.name} could not be read.` };
  }
}

/**
 * Loads the dataset a page starts with: the one at `dataUrl` when given, else the built-in
 * one. When `dataUrl` cannot be used, its problems are listed and the built-in dataset is
 * shown instead, so the page is never empty.
 */
export async function loadInitialData(state: MapState, dataUrl?: string): Promise<void> {
  if (dataUrl) {
    const result = await fetchDatasetText(dataUrl);
    if (result.ok && state.load(result.text, { kind: 'url', url: dataUrl })) return;
    const problems = result.ok ? state.loadProblems : { source: dataUrl, problems: [result.error] };
    await loadBuiltIn(state);
    state.loadProblems = problems;
    return;
  }
  await loadBuiltIn(state);
}

async function loadBuiltIn(state: MapState): Promise<void> {
  const result = await fetchDatasetText(builtInUrl);
  if (!result.ok || !state.load(result.text, { kind: 'built-in' })) {
    throw new Error(`The built-in dataset could not be loaded: ${result.ok ? 'invalid' : result.error}`);
  }
}
