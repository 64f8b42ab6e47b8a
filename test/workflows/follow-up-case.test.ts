import { describe, expect, it } from 'vitest';
import { failWith, workflowHarness, type Fakes } from './workflow-harness.ts';

/**
 * follow-up-case.asl.json on the paths of issue 9, item 2 (the owner who is never told):
 * a resumed case whose owner was not told is notified first, and an owner mail SES could
 * not take (503) is tried again instead of failing the case.
 */
const followUpId = 'c'.repeat(32);
const aCase = (extra: Record<string, unknown> = {}) => ({
  followUpId,
  timers: { slaSeconds: 30, afterEscalationSeconds: 30 },
  ...extra,
});
const working: Fakes = {
  NotifyFollowUpOwner: () => ({ notified: true }),
  AwaitFollowUpResolution: () => null,
  SendClosingEmail: () => ({ sent: true }),
};

describe('State machine: follow-up-case, owner notification', () => {
  it('notifies the owner first when a resumed case says its owner was not told', async () => {
    // Prepare: reconcile resumes with resume = ownerNotifiedAt is set
    const harness = await workflowHarness('FollowUpCase', working);

    // Act
    const execution = await harness.run(aCase({ resume: false }), () =>
      harness.answer('AwaitFollowUpResolution', { resolved: true })
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual([
      'NotifyFollowUpOwner',
      'AwaitFollowUpResolution',
      'SendClosingEmail',
    ]);
  });

  it('goes straight to the wait when a resumed case says its owner was told', async () => {
    // Prepare
    const harness = await workflowHarness('FollowUpCase', working);

    // Act
    const execution = await harness.run(aCase({ resume: true }), () =>
      harness.answer('AwaitFollowUpResolution', { resolved: true })
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('NotifyFollowUpOwner')).toHaveLength(0);
  });

  it.each(['EmailUnavailableError', 'EmailThrottledError', 'EmailOutcomeUnknownError'])(
    'tries the owner mail again after %s instead of failing the case',
    async (error) => {
      // Prepare: SES answers the first owner mail with an error, then takes it
      let attempts = 0;
      const harness = await workflowHarness('FollowUpCase', {
        ...working,
        NotifyFollowUpOwner: () => (++attempts === 1 ? failWith(error) : { notified: true }),
      });

      // Act
      const execution = await harness.run(aCase(), () =>
        harness.answer('AwaitFollowUpResolution', { resolved: true })
      );

      // Assess
      expect(attempts).toBe(2);
      expect(execution.status).toBe('SUCCEEDED');
      expect(harness.callsOf('AwaitFollowUpResolution')).toHaveLength(1);
    }
  );

  it('fails the case (for reconcile to resume) when SES refuses the owner mail for good', async () => {
    // Prepare
    const harness = await workflowHarness('FollowUpCase', {
      ...working,
      NotifyFollowUpOwner: () => failWith('EmailRejectedError'),
    });

    // Act
    const execution = await harness.run(aCase());

    // Assess
    expect(execution.status).toBe('FAILED');
    expect(harness.callsOf('NotifyFollowUpOwner')).toHaveLength(1);
    expect(harness.callsOf('AwaitFollowUpResolution')).toHaveLength(0);
  });
});
