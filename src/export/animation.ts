/**
 * Animated exports: the date range played frame by frame on the export map (set the date,
 * wait for the render, capture, encode), never a screen recording, so every frame is
 * complete and the same inputs always give the same file.
 *
 * GIFs are encoded with `gifenc`, a small, dependency-free encoder with a good quantizer;
 * each frame gets its own 256-colour palette so category colours stay exact as new ones
 * appear over time. WebM videos are VP9, encoded by the browser's WebCodecs `VideoEncoder`
 * and written by Mediabunny's WebM muxer, which is loaded only when a video is asked for.
 */
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import { dayFromIso, isoFromDay, type Day } from '../core/model/dates.ts';
import { frameDays, parseStep, SnapshotError } from '../core/export/snapshot.ts';
import type { TimeFilter } from '../core/time/timeline.ts';
import { canvasToPng, SnapshotRenderer, type ExportSource, type ImageOptions } from './image.ts';

/** How long GIFs and videos hold their last frame before looping, in milliseconds. */
export const LAST_FRAME_HOLD_MS = 2000;

/** What to animate and how. */
export interface AnimationOptions extends ImageOptions {
  /** First frame's date, `YYYY-MM-DD`. */
  from: string;
  /** The last frame's date, `YYYY-MM-DD`. */
  to: string;
  /** Step between frames: `7d`, `2w` or `1m`. */
  every: string;
  /** Frames per second of the animation (default 4). */
  fps?: number;
  /** Stops the export between frames, rejecting with the signal's reason. */
  signal?: AbortSignal;
}

/** Called after each frame, for progress bars and for writing frames out as they come. */
export type FrameCallback = (frame: {
  index: number;
  count: number;
  date: string;
  canvas: HTMLCanvasElement;
}) => void | Promise<void>;

/** The days of an animation, checked against the dataset's range. */
export function animationDays(source: ExportSource, options: AnimationOptions): Day[] {
  const from = dayFromIso(options.from);
  const to = dayFromIso(options.to);
  if (from === null)
    throw new SnapshotError(`the first date "${options.from}" is not a date in YYYY-MM-DD form`);
  if (to === null)
    throw new SnapshotError(`the last date "${options.to}" is not a date in YYYY-MM-DD form`);
  const step = parseStep(options.every);
  if (!step)
    throw new SnapshotError(
      `the step "${options.every}" is not a number of days, weeks or months such as 7d, 2w or 1m`,
    );
  const range = source.state.data?.range;
  if (range && (from < range.start || to > range.end)) {
    throw new SnapshotError(
      `the dates ${options.from} to ${options.to} are outside the dataset's range ${isoFromDay(range.start)} to ${isoFromDay(range.end)}`,
    );
  }
  return frameDays(from, to, step);
}

function frameRate(options: AnimationOptions): number {
  const fps = options.fps ?? 4;
  if (!Number.isFinite(fps) || fps <= 0 || fps > 50) {
    throw new SnapshotError(
      `the frame rate must be above 0 and at most 50 frames per second, not ${fps}`,
    );
  }
  return fps;
}

/**
 * Renders every frame of an animation with one export map and hands each to `onFrame`.
 * Returns the frames' dates, in order.
 */
export async function renderFrames(
  source: ExportSource,
  options: AnimationOptions,
  onFrame: FrameCallback,
): Promise<string[]> {
  const days = animationDays(source, options);
  const base: TimeFilter = source.state.filter;
  const renderer = await SnapshotRenderer.open(
    source,
    options,
    days.map((day) => ({ ...base, day })),
  );
  try {
    for (const [index, day] of days.entries()) {
      options.signal?.throwIfAborted();
      const canvas = await renderer.render({ ...base, day });
      await onFrame({ index, count: days.length, date: isoFromDay(day), canvas });
    }
  } finally {
    renderer.close();
  }
  return days.map(isoFromDay);
}

