/**
 * The relationship arcs as a MapLibre custom layer: every segment of every arc stretch in
 * one GPU buffer (`arcbuffers.ts`), and the slider's day a shader uniform. As MapLibre line
 * layers the arcs were cut into tiles and uploaded on the main thread (over half a second at
 * 5,000 pairs), and every step set feature state on the stretches that changed.
 *
 * Each segment is drawn as a quad around it, and the fragment shader measures the distance
 * to the segment: round caps and joins, antialiased edges and dashes come from that one
 * rule. Casings (a white edge under every arc) are drawn first, then the strokes.
 */
import type {
  CustomLayerInterface,
  CustomRenderMethodInput,
  Map as MapLibreMap,
} from 'maplibre-gl';
import {
  arcAt,
  arcsInView,
  packArcs,
  SEGMENT_STRIDE,
  worldCopies,
  type ArcBuffers,
} from '../lib/arcbuffers.ts';
import { mercator } from '../lib/mercator.ts';
import { STANCE_STYLES } from '../lib/palette.ts';
import { STANCES } from '../lib/schema.ts';
import { BufferUpload, createProgram, sendUploads, type Program } from './glprogram.ts';

/** Pixels added to an arc's width by its casing, and by being selected. */
const CASING_WIDTH = 3;
const SELECTED_WIDTH = 2.5;

const VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform float u_offset;
uniform float u_day;
uniform vec2 u_viewport;
uniform float u_pixel_ratio;
uniform float u_casing;
uniform float u_selected;
uniform float u_world;
uniform vec4 u_colors[${STANCES.length}];
uniform vec4 u_styles[${STANCES.length}];   // width, dash, gap (in widths)
layout(location = 0) in vec4 a_line;       // start x, y, end x, y
layout(location = 1) in vec4 a_meta;       // distance along the line, first day, end day, stance
layout(location = 2) in float a_pair;
out vec2 v_local;     // along and across the segment from its start, in device pixels
out float v_length;
out float v_half;
out vec4 v_color;
out vec3 v_dash;      // distance along the line to the start, dash and gap, in device pixels
void main() {
  vec4 c0 = u_matrix * vec4(a_line.x + u_offset, a_line.y, 0.0, 1.0);
  vec4 c1 = u_matrix * vec4(a_line.z + u_offset, a_line.w, 0.0, 1.0);
  bool shown = a_meta.y <= u_day && u_day < a_meta.z && c0.w > 0.0 && c1.w > 0.0;
  if (!shown) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec2 s0 = (c0.xy / c0.w * 0.5 + 0.5) * u_viewport;
  vec2 s1 = (c1.xy / c1.w * 0.5 + 0.5) * u_viewport;
  float len = length(s1 - s0);
  vec2 dir = len > 0.0001 ? (s1 - s0) / len : vec2(1.0, 0.0);
  int stance = int(a_meta.w + 0.5);
  vec4 style = u_styles[stance];
  float width = style.x + (a_pair == u_selected ? ${SELECTED_WIDTH.toFixed(1)} : 0.0)
    + ${CASING_WIDTH.toFixed(1)} * u_casing;
  float half_width = 0.5 * width * u_pixel_ratio;
  float reach = half_width + 1.0;
  vec2 local = vec2(gl_VertexID < 2 ? -reach : len + reach, (gl_VertexID % 2 == 0 ? -1.0 : 1.0) * reach);
  vec2 screen = s0 + dir * local.x + vec2(-dir.y, dir.x) * local.y;
  // w = 1: the quad is placed in screen space, so the varyings must interpolate linearly there.
  gl_Position = vec4(screen / u_viewport * 2.0 - 1.0, 0.0, 1.0);
  v_local = local;
  v_length = len;
  v_half = half_width;
  v_color = u_casing > 0.5 ? vec4(1.0) : u_colors[stance];
  float unit = style.x * u_pixel_ratio;
  v_dash = vec3(a_meta.x * u_world, u_casing > 0.5 ? 0.0 : style.y * unit, style.z * unit);
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
  'u_matrix',
  'u_offset',
  'u_day',
  'u_viewport',
  'u_pixel_ratio',
  'u_casing',
  'u_selected',
  'u_world',
  'u_colors',
  'u_styles',
] as const;

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
export class ArcLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;

  #map: MapLibreMap | undefined;
  #gl: WebGL2RenderingContext | undefined;
  #program: Program<(typeof UNIFORMS)[number]> | undefined;
  #vao: WebGLVertexArrayObject | undefined;
  #buffer: WebGLBuffer | undefined;
  #buffers: ArcBuffers = packArcs([]);
  #upload: BufferUpload | undefined;
  #day = 0;
  #selectedPair = -1;

  constructor(id = 'tm-arcs-gpu') {
    this.id = id;
  }

  /** Replaces the arcs drawn. */
  setData(buffers: ArcBuffers): void {
    this.#buffers = buffers;
    this.#upload = undefined;
    this.#map?.triggerRepaint();
  }

  /** Whether some of the data is still on its way to the GPU (see `BufferUpload`). */
  get uploading(): boolean {
    return this.#buffers.count > 0 && !this.#upload?.done;
  }

  /** Moves the layer to the slider's day: one uniform, no new data. */
  setDay(day: number): void {
    this.#day = day;
    this.#map?.triggerRepaint();
  }

  /**
   * Draws every stretch of one pair wider: the pair of stretch `stretch` (its index in the
   * data), or none for -1.
   */
  setSelected(stretch: number): void {
    const { segments, ranges } = this.#buffers;
    this.#selectedPair =
      stretch < 0 || ranges[stretch * 2 + 1] === 0
        ? -1
        : segments[ranges[stretch * 2]! * SEGMENT_STRIDE + 8]!;
    this.#map?.triggerRepaint();
  }

  /**
   * The stretch drawn nearest to a screen point (CSS pixels from the map's corner), within
   * its half width plus `slop` pixels; `undefined` when there is none.
   */
  hit(point: { x: number; y: number }, slop = 4): number | undefined {
    const map = this.#map;
    if (!map || this.#buffers.count === 0) return undefined;
    const { lng, lat } = map.unproject([point.x, point.y]);
    const worldSize = 512 * 2 ** map.getZoom();
    return arcAt(this.#buffers, this.#day, mercator(lng, lat), worldSize, slop);
  }

  /** Indexes of the stretches drawn now: shown on the current day and in view. */
  visible(): number[] {
    const map = this.#map;
    if (!map) return [];
    const bounds = map.getBounds();
    const [west, north] = mercator(bounds.getWest(), bounds.getNorth());
    const [east, south] = mercator(bounds.getEast(), bounds.getSouth());
    return arcsInView(this.#buffers, this.#day, [west, north, east, south]);
  }

  onAdd(map: MapLibreMap, gl: WebGL2RenderingContext): void {
    this.#map = map;
    this.#gl = gl;
    this.#program = createProgram(gl, 'Arc', VERTEX, FRAGMENT, UNIFORMS);
    this.#buffer = gl.createBuffer()!;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#buffer);
    const stride = SEGMENT_STRIDE * 4;
    for (const [location, size, offset] of [
      [0, 4, 0],
      [1, 4, 16],
      [2, 1, 32],
    ] as const) {
      gl.enableVertexAttribArray(location);
      gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride, offset);
      gl.vertexAttribDivisor(location, 1);
    }
    gl.bindVertexArray(null);
    this.#vao = vao;
    this.#upload = undefined;
  }

  onRemove(): void {
    const gl = this.#gl;
    if (gl) {
      gl.deleteProgram(this.#program?.program ?? null);
      gl.deleteBuffer(this.#buffer ?? null);
      gl.deleteVertexArray(this.#vao ?? null);
    }
    this.#map = undefined;
    this.#gl = undefined;
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const map = this.#map;
    const program = this.#program;
    if (!map || !program || !this.#vao || this.#buffers.count === 0) return;
    const upload = (this.#upload ??= new BufferUpload(this.#buffers.segments, SEGMENT_STRIDE * 4));
    if (!sendUploads(gl, [[upload, this.#buffer!]])) map.triggerRepaint();
    const u = program.uniforms;
    const pixelRatio = map.getPixelRatio();
    const { colors, styles } = STANCE_UNIFORMS;
    gl.useProgram(program.program);
    gl.uniformMatrix4fv(
      u.u_matrix,
      false,
      options.defaultProjectionData.mainMatrix as Float32Array,
    );
    gl.uniform1f(u.u_day, this.#day);
    gl.uniform2f(u.u_viewport, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.uniform1f(u.u_pixel_ratio, pixelRatio);
    gl.uniform1f(u.u_selected, this.#selectedPair);
    gl.uniform1f(u.u_world, 512 * 2 ** map.getZoom() * pixelRatio);
    gl.uniform4fv(u.u_colors, colors);
    gl.uniform4fv(u.u_styles, styles);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.#vao);
    const bounds = map.getBounds();
    const [west] = mercator(bounds.getWest(), 0);
    const [east] = mercator(bounds.getEast(), 0);
    const copies = map.getRenderWorldCopies() ? worldCopies(this.#buffers, west, east) : [0];
    // Every casing first, so no arc's white edge covers another arc's stroke.
    for (const casing of [1, 0]) {
      gl.uniform1f(u.u_casing, casing);
      for (const copy of copies) {
        gl.uniform1f(u.u_offset, copy);
        gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, upload.items);
      }
    }
    gl.bindVertexArray(null);
  }
}
