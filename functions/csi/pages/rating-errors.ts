import type { z } from 'zod';
import ru from 'zod/v4/locales/ru.js';
import en from 'zod/v4/locales/en.js';
import type { Language } from '#shared/kernel/language.ts';
import { csiWords } from '../words.ts';

/** zod's own messages in the page's language, for what the words below do not name. */
export const ratingErrorMap = (language: Language) => (language === 'ru' ? ru() : en()).localeError;

type Field = keyof (typeof csiWords)['ru']['fieldErrors'];
const isField = (key: unknown): key is Field =>
  key === 'score' || key === 'comment' || key === 'reasons';

/**
 * One line per field that is wrong, in words a person understands ("Выберите оценку от 1
 * до 5."), never `score: …`: the known fields have their own sentence, anything else its
 * label and zod's message in the page's language (the parse ran with ratingErrorMap).
 */
export const ratingErrorLines = (language: Language, error: z.ZodError): string[] => {
  const t = csiWords[language];
  const lines = error.issues.map((issue) => {
    const field = issue.path[0];
    if (isField(field)) return t.fieldErrors[field];
    return issue.message;
  });
  return [...new Set(lines)];
};
