import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailKey } from '#shared/kernel/tokens.ts';
import { admin, linksIn, type StoredMail } from './loop-helpers.ts';
import * as given from './steps/given.ts';
import * as then from './steps/then.ts';
import * as when from './steps/when.ts';

/** The one case link of a mail; a mail without one fails the case here, not later. */
const caseLinkIn = (mail: StoredMail | undefined): string => {
  const [link] = mail ? linksIn(mail, 'f') : [];
  if (!link) throw new Error('no case link in the mail');
  return link;
};

// The requester is not told (telling them needs a message written for them).
const RESOLUTION = {
  rootCause: 'process',
  correctiveAction: 'Разобрали заявку с командой',
  notifyRequester: 'no',
};

/**
 * Issue 9, item 4: a reassignment revokes the earlier owner's case link, over the real local
 * runtime (the admin API, the workflow, the mail inbox, the table).
 */
describe('CSI loop: reassigning a case', () => {
  it("revokes the old owner's link; the new owner's opens and resolves, recording its holder", async () => {
    // Prepare: a low rating opens a case, and its owner is mailed a link.
    const { ticketId, survey } = await given.anOpenCase({ score: 1 });
    const [firstMail] = await then.theOwnerIsMailed('quality@test.example', ticketId);
    const oldLink = caseLinkIn(firstMail);
    expect((await when.theEmployeeOpens(oldLink)).status).toBe(200);
    const newOwner = { email: `owner-${randomUUID().slice(0, 8)}@test.example`, name: 'Нина' };

    // Act
    const assigned = await when.theAdminAssignsTheCase(survey.surveyId, newOwner);
    const [newMail] = await then.theOwnerIsMailed(newOwner.email, ticketId);
    const newLink = caseLinkIn(newMail);
    const oldOpened = await when.theEmployeeOpens(oldLink);
    const oldResolved = await when.theOwnerResolvesTheCase(oldLink, RESOLUTION);
    const newOpened = await when.theEmployeeOpens(newLink);
    const newResolved = await when.theOwnerResolvesTheCase(newLink, RESOLUTION);

    // Assess
    expect(assigned.status).toBe(200);
    expect(oldOpened.status).toBe(410);
    expect(oldResolved.status).toBe(410);
    expect(newOpened.status).toBe(200);
    expect(newResolved.status).toBe(200);
    const followUp = await admin(`/v1/follow-ups/${survey.surveyId}`);
    expect(followUp.body).toMatchObject({
      status: 'resolved',
      owner: newOwner,
      resolvedBy: `owner:${emailKey(newOwner.email)}`,
    });
  });
});
