import { describe, expect, it } from 'vitest';
import {
  allTexts,
  localText,
  primarySubtag,
  textIn,
  textLanguages,
} from '../../../src/core/i18n/localtext.ts';

const title = {
  en: 'Gunman attacks the embassy',
  fa: 'حمله به سفارت',
  'az-Latn': 'Səfirliyə hücum',
};

describe('localText', () => {
  it('returns plain text as it is, whatever the language', () => {
    expect(localText('Embassy attack', 'fa', 'en')).toBe('Embassy attack');
    expect(localText(undefined, 'fa', 'en')).toBeUndefined();
  });

  it('picks the exact tag, then its shorter forms, then a tag of the same language', () => {
    expect(localText(title, 'fa', 'en')).toBe('حمله به سفارت');
    expect(localText(title, 'fa-IR', 'en')).toBe('حمله به سفارت');
    expect(localText(title, 'FA', 'en')).toBe('حمله به سفارت');
    expect(localText(title, 'az', 'en')).toBe('Səfirliyə hücum');
    expect(localText(title, 'az-Latn-AZ', 'en')).toBe('Səfirliyə hücum');
    expect(localText({ az: 'Hücum', 'az-Cyrl': 'Һүҹум' }, 'az-Latn', 'en')).toBe('Hücum');
    expect(localText({ 'az-Latn': 'Hücum', 'az-Cyrl': 'Һүҹум' }, 'az-Cyrl', 'en')).toBe('Һүҹум');
  });

  it("falls back to the dataset's default language, then to any text", () => {
    expect(localText(title, 'ru', 'en')).toBe('Gunman attacks the embassy');
    expect(localText(title, 'ru', 'fa')).toBe('حمله به سفارت');
    expect(localText({ fa: 'حمله', tr: 'Saldırı' }, 'ru', 'en')).toBe('حمله');
    expect(localText({ fa: 'حمله', tr: 'Saldırı' }, 'ru')).toBe('حمله');
  });
});

describe('textIn', () => {
  it('finds text only in the language asked for, plain text only in its own language', () => {
    expect(textIn(title, 'ru')).toBeUndefined();
    expect(textIn(title, 'az')).toBe('Səfirliyə hücum');
    expect(textIn('Embassy attack', 'en')).toBeUndefined();
    expect(textIn('Embassy attack', 'en', 'en-GB')).toBe('Embassy attack');
    expect(textIn('Embassy attack', 'fa', 'en')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('lists every text and every tag of a value', () => {
    expect(allTexts(title)).toHaveLength(3);
    expect(allTexts('x')).toEqual(['x']);
    expect(allTexts(undefined)).toEqual([]);
    expect(textLanguages(title)).toEqual(['en', 'fa', 'az-Latn']);
    expect(textLanguages('x')).toEqual([]);
    expect(primarySubtag('az-Latn')).toBe('az');
  });
});
