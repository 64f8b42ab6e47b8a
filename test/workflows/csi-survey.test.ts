import { describe, expect, it } from 'vitest';
import { failWith, workflowHarness, type Fakes } from './workflow-harness.ts';

/** csi-survey.asl.json, path by path, with test doubles for its Lambda tasks. */
const surveyId = 'a'.repeat(32);
const timers = (overrides: Record<string, number> = {}) => ({
  sendDelaySeconds: 0,
  reminderAfterSeconds: 30,
  expireAfterReminderSeconds: 30,
  followUpThreshold: 5,
  ...overrides,
});
/** The workflow's input: the survey, with its timers (`overrides` on the defaults above). */
const survey = (overrides: Record<string, number> = {}) => ({
  surveyId,
  timers: timers(overrides),
});
const send = () => ({ sent: true, stop: false });
const stop = () => ({ sent: false, stop: true });
const prepared = (decision: string) => () => ({ decision });
const opened = () => ({ opened: true });
const expired = () => ({ expired: true });

/** A survey to send, whose mail goes out, and which then waits for its rating. */
const sending: Fakes = {
  PrepareSurvey: prepared('send'),
  SendSurveyEmail: send,
  AwaitRating: () => null,
};

describe('State machine: csi-survey', () => {
  it('ends after a 5 without a follow-up', async () => {
    // Prepare
    const harness = await workflowHarness('CsiSurvey', { ...sending, OpenFollowUp: opened });

    // Act
    const execution = await harness.run(survey(), () =>
      harness.answer('AwaitRating', { score: 5 })
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('SendSurveyEmail').map((c) => c.payload)).toEqual([
      { surveyId, kind: 'invitation', timers: timers() },
    ]);
    expect(harness.callsOf('OpenFollowUp')).toHaveLength(0);
  });

  it('opens a follow-up after a 3', async () => {
    const harness = await workflowHarness('CsiSurvey', { ...sending, OpenFollowUp: opened });

    const execution = await harness.run(survey(), () =>
      harness.answer('AwaitRating', { score: 3 })
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('OpenFollowUp').map((c) => c.payload)).toEqual([{ surveyId }]);
  });

  it('waits the send delay before the mail', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: prepared('send'),
      SendSurveyEmail: stop,
    });
    const started = Date.now();

    await harness.run(survey({ sendDelaySeconds: 1 }));

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(harness.callsOf('SendSurveyEmail')).toHaveLength(1);
  });

  it('reminds once when no rating comes, then expires the survey', async () => {
    const harness = await workflowHarness('CsiSurvey', { ...sending, CloseSurvey: expired });

    const execution = await harness.run(
      survey({ reminderAfterSeconds: 1, expireAfterReminderSeconds: 1 })
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(
      harness.callsOf('SendSurveyEmail').map((c) => (c.payload as { kind: string }).kind)
    ).toEqual(['invitation', 'reminder']);
    expect(harness.callsOf('AwaitRating')).toHaveLength(2);
    expect(harness.callsOf('CloseSurvey').map((c) => c.payload)).toEqual([
      { surveyId, outcome: 'expired' },
    ]);
  });

  it('opens the follow-up when a low rating wins the race against the expiry', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: prepared('await-after-reminder'),
      AwaitRating: () => null,
      CloseSurvey: () => ({ score: 2 }),
      OpenFollowUp: opened,
    });

    const execution = await harness.run(survey({ expireAfterReminderSeconds: 1 }));

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('OpenFollowUp')).toHaveLength(1);
  });

  it('ends as cancelled when the ticket is reopened before the mail', async () => {
    const harness = await workflowHarness('CsiSurvey', { ...sending, SendSurveyEmail: stop });

    const execution = await harness.run(survey());

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('AwaitRating')).toHaveLength(0);
  });

  it('ends as cancelled when the ticket is reopened after the mail', async () => {
    const harness = await workflowHarness('CsiSurvey', { ...sending, CloseSurvey: expired });

    const execution = await harness.run(survey(), async () => {
      harness.tokens.fail(
        await harness.tokenOf('AwaitRating'),
        'SurveyCancelled',
        'ticket reopened'
      );
    });

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('CloseSurvey')).toHaveLength(0);
    expect(harness.callsOf('SendSurveyEmail')).toHaveLength(1);
  });

  it('sends nothing to a suppressed survey', async () => {
    const harness = await workflowHarness('CsiSurvey', { PrepareSurvey: prepared('done') });

    const execution = await harness.run(survey());

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual(['PrepareSurvey']);
  });

  it('retries a throttled send, then waits for the rating', async () => {
    let attempts = 0;
    const harness = await workflowHarness('CsiSurvey', {
      ...sending,
      SendSurveyEmail: () => (++attempts === 1 ? failWith('EmailThrottledError') : send()),
    });

    const execution = await harness.run(survey(), () =>
      harness.answer('AwaitRating', { score: 5 })
    );

    expect(attempts).toBe(2);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('ends the survey as failed, with the reason, when the send fails for good', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: prepared('send'),
      SendSurveyEmail: () => failWith('EmailRejectedError'),
      CloseSurvey: expired,
    });

    const execution = await harness.run(survey());

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('EmailRejectedError');
    expect(harness.callsOf('SendSurveyEmail')).toHaveLength(1);
    expect(harness.callsOf('CloseSurvey').map((c) => c.payload)).toEqual([
      { surveyId, outcome: 'failed', reason: 'EmailRejectedError' },
    ]);
  });
});

