#version 300 es
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
}
