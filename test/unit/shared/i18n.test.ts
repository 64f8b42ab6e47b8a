import { describe, expect, it } from 'vitest';
import { dictionaries, languageOf, REASONS, ROOT_CAUSES } from '#shared/kernel/i18n.ts';

describe('Function: languageOf', () => {
  it.each([
    ['ru', 'en', 'ru'],
    ['ru-RU', 'en', 'ru'],
    ['en', 'ru', 'en'],
    ['en-GB', 'ru', 'en'],
    ['EN-us', 'ru', 'en'],
    ['de-DE', 'ru', 'ru'],
    ['de', 'en', 'en'],
    ['', 'en', 'en'],
    [undefined, 'ru', 'ru'],
    [null, 'en', 'en'],
  ] as const)('maps %j with fallback %s to %s', (locale, fallback, expected) => {
    // Act
    const language = languageOf(locale, fallback);

    // Assess
    expect(language).toBe(expected);
  });
});

describe('Constant: dictionaries', () => {
  it.each(['ru', 'en'] as const)('names every reason, root cause and score in %s', (lang) => {
    // Prepare
    const t = dictionaries[lang];

    // Assess
    expect(Object.keys(t.reasons).sort()).toEqual([...REASONS].sort());
    expect(Object.keys(t.rootCauses).sort()).toEqual([...ROOT_CAUSES].sort());
    expect(t.scoreLabels).toHaveLength(5);
  });
});
