/**
 * A vector scene (`src/core/export/vectorscene.ts`) as a PDF page, with pdf-lib: shapes as
 * PDF paths, text as real text in subsets of the bundled fonts (fontkit shapes Arabic script
 * and lays it right to left), so the text can be searched, copied and edited. Runs in the
 * browser and in Node alike; the page loads it only when a PDF is asked for.
 *
 * The file has no dates, producer or random names: the same scene gives the same bytes.
 */
import {
  clip,
  concatTransformationMatrix,
  endPath,
  LineCapStyle,
  LineJoinStyle,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setLineJoin,
  type Color,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { FontFile } from '../core/style/fonts.ts';
import { textRuns } from '../core/export/textruns.ts';
import {
  POINTS_PER_PIXEL,
  type Paint,
  type TextNode,
  type VectorNode,
  type VectorScene,
} from '../core/export/vectorscene.ts';

/** What a PDF is made with. */
export interface PdfOptions {
  /**
   * Page size in points; the scene is scaled to fill it. By default the page is the scene's
   * size at 0.75 points per CSS pixel.
   */
  page?: { width: number; height: number };
  /** The WOFF bytes of a bundled font file (see `woffFileOf`). */
  loadFont: (file: FontFile) => Promise<Uint8Array>;
}

function color(hex: string): Color {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

/** pdf-lib's fill and stroke options for a paint, with a group's opacity folded in. */
function paintOptions(paint: Paint, opacity: number) {
  const alpha = (paint.opacity ?? 1) * opacity;
  return {
    ...(paint.fill ? { color: color(paint.fill), opacity: alpha } : {}),
    ...(paint.stroke
      ? {
          borderColor: color(paint.stroke),
          borderWidth: paint.strokeWidth ?? 1,
          borderOpacity: alpha,
          ...(paint.dash ? { borderDashArray: [...paint.dash] } : {}),
          ...(paint.cap
            ? { borderLineCap: paint.cap === 'round' ? LineCapStyle.Round : LineCapStyle.Butt }
            : {}),
        }
      : {}),
  };
}

/** A rectangle with rounded corners as SVG path data. */
function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  return (
    `M${x + r} ${y}H${x + w - r}A${r} ${r} 0 0 1 ${x + w} ${y + r}V${y + h - r}` +
    `A${r} ${r} 0 0 1 ${x + w - r} ${y + h}H${x + r}A${r} ${r} 0 0 1 ${x} ${y + h - r}` +
    `V${y + r}A${r} ${r} 0 0 1 ${x + r} ${y}Z`
  );
}

/** Draws scene nodes on a page whose user space is CSS pixels, y up from the bottom. */
class PageWriter {
  readonly #page: PDFPage;
  readonly #height: number;
  readonly #font: (file: FontFile) => Promise<PDFFont>;

  constructor(page: PDFPage, height: number, font: (file: FontFile) => Promise<PDFFont>) {
    this.#page = page;
    this.#height = height;
    this.#font = font;
  }

  async draw(node: VectorNode, opacity: number): Promise<void> {
    const page = this.#page;
    const top = this.#height;
    switch (node.type) {
      case 'group': {
        const alpha = opacity * (node.opacity ?? 1);
        if (node.clip) {
          const { x, y, width, height } = node.clip;
          page.pushOperators(
            pushGraphicsState(),
            rectangle(x, top - y - height, width, height),
            clip(),
            endPath(),
          );
        }
        for (const child of node.children) await this.draw(child, alpha);
        if (node.clip) page.pushOperators(popGraphicsState());
        return;
      }
      case 'rect':
        page.drawSvgPath(
          node.radius
            ? roundedRect(node.x, node.y, node.width, node.height, node.radius)
            : `M${node.x} ${node.y}h${node.width}v${node.height}h${-node.width}Z`,
          { x: 0, y: top, ...paintOptions(node.paint, opacity) },
        );
        return;
      case 'circle':
        page.drawCircle({
          x: node.cx,
          y: top - node.cy,
          size: node.r,
          ...paintOptions(node.paint, opacity),
        });
        return;
      case 'path':
        page.pushOperators(pushGraphicsState(), setLineJoin(LineJoinStyle.Round));
        page.drawSvgPath(node.d, { x: 0, y: top, ...paintOptions(node.paint, opacity) });
        page.pushOperators(popGraphicsState());
        return;
      case 'text':
        await this.#text(node, opacity);
        return;
    }
  }

  async #text(node: TextNode, opacity: number): Promise<void> {
    const runs = await Promise.all(
      textRuns(node.text, node.weight, node.rtl).map(async (run) => {
        const font = await this.#font(run.file);
        return { ...run, font, width: font.widthOfTextAtSize(run.text, node.size) };
      }),
    );
    const total = runs.reduce((sum, run) => sum + run.width, 0);
    let x = node.anchor === 'end' ? node.x - total : node.x;
    for (const run of runs) {
      this.#page.drawText(run.text, {
        x,
        y: this.#height - node.y,
        size: node.size,
        font: run.font,
        color: color(node.fill),
        opacity: opacity * (node.opacity ?? 1),
      });
      x += run.width;
    }
  }
}

/**
 * The scene as a one-page PDF. Fonts are embedded as subsets of the files the text uses, each
 * named after its file, and the document carries no creation date or producer, so the same
 * scene and options give the same bytes.
 */
export async function sceneToPdf(scene: VectorScene, options: PdfOptions): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.registerFontkit(fontkit);
  document.setTitle(scene.title, { showInWindowTitleBar: true });
  const page = options.page ?? {
    width: scene.width * POINTS_PER_PIXEL,
    height: scene.height * POINTS_PER_PIXEL,
  };
  const pdfPage = document.addPage([page.width, page.height]);
  pdfPage.pushOperators(
    concatTransformationMatrix(page.width / scene.width, 0, 0, page.height / scene.height, 0, 0),
  );
  const fonts = new Map<string, Promise<PDFFont>>();
  // Fonts are embedded one after another in order of first use: their object numbers, and so
  // the bytes, must not depend on which file happens to load first.
  let queue: Promise<unknown> = Promise.resolve();
  const font = (file: FontFile) => {
    let embedded = fonts.get(file.file);
    if (!embedded) {
      const bytes = options.loadFont(file);
      embedded = queue.then(async () =>
        document.embedFont(await bytes, {
          subset: true,
          customName: `TensionMap-${file.file.replace(/\.woff2?$/, '')}`,
        }),
      );
      queue = embedded;
      fonts.set(file.file, embedded);
    }
    return embedded;
  };
  const writer = new PageWriter(pdfPage, scene.height, font);
  if (scene.background) {
    await writer.draw(
      {
        type: 'rect',
        x: 0,
        y: 0,
        width: scene.width,
        height: scene.height,
        paint: { fill: scene.background },
      },
      1,
    );
  }
  for (const node of scene.nodes) await writer.draw(node, 1);
  return document.save({ useObjectStreams: false });
}
