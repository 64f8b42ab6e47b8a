import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { html, SafeHtml } from '../kernel/html.ts';

/**
 * Every page: one HTML document, no script at all, one stylesheet whose hash the CSP
 * names (so no 'unsafe-inline'), readable on a phone, usable by keyboard. The five scores
 * stack as full-width rows on a phone (a caption such as "Нормально" at ≥ 14 px does not
 * fit a fifth of 320 px without breaking mid-word) and stand in a row from 34rem; their
 * borders and captions keep WCAG AA contrast (≥ 3:1 and ≥ 4.5:1), selected or not.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2937;background:#f3f4f6}
main{max-width:36rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:.75rem;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .75rem}
.ticket{background:#f9fafb;border-left:4px solid #2563eb;padding:.6rem .8rem;margin:0 0 1rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.scores{display:flex;flex-direction:column;gap:.4rem}
.scores input{position:absolute;opacity:0;width:1px;height:1px}
.scores label{display:flex;align-items:center;gap:.75rem;border:2px solid #6b7280;border-radius:.5rem;padding:.5rem .75rem;cursor:pointer;font-size:1.3rem;font-weight:700;background:#fff}
.scores label small{font-size:1rem;font-weight:400;color:#374151}
@media (min-width:34rem){.scores{flex-direction:row}.scores label{flex:1;flex-direction:column;gap:0;text-align:center;padding:.6rem .2rem}.scores label small{font-size:.875rem}}
.scores input:checked+label{border-color:#2563eb;background:#dbeafe}
.scores input:focus-visible+label{outline:3px solid #1d4ed8;outline-offset:2px}
form:has(#score-5:checked) .reasons{display:none}
.reasons label,.check{display:flex;align-items:center;gap:.5rem;padding:.35rem 0}
.reasons input,.check input{width:1.2rem;height:1.2rem}
label.block{display:block;font-weight:600;margin:.5rem 0 .25rem}
textarea,select,input[type=text],input[type=email]{width:100%;font:inherit;padding:.5rem;border:1px solid #6b7280;border-radius:.4rem;background:#fff;color:#1f2937}
textarea{min-height:6rem}
button{width:100%;margin-top:1rem;font:inherit;font-weight:700;color:#fff;background:#2563eb;border:0;border-radius:.5rem;padding:.8rem;cursor:pointer}
button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.muted{color:#6b7280;font-size:.9rem}
.errors{background:#fef2f2;border:1px solid #fecaca;padding:.6rem .8rem;border-radius:.4rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0 0 1rem}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
a{color:#1d4ed8}
.status{display:inline-block;margin:0 0 .75rem;padding:.15rem .6rem;border-radius:1rem;border:1px solid #1d4ed8;color:#1e3a8a;background:#eff6ff;font-weight:600}
.status-overdue{border-color:#b91c1c;color:#7f1d1d;background:#fef2f2}
.status-resolved{border-color:#15803d;color:#14532d;background:#f0fdf4}
.timeline{list-style:none;margin:0 0 1rem;padding:0 0 0 1rem;border-left:2px solid #6b7280}
.timeline li{margin:0 0 .6rem}
.timeline .when{display:block;color:#4b5563;font-size:.9rem}
.note-text{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.plain{margin:0 0 1rem;padding-left:1.2rem}
.choice legend{font-weight:600}
.check input[type=radio]{flex:none}
button.secondary{color:#1d4ed8;background:#fff;border:2px solid #1d4ed8}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}main{padding:.75rem}}
`;

const styleHash = createHash('sha256').update(CSS).digest('base64');

// Built apart from any template, so formatting can never add whitespace inside <style>:
// the browser hashes the element's text exactly, and it must equal the CSP's hash.
const STYLE_ELEMENT = new SafeHtml(`<style>${CSS}</style>`);

/** The CSP of every page: nothing loads but this stylesheet; forms post only here; no framing. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  'img-src data:',
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const renderPage = (lang: string, title: string, body: SafeHtml): string =>
  html`<!DOCTYPE html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <main><div class="card">${body}</div></main>
      </body>
    </html>`.value;

export const htmlResponse = (
  statusCode: number,
  page: string
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  },
  body: page,
});
