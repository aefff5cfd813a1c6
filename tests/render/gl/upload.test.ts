/**
 * Sending data to the GPU in slices, against a stand-in WebGL context that keeps what it is
 * sent: the slices must add up to the data, each within the frame's budget, and `drawn` must
 * wait for the last slice.
 */
import fc from 'fast-check';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { BufferUpload, sendUploads, TextureUpload } from '../../../src/render/gl/program.ts';
import { drawn, type GpuLayers } from '../../../src/render/overlay.ts';

/** A WebGL 2 context that stores buffer and texture contents as bytes, and nothing else. */
function recordingContext() {
  const stored = new Map<object, Uint8Array>();
  let bound: object | undefined;
  let sizingCalls = 0;
  const gl = {
    ARRAY_BUFFER: 1,
    TEXTURE_2D: 2,
    bindBuffer: (_: number, buffer: object) => (bound = buffer),
    bindTexture: (_: number, texture: object) => (bound = texture),
    bufferData: (_: number, size: number) => {
      sizingCalls++;
      stored.set(bound!, new Uint8Array(size));
    },
    bufferSubData: (
      _: number,
      offset: number,
      src: ArrayBufferView,
      from: number,
      length: number,
    ) => {
      const size = (src as Float32Array).BYTES_PER_ELEMENT;
      const bytes = new Uint8Array(src.buffer, src.byteOffset + from * size, length * size);
      stored.get(bound!)!.set(bytes, offset);
    },
    texStorage2D: (_: number, __: number, ___: number, width: number, rows: number) => {
      sizingCalls++;
      stored.set(bound!, new Uint8Array(width * rows * 16));
    },
    texParameteri: () => {},
    pixelStorei: () => {},
    texSubImage2D: (...args: unknown[]) => {
      const [, , , row, width, rows, , , src, from] = args as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        Float32Array,
        number,
      ];
      const bytes = new Uint8Array(src.buffer, src.byteOffset + from * 4, width * rows * 16);
      stored.get(bound!)!.set(bytes, row * width * 16);
    },
  };
  return {
    gl: gl as unknown as WebGL2RenderingContext,
    contents: (target: object) => stored.get(target),
    sizingCalls: () => sizingCalls,
  };
}

/** A frame's budget small enough for small data to take several frames. */
const BUDGET = 1000;

const bytesOf = (data: Float32Array | Uint8Array) =>
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

describe('BufferUpload and TextureUpload through sendUploads', () => {
  it('send all of the data over several frames, within each frame’s budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 200 }),
        (floats, colours) => {
          const { gl, contents, sizingCalls } = recordingContext();
          const [attributes, colors, rows] = [{}, {}, {}];
          const numbers = Float32Array.from({ length: floats }, (_, i) => i * 0.5);
          const bytes = Uint8Array.from({ length: colours * 4 }, (_, i) => i % 251);
          const texels = Float32Array.from({ length: 4 * 8 * 3 }, (_, i) => -i);
          const uploads = [
            new BufferUpload(numbers, attributes),
            new BufferUpload(bytes, colors),
            new TextureUpload(texels, rows, 8),
          ];
          const total = [numbers, bytes, texels].reduce((sum, a) => sum + a.byteLength, 0);
          let frames = 1;
          while (!sendUploads(gl, uploads, BUDGET)) frames++;
          // A frame sends its budget to within a texture row (128 bytes here), either way.
          expect(frames).toBeLessThanOrEqual(Math.max(1, Math.ceil(total / (BUDGET - 128))));
          expect(frames).toBeGreaterThanOrEqual(Math.ceil(total / (BUDGET + 128)));
          expect(contents(attributes)).toEqual(bytesOf(numbers));
          expect(contents(colors)).toEqual(bytesOf(bytes));
          expect(contents(rows)).toEqual(bytesOf(texels));
          expect(sizingCalls()).toBe(3);
          expect(uploads.every((upload) => upload.done)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is done with empty data once the buffer is sized', () => {
    const { gl, contents } = recordingContext();
    const target = {};
    const upload = new BufferUpload(new Float32Array(0), target);
    expect(upload.done).toBe(false);
    expect(sendUploads(gl, [upload])).toBe(true);
    expect(contents(target)).toEqual(new Uint8Array(0));
  });
});

describe('drawn', () => {
  it('waits for idle frames until the layers have sent everything', async () => {
    let idles = 0;
    let listener: (() => void) | undefined;
    const map = {
      once: (_: string, callback: () => void) => (listener = callback),
      triggerRepaint: () =>
        queueMicrotask(() => {
          idles++;
          listener?.();
        }),
    } as unknown as MapLibreMap;
    const layers = {
      get uploading() {
        return idles < 3;
      },
    } as unknown as GpuLayers;
    await drawn(map, layers);
    expect(idles).toBe(3);
    await drawn(map, undefined);
    expect(idles).toBe(4);
  });
});
