/**
 * Bytes to text for imported tables: the encodings spreadsheets actually write.
 *
 * Excel saves "CSV UTF-8" with a byte-order mark, plain "CSV" in the Windows code page of
 * the machine (windows-1252 in Western Europe and the Americas) and "Unicode text" as
 * UTF-16 little-endian with a mark. A file is read as the encoding its byte-order mark
 * names, else as UTF-8 when it is valid UTF-8, else as windows-1252, which decodes every
 * byte: an import never fails on encoding, and a wrong guess shows as odd letters in the
 * titles rather than as lost rows.
 */

/** The encodings an imported file is read as. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded text and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * The encoding named by the byte-order mark at the start of `bytes`, and the mark's length
 * in bytes; `undefined` when there is no mark.
 */
export function encodingFromBom(
  bytes: Uint8Array,
): { encoding: TextEncodingName; bomLength: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return undefined;
}

/**
 * Guesses the encoding of a file from its first bytes (a few kilobytes are enough): the
 * byte-order mark when there is one, else UTF-8 when the bytes are valid UTF-8 (an
 * incomplete character cut at the end of the sample is allowed), else windows-1252.
 */
export function sniffEncoding(head: Uint8Array): TextEncodingName {
  const bom = encodingFromBom(head);
  if (bom) return bom.encoding;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Decodes a whole file to text, dropping its byte-order mark. A string is taken as already
 * decoded (text pasted from a spreadsheet) and only loses a leading mark. Never throws.
 */
export function decodeText(input: Uint8Array | string): DecodedText {
  if (typeof input === 'string') {
    return { text: input.startsWith('\uFEFF') ? input.slice(1) : input, encoding: 'utf-8' };
  }
  const bom = encodingFromBom(input);
  if (bom) {
    const text = new TextDecoder(bom.encoding).decode(input.subarray(bom.bomLength));
    return { text, encoding: bom.encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(input), encoding: 'windows-1252' };
  }
}

/**
 * A decoder for a file read in chunks: feed each chunk to `decode` and call `end` once;
 * the encoding is settled on the first chunk (its byte-order mark, or whether it is valid
 * UTF-8) and characters split across chunks come out whole.
 */
export class ChunkDecoder {
  #decoder: TextDecoder | undefined;
  #encoding: TextEncodingName = 'utf-8';

  /** The encoding the file is being read as (settled by the first chunk). */
  get encoding(): TextEncodingName {
    return this.#encoding;
  }

  /** The text of the next chunk of bytes. */
  decode(chunk: Uint8Array): string {
    if (!this.#decoder) {
      this.#encoding = sniffEncoding(chunk);
      // ignoreBOM: false makes the decoder drop the mark itself.
      this.#decoder = new TextDecoder(this.#encoding);
    }
    return this.#decoder.decode(chunk, { stream: true });
  }

  /** The text of any bytes still held back at the end of the file. */
  end(): string {
    return this.#decoder ? this.#decoder.decode() : '';
  }
}
