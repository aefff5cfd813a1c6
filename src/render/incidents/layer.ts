/**
 * The incidents as a MapLibre custom layer: every incident is a point sprite in one GPU
 * buffer, and the slider's day is a shader uniform. MapLibre's own layers re-lay-out their
 * tiles on the CPU for every filter change (global-state included), which costs seconds at a
 * million points; here a slider step is a uniform and a repaint.
 *
 * The shaders (`incident.vert.glsl`, `incident.frag.glsl`) draw the marks as `marks.ts`
 * describes them and apply the same rule as `isIncidentShown` and `incidentOpacity` in
 * `timeline.ts`; hit-testing and `renderedIds` apply it on the CPU (`pick.ts`), so what is
 * picked is exactly what is drawn.
 *
 * The filters reach the layer as a mask, one byte per incident in drawing order, in a vertex
 * buffer of its own: a filter change sends that byte per incident (1 MB at a million) and
 * re-packs nothing.
 */
import KDBush from 'kdbush';
import type {
  CustomLayerInterface,
  CustomRenderMethodInput,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { NO_INCIDENTS, STRIDE, type IncidentBuffers } from './buffers.ts';
import { drawingMask, incidentAt, incidentsInView, type IncidentIndex } from './pick.ts';
import VERTEX from './incident.vert.glsl?raw';
import FRAGMENT from './incident.frag.glsl?raw';
import { mercator } from '../../core/geometry/mercator.ts';
import { worldCopies } from '../../core/geometry/worldcopies.ts';
import type { TimeState } from '../labels/layer.ts';
import {
  DISPUTED_DOT,
  HALO_OPACITY,
  OUTLINE_WIDTH,
  SELECTED_OUTLINE_WIDTH,
} from '../../core/style/marks.ts';
import { THEME_COLORS, type Theme } from '../../core/style/palette.ts';
import { FADE_DAYS, FADED_OPACITY } from '../../core/time/timeline.ts';
import {
  BufferUpload,
  createProgram,
  glslFloat,
  rgbOf,
  sendUploads,
  type Program,
} from '../gl/program.ts';

const UNIFORMS = [
  'u_matrix',
  'u_offset',
  'u_day',
  'u_since',
  'u_fading',
  'u_pixel_ratio',
  'u_selected',
  'u_outline',
  'u_centre',
] as const;
type IncidentUniform = (typeof UNIFORMS)[number];

/** The constants the shaders name, from the modules that own them. */
const DEFINES = {
  FADE_DAYS: glslFloat(FADE_DAYS),
  FADED_OPACITY: glslFloat(FADED_OPACITY),
  OUTLINE_WIDTH: glslFloat(OUTLINE_WIDTH),
  SELECTED_OUTLINE_WIDTH: glslFloat(SELECTED_OUTLINE_WIDTH),
  HALO_OPACITY: glslFloat(HALO_OPACITY),
  DISPUTED_DOT: glslFloat(DISPUTED_DOT),
};

/** The incident layer: add it with `map.addLayer(layer)`, then feed it data and time. */
export class IncidentLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;

  #map: MapLibreMap | undefined;
  #gl: WebGL2RenderingContext | undefined;
  #program: WebGLProgram | undefined;
  #vao: WebGLVertexArrayObject | undefined;
  #attributeBuffer: WebGLBuffer | undefined;
  #colorBuffer: WebGLBuffer | undefined;
  #shownBuffer: WebGLBuffer | undefined;
  #uniforms: Program<IncidentUniform>['uniforms'] | undefined;
  #buffers: IncidentBuffers = NO_INCIDENTS;
  #uploads: [BufferUpload, BufferUpload] | undefined;
  /** Which incidents pass the filters, in drawing order; `undefined` when none is filtered. */
  #shown: Uint8Array | undefined;
  /** The mask on its way to the GPU: all ones when unfiltered. */
  #shownUpload: BufferUpload | undefined;
  #index: KDBush | undefined;
  #time: TimeState = { day: 0, since: -1e9, fading: 1 };
  #selected = -1;
  #colors = THEME_COLORS.light;

  readonly #waitFor: () => boolean;

  /** `waitFor`: while it says so, the layer sends its data but draws nothing (see `UPLOAD_BYTES_PER_FRAME`). */
  constructor(id = 'tm-incidents-gpu', waitFor: () => boolean = () => false) {
    this.id = id;
    this.#waitFor = waitFor;
  }

  /** Replaces the incidents drawn. */
  setData(buffers: IncidentBuffers): void {
    this.#buffers = buffers;
    this.#uploads = undefined;
    this.#index = undefined;
    this.#shown = undefined;
    this.#shownUpload = undefined;
    this.#map?.triggerRepaint();
  }

  /**
   * Shows only the incidents a filter mask passes: one byte per incident in dataset order
   * (`filterMask`), or `null` for all. Only the mask goes to the GPU.
   */
  setMask(mask: Uint8Array | null): void {
    this.#shown =
      mask && mask.length === this.#buffers.count ? drawingMask(this.#buffers, mask) : undefined;
    this.#shownUpload = undefined;
    this.#map?.triggerRepaint();
  }

  /** Whether some of the data is still on its way to the GPU (see `UPLOAD_BYTES_PER_FRAME`). */
  get uploading(): boolean {
    return (
      this.#buffers.count > 0 &&
      !(this.#uploads?.every((upload) => upload.done) && this.#shownUpload?.done)
    );
  }

  /** Moves the layer to a new slider position: three uniforms, no new data. */
  setTime(time: TimeState): void {
    this.#time = time;
    this.#map?.triggerRepaint();
  }

  /** Draws outlines and status centres in a theme's colours. */
  setTheme(theme: Theme): void {
    this.#colors = THEME_COLORS[theme];
    this.#map?.triggerRepaint();
  }

  /** Highlights one incident by its index in the dataset (-1 for none). */
  setSelected(index: number): void {
    this.#selected = index < 0 ? -1 : this.#buffers.order.indexOf(index);
    this.#map?.triggerRepaint();
  }

  #picking(): IncidentIndex {
    return {
      buffers: this.#buffers,
      index: (this.#index ??= KDBush.from(this.#buffers.spatial)),
      shown: this.#shown,
    };
  }

  /**
   * The dataset index of the topmost shown incident under a screen point (CSS pixels from
   * the map's corner), within its radius plus `slop` pixels; `undefined` when there is none.
   */
  hit(point: { x: number; y: number }, slop = 3): number | undefined {
    const map = this.#map;
    if (!map || this.#buffers.count === 0) return undefined;
    const { lng, lat } = map.unproject([point.x, point.y]);
    const worldSize = 512 * 2 ** map.getZoom();
    const repeat = map.getRenderWorldCopies();
    return incidentAt(this.#picking(), this.#time, mercator(lng, lat), worldSize, slop, repeat);
  }

  /** Dataset indexes of the incidents drawn now: shown at the current time and in view. */
  visible(): number[] {
    const map = this.#map;
    if (!map) return [];
    const bounds = map.getBounds();
    const [west, north] = mercator(bounds.getWest(), bounds.getNorth());
    const [east, south] = mercator(bounds.getEast(), bounds.getSouth());
    const view: [number, number, number, number] = [west, north, east, south];
    return incidentsInView(this.#picking(), this.#time, view, map.getRenderWorldCopies());
  }

  onAdd(map: MapLibreMap, gl: WebGL2RenderingContext): void {
    this.#map = map;
    this.#gl = gl;
    const { program, uniforms } = createProgram(
      gl,
      'Incident',
      VERTEX,
      FRAGMENT,
      [...UNIFORMS],
      DEFINES,
    );
    this.#program = program;
    this.#uniforms = uniforms;
    this.#attributeBuffer = gl.createBuffer()!;
    this.#colorBuffer = gl.createBuffer()!;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#attributeBuffer);
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 4, gl.FLOAT, false, STRIDE * 4, 0);
    gl.enableVertexAttribArray(1);
    gl.vertexAttribPointer(1, 4, gl.FLOAT, false, STRIDE * 4, 16);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#colorBuffer);
    gl.enableVertexAttribArray(2);
    gl.vertexAttribPointer(2, 4, gl.UNSIGNED_BYTE, true, 4, 0);
    this.#shownBuffer = gl.createBuffer()!;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#shownBuffer);
    gl.enableVertexAttribArray(3);
    gl.vertexAttribPointer(3, 1, gl.UNSIGNED_BYTE, false, 1, 0);
    gl.bindVertexArray(null);
    this.#vao = vao;
    this.#uploads = undefined;
    this.#shownUpload = undefined;
  }

  onRemove(): void {
    const gl = this.#gl;
    if (gl) {
      gl.deleteProgram(this.#program ?? null);
      gl.deleteBuffer(this.#attributeBuffer ?? null);
      gl.deleteBuffer(this.#colorBuffer ?? null);
      gl.deleteBuffer(this.#shownBuffer ?? null);
      gl.deleteVertexArray(this.#vao ?? null);
    }
    this.#map = undefined;
    this.#gl = undefined;
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const map = this.#map;
    const u = this.#uniforms;
    if (!map || !this.#program || !u || !this.#vao || this.#buffers.count === 0) return;
    const uploads = (this.#uploads ??= [
      new BufferUpload(this.#buffers.attributes, this.#attributeBuffer!),
      new BufferUpload(this.#buffers.colors, this.#colorBuffer!),
    ]);
    const shown = (this.#shownUpload ??= new BufferUpload(
      this.#shown ?? new Uint8Array(this.#buffers.count).fill(1),
      this.#shownBuffer!,
    ));
    const sent = sendUploads(gl, [...uploads, shown]);
    if (!sent || this.#waitFor()) {
      map.triggerRepaint();
      return;
    }
    gl.useProgram(this.#program);
    gl.uniformMatrix4fv(
      u.u_matrix!,
      false,
      options.defaultProjectionData.mainMatrix as Float32Array,
    );
    gl.uniform1f(u.u_day!, this.#time.day);
    gl.uniform1f(u.u_since!, this.#time.since);
    gl.uniform1f(u.u_fading!, this.#time.fading);
    gl.uniform1f(u.u_pixel_ratio!, map.getPixelRatio());
    gl.uniform1f(u.u_selected!, this.#selected);
    gl.uniform3fv(u.u_outline!, rgbOf(this.#colors.markOutline));
    gl.uniform3fv(u.u_centre!, rgbOf(this.#colors.markCentre));
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.#vao);
    // One draw per world copy in view, so points repeat like the basemap does.
    const bounds = map.getBounds();
    const [west] = mercator(bounds.getWest(), 0);
    const [east] = mercator(bounds.getEast(), 0);
    for (const copy of worldCopies([0, 1], west, east, map.getRenderWorldCopies())) {
      gl.uniform1f(u.u_offset!, copy);
      gl.drawArrays(gl.POINTS, 0, this.#buffers.count);
    }
    gl.bindVertexArray(null);
  }
}
