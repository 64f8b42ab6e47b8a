import { html } from '../kernel/html.ts';
import type { Language } from '../kernel/language.ts';
import { errorList } from './error-list.ts';
import { renderPage } from './page-layout.ts';
import { sharedWords } from './words.ts';

export type ErrorKind = 'not-found' | 'gone' | 'bad-request' | 'busy' | 'error';

/**
 * The page of a link that leads nowhere, a closed survey, a bad answer, an answer that lost
 * to others sent at the same moment (send it again) or a failure.
 */
export const errorPage = (
  language: Language,
  kind: ErrorKind,
  details?: readonly string[]
): string => {
  const t = sharedWords[language];
  const [title, body] =
    kind === 'not-found'
      ? [t.notFoundTitle, t.notFoundBody]
      : kind === 'gone'
        ? [t.goneTitle, t.goneBody]
        : kind === 'bad-request'
          ? [t.badRequestTitle, '']
          : kind === 'busy'
            ? [t.busyTitle, t.busyBody]
            : [t.errorTitle, t.errorBody];
  return renderPage(
    language,
    title,
    html`<h1>${title}</h1>
      ${body ? html`<p>${body}</p>` : ''}${errorList(details)}`
  );
};
