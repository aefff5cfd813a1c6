/**
 * The incidents as a MapLibre custom layer: every incident is a point sprite in one GPU
 * buffer, and the slider's day is a shader uniform. MapLibre's own layers re-lay-out their
 * tiles on the CPU for every filter change (global-state included), which costs seconds at a
 * million points; here a slider step is a uniform and a repaint.
 *
 * The shader applies the same rule as `isIncidentShown` and `incidentOpacity` in
 * `timeline.ts`; hit-testing and `renderedIds` run those functions on the CPU over a spatial
 * index, so what is picked is exactly what is drawn.
 */
import KDBush from 'kdbush';
import type {
  CustomLayerInterface,
  CustomRenderMethodInput,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { packIncidents, STRIDE, type IncidentBuffers } from './buffers.ts';
import { mercator } from '../../core/geometry/mercator.ts';
import type { TimeState } from '../labels/layer.ts';
import { MARK_OUTLINE } from '../../core/style/palette.ts';
import { FADE_DAYS, FADED_OPACITY } from '../../core/time/timeline.ts';
import { BufferUpload, createProgram, sendUploads, type Program } from '../gl/program.ts';

type IncidentUniform =
  'u_matrix' | 'u_offset' | 'u_day' | 'u_since' | 'u_fading' | 'u_pixel_ratio' | 'u_selected';

const VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform float u_offset;
uniform float u_day;
uniform float u_since;
uniform float u_fading;
uniform float u_pixel_ratio;
uniform float u_selected;
layout(location = 0) in vec4 a_place_time;   // x, y, first day, last day
layout(location = 1) in vec4 a_style;        // radius, halo, centre, disputed
layout(location = 2) in vec4 a_color;
out vec4 v_color;
out vec4 v_style;
out float v_outer;
out float v_opacity;
out float v_outline;
void main() {
  bool shown = a_place_time.z <= u_day && a_place_time.w >= u_since;
  if (!shown) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  float age = clamp(u_day - a_place_time.w, 0.0, ${FADE_DAYS.toFixed(1)});
  v_opacity = 1.0 - u_fading * ${(1 - FADED_OPACITY).toFixed(6)} * age / ${FADE_DAYS.toFixed(1)};
  v_outline = float(gl_VertexID) == u_selected ? 3.5 : 1.2;
  v_outer = max(a_style.x + v_outline + 1.0, a_style.y);
  v_color = a_color;
  v_style = a_style;
  gl_PointSize = 2.0 * v_outer * u_pixel_ratio;
  gl_Position = u_matrix * vec4(a_place_time.x + u_offset, a_place_time.y, 0.0, 1.0);
}`;

const [outlineR, outlineG, outlineB] = [1, 3, 5].map(
  (i) => Number.parseInt(MARK_OUTLINE.slice(i, i + 2), 16) / 255,
);

const FRAGMENT = `#version 300 es
precision highp float;
in vec4 v_color;
in vec4 v_style;
in float v_outer;
in float v_opacity;
in float v_outline;
out vec4 fragColor;
vec4 over(vec4 top, vec4 bottom) { return top + bottom * (1.0 - top.a); }
void main() {
  float r = length(gl_PointCoord - 0.5) * 2.0 * v_outer;   // distance from the centre, in CSS px
  // The sprite's corners lie outside every circle drawn: a fifth of its area, spared the work.
  if (r > v_outer) discard;
  float radius = v_style.x;
  vec4 color = vec4(0.0);
  if (v_style.y > 0.0) {
    float halo = 0.35 * (1.0 - smoothstep(v_style.y * 0.3, v_style.y, r));
    color = vec4(v_color.rgb * halo, halo);
  }
  float inside = 1.0 - smoothstep(radius + v_outline - 0.5, radius + v_outline + 0.5, r);
  if (inside > 0.0) {
    vec3 outline = vec3(${outlineR!.toFixed(4)}, ${outlineG!.toFixed(4)}, ${outlineB!.toFixed(4)});
    float fill = 1.0 - smoothstep(radius - 0.5, radius + 0.5, r);
    vec3 rgb = mix(outline, v_color.rgb, fill);
    float centre = v_style.z * radius;
    if (centre > 0.0) rgb = mix(rgb, vec3(1.0), 1.0 - smoothstep(centre - 0.5, centre + 0.5, r));
    if (v_style.w > 0.5) rgb = mix(rgb, outline, 1.0 - smoothstep(radius * 0.22 - 0.5, radius * 0.22 + 0.5, r));
    color = over(vec4(rgb * inside, inside), color);
  }
  if (color.a <= 0.0) discard;
  fragColor = color * v_opacity;
}`;

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
  #uniforms: Program<IncidentUniform>['uniforms'] | undefined;
  #buffers: IncidentBuffers = packIncidents([], () => '');
  #uploads: [BufferUpload, BufferUpload] | undefined;
  #index: KDBush | undefined;
  #time: TimeState = { day: 0, since: -1e9, fading: 1 };
  #selected = -1;

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
    this.#map?.triggerRepaint();
  }

  /** Whether some of the data is still on its way to the GPU (see `UPLOAD_BYTES_PER_FRAME`). */
  get uploading(): boolean {
    return this.#buffers.count > 0 && !this.#uploads?.every((upload) => upload.done);
  }

  /** Moves the layer to a new slider position: three uniforms, no new data. */
  setTime(time: TimeState): void {
    this.#time = time;
    this.#map?.triggerRepaint();
  }

  /** Highlights one incident by its index in the dataset (-1 for none). */
  setSelected(index: number): void {
    this.#selected = index < 0 ? -1 : this.#buffers.order.indexOf(index);
    this.#map?.triggerRepaint();
  }

  /** Whether the incident at a buffer position is shown at the current time. */
  #isShown(position: number): boolean {
    const a = this.#buffers.attributes;
    const o = position * STRIDE;
    return a[o + 2]! <= this.#time.day && a[o + 3]! >= this.#time.since;
  }

  #spatialIndex(): KDBush {
    return (this.#index ??= KDBush.from(this.#buffers.spatial));
  }

  /**
   * The dataset index of the topmost shown incident under a screen point (CSS pixels from
   * the map's corner), within its radius plus `slop` pixels; `undefined` when there is none.
   */
  hit(point: { x: number; y: number }, slop = 3): number | undefined {
    const map = this.#map;
    if (!map || this.#buffers.count === 0) return undefined;
    const worldSize = 512 * 2 ** map.getZoom();
    const lngLat = map.unproject([point.x, point.y]);
    const x = (180 + lngLat.lng) / 360;
    const cx = x - Math.floor(x);
    const cy = projectY(lngLat.lat);
    const reach = (16 + 4 + slop) / worldSize;
    let best: number | undefined;
    for (const shift of [-1, 0, 1]) {
      for (const i of this.#spatialIndex().range(
        cx + shift - reach,
        cy - reach,
        cx + shift + reach,
        cy + reach,
      )) {
        if (i >= this.#buffers.count || !this.#isShown(i)) continue;
        const a = this.#buffers.attributes;
        const dx = (a[i * STRIDE]! - cx - shift) * worldSize;
        const dy = (a[i * STRIDE + 1]! - cy) * worldSize;
        if (Math.hypot(dx, dy) <= a[i * STRIDE + 4]! + slop && (best === undefined || i > best))
          best = i;
      }
    }
    return best === undefined ? undefined : this.#buffers.order[best];
  }

  /** Dataset indexes of the incidents drawn now: shown at the current time and in view. */
  visible(): number[] {
    const map = this.#map;
    if (!map) return [];
    const bounds = map.getBounds();
    const west = (180 + bounds.getWest()) / 360;
    const east = (180 + bounds.getEast()) / 360;
    const north = projectY(bounds.getNorth());
    const south = projectY(bounds.getSouth());
    const result: number[] = [];
    const index = this.#spatialIndex();
    const seen = new Set<number>();
    for (let copy = Math.floor(west); copy <= Math.floor(east); copy++) {
      for (const i of index.range(
        Math.max(west - copy, 0),
        north,
        Math.min(east - copy, 1),
        south,
      )) {
        if (i < this.#buffers.count && this.#isShown(i) && !seen.has(i)) {
          seen.add(i);
          result.push(this.#buffers.order[i]!);
        }
      }
    }
    return result.sort((a, b) => a - b);
  }

  onAdd(map: MapLibreMap, gl: WebGL2RenderingContext): void {
    this.#map = map;
    this.#gl = gl;
    const { program, uniforms } = createProgram(gl, 'Incident', VERTEX, FRAGMENT, [
      'u_matrix',
      'u_offset',
      'u_day',
      'u_since',
      'u_fading',
      'u_pixel_ratio',
      'u_selected',
    ]);
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
    gl.bindVertexArray(null);
    this.#vao = vao;
    this.#uploads = undefined;
  }

  onRemove(): void {
    const gl = this.#gl;
    if (gl) {
      gl.deleteProgram(this.#program ?? null);
      gl.deleteBuffer(this.#attributeBuffer ?? null);
      gl.deleteBuffer(this.#colorBuffer ?? null);
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
    const sent = sendUploads(gl, uploads);
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
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.#vao);
    // One draw per world copy in view, so points repeat like the basemap does.
    const bounds = map.getBounds();
    const first = Math.floor((bounds.getWest() + 180) / 360);
    const last = Math.floor((bounds.getEast() + 180) / 360);
    for (let copy = first; copy <= last; copy++) {
      gl.uniform1f(u.u_offset!, copy);
      gl.drawArrays(gl.POINTS, 0, this.#buffers.count);
    }
    gl.bindVertexArray(null);
  }
}

/** Web Mercator y in 0..1 for a latitude in degrees. */
function projectY(lat: number): number {
  return mercator(0, lat)[1];
}
