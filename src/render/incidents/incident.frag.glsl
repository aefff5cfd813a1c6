#version 300 es
// Defined by the layer (`createProgram`): HALO_OPACITY, DISPUTED_DOT (floats).
precision highp float;
uniform vec3 u_outline;   // the theme's outline, also the disputed dot
uniform vec3 u_centre;    // the theme's status centre
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
    float halo = HALO_OPACITY * (1.0 - smoothstep(v_style.y * 0.3, v_style.y, r));
    color = vec4(v_color.rgb * halo, halo);
  }
  float inside = 1.0 - smoothstep(radius + v_outline - 0.5, radius + v_outline + 0.5, r);
  if (inside > 0.0) {
    vec3 outline = u_outline;
    float fill = 1.0 - smoothstep(radius - 0.5, radius + 0.5, r);
    vec3 rgb = mix(outline, v_color.rgb, fill);
    float centre = v_style.z * radius;
    if (centre > 0.0) rgb = mix(rgb, u_centre, 1.0 - smoothstep(centre - 0.5, centre + 0.5, r));
    float dot_radius = radius * DISPUTED_DOT;
    if (v_style.w > 0.5) rgb = mix(rgb, outline, 1.0 - smoothstep(dot_radius - 0.5, dot_radius + 0.5, r));
    color = over(vec4(rgb * inside, inside), color);
  }
  if (color.a <= 0.0) discard;
  fragColor = color * v_opacity;
}
