/**
 * The relationship arcs as a MapLibre custom layer: the lines of every arc and the stretches
 * of time each is drawn in live on the GPU (`buffers.ts`), and the slider's day is a uniform
 * of a pass that finds each line's stretch of the day (`arcstate.frag.glsl`). As MapLibre
 * line layers the arcs were cut into tiles and uploaded on the main thread (over half a
 * second at 5,000 pairs), and every step set feature state on the stretches that changed.
 *
 * Each segment is drawn as a quad around it (four vertices, which read the segment from a
 * texture by vertex number, and two triangles: `arc.vert.glsl`), and the fragment shader
 * (`arc.frag.glsl`) measures the distance to the segment: round caps and joins, antialiased
 * edges and dashes come from that one rule. Casings (a light edge under every arc) are drawn
 * first, then the strokes. Picking applies the same rules on the CPU (`pick.ts`).
 */
import type {
  CustomLayerInterface,
  CustomRenderMethodInput,
  Map as MapLibreMap,
} from 'maplibre-gl';
import {
  levelAt,
  NO_ARCS,
  STRETCH_STRIDE,
  TEXTURE_WIDTH,
  withShownStretches,
  type ArcBuffers,
} from './buffers.ts';
import { arcAt, arcsInView } from './pick.ts';
import { worldCopies } from '../../core/geometry/worldcopies.ts';
import { mercator } from '../../core/geometry/mercator.ts';
import { STANCE_STYLES, THEME_COLORS, type Theme } from '../../core/style/palette.ts';
import { STANCES } from '../../core/model/schema.ts';
import {
  bindTextures,
  createProgram,
  glslFloat,
  rgbOf,
  sendUploads,
  TextureUpload,
  type Program,
} from '../gl/program.ts';
import VERTEX from './arc.vert.glsl?raw';
import FRAGMENT from './arc.frag.glsl?raw';
import STATE_VERTEX from './arcstate.vert.glsl?raw';
import STATE_FRAGMENT from './arcstate.frag.glsl?raw';

/** Pixels added to an arc's width by its casing, and by being selected. */
const CASING_WIDTH = 3;
const SELECTED_WIDTH = 2.5;

/** The constants the shaders name: texture layout, stances, widths added. */
const DEFINES = {
  TEXTURE_WIDTH,
  ROW_BITS: Math.log2(TEXTURE_WIDTH),
  STANCE_COUNT: STANCES.length,
  SELECTED_WIDTH: glslFloat(SELECTED_WIDTH),
  CASING_WIDTH: glslFloat(CASING_WIDTH),
};

/** A segment's two triangles, by corner: start left, start right, end left, end right. */
const QUAD = [0, 1, 2, 2, 1, 3];

const UNIFORMS = [
  'u_segments',
  'u_state',
  'u_first',
  'u_matrix',
  'u_offset',
  'u_viewport',
  'u_pixel_ratio',
  'u_casing',
  'u_casing_color',
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
    colors.set([...rgbOf(color), 1], i * 4);
    styles.set([width, dash?.[0] ?? 0, dash?.[1] ?? 0, 0], i * 4);
  });
  return { colors, styles };
}

const STANCE_UNIFORMS = stanceUniforms();

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
  /** The arcs as given, and as drawn: with the stretches the filters hide made empty. */
  #data: ArcBuffers = NO_ARCS;
  #buffers: ArcBuffers = this.#data;
  #uploads: TextureUpload[] | undefined;
  /** Whether any stretch has a line to draw. */
  #hasArcs = false;
  /** Whether the state texture is out of date (new data, day or selection). */
  #stale = true;
  /** Rows the state texture has been given storage for. */
  #stateRows = 0;
  #day = 0;
  #selectedPair = -1;
  #casing = rgbOf(THEME_COLORS.light.arcCasing);
  readonly #waitFor: () => boolean;

  /** `waitFor`: while it says so, the layer sends its data but draws nothing (see `UPLOAD_BYTES_PER_FRAME`). */
  constructor(id = 'tm-arcs-gpu', waitFor: () => boolean = () => false) {
    this.id = id;
    this.#waitFor = waitFor;
  }

  /** Replaces the arcs drawn. */
  setData(buffers: ArcBuffers): void {
    this.#data = buffers;
    this.#buffers = buffers;
    this.#hasArcs = buffers.levels.some((level) => level.groups.some((group) => group.count > 0));
    this.#uploads = undefined;
    this.#changed();
  }

  /**
   * Shows only the stretches the filters pass: one byte per stretch in the data's order, or
   * `null` for all. Only the stretches' texture (16 bytes a stretch) is sent again.
   */
  setShown(shown: Uint8Array | null): void {
    const next = withShownStretches(this.#data, shown);
    if (next === this.#buffers) return;
    this.#buffers = next;
    const gl = this.#gl;
    const textures = this.#textures;
    if (this.#uploads && gl && textures) {
      // A texture's storage is immutable once given (`texStorage2D`): the new stretches get
      // a new one.
      gl.deleteTexture(textures.stretches);
      textures.stretches = gl.createTexture()!;
      const [lines, , segments] = this.#uploads;
      this.#uploads = [
        lines!,
        new TextureUpload(next.stretches, textures.stretches, TEXTURE_WIDTH),
        segments!,
      ];
    }
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

  /** Draws the casings in a theme's colour. */
  setTheme(theme: Theme): void {
    this.#casing = rgbOf(THEME_COLORS[theme].arcCasing);
    this.#map?.triggerRepaint();
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
    this.#program = createProgram(gl, 'Arc', VERTEX, FRAGMENT, UNIFORMS, DEFINES);
    this.#stateProgram = createProgram(
      gl,
      'Arc state',
      STATE_VERTEX,
      STATE_FRAGMENT,
      STATE_UNIFORMS,
      DEFINES,
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
    gl.uniform4f(u.u_casing_color, ...this.#casing, 1);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.#vao!);
    this.#index(gl);
    const bounds = map.getBounds();
    const [west] = mercator(bounds.getWest(), 0);
    const [east] = mercator(bounds.getEast(), 0);
    const repeat = map.getRenderWorldCopies();
    // Every casing first, so no arc's edge covers another arc's stroke.
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
