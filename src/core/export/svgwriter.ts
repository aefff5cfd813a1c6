/**
 * A vector scene (`vectorscene.ts`) as an SVG document: groups with the ids and classes an
 * editor selects by, text as `<text>` in the bundled family, and the bundled font files that
 * the text needs as `@font-face` rules, so Inkscape, Illustrator or a browser shows the same
 * letters without the fonts installed. Every value is escaped, so no dataset text can become
 * markup.
 */
import { FONT_FILES, UI_FONT_FAMILY, type FontFile } from '../style/fonts.ts';
import type { Paint, VectorNode, VectorScene } from './vectorscene.ts';
import { fontFileCovers } from './textruns.ts';

/** A bundled font file and where the SVG reads it from (a `data:` URL or an address). */
export interface SvgFont {
  file: FontFile;
  url: string;
}

/** Text escaped for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The bundled files a scene's text needs: for each weight in use, the files whose
 * `unicode-range` covers one of its characters, in `FONT_FILES` order.
 */
export function fontFilesFor(scene: VectorScene): FontFile[] {
  const used = new Map<number, Set<number>>();
  const visit = (node: VectorNode) => {
    if (node.type === 'group') node.children.forEach(visit);
    if (node.type !== 'text') return;
    let points = used.get(node.weight);
    if (!points) used.set(node.weight, (points = new Set()));
    for (const char of node.text) points.add(char.codePointAt(0)!);
  };
  scene.nodes.forEach(visit);
  return FONT_FILES.filter((file) =>
    [...(used.get(file.weight) ?? [])].some((point) => fontFileCovers(file, point)),
  );
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function paintAttributes(paint: Paint): Record<string, string | number | undefined> {
  return {
    fill: paint.fill ?? 'none',
    stroke: paint.stroke,
    'stroke-width': paint.stroke ? paint.strokeWidth : undefined,
    'stroke-dasharray': paint.dash?.join(' '),
    'stroke-linecap': paint.cap,
    'stroke-linejoin': paint.join,
    opacity: paint.opacity,
  };
}

function nodeSvg(node: VectorNode, clips: string[]): string {
  switch (node.type) {
    case 'group': {
      let clip: string | undefined;
      if (node.clip) {
        clip = `clip-${clips.length + 1}`;
        const { x, y, width, height } = node.clip;
        clips.push(
          `<clipPath id="${clip}"><rect${attributes({ x, y, width, height })}/></clipPath>`,
        );
      }
      const open = `<g${attributes({
        id: node.id,
        class: node.className,
        'data-id': node.dataId,
        opacity: node.opacity,
        'clip-path': clip && `url(#${clip})`,
      })}>`;
      return `${open}${node.children.map((child) => nodeSvg(child, clips)).join('')}</g>\n`;
    }
    case 'rect':
      return `<rect${attributes({
        x: node.x,
        y: node.y,
        width: node.width,
        height: node.height,
        rx: node.radius,
        ...paintAttributes(node.paint),
      })}/>`;
    case 'circle':
      return `<circle${attributes({ cx: node.cx, cy: node.cy, r: node.r, ...paintAttributes(node.paint) })}/>`;
    case 'path':
      return `<path${attributes({
        id: node.id,
        class: node.className,
        'data-id': node.dataId,
        d: node.d,
        ...paintAttributes(node.paint),
      })}/>\n`;
    case 'text':
      return `<text${attributes({
        class: node.className,
        x: node.x,
        y: node.y,
        'font-size': node.size,
        'font-weight': node.weight === 600 ? 600 : undefined,
        fill: node.fill,
        // SVG's anchors follow the text's direction: right to left, `start` is the right edge.
        direction: node.rtl ? 'rtl' : undefined,
        'text-anchor': (node.anchor === 'end') !== Boolean(node.rtl) ? 'end' : undefined,
        opacity: node.opacity,
        stroke: node.halo?.color,
        'stroke-width': node.halo && node.halo.width * 2,
        'stroke-linejoin': node.halo && 'round',
        'paint-order': node.halo && 'stroke',
      })}>${escapeXml(node.text)}</text>\n`;
  }
}

/**
 * The scene as an SVG document of `scene.width` × `scene.height` CSS pixels. `fonts` are
 * declared as `@font-face` rules of the bundled family with their unicode ranges, so a
 * renderer picks each file for the characters it covers, as the page does.
 */
export function sceneToSvg(scene: VectorScene, fonts: readonly SvgFont[]): string {
  const clips: string[] = [];
  const body = scene.nodes.map((node) => nodeSvg(node, clips)).join('');
  const faces = fonts
    .map(
      ({ file, url }) =>
        `@font-face{font-family:"${UI_FONT_FAMILY}";font-style:normal;font-weight:${file.weight};` +
        `src:url(${url}) format("woff2");unicode-range:${file.unicodeRange.join(',')}}`,
    )
    .join('\n');
  const { width, height } = scene;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg"${attributes({
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': `"${UI_FONT_FAMILY}", sans-serif`,
    })}>\n` +
    `<title>${escapeXml(scene.title)}</title>\n` +
    `<defs>\n<style>\n${faces}\n</style>\n${clips.join('\n')}\n</defs>\n` +
    (scene.background
      ? `<rect id="background" width="${width}" height="${height}" fill="${scene.background}"/>\n`
      : '') +
    body +
    `</svg>\n`
  );
}
