import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jiraWebhookPayload } from '../fixtures/source-payloads.ts';
import { SOURCE_SECRETS } from './integration-credentials.ts';
import { postSourceWebhook, surveysOf, uniqueEmail } from './loop-helpers.ts';

/*
 * Issue 9, defect 5: a captured, signed Jira "reopened" event re-sent under a new
 * X-Atlassian-Webhook-Identifier cancelled the ticket's next survey, because Jira's
 * HMAC covers only the body. Now the signed body's hash is a delivery too, and a reopening
 * older than the latest resolution is ignored.
 */
const jiraTime = (at: Date) => at.toISOString().replace('Z', '+0000');

const signed = (body: string, identifier: string) => ({
  'x-atlassian-webhook-identifier': identifier,
  'x-hub-signature': `sha256=${createHmac('sha256', SOURCE_SECRETS.jira).update(body).digest('hex')}`,
});

/** A Jira issue with two resolution cycles: resolved, reopened (captured), resolved again now. */
const twoCycles = async () => {
  const issueId = String(Math.floor(Math.random() * 1e9));
  const email = uniqueEmail();
  const now = Date.now();
  const body = (change: 'resolved' | 'reopened', at: number) => {
    const payload = jiraWebhookPayload(issueId, email, change, { timestamp: at });
    if (change === 'resolved') payload.issue.fields.resolutiondate = jiraTime(new Date(at));
    return JSON.stringify(payload);
  };
  const firstResolution = body('resolved', now - 10 * 60_000);
  const capturedReopen = body('reopened', now - 5 * 60_000);
  // Resolved again just now: its survey waits for its send time (2 s).
  const secondResolution = body('resolved', now);
  const send = (b: string, id = `atl-${randomUUID()}`) =>
    postSourceWebhook('jira', b, signed(b, id));

  expect((await send(firstResolution)).status).toBe(202);
  expect((await send(capturedReopen)).body).toMatchObject({ cancelled: [expect.any(String)] });
  const second = await send(secondResolution);
  expect(second.status).toBe(202);
  return { issueId, capturedReopen, send, secondSurveyId: String(second.body.surveyId), body };
};

describe('Replayed Jira reopenings (issue 9, defect 5)', () => {
  it('answers a captured signed reopening re-sent under a new identifier as a duplicate: the next survey stays', async () => {
    // Prepare
    const { issueId, capturedReopen, send, secondSurveyId } = await twoCycles();

    // Act: the same signed body, a new X-Atlassian-Webhook-Identifier
    const replay = await send(capturedReopen, `atl-replayed-${randomUUID()}`);

    // Assess
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ duplicate: true });
    const second = (await surveysOf(issueId)).find((s) => s.surveyId === secondSurveyId);
    expect(second).toBeDefined();
    expect(second?.status).not.toBe('cancelled');
  });

  it('ignores a reopening older than the latest resolution (a re-signed or late one): the next survey stays', async () => {
    // Prepare
    const { issueId, send, secondSurveyId, body } = await twoCycles();
    // Another body (so another hash) of a reopening from the first cycle.
    const oldReopen = body('reopened', Date.now() - 4 * 60_000);

    // Act
    const late = await send(oldReopen);

    // Assess
    expect(late.status).toBe(200);
    expect(late.body).toEqual({ ignored: 'reopening older than the latest resolution' });
    const second = (await surveysOf(issueId)).find((s) => s.surveyId === secondSurveyId);
    expect(second).toBeDefined();
    expect(second?.status).not.toBe('cancelled');
  });

  it('still cancels the next survey on a reopening that happened after its resolution', async () => {
    // Prepare
    const { issueId, send, secondSurveyId, body } = await twoCycles();

    // Act
    const reopen = await send(body('reopened', Date.now() + 1000));

    // Assess
    expect(reopen.body).toEqual({ cancelled: [secondSurveyId] });
    const second = (await surveysOf(issueId)).find((s) => s.surveyId === secondSurveyId);
    expect(second?.status).toBe('cancelled');
  });
});
