#version 300 es
// Defined by the layer (`createProgram`): FADE_DAYS, FADED_OPACITY, OUTLINE_WIDTH,
// SELECTED_OUTLINE_WIDTH (floats).
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
layout(location = 3) in float a_shown;        // 1 where the incident passes the filters
out vec4 v_color;
out vec4 v_style;
out float v_outer;
out float v_opacity;
out float v_outline;
void main() {
  bool shown = a_shown > 0.5 && a_place_time.z <= u_day && a_place_time.w >= u_since;
  if (!shown) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  float age = clamp(u_day - a_place_time.w, 0.0, FADE_DAYS);
  v_opacity = 1.0 - u_fading * (1.0 - FADED_OPACITY) * age / FADE_DAYS;
  v_outline = float(gl_VertexID) == u_selected ? SELECTED_OUTLINE_WIDTH : OUTLINE_WIDTH;
  v_outer = max(a_style.x + v_outline + 1.0, a_style.y);
  v_color = a_color;
  v_style = a_style;
  gl_PointSize = 2.0 * v_outer * u_pixel_ratio;
  gl_Position = u_matrix * vec4(a_place_time.x + u_offset, a_place_time.y, 0.0, 1.0);
}