/**
 * The date range as an animated GIF that loops forever, the date stamped on every frame in
 * the header and the last frame held for `LAST_FRAME_HOLD_MS`. Transparent exports keep one fully transparent colour per frame.
 */
export async function exportGif(
  source: ExportSource,
  options: AnimationOptions,
  onProgress?: (index: number, count: number) => void,
): Promise<{ blob: Blob; dates: string[] }> {
  const delay = Math.round(1000 / frameRate(options));
  const gif = GIFEncoder();
  const format = options.transparent ? 'rgba4444' : 'rgb565';
  const dates = await renderFrames(source, options, ({ index, count, canvas }) => {
    const context = canvas.getContext('2d')!;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const palette = quantize(data, 256, { format, oneBitAlpha: options.transparent ?? false });
    const pixels = applyPalette(data, palette, format);
    const transparentIndex = options.transparent ? palette.findIndex((c) => c[3] === 0) : -1;
    gif.writeFrame(pixels, canvas.width, canvas.height, {
      palette,
      // The story's end stays on screen a moment before the loop starts again.
      delay: index === count - 1 ? delay + LAST_FRAME_HOLD_MS : delay,
      repeat: 0,
      ...(transparentIndex >= 0 ? { transparent: true, transparentIndex, dispose: 2 } : {}),
    });
    onProgress?.(index + 1, count);
  });
  gif.finish();
  return { blob: new Blob([gif.bytes()], { type: 'image/gif' }), dates };
}

/**
 * The date range as a VP9 WebM video, the date stamped on every frame in the header and the
 * last frame held for `LAST_FRAME_HOLD_MS`. Each
 * frame is encoded with an explicit timestamp, so the video's timing never depends on how
 * fast frames were drawn. Rejects when this browser has no VP9 encoder.
 */
export async function exportWebm(
  source: ExportSource,
  options: AnimationOptions,
  onProgress?: (index: number, count: number) => void,
): Promise<{ blob: Blob; dates: string[] }> {
  const fps = frameRate(options);
  const { BufferTarget, CanvasSource, Output, QUALITY_HIGH, WebMOutputFormat, canEncodeVideo } =
    await import('mediabunny');
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const video = document.createElement('canvas');
  let track: InstanceType<typeof CanvasSource> | undefined;
  const dates = await renderFrames(source, options, async ({ index, count, canvas }) => {
    if (!track) {
      const size = { width: canvas.width, height: canvas.height };
      if (!(await canEncodeVideo('vp9', size))) {
        throw new SnapshotError(
          `this browser cannot encode ${size.width} × ${size.height} VP9 video; export a GIF instead`,
        );
      }
      Object.assign(video, size);
      track = new CanvasSource(video, {
        codec: 'vp9',
        quality: QUALITY_HIGH,
        alpha: options.transparent ? 'keep' : 'discard',
      });
      output.addVideoTrack(track, { frameRate: fps });
      await output.start();
    }
    const context = video.getContext('2d')!;
    context.clearRect(0, 0, video.width, video.height);
    context.drawImage(canvas, 0, 0);
    await track.add(index / fps, 1 / fps);
    // WebM keeps no duration for a last frame, so the hold is the same frame again, shown
    // once the hold has passed.
    if (index === count - 1) await track.add(index / fps + LAST_FRAME_HOLD_MS / 1000, 1 / fps);
    onProgress?.(index + 1, count);
  });
  await output.finalize();
  return { blob: new Blob([output.target.buffer!], { type: 'video/webm' }), dates };
}

/**
 * Every frame as a PNG, handed to `onFrame` as it is made (the snapshot CLI writes them to
 * numbered files). Returns the frames' dates.
 */
export function exportPngFrames(
  source: ExportSource,
  options: AnimationOptions,
  onFrame: (frame: {
    index: number;
    count: number;
    date: string;
    png: Blob;
  }) => void | Promise<void>,
): Promise<string[]> {
  return renderFrames(source, options, async ({ index, count, date, canvas }) =>
    onFrame({ index, count, date, png: await canvasToPng(canvas) }),
  );
}
