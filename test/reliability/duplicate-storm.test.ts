import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { pollUntil } from '../helpers/poll.ts';
import { runtime } from '../integration/clients.ts';
import { mailsTo, postWebhook, surveysOf, ticketEvent } from '../integration/loop-helpers.ts';
import { recordFigure } from './figures.ts';
import { itScansTheLog, Secrets } from './log-scan.ts';
import { SIZES } from './sizes.ts';

const secrets = new Secrets();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * R1: a ticket system that retries one delivery in a storm (the same id, body and
 * signature, all at once) and then replays it under new delivery ids (a captured body,
 * signed again, issue 9 defect 5) still yields one survey and one mail.
 */
describe('R1 duplicate storm', () => {
  it(`${SIZES.duplicateCopies} concurrent copies of one delivery + ${SIZES.resends} re-sends under new ids → one survey, one mail`, async () => {
    // Prepare: one delivery, signed once.
    const event = ticketEvent();
    secrets.add(event.requester.email);
    const body = JSON.stringify(event);
    const id = `msg_${randomUUID()}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = new Webhook(runtime.webhookSecret).sign(id, new Date(timestamp * 1000), body);

    // Act: the storm, then the re-sends (each its own id, signed as a sender would).
    const storm = await Promise.all(
      Array.from({ length: SIZES.duplicateCopies }, () =>
        postWebhook(body, { id, timestamp, signature })
      )
    );
    const resends = await Promise.all(
      Array.from({ length: SIZES.resends }, () => postWebhook(body))
    );
    const answers = [...storm, ...resends].map((r) => r.status);
    await pollUntil(
      async () => ((await mailsTo(event.requester.email)).length > 0 ? true : undefined),
      {
        what: 'the survey mail',
      }
    );
    // Past the time a second survey's mail would take (send delay 1 s), count.
    await pause(4_000);
    const surveys = await surveysOf(event.ticketId);
    const mails = await mailsTo(event.requester.email);
    for (const mail of mails) secrets.addLinksOf(mail.body.text);

    // Assess
    const serverErrors = answers.filter((s) => s >= 500).length;
    recordFigure({
      id: 'R1',
      title: 'duplicate storm',
      figure: `${SIZES.duplicateCopies}+${SIZES.resends} deliveries → ${surveys.length} survey(s), ${mails.length} mail(s), ${serverErrors} × 5xx`,
      holds: surveys.length === 1 && mails.length === 1 && serverErrors === 0,
    });
    expect(serverErrors).toBe(0);
    expect(surveys).toHaveLength(1);
    expect(mails).toHaveLength(1);
  });
});

itScansTheLog('R1', secrets);
