import type { z } from 'zod';
import type { Language } from '#shared/kernel/language.ts';
import { CORRECTIVE_ACTION_MAX, MESSAGE_TO_REQUESTER_MAX, NOTE_MAX } from '../follow-up.schema.ts';
import { casePageWords } from './case-page-words.ts';

/**
 * What was wrong with a case-page form, in the page's language and in words a person
 * understands: one line per field, named by what the field is for (never `rootCause: …`
 * or zod's own wording), in the order of the form.
 */
export const caseFormErrors = (error: z.ZodError, language: Language): string[] => {
  const t = casePageWords[language].errors;
  const fields = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (fields.has(field)) continue;
    const tooBig = issue.code === 'too_big';
    const line =
      field === 'rootCause'
        ? t.rootCause
        : field === 'correctiveAction'
          ? tooBig
            ? t.correctiveActionTooLong(CORRECTIVE_ACTION_MAX)
            : t.correctiveAction
          : field === 'messageToRequester'
            ? tooBig
              ? t.messageTooLong(MESSAGE_TO_REQUESTER_MAX)
              : t.messageToRequester
            : field === 'note'
              ? tooBig
                ? t.noteTooLong(NOTE_MAX)
                : t.note
              : field === 'ownerEmail'
                ? t.ownerEmail
                : field === 'ownerName'
                  ? t.ownerName
                  : t.form;
    fields.set(field, line);
  }
  return [...new Set(fields.values())];
};
