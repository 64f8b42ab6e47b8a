import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { LOCAL_PEOPLE, type LocalPerson } from '#local/oidc/local-people.ts';

/** The seeded people of the local OIDC provider (local/oidc/local-people.ts), by role. */
export const PEOPLE = {
  admin: LOCAL_PEOPLE[0],
  quality: LOCAL_PEOPLE[1],
  cfo: LOCAL_PEOPLE[2],
  hr: LOCAL_PEOPLE[3],
  owner: LOCAL_PEOPLE[4],
} as const;

/**
 * Signs a seeded person in through the real flow in Chromium: the app's /auth/sign-in, the
 * local provider's login form, the callback, and back at `returnTo` (default /console).
 * The page's context then holds the session cookie. The page should be in a context of its
 * own: the provider's own session (a cookie of the same host) would sign the next person
 * in as this one without asking.
 */
export const signIn = async (
  page: Page,
  person: LocalPerson,
  apiUrl: string = inject('runtime').apiUrl,
  returnTo = '/console'
): Promise<void> => {
  await page.goto(`${apiUrl}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.fill('#login', person.email);
  await page.fill('#password', person.password);
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(`${apiUrl}${returnTo}`)),
    page.click('button[type=submit]'),
  ]);
};

/** The session cookie of a signed-in page's context, as a Cookie header value. */
export const sessionCookieHeader = async (page: Page): Promise<string> => {
  const cookies = await page.context().cookies();
  return cookies
    .filter((c) => c.name.endsWith('otklik_session') || c.name.endsWith('otklik_csrf'))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
};
