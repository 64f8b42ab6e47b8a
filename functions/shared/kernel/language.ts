/**
 * The languages of every mail and page. A locale such as `ru-RU` or `en-GB` maps to its
 * language; anything else falls back to the default.
 */
export type Language = 'ru' | 'en';

export const languageOf = (locale: string | undefined | null, fallback: Language): Language => {
  const lang = locale?.slice(0, 2).toLowerCase();
  return lang === 'ru' || lang === 'en' ? lang : fallback;
};
