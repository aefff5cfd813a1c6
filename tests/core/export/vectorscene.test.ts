import { DOMParser } from '@xmldom/xmldom';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { fontFilesFor, sceneToSvg } from '../../../src/core/export/svgwriter.ts';
import { textRuns, woffFileOf } from '../../../src/core/export/textruns.ts';
import { PAGE_SIZES, type VectorNode } from '../../../src/core/export/vectorscene.ts';
import { sceneToPdf } from '../../../src/export/pdf.ts';
import { builtInScene, fontBytes } from './vectorfixture.ts';
import { loadMessages } from '../../../src/i18n/catalogues.ts';
import { speakerFor } from '../../../src/i18n/speaker.ts';

function svgOf(scene: ReturnType<typeof builtInScene>): string {
  const fonts = fontFilesFor(scene).map((file) => ({
    file,
    url: `data:font/woff2;base64,${Buffer.from(fontBytes(file.file)).toString('base64')}`,
  }));
  return sceneToSvg(scene, fonts);
}

function pdfOf(scene: ReturnType<typeof builtInScene>): Promise<Uint8Array> {
  return sceneToPdf(scene, {
    page: PAGE_SIZES.a4,
    loadFont: async (file) => fontBytes(woffFileOf(file)),
  });
}

async function pdfText(bytes: Uint8Array) {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const page = await document.getPage(1);
  const content = await page.getTextContent();
  return { view: page.view, text: content.items.map((item) => ('str' in item ? item.str : '')) };
}

function incidentGroups(nodes: readonly VectorNode[]): string[] {
  return nodes.flatMap((node) =>
    node.type !== 'group'
      ? []
      : node.className.startsWith('incident ')
        ? [node.dataId!]
        : incidentGroups(node.children),
  );
}

describe('vector exports of the built-in dataset on A4', () => {
  const scene = builtInScene();

  it('draws the incidents shown on the day and no later one', () => {
    const drawn = incidentGroups(scene.nodes);
    expect(drawn.length).toBeGreaterThan(3);
    // 27 Jan 2023: the Tehran embassy attack is drawn, nothing from after that day.
    expect(drawn.some((id) => /embassy|tehran/i.test(id))).toBe(true);
    const later = builtInScene({ date: '2022-08-01' });
    expect(incidentGroups(later.nodes).length).toBeLessThan(drawn.length);
  });

  it('writes an SVG that parses, with the title as text and one element per incident', () => {
    const svg = svgOf(scene);
    const errors: string[] = [];
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(svg, 'image/svg+xml');
    expect(errors).toEqual([]);
    const texts = Array.from(document.getElementsByTagName('text'));
    const title = texts.find((t) => t.getAttribute('class') === 'title');
    expect(title?.textContent).toBe('Azerbaijan, Iran and Israel, 2022–2023');
    const groups = Array.from(document.getElementsByTagName('g')).filter((g) =>
      (g.getAttribute('class') ?? '').startsWith('incident '),
    );
    expect(groups.map((g) => g.getAttribute('data-id'))).toEqual(incidentGroups(scene.nodes));
    expect(svg).toContain('@font-face{font-family:"Tension Map UI"');
    expect(svgOf(builtInScene())).toBe(svg);
    expect(svg.length).toBeLessThan(2_000_000);
  });

  it('escapes dataset text rather than writing it as markup', () => {
    const svg = svgOf(builtInScene({ title: '<script>alert(1)</script> & co' }));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
  });

  it('writes an A4 PDF with extractable text, the same bytes twice, well under 2 MB', async () => {
    const bytes = await pdfOf(scene);
    const again = await pdfOf(builtInScene());
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
    expect(bytes.length).toBeLessThan(1_000_000);
    const { view, text } = await pdfText(bytes);
    expect(view).toEqual([0, 0, 595.28, 841.89]);
    expect(text).toContain('Azerbaijan, Iran and Israel, 2022–2023');
    expect(text).toContain('27 Jan 2023');
    expect(text).toContain('Basemap: Natural Earth');
    expect(text).toContain('Hostility');
  });

  it('sets Persian labels in Vazirmatn and reads them back as Persian', async () => {
    const persian = builtInScene({ lang: 'fa' });
    const { text } = await pdfText(await pdfOf(persian));
    // ایران: Iran's label in the Persian basemap.
    expect(text.join(' ')).toContain('ایران');
  });
});

