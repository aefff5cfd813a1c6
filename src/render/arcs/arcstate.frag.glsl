#version 300 es
// The state pass: one fragment per line writes the stance of its stretch in effect on u_day
// (red: index / 255, 1 when none is) and whether its pair is selected (green). The segments
// then read one texel each instead of searching the stretches per vertex, which a software
// GPU runs many times slower.
// Defined by the layer (`createProgram`): TEXTURE_WIDTH, ROW_BITS (ints).
precision highp float;
precision highp int;
uniform highp sampler2D u_lines;       // a texel a line: first stretch, number of stretches
uniform highp sampler2D u_stretches;   // a texel a stretch: first day, end day, stance, pair
uniform int u_line_count;
uniform float u_day;
uniform float u_selected;
out vec4 state;
vec4 texel(highp sampler2D data, int i) {
  return texelFetch(data, ivec2(i & (TEXTURE_WIDTH - 1), i >> ROW_BITS), 0);
}
void main() {
  int line = int(gl_FragCoord.y) * TEXTURE_WIDTH + int(gl_FragCoord.x);
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
}
