import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAccess } from '#lib/definitions/access.ts';
import { routeDefinitions } from '#lib/definitions/index.ts';
import type { Role } from '#shared/kernel/access-rules.ts';
import { expectNoSeriousAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { PEOPLE, signIn } from '../helpers/sign-in.ts';
import { runtime } from './clients.ts';
import { admin } from './loop-helpers.ts';
import * as given from './steps/given.ts';

/*
 * Roles and scope over real HTTP (docs/access.md, issue 11 §3): each seeded person signs in
 * through the local OIDC provider in Chromium, then every admin route of the route table is
 * called with their session. A role the access table does not name gets 403; an item of
 * another unit 404; a list or metric of another unit 403; what the role may see answers.
 * State-changing routes are sent an empty body: a person let through gets the route's own
 * 400/404 (nothing changes), one who is not gets 403.
 */
const api = runtime.apiUrl;
const YEAR = 'from=2026-01-01&to=2026-12-31';
type Person = keyof typeof PEOPLE;
const ROLE: Record<Person, Role> = {
  admin: 'admin',
  quality: 'quality-manager',
  cfo: 'unit-viewer',
  hr: 'unit-viewer',
  owner: 'case-owner',
};

/** A unit of the seed (the CFO's and the HR director's), created if this runtime lacks it. */
const theUnit = async (unitId: string, alias: string) => {
  const created = await admin('/v1/business-units', {
    method: 'POST',
    body: JSON.stringify({ unitId, names: { ru: unitId, en: unitId }, keyCustomers: [] }),
  });
  expect([201, 409]).toContain(created.status);
  const aliased = await admin(`/v1/business-units/${unitId}/aliases`, {
    method: 'POST',
    body: JSON.stringify({ source: 'any', value: alias }),
  });
  expect(aliased.status).toBeLessThan(300);
};

interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly page: Page;
}