describe('vector exports in Hebrew, right to left', async () => {
  const hebrew = speakerFor(await loadMessages('he'));
  const title = 'ישראל איראן ואזרבייג׳ן';
  const scene = builtInScene({ speaker: hebrew, title });

  it('embeds the bundled Noto Sans Hebrew in the PDF and reads the Hebrew back', async () => {
    const bytes = await pdfOf(scene);
    const latin1 = Buffer.from(bytes).toString('latin1');
    // The title is semibold, the legend's labels regular: both Hebrew files, subset.
    expect(latin1).toMatch(/\/BaseFont \/TensionMap-noto-sans-hebrew-hebrew-600-normal/);
    expect(latin1).toMatch(/\/BaseFont \/TensionMap-noto-sans-hebrew-hebrew-400-normal/);
    const { text } = await pdfText(bytes);
    expect(text).toContain(title);
    expect(text).toContain(hebrew.t('stance.hostility'));
  });

  it('declares the Hebrew files in the SVG, and sets the words right to left', () => {
    const svg = svgOf(scene);
    expect(fontFilesFor(scene).map((f) => f.file)).toContain(
      'noto-sans-hebrew-hebrew-600-normal.woff2',
    );
    expect(svg).toContain('unicode-range:U+0590-05FF,U+FB1D-FB4F,U+20AA');
    const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const title = Array.from(document.getElementsByTagName('text')).find(
      (t) => t.getAttribute('class') === 'title',
    )!;
    expect(title.getAttribute('direction')).toBe('rtl');
    // Anchored at its start, which right to left is its right edge, near the image's.
    expect(title.getAttribute('text-anchor')).toBeNull();
    expect(Number(title.getAttribute('x'))).toBeGreaterThan(scene.width - 40);
  });

  it('draws each legend swatch to the right of its label, the legend in the top right', () => {
    const document = new DOMParser().parseFromString(svgOf(scene), 'image/svg+xml');
    const legend = Array.from(document.getElementsByTagName('g')).find(
      (g) => g.getAttribute('id') === 'legend',
    )!;
    const panel = legend.getElementsByTagName('rect')[0]!;
    const panelX = Number(panel.getAttribute('x'));
    const panelWidth = Number(panel.getAttribute('width'));
    expect(panelX + panelWidth / 2).toBeGreaterThan(scene.width / 2);
    const labels = Array.from(legend.getElementsByTagName('text')).filter(
      (t) => t.getAttribute('class') === 'legend-label',
    );
    const marks = Array.from(legend.getElementsByTagName('circle'));
    expect(labels.length).toBeGreaterThan(3);
    for (const label of labels) {
      const x = Number(label.getAttribute('x'));
      const y = Number(label.getAttribute('y'));
      // The label's start (its right edge) is left of the marks on its row.
      expect(label.getAttribute('direction')).toBe('rtl');
      expect(label.getAttribute('text-anchor')).toBeNull();
      const row = marks.filter((m) => Math.abs(Number(m.getAttribute('cy')) - (y - 4)) < 8);
      for (const mark of row) expect(Number(mark.getAttribute('cx'))).toBeGreaterThan(x);
    }
    const english = new DOMParser().parseFromString(svgOf(builtInScene()), 'image/svg+xml');
    const first = Array.from(english.getElementsByTagName('text')).find(
      (t) => t.getAttribute('class') === 'legend-label',
    )!;
    expect(first.getAttribute('direction')).toBeNull();
  });
});

describe('textRuns', () => {
  it('sets Hebrew in the bundled Noto Sans Hebrew, right to left', () => {
    expect(textRuns('ירושלים תל אביב', 400).map((r) => [r.text, r.file.file, r.rtl])).toEqual([
      ['ירושלים תל אביב', 'noto-sans-hebrew-hebrew-400-normal.woff2', true],
    ]);
    // A line of a right-to-left image that starts with a Latin name still reads right to left.
    expect(textRuns('OSM ישראל', 400, true).map((r) => r.text)).toEqual(['ישראל', ' ', 'OSM']);
  });

  it('keeps a Latin line as one run in the Latin file', () => {
    const runs = textRuns('Tehran attack', 400);
    expect(runs.map((r) => [r.text, r.file.subset, r.rtl])).toEqual([
      ['Tehran attack', 'latin', false],
    ]);
  });

  it('puts Persian words with the spaces between them in one right-to-left Vazirmatn run', () => {
    const runs = textRuns('تهران ایران', 600);
    expect(runs.map((r) => [r.text, r.file.file, r.rtl])).toEqual([
      ['تهران ایران', 'vazirmatn-arabic-600-normal.woff2', true],
    ]);
  });

  it('orders mixed lines by their first strong letter', () => {
    expect(textRuns('Iran ایران', 400).map((r) => r.text)).toEqual(['Iran ', 'ایران']);
    // A right-to-left line: the space after ایران is drawn left of it, by its font.
    expect(textRuns('ایران Iran', 400).map((r) => r.text)).toEqual(['Iran', 'ایران ']);
    expect(textRuns('Zürich Москва', 400).map((r) => r.file.subset)).toEqual(['latin', 'cyrillic']);
  });
});
