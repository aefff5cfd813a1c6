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

/** A linked program and the locations of its uniforms by name. */
export interface Program<U extends string> {
  program: WebGLProgram;
  uniforms: Record<U, WebGLUniformLocation | null>;
}

/**
 * Compiles and links a vertex and a fragment shader, and looks up `uniforms`. Throws an
 * error starting with `name` and the driver's log when either shader does not compile or
 * the program does not link.
 */
export function createProgram<U extends string>(
  gl: WebGL2RenderingContext,
  name: string,
  vertex: string,
  fragment: string,
  uniforms: readonly U[],
): Program<U> {
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl, name, gl.VERTEX_SHADER, vertex));
  gl.attachShader(program, compile(gl, name, gl.FRAGMENT_SHADER, fragment));
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
 * call held the page's main thread for about 200 ms; in slices each frame stays short, and
 * the marks appear over a few frames instead.
 */
export const UPLOAD_BYTES_PER_FRAME = 8 * 1024 * 1024;

/** A typed array on its way into a GPU buffer, sent a slice per frame. */
export class BufferUpload {
  readonly #data: Float32Array | Uint8Array;
  readonly #bytesPerItem: number;
  #sized = false;
  #sent = 0;

  /** `bytesPerItem`: the size of one vertex's (or instance's) data in `data`. */
  constructor(data: Float32Array | Uint8Array, bytesPerItem: number) {
    this.#data = data;
    this.#bytesPerItem = bytesPerItem;
  }

  /** Items whose data is wholly on the GPU. */
  get items(): number {
    return Math.floor(this.#sent / this.#bytesPerItem);
  }

  /** Whether everything has been sent. */
  get done(): boolean {
    return this.#sized && this.#sent >= this.#data.byteLength;
  }

  /**
   * Sends the next slice of at most `budget` bytes into `buffer`, sizing the buffer on the
   * first call; returns the bytes sent.
   */
  send(gl: WebGL2RenderingContext, buffer: WebGLBuffer, budget: number): number {
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
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

/**
 * Sends the next slices of `uploads`, in order, within one frame's budget; returns whether
 * all of them are done (if not, the caller asks for another frame).
 */
export function sendUploads(
  gl: WebGL2RenderingContext,
  uploads: readonly [BufferUpload, WebGLBuffer][],
): boolean {
  let budget = UPLOAD_BYTES_PER_FRAME;
  for (const [upload, buffer] of uploads) {
    if (!upload.done && budget > 0) budget -= upload.send(gl, buffer, budget);
  }
  return uploads.every(([upload]) => upload.done);
}
