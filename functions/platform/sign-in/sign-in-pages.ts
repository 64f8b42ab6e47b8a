import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { signInWords } from './words.ts';

export type SignInProblem =
  'failed' | 'bad-return-to' | 'no-role' | 'refused' | 'forbidden' | 'error';

const titles = (language: Language, problem: SignInProblem): [string, string] => {
  const t = signInWords[language];
  switch (problem) {
    case 'failed':
      return [t.failedTitle, t.failedBody];
    case 'bad-return-to':
      return [t.badReturnToTitle, t.badReturnToBody];
    case 'no-role':
      return [t.noRoleTitle, t.noRoleBody];
    case 'refused':
      return [t.refusedTitle, t.refusedBody];
    case 'forbidden':
      return [t.forbiddenTitle, t.forbiddenBody];
    case 'error':
      return [t.errorTitle, t.errorBody];
  }
};

/** A sign-in that could not go on, with a way to start again (a plain link: no script). */
export const signInProblemPage = (language: Language, problem: SignInProblem): string => {
  const [title, body] = titles(language, problem);
  return renderPage(
    language,
    title,
    html`<h1>${title}</h1>
      <p>${body}</p>
      <p><a href="/auth/sign-in">${signInWords[language].signInAgain}</a></p>`
  );
};

export const signedOutPage = (language: Language): string => {
  const t = signInWords[language];
  return renderPage(
    language,
    t.signedOutTitle,
    html`<h1>${t.signedOutTitle}</h1>
      <p>${t.signedOutBody}</p>
      <p><a href="/auth/sign-in">${t.signInAgain}</a></p>`
  );
};
