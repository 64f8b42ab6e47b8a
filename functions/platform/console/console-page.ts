import type { Principal } from '#shared/access/principal.ts';
import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { signInWords } from '../sign-in/words.ts';

/**
 * The console's home: who is signed in, their role and units in words, and the sign-out
 * form (a POST with the session's CSRF token: a link would let any page sign them out).
 */
export const consolePage = (
  language: Language,
  principal: Principal,
  csrfToken: string | undefined
): string => {
  const t = signInWords[language];
  const units =
    principal.units === 'all'
      ? t.allUnits
      : principal.units.length === 0
        ? t.noUnits
        : principal.units.join(', ');
  return renderPage(
    language,
    t.consoleTitle,
    html`<h1>${t.consoleTitle}</h1>
      <h2>${t.signedInAs}</h2>
      <dl>
        <dt>${t.name}</dt>
        <dd data-testid="who">${principal.name}</dd>
        <dt>${t.email}</dt>
        <dd>${principal.email}</dd>
        <dt>${t.role}</dt>
        <dd data-testid="role">${t.roles[principal.role]}</dd>
        <dt>${t.units}</dt>
        <dd data-testid="units">${units}</dd>
      </dl>
      <h2>${t.csiHeading}</h2>
      ${
        principal.role === 'case-owner'
          ? html`<p class="muted">${t.csiNotForRole}</p>`
          : html`<p><a href="/console/csi">${t.csiLink}</a></p>`
      }
      <form method="post" action="/auth/sign-out">
        <input type="hidden" name="_csrf" value="${csrfToken ?? ''}" />
        <button type="submit" class="secondary">${t.signOut}</button>
      </form>`
  );
};