describe('State machine: follow-up-case', () => {
  const followUpId = 'b'.repeat(32);
  /** A case whose owner is mailed, which waits for its resolution, then mails the requester. */
  const working: Fakes = {
    NotifyFollowUpOwner: () => null,
    AwaitFollowUpResolution: () => null,
    SendClosingEmail: () => ({ sent: true }),
  };
  const escalating: Fakes = { ...working, EscalateFollowUp: () => ({ escalated: true }) };
  const aCase = (slaSeconds: number, afterEscalationSeconds: number) => ({
    followUpId,
    timers: { slaSeconds, afterEscalationSeconds },
  });

  it('notifies the owner, waits for the resolution, and sends the closing mail', async () => {
    const harness = await workflowHarness('FollowUpCase', escalating);

    const execution = await harness.run(aCase(30, 30), () =>
      harness.answer('AwaitFollowUpResolution', { resolved: true })
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual([
      'NotifyFollowUpOwner',
      'AwaitFollowUpResolution',
      'SendClosingEmail',
    ]);
  });

  it('escalates a case past its SLA, and still closes it when resolved later', async () => {
    const harness = await workflowHarness('FollowUpCase', escalating);

    const execution = await harness.run(aCase(1, 30), () =>
      harness.answer('AwaitFollowUpResolution', { resolved: true }, 1)
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual([
      'NotifyFollowUpOwner',
      'AwaitFollowUpResolution',
      'EscalateFollowUp',
      'AwaitFollowUpResolution',
      'SendClosingEmail',
    ]);
  });

  it('resumes a case at its wait without mailing the owner again', async () => {
    const harness = await workflowHarness('FollowUpCase', working);

    const execution = await harness.run({ ...aCase(30, 30), resume: true }, () =>
      harness.answer('AwaitFollowUpResolution', { resolved: true })
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual(['AwaitFollowUpResolution', 'SendClosingEmail']);
  });

  it('stops waiting at the maximum age, leaving the case overdue', async () => {
    const harness = await workflowHarness('FollowUpCase', escalating);

    const execution = await harness.run(aCase(1, 1));

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('SendClosingEmail')).toHaveLength(0);
    expect(harness.callsOf('EscalateFollowUp')).toHaveLength(1);
  });
});
