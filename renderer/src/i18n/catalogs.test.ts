import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGUAGES } from '.';
import { en } from './en';

/** i18next's plural suffixes: a language may need more forms than English (Arabic has six). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (catalog: object): string[] => [...new Set(Object.keys(catalog).map((key) => key.replace(PLURAL, '')))].sort();
const variables = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();

describe('the catalogs', () => {
  it.each(LANGUAGES.map((language) => language.id))('%s has every key of English, and no other, none empty', (id) => {
    const catalog: Record<string, string> = CATALOGS[id];
    expect(baseKeys(catalog)).toEqual(baseKeys(en));
    expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it.each(LANGUAGES.map((language) => language.id))("%s's texts fill in the same values as English's ({{count}}, {{duration}}…)", (id) => {
    const catalog: Record<string, string> = CATALOGS[id];
    const english: Record<string, string> = en;
    const wrong = Object.entries(catalog).flatMap(([key, text]) => {
      const source = english[key] ?? english[`${key.replace(PLURAL, '')}_other`] ?? '';
      // A plural form may leave the count to its words ("one action", Arabic "two actions").
      const expected = variables(source).filter((name) => !(PLURAL.test(key) && name === 'count'));
      const actual = variables(text).filter((name) => !(PLURAL.test(key) && name === 'count'));
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${key}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
    });
    expect(wrong).toEqual([]);
  });
});
