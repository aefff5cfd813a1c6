#version 300 es
// Defined by the layer (`createProgram`): TEXTURE_WIDTH, ROW_BITS, STANCE_COUNT (ints),
// SELECTED_WIDTH, CASING_WIDTH (floats, pixels added to a line's width).
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
uniform vec4 u_casing_color;
uniform float u_world;
uniform vec4 u_colors[STANCE_COUNT];
uniform vec4 u_styles[STANCE_COUNT];   // width, dash, gap (in widths)
out vec2 v_local;     // along and across the segment from its start, in device pixels
out float v_length;
out float v_half;
out vec4 v_color;
out vec3 v_dash;      // distance along the line to the start, dash and gap, in device pixels
vec4 texel(highp sampler2D data, int i) {
  return texelFetch(data, ivec2(i & (TEXTURE_WIDTH - 1), i >> ROW_BITS), 0);
}

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
  float width = style.x + SELECTED_WIDTH * state.g + CASING_WIDTH * u_casing;
  float half_width = 0.5 * width * u_pixel_ratio;
  float reach = half_width + 1.0;
  vec2 local = vec2(corner < 2 ? -reach : len + reach, (corner % 2 == 0 ? -1.0 : 1.0) * reach);
  vec2 screen = s0 + dir * local.x + vec2(-dir.y, dir.x) * local.y;
  // w = 1: the quad is placed in screen space, so the varyings must interpolate linearly there.
  gl_Position = vec4(screen / u_viewport * 2.0 - 1.0, 0.0, 1.0);
  v_local = local;
  v_length = len;
  v_half = half_width;
  v_color = u_casing > 0.5 ? u_casing_color : u_colors[stance];
  float unit = style.x * u_pixel_ratio;
  v_dash = vec3(meta.x * u_world, u_casing > 0.5 ? 0.0 : style.y * unit, style.z * unit);
}
