import { describe, expect, it } from 'vitest';
import { GSI1 } from '#shared/data/keys.ts';
import { admin, postWebhook, ticketEvent, uniqueTicket } from './loop-helpers.ts';

/**
 * The admin API's lists page over DynamoDB Local's real index: a ticket resolved three times
 * (reopened in between) read two at a time, and cursors DynamoDB itself would refuse
 * answered 400 by otklik, never 500.
 */
const resolvedAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A ticket with three resolutions, each reopened before the next: three surveys. */
const aTicketResolvedThrice = async () => {
  const ticketId = uniqueTicket();
  const answers = [];
  for (const minutes of [30, 20, 10]) {
    const resolved = ticketEvent({ ticketId, resolvedAt: resolvedAgo(minutes) });
    answers.push(await postWebhook(JSON.stringify(resolved)));
    if (minutes > 10) {
      const reopened = {
        ...resolved,
        eventType: 'ticket.reopened',
        resolvedAt: undefined,
        occurredAt: resolvedAgo(minutes - 5),
      };
      answers.push(await postWebhook(JSON.stringify(reopened)));
    }
  }
  return { ticketId, statuses: answers.map((answer) => answer.status) };
};

interface SurveyPage {
  surveys: { surveyId: string; resolvedAt: string }[];
  nextCursor?: string;
}
const surveysPage = async (query: string) => {
  const { status, body } = await admin(`/v1/surveys?${query}`);
  return { status, page: body as unknown as SurveyPage, body };
};

describe('Admin API: GET /v1/surveys, a page at a time', () => {
  it("reads a ticket's surveys two at a time, newest first, and ends without a cursor", async () => {
    // Prepare
    const { ticketId, statuses } = await aTicketResolvedThrice();

    // Act
    const first = await surveysPage(`ticketId=${ticketId}&limit=2`);
    const cursor = first.page.nextCursor ?? '';
    const second = await surveysPage(
      `ticketId=${ticketId}&limit=2&cursor=${encodeURIComponent(cursor)}`
    );

    // Assess
    expect(statuses.every((status) => status === 200 || status === 202)).toBe(true);
    expect(first.status).toBe(200);
    expect(first.page.surveys).toHaveLength(2);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(second.status).toBe(200);
    expect(second.page.surveys).toHaveLength(1);
    expect(second.page).not.toHaveProperty('nextCursor');
    const all = [...first.page.surveys, ...second.page.surveys];
    expect(new Set(all.map((survey) => survey.surveyId)).size).toBe(3);
    const times = all.map((survey) => survey.resolvedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("answers 400 to another source's or another ticket's cursor, which DynamoDB would refuse", async () => {
    // Prepare: a real cursor, then the same start key moved out of the list asked for.
    const { ticketId } = await aTicketResolvedThrice();
    const first = await surveysPage(`ticketId=${ticketId}&source=generic&limit=1`);
    const start = JSON.parse(
      Buffer.from(first.page.nextCursor ?? '', 'base64url').toString('utf8')
    ) as Record<string, string>;
    const moved = (change: Record<string, string>) =>
      encodeURIComponent(
        Buffer.from(JSON.stringify({ ...start, ...change })).toString('base64url')
      );
    const jiraSortKey = (start[GSI1.sk] ?? '').replace(/^generic#/, 'jira#');

    // Act
    const otherSource = await surveysPage(
      `ticketId=${ticketId}&source=generic&cursor=${moved({ [GSI1.sk]: jiraSortKey })}`
    );
    const otherTicket = await surveysPage(
      `ticketId=${ticketId}&cursor=${moved({ [GSI1.pk]: 'TICKET#someone-else' })}`
    );
    const garbage = await surveysPage(`ticketId=${ticketId}&cursor=not-a-cursor`);

    // Assess
    expect(first.page.surveys).toHaveLength(1);
    expect(start[GSI1.sk]).toMatch(/^generic#/);
    for (const answer of [otherSource, otherTicket, garbage]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        errors: [{ path: 'cursor', message: 'not a cursor of this list: start again without it' }],
      });
    }
  });
});
