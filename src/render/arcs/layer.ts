/**
 * The relationship arcs as a MapLibre custom layer: the lines of every arc and the stretches
 * of time each is drawn in live on the GPU (`arcbuffers.ts`), and the slider's day is a
 * uniform of a pass that finds each line's stretch of the day. As MapLibre line layers the arcs were cut into tiles and uploaded on the main
 * thread (over half a second at 5,000 pairs), and every step set feature state on the
 * stretches that changed.
 *
 * Each segment is drawn as a quad around it (four vertices, which read the segment from a
 * texture by vertex number, and two triangles), and the fragment shader measures the
 * distance to the segment: round caps and joins, antialiased edges and dashes come from that
 * one rule. Casings (a
 * white edge under every arc) are drawn first, then the strokes.
 */
import type {
  CustomLayerInterface,
  CustomRenderMethodInput,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { levelAt, packArcs, STRETCH_STRIDE, TEXTURE_WIDTH, type ArcBuffers } from './buffers.ts';
import { arcAt, arcsInView } from './pick.ts';
import { worldCopies } from '../../core/geometry/worldcopies.ts';
import { mercator } from '../../core/geometry/mercator.ts';
import { STANCE_STYLES } from '../../core/style/palette.ts';
import { STANCES } from '../../core/model/schema.ts';
import {
  bindTextures,
  createProgram,
  sendUploads,
  TextureUpload,
  type Program,
} from '../gl/program.ts';

/** Pixels added to an arc's width by its casing, and by being selected. */
const CASING_WIDTH = 3;
const SELECTED_WIDTH = 2.5;

const ROW_BITS = Math.log2(TEXTURE_WIDTH);

/** A segment's two triangles, by corner: start left, start right, end left, end right. */
const QUAD = [0, 1, 2, 2, 1, 3];

const TEXEL = `
vec4 texel(highp sampler2D data, int i) {
  return texelFetch(data, ivec2(i & ${TEXTURE_WIDTH - 1}, i >> ${ROW_BITS}), 0);
}`;

/**
 * The state pass: one fragment per line writes the stance of its stretch in effect on
 * `u_day` (red: index / 255, 1 when none is) and whether its pair is selected (green).
 * The segments then read one texel each instead of searching the stretches per vertex,
 * which a software GPU runs many times slower.
 */
const STATE_VERTEX = `#version 300 es
void main() {
  // One triangle over the whole target.
  gl_Position = vec4(float(gl_VertexID & 1) * 4.0 - 1.0, float(gl_VertexID >> 1) * 4.0 - 1.0, 0.0, 1.0);
}`;

const STATE_FRAGMENT = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_lines;       // a texel a line: first stretch, number of stretches
uniform highp sampler2D u_stretches;   // a texel a stretch: first day, end day, stance, pair
uniform int u_line_count;
uniform float u_day;
uniform float u_selected;
out vec4 state;
${TEXEL}
void main() {
  int line = int(gl_FragCoord.y) * ${TEXTURE_WIDTH} + int(gl_FragCoord.x);
  state = vec4(1.0, 0.0, 0.0, 1.0);
  if (line >= u_line_count) return;
  vec4 stretches = texel(u_lines, line);
  // The line's stretches are ordered by first day: find the last one begun by u_day.
  int first = int(stretches.x);
  int low = 0;
  int high = int(stretches.y) - 1;
  int found = -1;
  while (low <= high) {
    int middle = (low + high) / 2;
    if (texel(u_stretches, first + middle).x <= u_day) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return;
  vec4 stretch = texel(u_stretches, first + found);
  if (u_day >= stretch.y) return;
  state = vec4(stretch.z / 255.0, stretch.w == u_selected ? 1.0 : 0.0, 0.0, 1.0);
}`;

const VERTEX = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_segments;   // two texels a segment: start and end; along, line
uniform highp sampler2D u_state;      // a texel a line, from the state pass
uniform int u_first;                  // the first segment of the run drawn
uniform mat4 u_matrix;
uniform float u_offset;
uniform vec2 u_viewport;
uniform float u_pixel_ratio;
uniform float u_casing;
uniform float u_world;
uniform vec4 u_colors[${STANCES.length}];
uniform vec4 u_styles[${STANCES.length}];   // width, dash, gap (in widths)
out vec2 v_local;     // along and across the segment from its start, in device pixels
out float v_length;
out float v_half;
out vec4 v_color;
out vec3 v_dash;      // distance along the line to the start, dash and gap, in device pixels
${TEXEL}

void main() {
  // Four corners a segment; the index buffer makes them two triangles.
  int segment = u_first + gl_VertexID / 4;
  int corner = gl_VertexID % 4;
  vec4 meta = texel(u_segments, segment * 2 + 1);
  vec4 state = texel(u_state, int(meta.y));
  vec4 line = texel(u_segments, segment * 2);
  vec4 c0 = u_matrix * vec4(line.x + u_offset, line.y, 0.0, 1.0);
  vec4 c1 = u_matrix * vec4(line.z + u_offset, line.w, 0.0, 1.0);
  if (state.r > 0.99 || c0.w <= 0.0 || c1.w <= 0.0) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec2 s0 = (c0.xy / c0.w * 0.5 + 0.5) * u_viewport;
  vec2 s1 = (c1.xy / c1.w * 0.5 + 0.5) * u_viewport;
  float len = length(s1 - s0);
  vec2 dir = len > 0.0001 ? (s1 - s0) / len : vec2(1.0, 0.0);
  int stance = int(state.r * 255.0 + 0.5);
  vec4 style = u_styles[stance];
  float width = style.x + ${SELECTED_WIDTH.toFixed(1)} * state.g + ${CASING_WIDTH.toFixed(1)} * u_casing;
  float half_width = 0.5 * width * u_pixel_ratio;
  float reach = half_width + 1.0;
  vec2 local = vec2(corner < 2 ? -reach : len + reach, (corner % 2 == 0 ? -1.0 : 1.0) * reach);
  vec2 screen = s0 + dir * local.x + vec2(-dir.y, dir.x) * local.y;
  // w = 1: the quad is placed in screen space, so the varyings must interpolate linearly there.
  gl_Position = vec4(screen / u_viewport * 2.0 - 1.0, 0.0, 1.0);
  v_local = local;
  v_length = len;
  v_half = half_width;
  v_color = u_casing > 0.5 ? vec4(1.0) : u_colors[stance];
  float unit = style.x * u_pixel_ratio;
  v_dash = vec3(meta.x * u_world, u_casing > 0.5 ? 0.0 : style.y * unit, style.z * unit);
}`;

const FRAGMENT = `#version 300 es
precision highp float;
in vec2 v_local;
in float v_length;
in float v_half;
in vec4 v_color;
in vec3 v_dash;
out vec4 fragColor;
void main() {
  float distance = length(vec2(v_local.x - clamp(v_local.x, 0.0, v_length), v_local.y));
  float coverage = clamp(v_half + 0.5 - distance, 0.0, 1.0);
  if (v_dash.y > 0.0) {
    float position = mod(v_dash.x + v_local.x, v_dash.y + v_dash.z);
    coverage *= clamp(min(position, v_dash.y - position) + 0.5, 0.0, 1.0);
  }
  if (coverage <= 0.0) discard;
  fragColor = v_color * coverage;
}`;

const UNIFORMS = [
  'u_segments',
  'u_state',
  'u_first',
  'u_matrix',
  'u_offset',
  'u_viewport',
  'u_pixel_ratio',
  'u_casing',
  'u_world',
  'u_colors',
  'u_styles',
] as const;

const STATE_UNIFORMS = ['u_lines', 'u_stretches', 'u_line_count', 'u_day', 'u_selected'] as const;

/** Each stance's colour (red, green, blue, alpha in 0..1) and width, dash and gap, as the shader reads them. */
function stanceUniforms(): { colors: Float32Array; styles: Float32Array } {
  const colors = new Float32Array(STANCES.length * 4);
  const styles = new Float32Array(STANCES.length * 4);
  STANCES.forEach((stance, i) => {
    const { color, width, dash } = STANCE_STYLES[stance];
    const value = Number.parseInt(color.slice(1), 16);
    colors.set([(value >> 16) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255, 1], i * 4);
    styles.set([width, dash?.[0] ?? 0, dash?.[1] ?? 0, 0], i * 4);
  });
  return { colors, styles };
}

const STANCE_UNIFORMS = stanceUniforms();

/** The arc layer: add it with `map.addLayer(layer)`, then feed it data, the day and the selection. */
/** The arc layer's textures: its data, and the per-line state the state pass writes. */
interface Textures {
  segments: WebGLTexture;
  lines: WebGLTexture;
  stretches: WebGLTexture;
  state: WebGLTexture;
}

/** The arc layer: add it with `map.addLayer(layer)`, then feed it data, the day and the selection. */
export class ArcLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;

  #map: MapLibreMap | undefined;
  #gl: WebGL2RenderingContext | undefined;
  #program: Program<(typeof UNIFORMS)[number]> | undefined;
  #stateProgram: Program<(typeof STATE_UNIFORMS)[number]> | undefined;
  #textures: Textures | undefined;
  #framebuffer: WebGLFramebuffer | undefined;
  #vao: WebGLVertexArrayObject | undefined;
  #indexBuffer: WebGLBuffer | undefined;
  /** Segments the index buffer holds quads for. */
  #indexed = 0;
  #buffers: ArcBuffers = packArcs([]);
  #uploads: TextureUpload[] | undefined;
  /** Whether any stretch has a line to draw. */
  #hasArcs = false;
  /** Whether the state texture is out of date (new data, day or selection). */
  #stale = true;
  /** Rows the state texture has been given storage for. */
  #stateRows = 0;
  #day = 0;
  #selectedPair = -1;
  readonly #waitFor: () => boolean;

  /** `waitFor`: while it says so, the layer sends its data but draws nothing (see `UPLOAD_BYTES_PER_FRAME`). */
  constructor(id = 'tm-arcs-gpu', waitFor: () => boolean = () => false) {
    this.id = id;
    this.#waitFor = waitFor;
  }

  /** Replaces the arcs drawn. */
  setData(buffers: ArcBuffers): void {
    this.#buffers = buffers;
    this.#hasArcs = buffers.levels.some((level) => level.groups.some((group) => group.count > 0));
    this.#uploads = undefined;
    this.#changed();
  }

  #changed(): void {
    this.#stale = true;
    this.#map?.triggerRepaint();
  }

  /** Whether the arcs' data is still on its way to the GPU, a slice per frame. */
  get uploading(): boolean {
    return this.#hasArcs && !this.#uploads?.every((upload) => upload.done);
  }

  /** Moves the layer to the slider's day: a uniform of the state pass, no new data. */
  setDay(day: number): void {
    if (day === this.#day) return;
    this.#day = day;
    this.#changed();
  }

  /**
   * Draws every stretch of one pair wider: the pair of stretch `stretch` (its index in the
   * data), or none for -1.
   */
  setSelected(stretch: number): void {
    const { stretches, index } = this.#buffers;
    this.#selectedPair = stretch < 0 ? -1 : stretches[index[stretch * 3]! * STRETCH_STRIDE + 3]!;
    this.#changed();
  }

  /**
   * The stretch drawn nearest to a screen point (CSS pixels from the map's corner), within
   * its half width plus `slop` pixels; `undefined` when there is none.
   */
  hit(point: { x: number; y: number }, slop = 4): number | undefined {
    const map = this.#map;
    if (!map || !this.#hasArcs) return undefined;
    const { lng, lat } = map.unproject([point.x, point.y]);
    const worldSize = 512 * 2 ** map.getZoom();
    const repeat = map.getRenderWorldCopies();
    return arcAt(this.#buffers, this.#day, mercator(lng, lat), worldSize, slop, repeat);
  }

  /** Indexes of the stretches drawn now: shown on the current day and in view. */
  visible(): number[] {
    const map = this.#map;
    if (!map) return [];
    const bounds = map.getBounds();
    const [west, north] = mercator(bounds.getWest(), bounds.getNorth());
    const [east, south] = mercator(bounds.getEast(), bounds.getSouth());
    const view: [number, number, number, number] = [west, north, east, south];
    return arcsInView(this.#buffers, this.#day, view, map.getRenderWorldCopies());
  }

  onAdd(map: MapLibreMap, gl: WebGL2RenderingContext): void {
    this.#map = map;
    this.#gl = gl;
    this.#program = createProgram(gl, 'Arc', VERTEX, FRAGMENT, UNIFORMS);
    this.#stateProgram = createProgram(
      gl,
      'Arc state',
      STATE_VERTEX,
      STATE_FRAGMENT,
      STATE_UNIFORMS,
    );
    this.#textures = {
      segments: gl.createTexture()!,
      lines: gl.createTexture()!,
      stretches: gl.createTexture()!,
      state: gl.createTexture()!,
    };
    this.#framebuffer = gl.createFramebuffer()!;
    // No attributes: the vertex shader reads everything by vertex number.
    this.#vao = gl.createVertexArray()!;
    this.#indexBuffer = gl.createBuffer()!;
    this.#indexed = 0;
    this.#uploads = undefined;
    this.#stale = true;
    this.#stateRows = 0;
  }

  onRemove(): void {
    const gl = this.#gl;
    if (gl) {
      gl.deleteProgram(this.#program?.program ?? null);
      gl.deleteProgram(this.#stateProgram?.program ?? null);
      for (const texture of Object.values(this.#textures ?? {})) gl.deleteTexture(texture);
      gl.deleteFramebuffer(this.#framebuffer ?? null);
      gl.deleteVertexArray(this.#vao ?? null);
      gl.deleteBuffer(this.#indexBuffer ?? null);
    }
    this.#map = undefined;
    this.#gl = undefined;
  }

  /**
   * Before the frame is drawn: sends the next slices of new data, then, once all of it is
   * on the GPU, brings the per-line state up to date when the day, the selection or the data
   * changed.
   */
  prerender(gl: WebGL2RenderingContext): void {
    const map = this.#map;
    const textures = this.#textures;
    const state = this.#stateProgram;
    if (!map || !textures || !state || !this.#hasArcs) return;
    const { segments, lines, stretches, lineCount } = this.#buffers;
    const uploads = (this.#uploads ??= [
      new TextureUpload(lines, textures.lines, TEXTURE_WIDTH),
      new TextureUpload(stretches, textures.stretches, TEXTURE_WIDTH),
      new TextureUpload(segments, textures.segments, TEXTURE_WIDTH),
    ]);
    if (!sendUploads(gl, uploads)) {
      map.triggerRepaint();
      return;
    }
    if (!this.#stale) return;
    const rows = lines.length / (TEXTURE_WIDTH * 4);
    if (this.#stateRows !== rows) {
      gl.bindTexture(gl.TEXTURE_2D, textures.state);
      gl.texImage2D(
        gl.TEXTURE_2D,
        0,
        gl.RGBA8,
        TEXTURE_WIDTH,
        rows,
        0,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        null,
      );
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      gl.bindFramebuffer(gl.FRAMEBUFFER, this.#framebuffer!);
      gl.framebufferTexture2D(
        gl.FRAMEBUFFER,
        gl.COLOR_ATTACHMENT0,
        gl.TEXTURE_2D,
        textures.state,
        0,
      );
      this.#stateRows = rows;
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.#framebuffer!);
    gl.viewport(0, 0, TEXTURE_WIDTH, rows);
    for (const capability of [gl.BLEND, gl.DEPTH_TEST, gl.STENCIL_TEST, gl.SCISSOR_TEST]) {
      gl.disable(capability);
    }
    gl.useProgram(state.program);
    const u = state.uniforms;
    bindTextures(gl, [
      [u.u_lines, textures.lines],
      [u.u_stretches, textures.stretches],
    ]);
    gl.uniform1i(u.u_line_count, lineCount);
    gl.uniform1f(u.u_day, this.#day);
    gl.uniform1f(u.u_selected, this.#selectedPair);
    gl.bindVertexArray(this.#vao!);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.bindVertexArray(null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.#stale = false;
  }

  /**
   * Makes the bound vertex array's index buffer hold two triangles for each segment of the
   * largest group: indexed, a software GPU shades each corner once instead of once per
   * triangle.
   */
  #index(gl: WebGL2RenderingContext): void {
    const needed = Math.max(
      ...this.#buffers.levels.flatMap((level) => level.groups.map((group) => group.count)),
    );
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.#indexBuffer!);
    if (needed <= this.#indexed) return;
    const indices = new Uint32Array(needed * 6);
    for (let i = 0; i < needed; i++) {
      for (let c = 0; c < 6; c++) indices[i * 6 + c] = QUAD[c]! + i * 4;
    }
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, indices, gl.STATIC_DRAW);
    this.#indexed = needed;
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const map = this.#map;
    const program = this.#program;
    const textures = this.#textures;
    if (!map || !program || !textures || !this.#hasArcs) return;
    if (this.uploading || this.#stale || this.#waitFor()) {
      map.triggerRepaint();
      return;
    }
    const u = program.uniforms;
    const pixelRatio = map.getPixelRatio();
    const { colors, styles } = STANCE_UNIFORMS;
    const level = levelAt(this.#buffers, map.getZoom());
    gl.useProgram(program.program);
    bindTextures(gl, [
      [u.u_segments, textures.segments],
      [u.u_state, textures.state],
    ]);
    gl.uniformMatrix4fv(
      u.u_matrix,
      false,
      options.defaultProjectionData.mainMatrix as Float32Array,
    );
    gl.uniform2f(u.u_viewport, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.uniform1f(u.u_pixel_ratio, pixelRatio);
    gl.uniform1f(u.u_world, 512 * 2 ** map.getZoom() * pixelRatio);
    gl.uniform4fv(u.u_colors, colors);
    gl.uniform4fv(u.u_styles, styles);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.#vao!);
    this.#index(gl);
    const bounds = map.getBounds();
    const [west] = mercator(bounds.getWest(), 0);
    const [east] = mercator(bounds.getEast(), 0);
    const repeat = map.getRenderWorldCopies();
    // Every casing first, so no arc's white edge covers another arc's stroke.
    for (const casing of [1, 0]) {
      gl.uniform1f(u.u_casing, casing);
      for (const { first, count, extent } of level.groups) {
        if (count === 0) continue;
        gl.uniform1i(u.u_first, first);
        for (const copy of worldCopies(extent, west, east, repeat)) {
          gl.uniform1f(u.u_offset, copy);
          gl.drawElements(gl.TRIANGLES, count * 6, gl.UNSIGNED_INT, 0);
        }
      }
    }
    gl.bindVertexArray(null);
  }
}
