import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { fromRoot } from '#lib/config/paths.ts';
import { routeDefinitions } from '#lib/definitions/index.ts';
import { runtime } from '../integration/clients.ts';
import { pollUntil } from '../helpers/poll.ts';
import { allItems, linksIn, mailsTo, ticketEvent } from '../integration/loop-helpers.ts';
import * as given from '../integration/steps/given.ts';
import * as then from '../integration/steps/then.ts';
import * as when from '../integration/steps/when.ts';
import { bodyOf, corpusSchema, type HostileRequest } from './corpus/hostile-request.ts';
import { recordFigure } from './figures.ts';
import { itScansTheLog, Secrets } from './log-scan.ts';
import { inBatches } from './runtime-client.ts';

/**
 * R4: the hostile corpus (test/reliability/corpus/hostile-requests.json, made by
 * corpus/generate.ts) over every route of the route table: no 5xx, no record written, no
 * internal detail in any answer. Then the texts the system does accept (signed, valid
 * webhooks and ratings carrying markup and header breaks) come out escaped in the mails and
 * the pages.
 */
const corpus = corpusSchema.parse(
  JSON.parse(readFileSync(fromRoot('test/reliability/corpus/hostile-requests.json'), 'utf8'))
);
const secrets = new Secrets();
/** What an answer must never show: stacks, file paths, SDK and runtime error names. */
const INTERNAL =
  /\bat [\w.<>]+ \(|\.ts:\d+|\/work\/|node_modules|file:\/\/|TransactionCanceled|ConditionalCheckFailed|ValidationException|ResourceNotFound|ProvisionedThroughput|DynamoDB|SESv2|TypeError|SyntaxError|RangeError|URIError|ZodError|"stack"/;
const MARKUP = [
  '<script>alert("otklik")</script>',
  '"><img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
];
const wrongSecret = 'whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0wMQ==';

interface Answer {
  readonly id: string;
  readonly status: number;
  readonly body: string;
}

const headersOf = (entry: HostileRequest): Record<string, string> => {
  const headers = { ...entry.headers };
  const body = bodyOf(entry);
  if (entry.sign && body) {
    const now = Math.floor(Date.now() / 1000) + (entry.sign.timestampOffset ?? 0);
    const secret = entry.sign.secret === 'runtime' ? runtime.webhookSecret : wrongSecret;
    headers['webhook-id'] = entry.sign.webhookId;
    headers['webhook-timestamp'] = entry.sign.timestampLiteral ?? String(now);
    try {
      headers['webhook-signature'] = new Webhook(secret).sign(
        entry.sign.webhookId,
        new Date(now * 1000),
        body.toString('utf8')
      );
    } catch {
      headers['webhook-signature'] = 'v1,AAAA';
    }
  }
  return headers;
};

/** Sends one entry as it is (node:http: any method, the raw path, the exact bytes). */
const send = (entry: HostileRequest): Promise<Answer | { id: string; unsendable: string }> =>
  new Promise((resolve) => {
    const url = new URL(runtime.apiUrl);
    const body = bodyOf(entry);
    try {
      const call = request(
        {
          host: url.hostname,
          port: url.port,
          method: entry.method,
          path: entry.path,
          headers: {
            ...headersOf(entry),
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            resolve({
              id: entry.id,
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        }
      );
      call.on('error', (error) => {
        // The server may close early on a body it refuses (413): that is an answer too.
        resolve({ id: entry.id, status: 0, body: error.message });
      });
      call.end(body);
    } catch (error) {
      // Node refuses to send it (a control character in a header): HTTP cannot carry it.
      resolve({ id: entry.id, unsendable: error instanceof Error ? error.message : 'refused' });
    }
  });

const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;

describe('R4 fuzz corpus', () => {
  it(`${String(corpus.length)} hostile requests over every route → 0 × 5xx, 0 records written, no internal detail`, async () => {
    // Prepare
    const aimed = new Set(corpus.map((e) => e.route));
    const unaimed = routeDefinitions
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !aimed.has(r));
    const before = await allItems();
    const beforeKeys = new Set(before.map(keyOf));
    const knownSurveys = new Set(
      before.map((i) => i.surveyId).filter((s) => typeof s === 'string')
    );

    // Act
    const results = await inBatches(corpus, 8, send);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await allItems();

    // Assess
    const answers = results.filter((r): r is Answer => 'status' in r);
    const unsendable = results.length - answers.length;
    const serverErrors = answers.filter((a) => a.status >= 500);
    const dropped = answers.filter(
      (a) => a.status === 0 && !/ECONNRESET|EPIPE|socket hang up/.test(a.body)
    );
    const leaky = answers.filter((a) => INTERNAL.test(a.body));
    // Items of surveys that existed before (a reminder's fresh link tokens) are theirs. A
    // sign-in's state (SIGNIN#) is what GET /auth/sign-in writes for anyone, by design: the
    // flow's code verifier and nonce, deleted at the callback or by TTL after 10 minutes.
    const written = after.filter(
      (i) =>
        !beforeKeys.has(keyOf(i)) &&
        !(typeof i.surveyId === 'string' && knownSurveys.has(i.surveyId)) &&
        !String(i.pk).startsWith('SIGNIN#')
    );
    recordFigure({
      id: 'R4:corpus',
      title: 'fuzz corpus',
      figure: `${String(answers.length)} requests (${String(unsendable)} not sendable over HTTP) → ${String(serverErrors.length)} × 5xx, ${String(written.length)} records written, ${String(leaky.length)} with internal detail`,
      holds:
        serverErrors.length === 0 &&
        written.length === 0 &&
        leaky.length === 0 &&
        unaimed.length === 0 &&
        dropped.length === 0,
    });
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(unaimed).toEqual([]);
    expect(serverErrors.map((a) => `${a.id} ${String(a.status)} ${a.body.slice(0, 80)}`)).toEqual(
      []
    );
    expect(dropped.map((a) => `${a.id} ${a.body}`)).toEqual([]);
    expect(leaky.map((a) => `${a.id} ${a.body.slice(0, 120)}`)).toEqual([]);
    expect(written.map(keyOf)).toEqual([]);
  });

  it('every accepted text comes out escaped in the mails and the pages', async () => {
    const unescaped: string[] = [];
    const look = (where: string, text: string) => {
      for (const markup of MARKUP) if (text.includes(markup)) unescaped.push(`${where}: ${markup}`);
    };
    // A ticket whose every free text is markup, and whose number carries a header break.
    const number = `N-${String(Date.now())}`;
    const [title, name, service] = MARKUP;
    const surveyMail = await given.aSurveyMail({
      ...ticketEvent({
        title,
        requester: { email: `xss-${String(Date.now())}@example.com`, name, locale: 'ru-RU' },
      }),
      service: { id: 'XSS', name: service },
      ticketNumber: `${number}\r\nBcc: victim@example.com`,
    });
    secrets.add(surveyMail.email);
    secrets.addLinksOf(surveyMail.mail.body.text);
    look('survey mail', surveyMail.mail.body.html);
    const subjectBreaks = /[\r\n]/.test(surveyMail.mail.subject) ? 1 : 0;
    look('rating page', await (await when.theEmployeeOpens(surveyMail.ratingPage)).text());
    // A low rating with markup as its comment opens a case: the owner's mail and page.
    const comment = MARKUP.join(' ');
    const rated = await when.theEmployeeRates(surveyMail.ratingPage, { score: 1, comment });
    look('thank-you page', await rated.text());
    await then.aCaseIsOpened(surveyMail.ticketId);
    // The owner mail names the ticket by its number (or its id, when it has none).
    const ownerMails = await pollUntil(
      async () => {
        const mails = (await mailsTo('quality@test.example')).filter((m) =>
          [surveyMail.ticketId, number].some(
            (t) => m.subject.includes(t) || m.body.text.includes(t)
          )
        );
        return mails.length > 0 ? mails : undefined;
      },
      { what: 'the owner mail of the case' }
    );
    for (const mail of ownerMails) {
      look('owner mail', mail.body.html);
      secrets.addLinksOf(mail.body.text);
      const [caseLink] = linksIn(mail, 'f');
      if (caseLink) look('case page', await (await fetch(caseLink)).text());
    }
    recordFigure({
      id: 'R4:escaping',
      title: 'fuzz corpus',
      figure: `${String(unescaped.length)} unescaped markup in 2 mails and 3 pages, ${String(subjectBreaks)} header break in a subject`,
      holds: unescaped.length === 0 && subjectBreaks === 0,
    });
    expect(unescaped).toEqual([]);
    expect(subjectBreaks).toBe(0);
  });
});

itScansTheLog('R4', secrets);
