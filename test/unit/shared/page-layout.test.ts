import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { optOutPage } from '#functions/csi/pages/opt-out-page.ts';
import { ratingPage } from '#functions/csi/pages/rating-page.ts';
import { thankYouPage } from '#functions/csi/pages/thank-you-page.ts';
import { caseHandedOverPage, casePage } from '#functions/follow-up/pages/case-page.ts';
import { html } from '#shared/kernel/html.ts';
import { errorPage } from '#shared/layout/error-page.ts';
import { htmlResponse, PAGE_CSP, renderPage } from '#shared/layout/page-layout.ts';
import { caseView } from '#test/helpers/page-inputs.ts';

// Every context's pages are checked here: the one stylesheet and its CSP hash are the layout's.
const styleOf = (page: string) => /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
const cspStyleHash = () => /style-src 'sha256-([A-Za-z0-9+/=]+)'/.exec(PAGE_CSP)?.[1];
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

describe('Page: layout and CSP', () => {
  it('names one style hash in the CSP and allows no script', () => {
    // Assess
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).not.toContain('script-src');
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(cspStyleHash()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('carries the stylesheet of the pages in its <style>', () => {
    // Act
    const style = styleOf(renderPage('en', 'T', html``));

    // Assess
    expect(style).toContain('.scores input:checked+label');
    expect(style).toContain('.errors{');
  });

  it('carries a <style> whose exact text has the hash the CSP names', () => {
    // Act
    const style = styleOf(renderPage('en', 'T', html``));

    // Assess: browsers hash the element's text as it is, whitespace included
    expect(sha256(style)).toBe(cspStyleHash());
    expect(sha256(style.trim())).not.toBe(cspStyleHash()); // the check sees whitespace
  });

  it.each([
    [
      'the rating page',
      ratingPage({
        language: 'en',
        ticketNumber: 'INC-1001',
        score: 2,
        comment: 'x',
        errors: ['score: required'],
      }),
    ],
    ['the thank-you page', thankYouPage('ru', 2, true)],
    ['an error page', errorPage('en', 'gone')],
    [
      'the opt-out page',
      optOutPage({
        language: 'en',
        timeZone: 'Europe/Moscow',
        state: 'ask',
        address: 'a***@example.com',
      }),
    ],
    ['the case page', casePage(caseView())],
    ['the resolved case page', casePage(caseView({ followUp: { status: 'resolved' } }))],
    ['the handed-over page', caseHandedOverPage('ru')],
  ])('gives %s exactly one <style>, the one the CSP allows', (_label, page) => {
    // Assess
    expect(page.match(/<style\b/g)).toHaveLength(1);
    expect(sha256(styleOf(page))).toBe(cspStyleHash());
  });

  it('serves pages with the CSP and no caching', () => {
    // Act
    const response = htmlResponse(200, renderPage('en', 'T', html`<p>x</p>`));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(response.body).toContain('<p>x</p>');
  });

  it('turns off the powerful browser features the pages never use', () => {
    // Act
    const response = htmlResponse(404, renderPage('en', 'T', html``));

    // Assess
    const policy = String(response.headers?.['permissions-policy'] ?? '');
    const features = Object.fromEntries(
      policy.split(',').map((entry) => entry.trim().split('=') as [string, string])
    );
    expect(Object.keys(features)).toEqual(
      expect.arrayContaining(['camera', 'microphone', 'geolocation', 'payment', 'usb'])
    );
    for (const allowlist of Object.values(features)) expect(allowlist).toBe('()');
    expect(response.statusCode).toBe(404);
  });

  it('escapes the page title', () => {
    // Act
    const page = renderPage('en', '<T & T>', html``);

    // Assess
    expect(page).toContain('<title>&lt;T &amp; T&gt;</title>');
  });
});
