import { describe, expect, it } from 'vitest';
import { csiExecutionInput, csiWaits } from '#shared/kernel/survey-waits.ts';

const windows = { reminderAfterSeconds: 3 * 86400, expireAfterReminderSeconds: 4 * 86400 };
const sentAt = '2026-12-01T10:00:00.000Z';
const closesAt = '2026-12-08T10:00:00.000Z';

describe('csiWaits: the waits of a CSI execution from the survey it starts for', () => {
  it('gives a survey not mailed yet the full windows', () => {
    for (const status of ['scheduled', 'sending'] as const) {
      expect(csiWaits({ status }, windows, new Date(sentAt))).toEqual({
        untilReminderSeconds: 259_200,
        untilCloseSeconds: 345_600,
      });
    }
  });

  it('gives a mailed survey what is left until the reminder, then from the reminder to closesAt', () => {
    const now = new Date('2026-12-02T10:00:00.000Z');
    expect(csiWaits({ status: 'sent', sentAt, closesAt }, windows, now)).toEqual({
      untilReminderSeconds: 2 * 86400,
      untilCloseSeconds: 4 * 86400,
    });
  });

  it('sends a reminder that is already due at once, with what is left of the window after it', () => {
    const now = new Date('2026-12-05T10:00:00.000Z');
    expect(csiWaits({ status: 'sent', sentAt, closesAt }, windows, now)).toEqual({
      untilReminderSeconds: 1,
      untilCloseSeconds: 3 * 86400,
    });
  });

  it('gives a reminded survey what is left until closesAt', () => {
    const now = new Date('2026-12-07T10:00:00.000Z');
    expect(csiWaits({ status: 'reminded', sentAt, closesAt }, windows, now)).toEqual({
      untilReminderSeconds: 1,
      untilCloseSeconds: 86400,
    });
  });

  it('gives 1 s, never a negative or zero timeout, once the window has passed', () => {
    const now = new Date('2026-12-20T10:00:00.000Z');
    expect(csiWaits({ status: 'sent', sentAt, closesAt }, windows, now)).toEqual({
      untilReminderSeconds: 1,
      untilCloseSeconds: 1,
    });
    expect(csiWaits({ status: 'reminded', sentAt, closesAt }, windows, now)).toEqual({
      untilReminderSeconds: 1,
      untilCloseSeconds: 1,
    });
  });

  it('rounds a part second up, so the wait never ends before its time', () => {
    const now = new Date('2026-12-08T09:59:59.400Z');
    expect(csiWaits({ status: 'reminded', sentAt, closesAt }, windows, now).untilCloseSeconds).toBe(
      1
    );
    const earlier = new Date('2026-12-08T09:59:58.400Z');
    expect(
      csiWaits({ status: 'reminded', sentAt, closesAt }, windows, earlier).untilCloseSeconds
    ).toBe(2);
  });

  it('puts the survey id and the waits in the execution input', () => {
    expect(
      csiExecutionInput({ surveyId: 's-1', status: 'scheduled' }, windows, new Date())
    ).toEqual({
      surveyId: 's-1',
      waits: { untilReminderSeconds: 259_200, untilCloseSeconds: 345_600 },
    });
  });
});
