import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { scanTable } from '../helpers/scan-table.ts';
import { PEOPLE, sessionCookieHeader, signIn } from '../helpers/sign-in.ts';
import { documents, runtime } from './clients.ts';

/*
 * Sign-in over real HTTP against the local OIDC provider (docs/sign-in.md), in one Chromium:
 * each seeded person through the real flow, then what a session, a forged or expired
 * cookie, a bearer JWT and a replayed callback get. Few page loads: the rest is fetch.
 */
const api = runtime.apiUrl;
const CSI = `${api}/v1/metrics/csi?from=2026-01-01&to=2026-01-31`;
const ROLE_WORDS = {
  admin: 'Администратор',
  'quality-manager': 'Менеджер по качеству',
  'unit-viewer': 'Представитель подразделения',
  'case-owner': 'Ответственный за обращения',
} as const;

const itemsWithPrefix = async (prefix: string) =>
  (await scanTable(documents, runtime.tableName)).filter(
    (item) => typeof item.pk === 'string' && item.pk.startsWith(prefix)
  );

const machineToken = async (): Promise<string> => {
  const discovery = (await (
    await fetch(`${runtime.oidc.issuer}/.well-known/openid-configuration`)
  ).json()) as { token_endpoint: string };
  const { id, secret } = runtime.oidc.machineClient;
  const answer = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: runtime.oidc.scope,
      resource: runtime.oidc.resource,
    }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
};

