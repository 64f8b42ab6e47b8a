import { describe, expect, it } from 'vitest';
import type { Json } from '#local/stepfunctions/definition-loader.ts';
import { failWith, workflowHarness, type Fakes } from './workflow-harness.ts';

/**
 * csi-survey.asl.json, path by path, with test doubles for its Lambda tasks: the states
 * each path goes through (from the execution history) and what each task was given. The
 * doubles of the mail tasks stand in for functions/csi/tasks (unit-tested on their own):
 * they park (return) or answer their token themselves, or throw the mail errors.
 */
const surveyId = 'a'.repeat(32);
const waits = (untilReminderSeconds = 30, untilCloseSeconds = 30) => ({
  untilReminderSeconds,
  untilCloseSeconds,
});
/** The execution input (functions/shared/kernel/survey-waits.ts). */
const input = (w = waits()) => ({ surveyId, waits: w });

/** A mail task that mailed and parked its token: the rating (or the timeout) ends it. */
const parks = () => null;
const expired = () => ({ expired: true });

type Harness = Awaited<ReturnType<typeof workflowHarness>>;

/** The states an execution entered, in order: its state transitions, as AWS bills them. */
const statesEntered = (execution: { history: readonly { type: string; [k: string]: unknown }[] }) =>
  execution.history.flatMap((event) => {
    const details = event.stateEnteredEventDetails as { name?: string } | undefined;
    return event.type.endsWith('StateEntered') && details?.name ? [details.name] : [];
  });

/** A mail task that answers its own token (nothing to mail, or the survey is over). */
const answersItself =
  (harness: () => Harness, outcome: string) =>
  (payload: Json): null => {
    const token = (payload as { taskToken: string }).taskToken;
    // After the invocation returns, as the real task's SendTaskSuccess would land.
    setTimeout(() => {
      harness().tokens.succeed(token, { outcome });
    }, 10);
    return null;
  };

/** A task that fails with each of `errors` in turn, then parks. */
const failsThenParks = (...errors: string[]) => {
  let calls = 0;
  return () => (calls < errors.length ? failWith(errors[calls++] ?? 'Error') : parks());
};

