import { describe, expect, it } from 'vitest';
import { failWith, workflowHarness } from './workflow-harness.ts';

/** csi-survey.asl.json, path by path, with test doubles for its Lambda tasks. */
const surveyId = 'a'.repeat(32);
const timers = (overrides: Record<string, number> = {}) => ({
  sendDelaySeconds: 0,
  reminderAfterSeconds: 30,
  expireAfterReminderSeconds: 30,
  followUpThreshold: 5,
  ...overrides,
});
const send = () => ({ sent: true, stop: false });

describe('State machine: csi-survey', () => {
  it('ends after a 5 without a follow-up', async () => {
    // Prepare
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: send,
      AwaitRating: () => null,
      OpenFollowUp: () => ({ opened: true }),
    });

    // Act
    const execution = harness.start({ surveyId, timers: timers() });
    harness.tokens.succeed(await harness.tokenOf('AwaitRating'), { score: 5 });
    await execution.done;

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('SendSurveyEmail').map((c) => c.payload)).toEqual([
      { surveyId, kind: 'invitation', timers: timers() },
    ]);
    expect(harness.callsOf('OpenFollowUp')).toHaveLength(0);
  });

  it('opens a follow-up after a 3', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: send,
      AwaitRating: () => null,
      OpenFollowUp: () => ({ opened: true }),
    });

    const execution = harness.start({ surveyId, timers: timers() });
    harness.tokens.succeed(await harness.tokenOf('AwaitRating'), { score: 3 });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('OpenFollowUp').map((c) => c.payload)).toEqual([{ surveyId }]);
  });

  it('waits the send delay before the mail', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: () => ({ sent: false, stop: true }),
    });
    const started = Date.now();

    const execution = harness.start({ surveyId, timers: timers({ sendDelaySeconds: 1 }) });
    await execution.done;

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(harness.callsOf('SendSurveyEmail')).toHaveLength(1);
  });

  it('reminds once when no rating comes, then expires the survey', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: send,
      AwaitRating: () => null,
      CloseSurvey: () => ({ expired: true }),
    });

    const execution = harness.start({
      surveyId,
      timers: timers({ reminderAfterSeconds: 1, expireAfterReminderSeconds: 1 }),
    });
    await execution.done;

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
      PrepareSurvey: () => ({ decision: 'await-after-reminder' }),
      AwaitRating: () => null,
      CloseSurvey: () => ({ score: 2 }),
      OpenFollowUp: () => ({ opened: true }),
    });

    const execution = harness.start({
      surveyId,
      timers: timers({ expireAfterReminderSeconds: 1 }),
    });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('OpenFollowUp')).toHaveLength(1);
  });

  it('ends as cancelled when the ticket is reopened before the mail', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: () => ({ sent: false, stop: true }),
      AwaitRating: () => null,
    });

    const execution = harness.start({ surveyId, timers: timers() });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('AwaitRating')).toHaveLength(0);
  });

  it('ends as cancelled when the ticket is reopened after the mail', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: send,
      AwaitRating: () => null,
      CloseSurvey: () => ({ expired: true }),
    });

    const execution = harness.start({ surveyId, timers: timers() });
    harness.tokens.fail(await harness.tokenOf('AwaitRating'), 'SurveyCancelled', 'ticket reopened');
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('CloseSurvey')).toHaveLength(0);
    expect(harness.callsOf('SendSurveyEmail')).toHaveLength(1);
  });

  it('sends nothing to a suppressed survey', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'done' }),
    });

    const execution = harness.start({ surveyId, timers: timers() });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual(['PrepareSurvey']);
  });

  it('retries a throttled send, then waits for the rating', async () => {
    let attempts = 0;
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: () => (++attempts === 1 ? failWith('EmailThrottledError') : send()),
      AwaitRating: () => null,
    });

    const execution = harness.start({ surveyId, timers: timers() });
    harness.tokens.succeed(await harness.tokenOf('AwaitRating'), { score: 5 });
    await execution.done;

    expect(attempts).toBe(2);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('ends the survey as failed, with the reason, when the send fails for good', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      PrepareSurvey: () => ({ decision: 'send' }),
      SendSurveyEmail: () => failWith('EmailRejectedError'),
      CloseSurvey: () => ({ expired: true }),
    });

    const execution = harness.start({ surveyId, timers: timers() });
    await execution.done;

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

  it('notifies the owner, waits for the resolution, and sends the closing mail', async () => {
    const harness = await workflowHarness('FollowUpCase', {
      NotifyFollowUpOwner: () => null,
      AwaitFollowUpResolution: () => null,
      SendClosingEmail: () => ({ sent: true }),
      EscalateFollowUp: () => ({ escalated: true }),
    });

    const execution = harness.start({
      followUpId,
      timers: { slaSeconds: 30, afterEscalationSeconds: 30 },
    });
    harness.tokens.succeed(await harness.tokenOf('AwaitFollowUpResolution'), { resolved: true });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual([
      'NotifyFollowUpOwner',
      'AwaitFollowUpResolution',
      'SendClosingEmail',
    ]);
  });

  it('escalates a case past its SLA, and still closes it when resolved later', async () => {
    const harness = await workflowHarness('FollowUpCase', {
      NotifyFollowUpOwner: () => null,
      AwaitFollowUpResolution: () => null,
      SendClosingEmail: () => ({ sent: true }),
      EscalateFollowUp: () => ({ escalated: true }),
    });

    const execution = harness.start({
      followUpId,
      timers: { slaSeconds: 1, afterEscalationSeconds: 30 },
    });
    harness.tokens.succeed(await harness.tokenOf('AwaitFollowUpResolution', 1), { resolved: true });
    await execution.done;

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
    const harness = await workflowHarness('FollowUpCase', {
      NotifyFollowUpOwner: () => null,
      AwaitFollowUpResolution: () => null,
      SendClosingEmail: () => ({ sent: true }),
    });

    const execution = harness.start({
      followUpId,
      resume: true,
      timers: { slaSeconds: 30, afterEscalationSeconds: 30 },
    });
    harness.tokens.succeed(await harness.tokenOf('AwaitFollowUpResolution'), { resolved: true });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((c) => c.id)).toEqual(['AwaitFollowUpResolution', 'SendClosingEmail']);
  });

  it('stops waiting at the maximum age, leaving the case overdue', async () => {
    const harness = await workflowHarness('FollowUpCase', {
      NotifyFollowUpOwner: () => null,
      AwaitFollowUpResolution: () => null,
      EscalateFollowUp: () => ({ escalated: true }),
      SendClosingEmail: () => ({ sent: true }),
    });

    const execution = harness.start({
      followUpId,
      timers: { slaSeconds: 1, afterEscalationSeconds: 1 },
    });
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('SendClosingEmail')).toHaveLength(0);
    expect(harness.callsOf('EscalateFollowUp')).toHaveLength(1);
  });
});
