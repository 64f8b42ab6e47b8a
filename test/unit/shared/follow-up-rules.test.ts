import { describe, expect, it } from 'vitest';
import {
  caseLinkValidUntil,
  caseMaxAgeSeconds,
  closingMailDue,
} from '#shared/kernel/follow-up-rules.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { followUpItem } from '#test/helpers/ddb-fixtures.ts';

describe('Rules: follow-up cases', () => {
  const resolved = followUpItem({ status: 'resolved', notifyRequester: true });

  it('owes the closing mail of a resolved case whose owner asked for it, once', () => {
    // Assess
    expect(closingMailDue(resolved)).toBe(true);
    expect(closingMailDue({ ...resolved, closingEmailSentAt: 'x' })).toBe(false);
    expect(closingMailDue({ ...resolved, notifyRequester: false })).toBe(false);
    expect(closingMailDue({ ...resolved, notifyRequester: undefined })).toBe(false);
    expect(closingMailDue({ ...resolved, requesterEmail: null })).toBe(false);
    expect(closingMailDue({ ...resolved, status: 'overdue' })).toBe(false);
  });

  it('keeps a case (and its links) for the SLA plus the wait after the escalation', () => {
    // Act
    const maxAge = caseMaxAgeSeconds(parseCsiSettings(undefined));

    // Assess: followUp.maxAge, P30D by default
    expect(maxAge).toBe(30 * 86400);
    expect(caseLinkValidUntil({ openedAt: '2025-03-10T00:00:00.000Z' }, maxAge)).toBe(
      '2025-04-09T00:00:00.000Z'
    );
  });
});