describe('Sign-in through the local OIDC provider (Chromium)', () => {
  let browser: Browser;
  const pages: Page[] = [];
  const callbacks: string[] = [];

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    page.on('request', (request) => {
      if (request.url().startsWith(`${api}/auth/callback`)) callbacks.push(request.url());
    });
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(Object.values(PEOPLE).map((person) => [person.title, person] as const))(
    '%s signs in and lands on the console, seeing their name and role',
    async (_title, person) => {
      const page = await newPage();

      await signIn(page, person, api);

      expect(await page.textContent('[data-testid=who]')).toBe(person.name);
      expect(await page.textContent('[data-testid=role]')).toBe(ROLE_WORDS[person.role]);
      const units = await page.textContent('[data-testid=units]');
      if (person.role === 'unit-viewer') expect(units).toBe(person.units.join(', '));
      else expect(units).toBe('Все подразделения');
      if (person === PEOPLE.cfo) await expectNoSeriousAxeViolations(page, 'the console');
    }
  );

  it('sends an unsigned visitor of /console to sign in, and back there after', async () => {
    const page = await newPage();

    await page.goto(`${api}/console`);

    expect(page.url()).toMatch(new RegExp(`^${runtime.oidc.issuer}/interaction/`));
    await expectNoSeriousAxeViolations(page, 'the login form');
    await page.fill('#login', PEOPLE.quality.email);
    await page.fill('#password', 'wrong-password');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('Неверная почта или пароль');
    await page.fill('#password', PEOPLE.quality.password);
    await Promise.all([page.waitForURL(`${api}/console`), page.click('button[type=submit]')]);
    expect(await page.textContent('[data-testid=who]')).toBe(PEOPLE.quality.name);
  });

  it('serves the API to a session, and signs out only with the CSRF token', async () => {
    const page = await newPage();
    await signIn(page, PEOPLE.admin, api);
    const cookie = await sessionCookieHeader(page);

    const before = await fetch(CSI, { headers: { cookie } });
    const signOutWith = (body: string) =>
      fetch(`${api}/auth/sign-out`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    const without = await signOutWith('');
    const forged = await signOutWith('_csrf=not-the-token');
    const stillIn = await fetch(CSI, { headers: { cookie } });

    expect(before.status).toBe(200);
    expect([without.status, forged.status]).toEqual([403, 403]);
    expect(await forged.text()).toContain('Действие не выполнено');
    expect(stillIn.status).toBe(200);

    await Promise.all([page.waitForURL(`${api}/auth/signed-out`), page.click('text=Выйти')]);
    expect(await page.textContent('h1')).toBe('Вы вышли');
    await expectNoSeriousAxeViolations(page, 'the signed-out page');
    expect(await sessionCookieHeader(page)).toBe('');

    const after = await fetch(CSI, { headers: { cookie } });
    const console = await fetch(`${api}/console`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(401);
    expect(console.status).toBe(303);
    expect(console.headers.get('location')).toBe('/auth/sign-in?returnTo=%2Fconsole');
  });

  it('refuses an expired session and a forged cookie', async () => {
    const page = pages[2] ?? (await newPage());
    const cookie = await sessionCookieHeader(page);
    const sessionId = /otklik_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect(sessionId).not.toBe('');
    await documents.send(
      new UpdateCommand({
        TableName: runtime.tableName,
        Key: {
          pk: `SESSION#${createHash('sha256').update(sessionId).digest('hex')}`,
          sk: 'SESSION',
        },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
        ConditionExpression: 'attribute_exists(pk)',
      })
    );

    const expired = await fetch(CSI, { headers: { cookie } });
    const forged = await fetch(CSI, {
      headers: { cookie: `otklik_session=${'A'.repeat(43)}` },
    });
    const expiredPage = await fetch(`${api}/console`, { headers: { cookie }, redirect: 'manual' });

    expect(expired.status).toBe(401);
    expect(forged.status).toBe(401);
    expect(expiredPage.status).toBe(303);
  });

  it('fails a replayed callback with a page, writing no session', async () => {
    const replayed = callbacks[0];
    expect(replayed).toBeDefined();
    const sessions = (await itemsWithPrefix('SESSION#')).length;

    const answer = await fetch(replayed ?? '', { redirect: 'manual' });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(await answer.text()).toContain('Не удалось войти');
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(await itemsWithPrefix('SESSION#')).toHaveLength(sessions);
  });

  it('refuses an open redirect in returnTo, writing nothing', async () => {
    const pending = (await itemsWithPrefix('SIGNIN#')).length;

    const answers = await Promise.all(
      ['//evil.example/console', 'https://evil.example/', '/\\evil.example'].map((target) =>
        fetch(`${api}/auth/sign-in?returnTo=${encodeURIComponent(target)}`, {
          redirect: 'manual',
          headers: { 'accept-language': 'en' },
        })
      )
    );

    expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    expect(await answers[0]?.text()).toContain('Invalid sign-in link');
    expect(await itemsWithPrefix('SIGNIN#')).toHaveLength(pending);
    const page = await newPage();
    await page.goto(`${api}/auth/sign-in?returnTo=${encodeURIComponent('//evil.example/')}`);
    expect(await page.textContent('h1')).toBe('Неверная ссылка для входа');
    await expectNoSeriousAxeViolations(page, 'the refused sign-in link');
  });

  it("refuses the issuer's own ID token as a bearer: well signed, but for the web client", async () => {
    // Prepare: the flow by hand (fetch with a cookie jar, no redirects followed), stopping
    // before the app's callback; the code verifier is the one the app kept for this state.
    const jar = new Map<string, string>();
    const go = async (
      url: string,
      init: { method?: string; headers?: Record<string, string>; body?: string } = {}
    ) => {
      const answer = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of answer.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return new URL(answer.headers.get('location') ?? '', url).href;
    };
    const authorization = await go(`${api}/auth/sign-in`);
    const state = new URL(authorization).searchParams.get('state') ?? '';
    const interaction = await go(authorization);
    await go(interaction);
    const resume = await go(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        login: PEOPLE.hr.email,
        password: PEOPLE.hr.password,
      }).toString(),
    });
    const callback = new URL(await go(resume));
    expect(callback.pathname).toBe('/auth/callback');
    const pending = (await itemsWithPrefix('SIGNIN#')).find(
      (item) => item.pk === `SIGNIN#${createHash('sha256').update(state).digest('hex')}`
    );
    const discovery = (await (
      await fetch(`${runtime.oidc.issuer}/.well-known/openid-configuration`)
    ).json()) as { token_endpoint: string };
    const tokens = (await (
      await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('code') ?? '',
          redirect_uri: `${api}/auth/callback`,
          client_id: 'otklik-web',
          code_verifier: String(pending?.codeVerifier),
        }),
      })
    ).json()) as { id_token?: string };
    // Everything but the audience would pass: the issuer's key, its issuer, a known role.
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({
      iss: runtime.oidc.issuer,
      aud: 'otklik-web',
      'cognito:groups': ['unit-viewer'],
    });

    // Act
    const answer = await fetch(CSI, {
      headers: { authorization: `Bearer ${tokens.id_token ?? ''}` },
    });

    // Assess
    expect(answer.status).toBe(401);
  });

  it("serves a machine client's bearer JWT, and refuses one signed by anyone else", async () => {
    const token = await machineToken();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(runtime.oidc.issuer)
      .setAudience(runtime.oidc.audience)
      .setSubject('intruder')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

    const served = await fetch(CSI, { headers: { authorization: `Bearer ${token}` } });
    const refused = await fetch(CSI, { headers: { authorization: `Bearer ${forged}` } });

    expect(served.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized' });
  });
});
