/**
 * Shader programs for the map's own WebGL layers (incidents, arcs), compiled and linked with
 * errors that name the layer, and their uniform locations looked up once.
 */

function compile(gl: WebGL2RenderingContext, name: string, type: number, source: string) {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
    throw new Error(`${name} shader: ${gl.getShaderInfoLog(shader) ?? 'did not compile'}`);
  }
  return shader;
}

/**
 * Constants spliced into a shader as `#define`s: numbers as GLSL ints, strings as written
 * (`glslFloat` and `glslVec3` make them).
 */
export type Defines = Readonly<Record<string, number | string>>;

/** A number as a GLSL float literal: `3` becomes `3.0`. */
export function glslFloat(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A `#rrggbb` colour as red, green and blue from 0 to 1, as a uniform takes it. */
export function rgbOf(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

/** A `#rrggbb` colour as a GLSL `vec3` of 0..1 components. */
export function glslVec3(hex: string): string {
  return `vec3(${rgbOf(hex).map(glslFloat).join(', ')})`;
}

/**
 * A shader source with `defines` inserted after its `#version` line, which must stay first:
 * the .glsl files name their constants, and the layer gives them values from the modules
 * that own them, so one number never lives in two places.
 */
export function withDefines(source: string, defines: Defines): string {
  const lines = Object.entries(defines).map(([name, value]) => `#define ${name} ${value}`);
  if (lines.length === 0) return source;
  const end = source.indexOf('\n');
  return `${source.slice(0, end + 1)}${lines.join('\n')}\n${source.slice(end + 1)}`;
}

/** A linked program and the locations of its uniforms by name. */
export interface Program<U extends string> {
  program: WebGLProgram;
  uniforms: Record<U, WebGLUniformLocation | null>;
}

/**
 * Compiles and links a vertex and a fragment shader, with `defines` inserted into both
 * (`withDefines`), and looks up `uniforms`. Throws an error starting with `name` and the
 * driver's log when either shader does not compile or the program does not link.
 */
export function createProgram<U extends string>(
  gl: WebGL2RenderingContext,
  name: string,
  vertex: string,
  fragment: string,
  uniforms: readonly U[],
  defines: Defines = {},
): Program<U> {
  const program = gl.createProgram()!;
  const vertexSource = withDefines(vertex, defines);
  const fragmentSource = withDefines(fragment, defines);
  gl.attachShader(program, compile(gl, name, gl.VERTEX_SHADER, vertexSource));
  gl.attachShader(program, compile(gl, name, gl.FRAGMENT_SHADER, fragmentSource));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`${name} shader: ${gl.getProgramInfoLog(program) ?? 'did not link'}`);
  }
  const locations = {} as Record<U, WebGLUniformLocation | null>;
  for (const uniform of uniforms) locations[uniform] = gl.getUniformLocation(program, uniform);
  return { program, uniforms: locations };
}

/**
 * Most bytes one layer sends to the GPU per frame. Sending a million incidents (36 MB) in one
 * call held the page's main thread for about 200 ms; in slices of 4 MB each frame's share is
 * about 15 ms (8 MB slices, two layers' worth in a frame, took 60 ms and shared a frame with
 * MapLibre compiling shaders: one task of 212 ms at 1M).
 *
 * Nothing may be drawn while slices are still to come: a frame drawn from part of the data
 * keeps a software GPU busy for seconds, and the next slice then waits for it on the page's
 * main thread (measured: tasks of 7 and 15 s at a million incidents). So the layers draw
 * once every upload is done (see `GpuLayers`).
 */
export const UPLOAD_BYTES_PER_FRAME = 4 * 1024 * 1024;

/** Data on its way to the GPU, a slice per frame. */
export interface Upload {
  /** Whether everything has been sent. */
  readonly done: boolean;
  /** Sends the next slice of at most `budget` bytes (at least one row of a texture); returns the bytes sent. */
  send(gl: WebGL2RenderingContext, budget: number): number;
}

/** A typed array on its way into a vertex buffer. */
export class BufferUpload implements Upload {
  readonly #data: Float32Array | Uint8Array;
  readonly #buffer: WebGLBuffer;
  #sized = false;
  #sent = 0;

  constructor(data: Float32Array | Uint8Array, buffer: WebGLBuffer) {
    this.#data = data;
    this.#buffer = buffer;
  }

  get done(): boolean {
    return this.#sized && this.#sent >= this.#data.byteLength;
  }

  send(gl: WebGL2RenderingContext, budget: number): number {
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#buffer);
    if (!this.#sized) {
      gl.bufferData(gl.ARRAY_BUFFER, this.#data.byteLength, gl.STATIC_DRAW);
      this.#sized = true;
    }
    const size = this.#data.BYTES_PER_ELEMENT;
    const elements = Math.min(
      Math.floor(budget / size),
      (this.#data.byteLength - this.#sent) / size,
    );
    if (elements > 0) {
      gl.bufferSubData(gl.ARRAY_BUFFER, this.#sent, this.#data, this.#sent / size, elements);
    }
    this.#sent += elements * size;
    return elements * size;
  }
}

/** Rows of RGBA float texels, `width` to a row, on their way into a texture read with `texelFetch`. */
export class TextureUpload implements Upload {
  readonly #data: Float32Array;
  readonly #texture: WebGLTexture;
  readonly #width: number;
  readonly #rows: number;
  #sized = false;
  #sent = 0;

  constructor(data: Float32Array, texture: WebGLTexture, width: number) {
    this.#data = data;
    this.#texture = texture;
    this.#width = width;
    this.#rows = data.length / (width * 4);
  }

  get done(): boolean {
    return this.#sized && this.#sent >= this.#rows;
  }

  send(gl: WebGL2RenderingContext, budget: number): number {
    gl.bindTexture(gl.TEXTURE_2D, this.#texture);
    if (!this.#sized) {
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, this.#width, this.#rows);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      this.#sized = true;
    }
    const rowBytes = this.#width * 16;
    const rows = Math.min(Math.max(1, Math.floor(budget / rowBytes)), this.#rows - this.#sent);
    // MapLibre leaves these set for its images; raw numbers must arrive as they are.
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texSubImage2D(
      gl.TEXTURE_2D,
      0,
      0,
      this.#sent,
      this.#width,
      rows,
      gl.RGBA,
      gl.FLOAT,
      this.#data,
      this.#sent * this.#width * 4,
    );
    this.#sent += rows;
    return rows * rowBytes;
  }
}

/**
 * Sends the next slices of `uploads`, in order, within one frame's budget of bytes; returns
 * whether all of them are done (if not, the caller asks for another frame).
 */
export function sendUploads(
  gl: WebGL2RenderingContext,
  uploads: readonly Upload[],
  frameBudget = UPLOAD_BYTES_PER_FRAME,
): boolean {
  let budget = frameBudget;
  for (const upload of uploads) {
    if (!upload.done && budget > 0) budget -= upload.send(gl, budget);
  }
  return uploads.every((upload) => upload.done);
}

/** Binds each texture to the texture unit of its position and points its sampler uniform there. */
export function bindTextures(
  gl: WebGL2RenderingContext,
  samplers: readonly [WebGLUniformLocation | null, WebGLTexture][],
): void {
  samplers.forEach(([location, texture], unit) => {
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.uniform1i(location, unit);
  });
}
