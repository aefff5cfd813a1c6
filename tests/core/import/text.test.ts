import { describe, expect, it } from 'vitest';
import { ChunkDecoder, decodeText } from '../../../src/core/import/text.ts';

/** UTF-16 bytes of a string, with a byte-order mark, as Excel's "Unicode text" writes. */
function utf16(text: string, bigEndian = false): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [hi, lo] = [code >> 8, code & 0xff];
    bytes.set(bigEndian ? [hi, lo] : [lo, hi], 2 + i * 2);
  }
  return bytes;
}

describe('decodeText', () => {
  it('reads UTF-16 LE and BE with a byte-order mark, and drops the mark', () => {
    expect(decodeText(utf16('title\tdate\nحمله\t2023'))).toEqual({
      text: 'title\tdate\nحمله\t2023',
      encoding: 'utf-16le',
    });
    expect(decodeText(utf16('Напад', true))).toEqual({ text: 'Напад', encoding: 'utf-16be' });
  });

  it('reads UTF-8 with and without a mark, and falls back to windows-1252', () => {
    const utf8 = new TextEncoder().encode('Türkiye');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text).toBe('Türkiye');
    expect(decodeText(utf8).text).toBe('Türkiye');
    expect(decodeText(new Uint8Array([0x54, 0xfc, 0x72]))).toEqual({
      text: 'Tür',
      encoding: 'windows-1252',
    });
    expect(decodeText('\uFEFFa,b').text).toBe('a,b');
  });

  it('decodes a file in chunks that split characters', () => {
    const bytes = utf16('Москва,Tehran');
    const decoder = new ChunkDecoder();
    let text = '';
    for (let i = 0; i < bytes.length; i += 3) text += decoder.decode(bytes.subarray(i, i + 3));
    text += decoder.end();
    expect(text).toBe('Москва,Tehran');
    expect(decoder.encoding).toBe('utf-16le');
  });
});
