import { describe, expect, it } from 'vitest';
import { languageOf } from '#shared/kernel/language.ts';

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