describe('Roles and scope over HTTP, per signed-in person (Chromium)', () => {
  let browser: Browser;
  const sessions = new Map<Person, Session>();
  let uralCase = '';
  let volgaCase = '';
  let uralTicket = '';

  beforeAll(async () => {
    const ural = `ROLES-URAL-${randomUUID().slice(0, 8)}`;
    const volga = `ROLES-VOLGA-${randomUUID().slice(0, 8)}`;
    await theUnit('ural-steel', ural);
    await theUnit('volga-logistics', volga);
    const [inUral, inVolga] = await Promise.all([
      given.anOpenCase({ score: 2 }, { businessUnit: { id: ural, name: 'Уральская сталь' } }),
      given.anOpenCase({ score: 1 }, { businessUnit: { id: volga, name: 'Волга Логистик' } }),
    ]);
    uralCase = inUral.survey.surveyId;
    volgaCase = inVolga.survey.surveyId;
    uralTicket = inUral.ticketId;
    // The case owner holds the Ural case.
    const assigned = await admin(`/v1/follow-ups/${uralCase}/assign`, {
      method: 'POST',
      body: JSON.stringify({ owner: { email: PEOPLE.owner.email, name: PEOPLE.owner.name } }),
    });
    expect(assigned.status).toBe(200);

    browser = await launchChromium();
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const context = await browser.newContext({ locale: 'ru-RU' });
      const page = await context.newPage();
      await signIn(page, PEOPLE[person], api);
      const cookies = await context.cookies();
      const csrf = cookies.find((c) => c.name.endsWith('otklik_csrf'))?.value ?? '';
      const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      sessions.set(person, { cookie, csrf, page });
    }
  }, 120_000);
  afterAll(async () => {
    await browser.close();
  });

  const call = async (person: Person, method: string, path: string, csrf = true) => {
    const session = sessions.get(person);
    if (!session) throw new Error(`${person} is not signed in`);
    const changes = method !== 'GET';
    const response = await fetch(`${api}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: session.cookie,
        ...(changes ? { 'content-type': 'application/json' } : {}),
        ...(changes && csrf ? { 'x-csrf-token': session.csrf } : {}),
      },
      ...(changes ? { body: '{}' } : {}),
    });
    return { status: response.status, body: await response.text() };
  };

  /** A concrete request for each admin route: the Ural case and unit where a path names one. */
  const concrete = (path: string): string => {
    // An empty body deactivates a unit: aimed at one that does not exist (404), not the CFO's.
    if (path === '/v1/business-units/{id}/deactivate')
      return '/v1/business-units/no-such-unit/deactivate';
    const filled = path
      .replace('/v1/follow-ups/{id}', `/v1/follow-ups/${uralCase}`)
      .replace('/v1/business-units/{id}', '/v1/business-units/ural-steel')
      .replace('{source}', 'any')
      .replace('{value}', 'no-such-alias');
    if (filled === '/v1/surveys') return `${filled}?ticketId=${uralTicket}`;
    if (filled === '/v1/metrics/csi' || filled === '/v1/audit') return `${filled}?${YEAR}`;
    return filled;
  };

  /** What a GET the role may make answers: 404 for the HR director on the Ural case and unit. */
  const allowedGet = (person: Person, path: string): number =>
    person === 'hr' && (path.includes(uralCase) || path.includes('ural-steel')) ? 404 : 200;

  const adminRoutes = routeDefinitions.filter((route) => route.auth === 'admin');

  it('has a rule for every admin route it walks', () => {
    expect(adminRoutes.length).toBeGreaterThan(10);
    for (const route of adminRoutes)
      expect(routeAccess[`${route.method} ${route.path}`]).toBeDefined();
  });

  it.each(Object.keys(PEOPLE) as Person[])(
    'walks every admin route as %s: 403 outside the role, 404 outside the scope',
    async (person) => {
      const wrong: string[] = [];
      for (const route of adminRoutes) {
        const rule = routeAccess[`${route.method} ${route.path}`];
        const path = concrete(route.path);
        const { status } = await call(person, route.method, path);
        const may = rule?.roles.includes(ROLE[person]) ?? false;
        const ok = !may
          ? status === 403
          : route.method === 'GET'
            ? status === allowedGet(person, path)
            : [400, 404, 409].includes(status);
        if (!ok) wrong.push(`${route.method} ${path} → ${status} (may: ${may})`);
      }
      expect(wrong).toEqual([]);
    },
    60_000
  );

  it("gives the CFO their unit's CSI and cases, and nothing of another unit's", async () => {
    const own = await call('cfo', 'GET', `/v1/metrics/csi?${YEAR}`);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ rated: expect.any(Number) });
    expect((JSON.parse(own.body) as { rated: number }).rated).toBeGreaterThanOrEqual(1);
    const other = await call('cfo', 'GET', `/v1/metrics/csi?${YEAR}&businessUnit=volga-logistics`);
    expect(other.status).toBe(403);
    expect((await call('cfo', 'GET', `/v1/follow-ups/${volgaCase}`)).status).toBe(404);
    const list = await call('cfo', 'GET', '/v1/follow-ups');
    expect(list.body).toContain(uralCase);
    expect(list.body).not.toContain(volgaCase);
    // The unit viewer gets the case without the requester's personal data.
    const shown = JSON.parse((await call('cfo', 'GET', `/v1/follow-ups/${uralCase}`)).body);
    expect(shown).not.toHaveProperty('requesterEmail');
    // The same in the browser: the page of the JSON, then a 403 for the other unit.
    const page = sessions.get('cfo')?.page;
    const inBrowser = await page?.goto(`${api}/v1/metrics/csi?${YEAR}`);
    expect(inBrowser?.status()).toBe(200);
    expect(await page?.textContent('body')).toContain('"rated"');
    const refused = await page?.goto(`${api}/v1/metrics/csi?${YEAR}&businessUnit=volga-logistics`);
    expect(refused?.status()).toBe(403);
    // And as a page of the console: their unit's row, no other unit's.
    if (!page) throw new Error('the CFO has no page');
    expect((await page.goto(`${api}/console/csi?${YEAR}`))?.status()).toBe(200);
    expect(await page.locator('tr[data-unit="ural-steel"]').count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await expectNoSeriousAxeViolations(page, 'the console CSI page');
  });

  it('shows the quality manager every unit on the console page, and the case owner a 403 page', async () => {
    const quality = sessions.get('quality')?.page;
    const owner = sessions.get('owner')?.page;
    if (!quality || !owner) throw new Error('not signed in');
    await quality.goto(`${api}/console/csi?${YEAR}`);
    expect(await quality.locator('tr[data-unit="ural-steel"]').count()).toBe(1);
    expect(await quality.locator('tr[data-unit="volga-logistics"]').count()).toBe(1);
    expect((await owner.goto(`${api}/console/csi`))?.status()).toBe(403);
    expect(await owner.textContent('h1')).toBe('Нет доступа');
  });

  it('lets the quality manager see every unit, and the case owner only their case', async () => {
    const all = await call('quality', 'GET', '/v1/follow-ups');
    expect(all.body).toContain(uralCase);
    expect(all.body).toContain(volgaCase);
    expect((await call('quality', 'GET', `/v1/follow-ups/${volgaCase}`)).status).toBe(200);
    const mine = await call('owner', 'GET', '/v1/follow-ups');
    expect(mine.body).toContain(uralCase);
    expect(mine.body).not.toContain(volgaCase);
    expect((await call('owner', 'GET', `/v1/follow-ups/${volgaCase}`)).status).toBe(404);
  });

  it('refuses a change made with the session but without its CSRF token, writing nothing', async () => {
    const before = await admin(`/v1/follow-ups/${uralCase}`);
    const refused = await call('quality', 'POST', `/v1/follow-ups/${uralCase}/resolve`, false);
    expect(refused.status).toBe(403);
    expect(await admin(`/v1/follow-ups/${uralCase}`)).toEqual(before);
  });
});