describe('State machine: csi-survey', () => {
  it('ends after one transition when the rating comes before the reminder', async () => {
    // Prepare
    const harness = await workflowHarness('CsiSurvey', { MailInvitation: parks });

    // Act
    const execution = await harness.run(input(), () =>
      harness.answer('MailInvitation', { score: 5 })
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual(['MailInvitationAndAwaitRating']);
    expect(harness.callsOf('MailInvitation').map((c) => c.payload)).toEqual([
      { surveyId, taskToken: expect.any(String), waits: waits() },
    ]);
  });

  it('ends after two transitions when the rating comes after the reminder', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      MailInvitation: parks,
      MailReminder: parks,
    });

    const execution = await harness.run(input(waits(1, 30)), () =>
      harness.answer('MailReminder', { score: 4 })
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'MailInvitationAndAwaitRating',
      'MailReminderAndAwaitRating',
    ]);
    expect(harness.callsOf('MailReminder').map((c) => c.payload)).toEqual([
      { surveyId, taskToken: expect.any(String), waits: waits(1, 30) },
    ]);
  });

  it('reminds once, then expires an unanswered survey in three transitions', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      MailInvitation: parks,
      MailReminder: parks,
      CloseSurvey: expired,
    });

    const execution = await harness.run(input(waits(1, 1)));

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'MailInvitationAndAwaitRating',
      'MailReminderAndAwaitRating',
      'CloseUnansweredSurvey',
    ]);
    expect(harness.callsOf('CloseSurvey').map((c) => c.payload)).toEqual([
      { surveyId, outcome: 'expired' },
    ]);
  });

  it.each(['suppressed', 'no-contact', 'cancelled'])(
    'ends after one transition when the invitation task answers itself (%s)',
    async (outcome) => {
      const harness: Harness = await workflowHarness('CsiSurvey', {
        MailInvitation: answersItself(() => harness, outcome),
      });

      const execution = await harness.run(input());

      expect(execution.status).toBe('SUCCEEDED');
      expect(statesEntered(execution)).toEqual(['MailInvitationAndAwaitRating']);
      expect(harness.calls.map((c) => c.id)).toEqual(['MailInvitation']);
    }
  );

  it.each(['EmailThrottledError', 'EmailUnavailableError'])(
    'retries the invitation after %s (nothing was sent), with a new task token',
    async (error) => {
      const harness = await workflowHarness('CsiSurvey', {
        MailInvitation: failsThenParks(error),
      });

      const execution = await harness.run(input(), () =>
        harness.answer('MailInvitation', { score: 5 }, 1)
      );

      expect(execution.status).toBe('SUCCEEDED');
      expect(statesEntered(execution)).toEqual(['MailInvitationAndAwaitRating']);
      const tokens = harness
        .callsOf('MailInvitation')
        .map((c) => (c.payload as { taskToken: string }).taskToken);
      expect(tokens).toHaveLength(2);
      expect(new Set(tokens).size).toBe(2);
    }
  );

  it('retries after an unknown outcome, and the retry (which finds the receipt) mails nothing again', async () => {
    // The double keeps the one fact the real task decides on: whether SES took attempt 1.
    const mails: string[] = [];
    let receipt: string | undefined;
    const harness = await workflowHarness('CsiSurvey', {
      MailInvitation: () => {
        if (receipt === undefined) {
          mails.push('invitation');
          receipt = 'message-1';
          return failWith('EmailOutcomeUnknownError');
        }
        return parks();
      },
    });

    const execution = await harness.run(input(), () =>
      harness.answer('MailInvitation', { score: 3 }, 1)
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(mails).toEqual(['invitation']);
    expect(harness.callsOf('MailInvitation')).toHaveLength(2);
  });

  it('keeps retrying an unknown outcome without a receipt until the window has passed, then mails once', async () => {
    // Attempt 1 got no answer; retry 1 finds no receipt within the window (unknown again);
    // retry 2, past the window, mails.
    const mails: number[] = [];
    let calls = 0;
    const harness = await workflowHarness('CsiSurvey', {
      MailInvitation: () => {
        calls += 1;
        if (calls === 1) return failWith('EmailOutcomeUnknownError');
        if (calls === 2) return failWith('EmailOutcomeUnknownError');
        mails.push(calls);
        return parks();
      },
    });

    // Two unknown-outcome retries with full jitter wait up to 10 s + 20 s.
    const execution = await harness.run(input(), () =>
      harness.answer('MailInvitation', { score: 5 }, 2, 40_000)
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(mails).toEqual([3]);
    expect(statesEntered(execution)).toEqual(['MailInvitationAndAwaitRating']);
  }, 50_000);

  it('ends the survey as failed, with the reason, when SES rejects the mail for good', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      MailInvitation: () => failWith('EmailRejectedError'),
      CloseSurvey: expired,
    });

    const execution = await harness.run(input());

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('EmailRejectedError');
    expect(harness.callsOf('MailInvitation')).toHaveLength(1);
    expect(statesEntered(execution)).toEqual([
      'MailInvitationAndAwaitRating',
      'MarkSurveyFailed',
      'SurveyFailed',
    ]);
    expect(harness.callsOf('CloseSurvey').map((c) => c.payload)).toEqual([
      { surveyId, outcome: 'failed', reason: 'EmailRejectedError' },
    ]);
  });

  it('hands a resumed survey that had its reminder straight to the reminder wait', async () => {
    const harness = await workflowHarness('CsiSurvey', {
      MailInvitation: () => failWith('SurveyAlreadyReminded'),
      MailReminder: parks,
    });

    const execution = await harness.run(input(waits(1, 30)), () =>
      harness.answer('MailReminder', { score: 2 })
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('MailInvitation')).toHaveLength(1);
    expect(statesEntered(execution)).toEqual([
      'MailInvitationAndAwaitRating',
      'MailReminderAndAwaitRating',
    ]);
  });

  it('ends when the reminder task answers itself (rated or cancelled meanwhile)', async () => {
    const harness: Harness = await workflowHarness('CsiSurvey', {
      MailInvitation: parks,
      MailReminder: answersItself(() => harness, 'rated'),
    });

    const execution = await harness.run(input(waits(1, 30)));

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.callsOf('CloseSurvey')).toHaveLength(0);
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
